// tests/guest/limit_test.c: limit groups (setlimit), note groups for kill,
// and '#c/hostname'. Every limit is set in a child, so this process stays
// outside the groups and must live on: the process limit stops fork with
// EAGAIN and its message; a page fault over the memory limit kills the
// child with KILLSTATUS_MEM, its message, a kernel log line and an audit
// record; brk and mmap larger than what is left fail with ENOMEM; nested
// groups cannot exceed the outer limit; usage goes back when members exit.
// kill(-pid) reaches a whole note group; '#c/hostname' reads, takes a
// valid name (uname follows) and refuses a bad one.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/utsname.h>

#include "guest.h"

#define KIB 1024ULL
#define MIB (1024ULL * 1024)

static int
readall(const char *path, char *buf, size_t cap)
{
	size_t got = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (got < cap - 1 && (n = read(fd, buf + got, cap - 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	buf[got] = '\0';
	return (int)got;
}

static int
file_has(const char *path, const char *want)
{
	static char buf[32768];

	if (readall(path, buf, sizeof buf) < 0)
		return 0;
	return strstr(buf, want) != NULL;
}

// The number after "key " in /proc/<pid>/status ("self" for pid 0), or
// -1 if there is none.
static long long
status(int pid, const char *key)
{
	char path[64], buf[1024], *s;
	size_t k = strlen(key);

	if (pid == 0)
		snprintf(path, sizeof path, "/proc/self/status");
	else
		snprintf(path, sizeof path, "/proc/%d/status", pid);
	if (readall(path, buf, sizeof buf) < 0)
		return -1;
	for (s = buf; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : s)
		if (strncmp(s, key, k) == 0 && s[k] == ' ')
			return atoll(s + k + 1);
	return -1;
}

static int
limit(uint64_t memory, uint64_t procs)
{
	struct limits l = {memory, procs};

	return setlimit(&l);
}

// Fail the child with a message.
static _Noreturn void
fail(const char *f, const char *arg)
{
	char msg[WAITMSG_LEN];

	snprintf(msg, sizeof msg, f, arg);
	exits(1, msg);
}

// Fork a child that waits until pipe p reads EOF, then exits; -1 and
// errno if fork failed.
static pid_t
sleeper(const int p[2])
{
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) > 0)
			;
		_exit(0);
	}
	return pid;
}

// procs=3: the group's leader and two children; a third fork fails.
static void
child_procs(void *arg)
{
	int p[2];
	pid_t a, b, c;
	char want[96];

	(void)arg;
	if (pipe(p) < 0 || limit(0, 3) < 0)
		fail("setup: %s", lasterr());
	if (status(0, "proclimit") != 3 || status(0, "procs") != 1)
		fail("status does not show proclimit 3, procs 1", "");
	a = sleeper(p);
	b = sleeper(p);
	c = sleeper(p);
	if (a < 0 || b < 0)
		fail("fork within the limit failed: %s", lasterr());
	if (c >= 0)
		fail("the fourth process was allowed", "");
	if (errno != EAGAIN)
		fail("fork over the limit: %s, not EAGAIN", strerror(errno));
	snprintf(want, sizeof want, "fork: process limit of 3 reached (snap 'limit_test')");
	if (strcmp(lasterr(), want) != 0)
		fail("errstr '%s'", lasterr());
	if (status(0, "procs") != 3)
		fail("procs is not 3 with two children", "");
	close(p[1]);
	while (wait(NULL) > 0)
		;
	if (status(0, "procs") != 1)
		fail("procs did not go back to 1", "");
	// The slots are free again.
	a = sleeper(p);
	if (a < 0)
		fail("fork after the children exited: %s", lasterr());
	waitpid(a, NULL, 0);
	exits(0, "");
}

