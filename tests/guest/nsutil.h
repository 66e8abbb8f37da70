// tests/guest/nsutil.h: raw file and namespace system calls for the ns_*
// tests (they do not wait for lib/c's wrappers), each returning what the
// kernel returned (-errno on failure), plus directory and file helpers.
#ifndef TESTS_GUEST_NSUTIL_H
#define TESTS_GUEST_NSUTIL_H

#include "guest.h"

#define SC(n, a, b, c) rawsyscall((n), (int64_t)(a), (int64_t)(b), (int64_t)(c), 0, 0, 0)
#define SC4(n, a, b, c, d)                                                                         \
	rawsyscall((n), (int64_t)(a), (int64_t)(b), (int64_t)(c), (int64_t)(d), 0, 0)

static inline int64_t
kopen(const char *path, int flags)
{
	return SC(SYS_open, path, flags, 0);
}

static inline int64_t
kcreate(const char *path, int flags, uint32_t perm)
{
	return SC(SYS_create, path, flags, perm);
}

static inline int64_t
kread(int fd, void *buf, uint64_t n)
{
	return SC(SYS_read, fd, buf, n);
}

static inline int64_t
kwrite(int fd, const void *buf, uint64_t n)
{
	return SC(SYS_write, fd, buf, n);
}

static inline int64_t
kclose(int fd)
{
	return SC(SYS_close, fd, 0, 0);
}

static inline int64_t
kbind(const char *new, const char *old, int flags)
{
	return SC(SYS_bind, new, old, flags);
}

static inline int64_t
kunmount(const char *new, const char *old)
{
	return SC(SYS_unmount, new, old, 0);
}

static inline int64_t
kstat(const char *path, void *buf, uint64_t n)
{
	return SC(SYS_stat, path, buf, n);
}

static inline int64_t
kpipe(int32_t fd[2])
{
	return SC(SYS_pipe, fd, 0, 0);
}

// The kernel's error string now.
static inline const char *
kerr(void)
{
	static char buf[ERRMAX];

	return errstr(buf, sizeof buf);
}

static inline uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t
get32le(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

// The name of the 9P stat entry at e (name[s] is at byte 41) into out.
static inline void
statname(const uint8_t *e, char *out, size_t n)
{
	size_t l = get16(e + 41);

	if (l >= n)
		l = n - 1;
	memcpy(out, e + 43, l);
	out[l] = '\0';
}

static inline uint64_t
statlength(const uint8_t *e)
{
	return (uint64_t)get32le(e + 33) | (uint64_t)get32le(e + 37) << 32;
}

static inline uint32_t
statmode(const uint8_t *e)
{
	return get32le(e + 21);
}

// The names in directory path, space-separated with a leading and a
// trailing space (" a b "), into out; -errno if it cannot be read.
static inline int64_t
dirnames(const char *path, char *out, size_t n)
{
	static uint8_t buf[8192];
	int64_t fd = kopen(path, O_RDONLY), r;
	size_t o = 1;

	if (fd < 0)
		return fd;
	out[0] = ' ';
	out[1] = '\0';
	while ((r = kread((int)fd, buf, sizeof buf)) > 0) {
		for (int64_t i = 0; i + 2 <= r;) {
			char name[64];
			size_t sz = get16(buf + i) + 2u;

			statname(buf + i, name, sizeof name);
			if (o + strlen(name) + 2 < n) {
				memcpy(out + o, name, strlen(name));
				o += strlen(name);
				out[o++] = ' ';
				out[o] = '\0';
			}
			i += (int64_t)sz;
		}
	}
	kclose((int)fd);
	return r < 0 ? r : 0;
}

#ifndef NELEM
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#endif

// How many times the space-separated list has word w.
static inline int
countname(const char *list, const char *w)
{
	char pat[80];
	int n = 0;

	snprintf(pat, sizeof pat, " %s ", w);
	for (const char *s = list; (s = strstr(s, pat)) != NULL; s++)
		n++;
	return n;
}

// Whether the space-separated list has word w.
static inline int
hasname(const char *list, const char *w)
{
	char pat[80];

	snprintf(pat, sizeof pat, " %s ", w);
	return strstr(list, pat) != NULL;
}

// Read a whole (small) file into out, NUL-terminated; its length or -errno.
static inline int64_t
slurp(const char *path, char *out, size_t n)
{
	int64_t fd = kopen(path, O_RDONLY), r, got = 0;

	if (fd < 0)
		return fd;
	while ((size_t)got < n - 1 && (r = kread((int)fd, out + got, n - 1 - (size_t)got)) > 0)
		got += r;
	out[got] = '\0';
	kclose((int)fd);
	return got;
}

// Whether path names something in this namespace.
static inline int
exists(const char *path)
{
	uint8_t st[256];

	return kstat(path, st, sizeof st) > 0;
}

#endif
