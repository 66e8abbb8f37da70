// tests/guest/ns_base_test.c: /base and the root union (DESIGN section 3,
// cmd/init/ns.c). '#braw/archive' is the raw boot archive (read-only,
// pread anywhere, stat giving its length); init serves it with tarfs on
// /base (posted as /srv/base); / is '#/' then /writable (which takes new
// files) then /base; execve runs programs that are not files of '#b' (read
// into the kernel first). Skipped, saying so, when the image has no
// /bin/tarfs.
#include "nsutil.h"

#define PREAD(fd, buf, n, off)                                                                     \
	rawsyscall(SYS_pread, (int64_t)(fd), (int64_t)(buf), (int64_t)(n), (int64_t)(off), 0, 0)

static char text[4096], text2[4096];
static uint8_t ba[4096], bb[4096];

// Whether the files a and b have the same bytes (and at least one); the
// byte count in *n.
static int
samefile(const char *a, const char *b, int64_t *n)
{
	int64_t fa = kopen(a, O_RDONLY), fb = kopen(b, O_RDONLY), ra, rb;
	int same = fa >= 0 && fb >= 0;

	*n = 0;
	while (same) {
		ra = kread((int)fa, ba, sizeof ba);
		rb = kread((int)fb, bb, sizeof bb);
		if (ra != rb || ra < 0 || memcmp(ba, bb, (size_t)ra) != 0)
			same = 0;
		else if (ra == 0)
			break;
		else
			*n += ra;
	}
	kclose((int)fa);
	kclose((int)fb);
	return same && *n > 0;
}

static void
raw(void)
{
	uint8_t st[256], h[512], a[100], b[100];
	char why[128];
	int64_t fd, len, r;

	tap_ok(dirnames("#braw", text, sizeof text) == 0 && strcmp(text, " archive ") == 0,
	       "'#braw' holds one file, archive:%s", text);
	r = kstat("#braw/archive", st, sizeof st);
	len = r > 0 ? (int64_t)statlength(st) : -1;
	tap_ok(r > 0 && !(statmode(st) & DMDIR) && (statmode(st) & 0777) == 0444 && len > 1024 &&
	               len % 512 == 0,
	       "stat '#braw/archive': a read-only file of %lld bytes (whole blocks)",
	       (long long)len);
	fd = kopen("#braw/archive", O_RDONLY);
	tap_ok(fd >= 0 && PREAD(fd, h, sizeof h, 0) == 512 && memcmp(h + 257, "ustar", 5) == 0,
	       "its first block is a ustar header");
	tap_ok(PREAD(fd, a, sizeof a, len - 50) == 50 && PREAD(fd, a, sizeof a, len) == 0,
	       "pread near the end is short, at the end empty");
	tap_ok(PREAD(fd, a, sizeof a, 777777) == 100 &&
	               SC(SYS_seek, fd, 777777, SEEK_SET) == 777777 &&
	               kread((int)fd, b, sizeof b) == 100 && memcmp(a, b, sizeof a) == 0,
	       "pread at an odd offset gives what seek and read give");
	tap_ok(SC(SYS_seek, fd, 0, SEEK_END) == len, "seek to the end gives the stat length");
	kclose((int)fd);
	tap_ok(kopen("#braw/archive", O_RDWR) == -EROFS, "it cannot be opened for writing: EROFS");
	r = kopen("#bjunk", O_RDONLY);
	snprintf(why, sizeof why, "%s", kerr());
	tap_ok(r == -ENOENT && strstr(why, "'raw'") != NULL, "another attach name is refused: %s",
	       why);
	r = SC(SYS_execve, "#braw/archive", 0, 0);
	snprintf(why, sizeof why, "%s", kerr());
	tap_ok(r == -EACCES && strstr(why, "not executable"), "and it is not a program: %s", why);
}

// The tarfs process init started (its parent is 1); its pid, or -1.
static int
tarfs_pid(char *status, size_t n)
{
	static char list[4096];
	char path[64];

	if (dirnames("/proc", list, sizeof list) < 0)
		return -1;
	for (char *s = list; *s; s++) {
		int pid = atoi(s);

		while (*s && *s != ' ')
			s++;
		if (pid <= 1)
			continue;
		snprintf(path, sizeof path, "/proc/%d/status", pid);
		if (slurp(path, status, n) > 0 && strstr(status, "name tarfs") &&
		    strstr(status, "ppid 1\n"))
			return pid;
		if (*s == '\0')
			break;
	}
	return -1;
}