// A filtered process's messages name its snap.
static void
child_snap(void *arg)
{
	uint8_t all[(NSYSCALL + 7) / 8];
	pid_t c;

	(void)arg;
	memset(all, 0xff, sizeof all);
	if (sysfilter(all, sizeof all, "demo.snap") < 0 || limit(0, 1) < 0)
		fail("setup: %s", lasterr());
	c = fork();
	if (c == 0)
		_exit(0);
	if (c >= 0 || strcmp(lasterr(), "fork: process limit of 1 reached (snap 'demo.snap')") != 0)
		fail("errstr '%s'", lasterr());
	exits(0, "");
}

static void
test_procs(void)
{
	struct waitmsg w;

	if (in_child(child_procs, NULL, &w) == 0)
		tap_ok(w.status == 0,
		       "procs=3: two children fork, the fourth process fails with EAGAIN "
		       "'fork: process limit of 3 reached (snap 'limit_test')' (%d '%s')",
		       w.status, w.msg);
	if (in_child(child_snap, NULL, &w) == 0)
		tap_ok(w.status == 0,
		       "the message names the snap given to sysfilter: 'fork: process limit of 1 "
		       "reached (snap 'demo.snap')' (%d '%s')",
		       w.status, w.msg);
}

// Touch every page of [p, p+n).
static void
touch(volatile char *p, uint64_t n)
{
	for (uint64_t i = 0; i < n; i += 4096)
		p[i] = 1;
}

// memory 1 MiB: four lazily committed 512 KiB mappings each fit what is
// left when made, touching them all does not.
static void
child_touch(void *arg)
{
	char *m[4];

	(void)arg;
	if (limit(MIB, 0) < 0)
		fail("setlimit: %s", lasterr());
	for (int i = 0; i < 4; i++) {
		m[i] = mmap(NULL, 512 * KIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		            -1, 0);
		if (m[i] == MAP_FAILED)
			fail("mmap: %s", lasterr());
	}
	for (int i = 0; i < 4; i++)
		touch(m[i], 512 * KIB);
	exits(1, "touched 2 MiB under a 1 MiB limit");
}

