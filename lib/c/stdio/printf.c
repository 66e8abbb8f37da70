// lib/c/stdio/printf.c: printf, fprintf, snprintf and friends over the
// format engine (format.c), plus asprintf and perror.
#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../internal.h"
#include "format.h"

int __file_write(FILE *f, const void *p, size_t n);

static void
file_put(struct fmtsink *s, const char *p, size_t n)
{
	__file_write(s->ctx, p, n);
}

int
vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct fmtsink s = {file_put, f, 0};
	int r = fmt_vformat(&s, fmt, ap);

	if (r < 0)
		errno = EINVAL;
	return ferror(f) ? -1 : r;
}

int
vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int
printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

int
fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

// Unbuffered output straight to a descriptor, 256 bytes at a time.
struct fdctx {
	int fd;
	int err;
	size_t len;
	char buf[256];
};

static void
fd_flush(struct fdctx *c)
{
	size_t off = 0;

	while (off < c->len) {
		ssize_t w = write(c->fd, c->buf + off, c->len - off);
		if (w <= 0) {
			c->err = 1;
			break;
		}
		off += (size_t)w;
	}
	c->len = 0;
}

static void
fd_put(struct fmtsink *s, const char *p, size_t n)
{
	struct fdctx *c = s->ctx;

	while (n > 0) {
		size_t k = sizeof c->buf - c->len;
		if (k > n)
			k = n;
		memcpy(c->buf + c->len, p, k);
		c->len += k;
		p += k;
		n -= k;
		if (c->len == sizeof c->buf)
			fd_flush(c);
	}
}

int
vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct fdctx c = {.fd = fd};
	struct fmtsink s = {fd_put, &c, 0};
	int r = fmt_vformat(&s, fmt, ap);

	fd_flush(&c);
	return c.err ? -1 : r;
}

int
dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}

int
vsnprintf(char *restrict buf, size_t n, const char *restrict fmt, va_list ap)
{
	return fmt_vsnprintf(buf, n, fmt, ap);
}

int
snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = fmt_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int
vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return fmt_vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

int
sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

// perror prints the kernel's error string when it has one: it says more
// than strerror (which path, which limit).
void
perror(const char *s)
{
	char why[ERRMAX];
	int e = errno;

	errstr(why, sizeof why);
	if (why[0] == '\0')
		strcpy(why, strerror(e));
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, why);
	else
		fprintf(stderr, "%s\n", why);
}

// The _FORTIFY_SOURCE forms: flag is ignored (lib/c has no %n to refuse);
// buflen is what the compiler knows of the buffer's size.
int
__vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap)
{
	(void)flag;
	return vfprintf(f, fmt, ap);
}

int
__fprintf_chk(FILE *f, int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	(void)flag;
	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int
__printf_chk(int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	(void)flag;
	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

int
__vsnprintf_chk(char *buf, size_t n, int flag, size_t buflen, const char *fmt, va_list ap)
{
	(void)flag;
	if (n > buflen)
		__chk_fail();
	return fmt_vsnprintf(buf, n, fmt, ap);
}

int
__snprintf_chk(char *buf, size_t n, int flag, size_t buflen, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vsnprintf_chk(buf, n, flag, buflen, fmt, ap);
	va_end(ap);
	return r;
}

int
__sprintf_chk(char *buf, int flag, size_t buflen, const char *fmt, ...)
{
	va_list ap;
	int r;

	(void)flag;
	va_start(ap, fmt);
	r = fmt_vsnprintf(buf, buflen, fmt, ap);
	va_end(ap);
	if (r >= 0 && (size_t)r >= buflen)
		__chk_fail();
	return r;
}

// asprintf: format into a buffer of exactly the right size, measured first.
int
vasprintf(char **restrict out, const char *restrict fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = fmt_vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	*out = NULL;
	if (n < 0)
		return -1;
	*out = malloc((size_t)n + 1);
	if (*out == NULL)
		return -1;
	fmt_vsnprintf(*out, (size_t)n + 1, fmt, ap);
	return n;
}

int
asprintf(char **restrict out, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(out, fmt, ap);
	va_end(ap);
	return r;
}