static void
base(void)
{
	char status[256], why[128], *p;
	uint8_t st[256];
	int64_t n, fd, len;
	int pid, same;

	tap_ok(slurp("/proc/1/ns", text, sizeof text) > 0 &&
	               strstr(text, "mount '#|/data' '/base'\n") != NULL &&
	               strstr(text, "'#b' '/base'") == NULL,
	       "init mounted a server on /base in place of '#b'");
	tap_ok(exists("/srv/base"), "and posted it as /srv/base");
	tap_ok(dirnames("/base", text, sizeof text) == 0 &&
	               dirnames("#b", text2, sizeof text2) == 0 && strcmp(text, text2) == 0 &&
	               hasname(text, "bin") && hasname(text, "man"),
	       "/base lists the archive's top level, as '#b' does:%s", text);
	same = samefile("/base/bin/init", "#b/bin/init", &n);
	tap_ok(same, "/base/bin/init reads the same %lld bytes as '#b/bin/init'", (long long)n);
	same = samefile("/base/man/whatis", "#b/man/whatis", &n);
	tap_ok(same, "/base/man/whatis reads the same %lld bytes as '#b/man/whatis'", (long long)n);
	len = kstat("/base/bin/init", st, sizeof st) > 0 ? (int64_t)statlength(st) : -1;
	fd = kopen("/base/bin/init", O_RDONLY);
	tap_ok(fd >= 0 && PREAD(fd, ba, 100, len - 60) == 60 && PREAD(fd, ba, 100, len) == 0,
	       "stat gives its length (%lld); reads stop there", (long long)len);
	kclose((int)fd);
	n = kopen("/base/bin/init", O_RDWR);
	snprintf(why, sizeof why, "%s", kerr());
	tap_ok(n == -EROFS && strstr(why, "read-only") != NULL, "/base cannot be written: %s", why);
	n = kcreate("/base/man/new", O_RDWR, 0644);
	snprintf(why, sizeof why, "%s", kerr());
	tap_ok(n == -EROFS && strstr(why, "read-only") != NULL, "nor take new files: %s", why);
	n = SC(SYS_remove, "/base/man/whatis", 0, 0);
	snprintf(why, sizeof why, "%s", kerr());
	tap_ok(n < 0 && strstr(why, "read-only") != NULL && exists("/base/man/whatis"),
	       "nor lose them: %s", why);
	// tarfs indexes the archive and reads data with pread: it must not
	// hold a copy of the archive in its memory.
	pid = tarfs_pid(status, sizeof status);
	p = pid > 0 ? strstr(status, "pages ") : NULL;
	n = p ? atoll(p + 6) : -1;
	len = kstat("#braw/archive", st, sizeof st) > 0 ? (int64_t)statlength(st) : -1;
	tap_ok(n > 0 && n * 4096 < len / 4,
	       "tarfs (pid %d) uses %lld pages (%lld KiB) for a %lld KiB archive", pid,
	       (long long)n, (long long)n * 4, (long long)len / 1024);
}

// The root union: '#/', then /writable, then /base.
static void
root(void)
{
	char buf[64];
	int64_t fd, n;
	int same;

	tap_ok(slurp("/proc/self/ns", text, sizeof text) > 0 &&
	               strstr(text, "bind -a '#b' '/'") == NULL,
	       "'#b' is no longer in the root union");
	tap_ok(dirnames("/", text, sizeof text) == 0 && countname(text, "bin") == 1 &&
	               countname(text, "base") == 1 && countname(text, "man") == 1 &&
	               countname(text, "test") == 1 && hasname(text, "writable"),
	       "ls / gives the mount points, then /base's names, each once:%s", text);
	same = samefile("/man/whatis", "#b/man/whatis", &n);
	tap_ok(same, "/man/whatis (only in /base) resolves through the union (%lld bytes)",
	       (long long)n);
	tap_ok(exists("/proc/self/status") && exists("/dev/cons") && exists("/bin/init"),
	       "'#/' comes first: its mount points still lead to what is mounted there");
	fd = kcreate("/ns_base_new", O_RDWR, 0644);
	tap_ok(fd >= 0 && kwrite((int)fd, "made at /\n", 10) == 10, "create /ns_base_new: %s",
	       fd < 0 ? kerr() : "ok");
	kclose((int)fd);
	tap_ok(slurp("/writable/ns_base_new", buf, sizeof buf) == 10 &&
	               strcmp(buf, "made at /\n") == 0,
	       "it landed in /writable");
	tap_ok(slurp("/ns_base_new", buf, sizeof buf) == 10 && strcmp(buf, "made at /\n") == 0 &&
	               dirnames("/", text, sizeof text) == 0 && countname(text, "ns_base_new") == 1,
	       "and is seen at / (read and listed)");
	tap_ok(SC(SYS_remove, "/ns_base_new", 0, 0) == 0 && !exists("/writable/ns_base_new") &&
	               !exists("/ns_base_new"),
	       "removing it at / removes it from /writable");
	// A directory of /writable hides /base's of the same name (the first
	// member that has a name wins; the union is not recursive).
	fd = kcreate("/writable/man", O_RDONLY, DMDIR | 0755);
	kclose((int)fd);
	fd = kcreate("/writable/man/whatis", O_RDWR, 0644);
	tap_ok(fd >= 0 && kwrite((int)fd, "shadow\n", 7) == 7, "make /writable/man/whatis: %s",
	       fd < 0 ? kerr() : "ok");
	kclose((int)fd);
	tap_ok(slurp("/man/whatis", buf, sizeof buf) == 7 && strcmp(buf, "shadow\n") == 0 &&
	               dirnames("/man", text, sizeof text) == 0 && strcmp(text, " whatis ") == 0,
	       "/writable/man shadows /base/man:%s", text);
	n = SC(SYS_remove, "/writable/man/whatis", 0, 0);
	n = n == 0 ? SC(SYS_remove, "/writable/man", 0, 0) : n;
	tap_ok(n == 0 && samefile("/man/whatis", "#b/man/whatis", &n),
	       "removed, /man is /base's again");
}