// The kernel filling fresh pages for a call (getrandom into an untouched
// mapping) over the limit ends the same way as a fault.
static void
child_kfill(void *arg)
{
	char *a, *b;

	(void)arg;
	if (limit(MIB, 0) < 0)
		fail("setlimit: %s", lasterr());
	a = mmap(NULL, 512 * KIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	b = mmap(NULL, 512 * KIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED || b == MAP_FAILED)
		fail("mmap: %s", lasterr());
	touch(a, 512 * KIB);
	for (uint64_t off = 0; off < 512 * KIB; off += GETRANDOM_MAX)
		getrandom(b + off, GETRANDOM_MAX, 0);
	exits(1, "getrandom filled 1 MiB under a 1 MiB limit");
}

static void
test_fault(void)
{
	const char *msg = "memory limit of 1048576 bytes exceeded (snap 'limit_test')";
	struct waitmsg w;
	char want[160];
	char *big;

	if (in_child(child_touch, NULL, &w) < 0)
		return;
	tap_ok(w.status == KILLSTATUS_MEM && strcmp(w.msg, msg) == 0,
	       "a page fault over the limit kills: status %d '%s'", w.status, w.msg);
	tap_ok(KILLSTATUS_MEM == 153, "KILLSTATUS_MEM is 153 (128 + SIGXFSZ)");
	if (in_child(child_kfill, NULL, &w) == 0)
		tap_ok(w.status == KILLSTATUS_MEM && strcmp(w.msg, msg) == 0,
		       "a call filling fresh pages over the limit kills the same way: %d '%s'",
		       w.status, w.msg);
	if (in_child(child_touch, NULL, &w) < 0)
		return;
	snprintf(want, sizeof want, "pid=%d name=limit_test snap=(none) memlimit=1048576\n",
	         (int)w.pid);
	tap_ok(file_has("#c/audit", want), "#c/audit has '%.*s'", (int)strlen(want) - 1, want);
	snprintf(want, sizeof want, "kernel: killed pid %d 'limit_test': %s\n", (int)w.pid, msg);
	tap_ok(file_has("#c/kmsg", want), "the kernel log has '%.*s'", (int)strlen(want) - 1, want);
	// The parent is in no group and lives on with memory to spare.
	big = malloc(4 * MIB);
	if (big)
		touch(big, 4 * MIB);
	tap_ok(big != NULL && status(0, "memlimit") == 0 && status(0, "procs") == 0,
	       "the parent, in no group, lives on and touches 4 MiB");
	free(big);
}

// brk and mmap larger than what is left fail up front.
static void
child_eager(void *arg)
{
	const char *want = "memory limit of 1048576 bytes reached (snap 'limit_test')";
	void *m, *cur;

	(void)arg;
	if (limit(MIB, 0) < 0)
		fail("setlimit: %s", lasterr());
	m = mmap(NULL, 2 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m != MAP_FAILED || errno != ENOMEM)
		fail("mmap of 2 MiB did not fail with ENOMEM", "");
	if (strncmp(lasterr(), "mmap: ", 6) != 0 || strcmp(lasterr() + 6, want) != 0)
		fail("mmap errstr '%s'", lasterr());
	cur = sbrk(0);
	if (sbrk(2 * MIB) != (void *)-1 || errno != ENOMEM)
		fail("sbrk of 2 MiB did not fail with ENOMEM", "");
	if (strncmp(lasterr(), "brk: ", 5) != 0 || strcmp(lasterr() + 5, want) != 0)
		fail("brk errstr '%s'", lasterr());
	if (sbrk(0) != cur)
		fail("the failed sbrk moved the break", "");
	// What fits still works.
	m = mmap(NULL, 64 * KIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		fail("mmap of 64 KiB: %s", lasterr());
	touch(m, 64 * KIB);
	exits(0, "");
}

static void
test_eager(void)
{
	struct waitmsg w;

	if (in_child(child_eager, NULL, &w) == 0)
		tap_ok(w.status == 0,
		       "brk and mmap over the limit: ENOMEM '...: memory limit of 1048576 bytes "
		       "reached (snap 'limit_test')' (%d '%s')",
		       w.status, w.msg);
}

// An outer group of 2 processes and 1 MiB; an inner one asking for more
// gets no more.
static void
child_nested(void *arg)
{
	int p[2];
	pid_t a, b;
	void *m;

	(void)arg;
	if (pipe(p) < 0 || limit(MIB, 2) < 0 || limit(64 * MIB, 10) < 0)
		fail("setup: %s", lasterr());
	if (status(0, "memlimit") != (long long)(64 * MIB) || status(0, "proclimit") != 10)
		fail("status does not show the inner group", "");
	a = sleeper(p);
	b = sleeper(p);
	if (a < 0)
		fail("first fork: %s", lasterr());
	if (b >= 0 || errno != EAGAIN || !strstr(lasterr(), "process limit of 2 reached"))
		fail("second fork not refused by the outer limit: '%s'", lasterr());
	close(p[1]);
	waitpid(a, NULL, 0);
	m = mmap(NULL, 2 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m != MAP_FAILED || !strstr(lasterr(), "memory limit of 1048576 bytes reached"))
		fail("mmap of 2 MiB not refused by the outer limit: '%s'", lasterr());
	exits(0, "");
}

static void
test_nested(void)
{
	struct waitmsg w;

	if (in_child(child_nested, NULL, &w) == 0)
		tap_ok(w.status == 0,
		       "a nested group cannot exceed the outer one (processes and memory) "
		       "(%d '%s')",
		       w.status, w.msg);
}

// A member that touched memory and exited leaves nothing charged.
static void
child_usage(void *arg)
{
	long long before, during;
	int go[2], done[2];
	pid_t c;
	char x;

	(void)arg;
	if (pipe(go) < 0 || pipe(done) < 0 || limit(16 * MIB, 0) < 0)
		fail("setup: %s", lasterr());
	before = status(0, "memused");
	if (before != status(0, "pages") * 4096)
		fail("memused is not this process's pages x 4096", "");
	c = fork();
	if (c == 0) {
		char *m = malloc(2 * MIB);

		close(go[1]);
		if (m == NULL)
			_exit(2);
		touch(m, 2 * MIB);
		if (write(done[1], "t", 1) != 1 || read(go[0], &x, 1) < 0)
			_exit(3);
		_exit(0);
	}
	if (c < 0 || read(done[0], &x, 1) != 1)
		fail("child: %s", lasterr());
	during = status(0, "memused");
	if (during < before + (long long)(2 * MIB) || status(0, "procs") != 2)
		fail("the child's 2 MiB are not charged", "");
	if (during != (status(0, "pages") + status(c, "pages")) * 4096)
		fail("memused is not the sum of the members' pages", "");
	close(go[1]);
	waitpid(c, NULL, 0);
	if (status(0, "memused") != status(0, "pages") * 4096 || status(0, "procs") != 1)
		fail("usage did not go back after the child exited", "");
	exits(0, "");
}

static void
test_usage(void)
{
	struct waitmsg w;

	if (in_child(child_usage, NULL, &w) == 0)
		tap_ok(w.status == 0,
		       "memused and procs count the members and go back when one exits "
		       "(%d '%s')",
		       w.status, w.msg);
}

// A fork whose copy does not fit fails with ENOMEM, and the group is as
// before.
static void
child_forkcopy(void *arg)
{
	long long pages;
	char *m;
	pid_t c;

	(void)arg;
	pages = status(0, "pages");
	// Room for this process and a little, not for a copy of it.
	if (limit((uint64_t)pages * 4096 + 256 * KIB, 0) < 0)
		fail("setlimit: %s", lasterr());
	m = malloc(128 * KIB);
	if (m == NULL)
		fail("malloc: %s", lasterr());
	touch(m, 128 * KIB);
	c = fork();
	if (c == 0)
		_exit(0);
	if (c >= 0)
		fail("the fork fit", "");
	if (errno != ENOMEM || !strstr(lasterr(), "fork: memory limit of "))
		fail("fork: '%s'", lasterr());
	if (status(0, "procs") != 1 || status(0, "memused") != status(0, "pages") * 4096)
		fail("the failed fork left a charge", "");
	exits(0, "");
}

static void
test_forkcopy(void)
{
	struct waitmsg w;

	if (in_child(child_forkcopy, NULL, &w) == 0)
		tap_ok(w.status == 0,
		       "a fork whose copy does not fit fails with ENOMEM and leaves no charge "
		       "(%d '%s')",
		       w.status, w.msg);
}

static void
test_bad(void)
{
	struct limits l = {4096, 0};
	int r = setlimit(&l);

	tap_ok(r < 0 && errno == EINVAL && strstr(lasterr(), "below the"),
	       "a memory limit below current use: EINVAL ('%s')", lasterr());
	r = setlimit((const struct limits *)8);
	tap_ok(r < 0 && errno == EFAULT, "a bad pointer: EFAULT ('%s')", lasterr());
	tap_ok(status(0, "memlimit") == 0 && status(0, "procs") == 0,
	       "failed calls leave the process in no group");
}

static volatile int hangups;

static void
on_note(void *ureg, char *note)
{
	(void)ureg;
	hangups += strcmp(note, "hangup") == 0;
	noted(NCONT);
}

// A new note group of this process and two children; kill(-pid) reaches
// all three: the children die of the note, this process's handler sees it.
static void
child_noteg(void *arg)
{
	struct waitmsg w;
	int ready[2], block[2];
	pid_t g[2];
	char c;

	(void)arg;
	if (rfork(RFNOTEG) < 0 || notify(on_note) < 0 || pipe(ready) < 0 || pipe(block) < 0)
		fail("setup: %s", lasterr());
	for (int i = 0; i < 2; i++) {
		g[i] = fork();
		if (g[i] == 0) {
			notify(NULL);
			close(block[1]);
			if (write(ready[1], "r", 1) != 1)
				_exit(90);
			read(block[0], &c, 1);
			_exit(0);
		}
		if (g[i] < 0 || read(ready[0], &c, 1) != 1)
			fail("fork: %s", lasterr());
	}
	if (postnote(-getpid(), "hangup") < 0)
		fail("kill(-pid): %s", lasterr());
	for (int i = 0; i < 2; i++)
		if (waitmsg(g[i], &w, 0) != g[i] || w.status != KILLSTATUS_KILL ||
		    strcmp(w.msg, "note: hangup") != 0)
			fail("a member did not die of the note: '%s'", w.msg);
	while (hangups == 0)
		sleep(1);
	exits(0, "");
}

static void
test_noteg(void)
{
	struct waitmsg w;

	if (in_child(child_noteg, NULL, &w) == 0)
		tap_ok(w.status == 0,
		       "kill(-pid, note) reaches every member of note group pid "
		       "(%d '%s')",
		       w.status, w.msg);
	tap_ok(postnote(-100000, "hangup") < 0 && errno == ESRCH &&
	               strcmp(lasterr(), "kill -100000: no process in note group 100000") == 0,
	       "kill(-pid) of an empty group: ESRCH '%s'", lasterr());
}

static int
writename(const char *name, size_t n)
{
	int fd = open("#c/hostname", O_WRONLY);
	ssize_t r;

	if (fd < 0)
		return -1;
	r = write(fd, name, n);
	close(fd);
	return r == (ssize_t)n ? 0 : -1;
}

static void
test_hostname(void)
{
	char orig[128], got[128], long64[65];
	struct utsname u;

	if (readall("#c/hostname", orig, sizeof orig) <= 0) {
		tap_ok(0, "read #c/hostname: %s", lasterr());
		return;
	}
	tap_ok(uname(&u) == 0 && strcmp(u.nodename, orig) == 0,
	       "uname's nodename is #c/hostname ('%s')", orig);
	tap_ok(writename("test-host.example", 17) == 0 &&
	               readall("#c/hostname", got, sizeof got) == 17 &&
	               strcmp(got, "test-host.example") == 0 && uname(&u) == 0 &&
	               strcmp(u.nodename, "test-host.example") == 0,
	       "a written name reads back, and uname says it ('%s')", got);
	tap_ok(writename("h2\n", 3) == 0 && readall("#c/hostname", got, sizeof got) == 2 &&
	               strcmp(got, "h2") == 0,
	       "one trailing newline is dropped ('%s')", got);
	tap_ok(writename("bad_name", 8) < 0 && errno == EINVAL &&
	               strcmp(lasterr(),
	                      "write #c/hostname: byte 0x5f at 3; only letters, digits, '.' "
	                      "and '-' are allowed") == 0,
	       "'bad_name': EINVAL '%s'", lasterr());
	tap_ok(writename("-lead", 5) < 0 && errno == EINVAL && strstr(lasterr(), "'-'"),
	       "'-lead': EINVAL '%s'", lasterr());
	tap_ok(writename("", 0) < 0 || readall("#c/hostname", got, sizeof got) == 2,
	       "an empty write changes nothing");
	tap_ok(writename("\n", 1) < 0 && errno == EINVAL &&
	               strcmp(lasterr(), "write #c/hostname: empty name") == 0,
	       "a bare newline: EINVAL '%s'", lasterr());
	memset(long64, 'a', 64);
	tap_ok(writename(long64, 64) < 0 && errno == EINVAL &&
	               strcmp(lasterr(), "write #c/hostname: 64 bytes; at most 63") == 0,
	       "64 bytes: EINVAL '%s'", lasterr());
	tap_ok(writename(long64, 63) == 0, "63 bytes are accepted");
	tap_ok(readall("#c/hostname", got, sizeof got) == 63 &&
	               writename(orig, strlen(orig)) == 0 &&
	               readall("#c/hostname", got, sizeof got) > 0 && strcmp(got, orig) == 0,
	       "the failed writes changed nothing; the old name is back ('%s')", got);
}

int
main(void)
{
	test_procs();
	test_fault();
	test_eager();
	test_nested();
	test_usage();
	test_forkcopy();
	test_bad();
	test_noteg();
	test_hostname();
	guest_done();
}