// Run path (argv {path, arg}) in a child; its exit status, or 100 + the
// errno of a failed execve (its message in why).
static int
run(const char *path, const char *arg, char *why, size_t n)
{
	char *argv[] = {(char *)path, (char *)arg, NULL};
	struct waitmsg w;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, NULL);
		exits(100 + errno, lasterr());
	}
	if (pid < 0 || waitmsg(pid, &w, 0) != pid)
		return -1;
	snprintf(why, n, "%s", w.msg);
	return w.status;
}

// Copy from to to (created with perm); 0 or -1.
static int
copy(const char *from, const char *to, uint32_t perm)
{
	int64_t in = kopen(from, O_RDONLY), out = kcreate(to, O_RDWR, perm), r = 0;

	while (in >= 0 && out >= 0 && (r = kread((int)in, ba, sizeof ba)) > 0)
		if (kwrite((int)out, ba, (uint64_t)r) != r)
			r = -1;
	kclose((int)in);
	kclose((int)out);
	return in >= 0 && out >= 0 && r == 0 ? 0 : -1;
}

// execve of a program that is not a file of '#b': read into the kernel.
static void
exec_any(void)
{
	char why[128];
	int st;

	st = run("/base/bin/echo", "from /base", why, sizeof why);
	tap_ok(st == 0, "execve /base/bin/echo (through tarfs) runs it (%d %s)", st, why);
	st = run("/base/bin/false", NULL, why, sizeof why);
	tap_ok(st == 1, "execve /base/bin/false exits 1 (%d %s)", st, why);
	st = copy("/bin/true", "/writable/ns_base_true", 0755) == 0
	             ? run("/ns_base_true", NULL, why, sizeof why)
	             : -2;
	tap_ok(st == 0, "a program copied to /writable runs from there, through / (%d %s)", st,
	       why);
	st = copy("/bin/true", "/tmp/ns_base_noexec", 0644) == 0
	             ? run("/tmp/ns_base_noexec", NULL, why, sizeof why)
	             : -2;
	tap_ok(st == 100 + EACCES && strstr(why, "not executable (mode 644)"),
	       "one without execute permission: EACCES (%s)", why);
	st = copy("/man/whatis", "/tmp/ns_base_text", 0755) == 0
	             ? run("/tmp/ns_base_text", NULL, why, sizeof why)
	             : -2;
	tap_ok(st == 100 + ENOEXEC && strstr(why, "ELF"), "a text file: ENOEXEC (%s)", why);
	st = run("#c/cons", NULL, why, sizeof why);
	tap_ok(st == 100 + ENOEXEC || st == 100 + EACCES, "the console: refused (%s)", why);
	SC(SYS_remove, "/writable/ns_base_true", 0, 0);
	SC(SYS_remove, "/tmp/ns_base_noexec", 0, 0);
	SC(SYS_remove, "/tmp/ns_base_text", 0, 0);
}

int
main(void)
{
	raw();
	if (!exists("/bin/tarfs")) {
		printf("# SKIP /base and root union checks: /bin/tarfs is not in the image\n");
		guest_done();
	}
	base();
	root();
	exec_any();
	guest_done();
}
