// tests/guest/filter_test.c: the syscall filter (sysfilter, docs/kernel.md
// "Syscall filter"). A filtered child may make the calls its set permits
// and the base calls; any other call kills it with status KILLSTATUS_SYS and
// "syscall 'X' denied for snap 'Y'", logs the kernel line and an audit
// record in '#c/audit'. The set is inherited by fork, rfork and execve and
// only shrinks; bad arguments fail with EFAULT/EINVAL and change nothing.
// Run as "filter_test exec-child" it is the program the execve test runs
// under a filter.
#include <fcntl.h>
#include <sys/mman.h>

#include "guest.h"

#define MAPBYTES ((NSYSCALL + 7) / 8)

static int report[2]; // a child writes what it saw here

// A bitmap permitting the calls listed (ending with -1).
static void
mkmap(uint8_t *map, size_t n, const int *calls)
{
	memset(map, 0, n);
	for (; *calls >= 0; calls++)
		map[*calls / 8] |= (uint8_t)(1u << (*calls % 8));
}

static int
filter(const char *snap, const int *calls)
{
	uint8_t map[MAPBYTES];

	mkmap(map, sizeof map, calls);
	return sysfilter(map, sizeof map, snap);
}

// Fork fn into a child (which ends with status 0 if fn returns) and wait
// for it. Returns the child's pid, -1 on failure.
static pid_t
run(void (*fn)(void), struct waitmsg *w)
{
	pid_t pid;

	memset(w, 0, sizeof *w);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		fn();
		exits(0, NULL);
	}
	return waitmsg(pid, w, 0) == pid ? pid : -1;
}

static int
denied(const struct waitmsg *w, const char *call, const char *snap)
{
	char want[WAITMSG_LEN];

	snprintf(want, sizeof want, "syscall '%s' denied for snap '%s'", call, snap);
	return w->status == KILLSTATUS_SYS && strcmp(w->msg, want) == 0;
}

// {write} only: getpid (base) and write work, open kills.
static void
child_basic(void)
{
	char line[32];
	int n;

	if (filter("filtertest", (const int[]){SYS_write, -1}) < 0)
		exits(2, "sysfilter failed");
	n = snprintf(line, sizeof line, "pid %d", (int)getpid());
	if (write(report[1], line, (size_t)n) != n)
		exits(3, "write failed");
	open("/dev/cons", O_RDONLY);
	exits(4, "open was permitted");
}

// An all-zero bitmap leaves exactly the base set.
static void
child_base(void)
{
	uint8_t zero[MAPBYTES] = {0};
	struct timespec ts = {0, 1000};
	char buf[ERRMAX];
	void *m;

	if (sysfilter(zero, sizeof zero, "basetest") < 0)
		exits(2, "sysfilter failed");
	if (getpid() <= 0 || getppid() <= 0 || clock_gettime(CLOCK_MONOTONIC, &ts) < 0 ||
	    nanosleep(&ts, NULL) < 0 || rawsyscall(SYS_sched_yield, 0, 0, 0, 0, 0, 0) < 0)
		exits(3, "a base call failed");
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED || munmap(m, 8192) < 0 || sbrk(4096) == (void *)-1)
		exits(4, "memory calls failed");
	if (close(12345) == 0)
		exits(5, "close of a bad fd worked");
	errstr(buf, sizeof buf);
	exits(7, "base ok");
}

// The child filters {fork, wait}; its child's open kills the grandchild.
static void
child_fork(void)
{
	struct waitmsg w;
	pid_t pid;

	if (filter("forktest", (const int[]){SYS_fork, SYS_wait, -1}) < 0)
		exits(2, "sysfilter failed");
	pid = fork();
	if (pid == 0) {
		open("/dev/cons", O_RDONLY);
		exits(4, "open was permitted");
	}
	if (pid < 0 || waitmsg(pid, &w, 0) != pid)
		exits(3, "fork or wait failed");
	exits(denied(&w, "open", "forktest") ? 0 : 5, w.msg);
}

// The same with rfork(RFPROC|RFFDG) and a denied write in the grandchild.
static void
child_rfork(void)
{
	struct waitmsg w;
	int pid;

	if (filter("rforktest", (const int[]){SYS_rfork, SYS_wait, -1}) < 0)
		exits(2, "sysfilter failed");
	pid = rfork(RFPROC | RFFDG);
	if (pid == 0) {
		rawsyscall(SYS_write, 1, (int64_t)(uintptr_t) "x\n", 2, 0, 0, 0);
		exits(4, "write was permitted");
	}
	if (pid < 0 || waitmsg(pid, &w, 0) != pid)
		exits(3, "rfork or wait failed");
	exits(denied(&w, "write", "rforktest") ? 0 : 5, w.msg);
}

// {execve}: the new image keeps the set (exec-child below tries open).
static void
child_exec(void)
{
	char *argv[] = {"filter_test", "exec-child", NULL};

	if (filter("exectest", (const int[]){SYS_execve, -1}) < 0)
		exits(2, "sysfilter failed");
	execve("/bin/test/filter_test", argv, NULL);
	exits(3, "execve failed");
}

// A second filter can only shrink: fork was never in the first set, so
// the second cannot add it; the second's name is the one reported.
static void
child_shrink(void)
{
	if (filter("first", (const int[]){SYS_open, SYS_write, SYS_sysfilter, -1}) < 0)
		exits(2, "first sysfilter failed");
	if (filter("second", (const int[]){SYS_write, SYS_fork, SYS_sysfilter, -1}) < 0)
		exits(3, "second sysfilter failed");
	fork();
	exits(4, "fork was permitted");
}

// The same: open, dropped by the second filter, is gone.
static void
child_shrink_open(void)
{
	if (filter("first", (const int[]){SYS_open, SYS_sysfilter, -1}) < 0 ||
	    filter("second", (const int[]){SYS_open, SYS_sysfilter, -1}) < 0 ||
	    filter("third", (const int[]){SYS_sysfilter, -1}) < 0)
		exits(2, "sysfilter failed");
	open("/dev/cons", O_RDONLY);
	exits(4, "open was permitted");
}

// A set without sysfilter cannot be filtered again.
static void
child_refilter(void)
{
	if (filter("nosysfilter", (const int[]){SYS_write, -1}) < 0)
		exits(2, "sysfilter failed");
	filter("again", (const int[]){SYS_write, -1});
	exits(4, "a second sysfilter was permitted");
}

// A bitmap of SYSFILTER_MAXBYTES: bits beyond NSYSCALL are ignored; a
// number beyond NSYSCALL kills a filtered process.
static void
child_bigmap(void)
{
	static uint8_t map[SYSFILTER_MAXBYTES];

	memset(map, 0xff, sizeof map);
	map[SYS_open / 8] &= (uint8_t) ~(1u << (SYS_open % 8));
	if (sysfilter(map, sizeof map, "bigmap") < 0)
		exits(2, "sysfilter failed");
	if (getpid() <= 0)
		exits(3, "getpid failed");
	rawsyscall(200, 0, 0, 0, 0, 0, 0);
	exits(4, "syscall 200 was permitted");
}

// A one-byte bitmap: calls 8 and above count as not permitted.
static void
child_shortmap(void)
{
	uint8_t map[1] = {1u << SYS_write};

	if (sysfilter(map, 1, "short") < 0)
		exits(2, "sysfilter failed");
	dup(0);
	exits(4, "dup was permitted");
}

static void
test_basic(void)
{
	struct waitmsg w;
	char buf[64], want[32];
	pid_t pid;
	ssize_t n;

	if (pipe(report) < 0) {
		tap_ok(0, "pipe: %s", strerror(errno));
		return;
	}
	pid = run(child_basic, &w);
	close(report[1]);
	n = read(report[0], buf, sizeof buf - 1);
	close(report[0]);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof want, "pid %d", (int)pid);
	tap_ok(pid > 0 && strcmp(buf, want) == 0,
	       "filtered to {write}: getpid (base) and write work (got '%s')", buf);
	tap_ok(denied(&w, "open", "filtertest"), "open kills it: status %d '%s'", w.status, w.msg);
	tap_ok(w.status == 159, "KILLSTATUS_SYS is 159 (128 + SIGSYS)");
}

// The kernel line and the audit record of the basic test's child.
static int
file_has(const char *path, const char *want)
{
	static char buf[32768];
	size_t got = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return tap_ok(0, "open %s: %s", path, lasterr()), 0;
	while (got < sizeof buf - 1 && (n = read(fd, buf + got, sizeof buf - 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	buf[got] = '\0';
	return strstr(buf, want) != NULL;
}

static void
test_logs(void)
{
	struct waitmsg w;
	char want[160];
	pid_t pid;

	if (pipe(report) < 0) {
		tap_ok(0, "pipe: %s", strerror(errno));
		return;
	}
	pid = run(child_basic, &w);
	close(report[0]);
	close(report[1]);
	snprintf(want, sizeof want, "pid=%d name=filter_test snap=filtertest syscall=open nr=%d\n",
	         (int)pid, SYS_open);
	tap_ok(pid > 0 && file_has("#c/audit", want), "#c/audit has '%.*s'", (int)strlen(want) - 1,
	       want);
	snprintf(want, sizeof want,
	         "kernel: killed pid %d 'filter_test': syscall 'open' denied for snap "
	         "'filtertest'\n",
	         (int)pid);
	tap_ok(pid > 0 && file_has("#c/kmsg", want), "the kernel log has '%.*s'",
	       (int)strlen(want) - 1, want);
	tap_ok(open("#c/audit", O_WRONLY) < 0 && errno == EACCES, "#c/audit is read-only");
}

static void
test_children(void)
{
	struct waitmsg w;

	run(child_base, &w);
	tap_ok(w.status == 7 && strcmp(w.msg, "base ok") == 0,
	       "an empty bitmap leaves the base calls: status %d '%s'", w.status, w.msg);
	run(child_fork, &w);
	tap_ok(w.status == 0, "fork: the child's child has the set (%d '%s')", w.status, w.msg);
	run(child_rfork, &w);
	tap_ok(w.status == 0, "rfork: the child's child has the set (%d '%s')", w.status, w.msg);
	run(child_exec, &w);
	tap_ok(denied(&w, "open", "exectest"), "execve keeps the set: %d '%s'", w.status, w.msg);
	run(child_shrink, &w);
	tap_ok(denied(&w, "fork", "second"), "a second filter cannot add fork: %d '%s'", w.status,
	       w.msg);
	run(child_shrink_open, &w);
	tap_ok(denied(&w, "open", "third"), "a later filter removes open: %d '%s'", w.status,
	       w.msg);
	run(child_refilter, &w);
	tap_ok(denied(&w, "sysfilter", "nosysfilter"),
	       "without sysfilter in the set, sysfilter kills: %d '%s'", w.status, w.msg);
	run(child_bigmap, &w);
	tap_ok(denied(&w, "200", "bigmap"),
	       "bits beyond NSYSCALL ignored; call 200 kills a filtered process: %d '%s'", w.status,
	       w.msg);
	run(child_shortmap, &w);
	tap_ok(denied(&w, "dup", "short"), "bytes beyond nbytes count as zero: %d '%s'", w.status,
	       w.msg);
}

// Check that a sysfilter call failed with errno e; the error string is
// read after the call (r is its result).
static void
fails(int r, int e, const char *what)
{
	int got = errno;

	tap_ok(r < 0 && got == e, "%s: %s (%s)", what, strerror(got), lasterr());
}

// Each failing call must leave the set as it was: the bitmap permits
// everything, so a wrongly applied one would still remove nothing, but it
// would name the process "x" and make unknown calls fatal (checked last).
static void
test_badargs(void)
{
	uint8_t all[MAPBYTES];
	char longname[SNAPNAME_LEN + 8];
	uint8_t *page;

	memset(all, 0xff, sizeof all);
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	fails(sysfilter((const uint8_t *)0x10, sizeof all, "x"), EFAULT, "bitmap at 0x10");
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	tap_ok(page != MAP_FAILED, "mmap a page");
	if (page != MAP_FAILED) {
		memset(page, 0xff, 4096);
		fails(sysfilter(page + 4096 - 2, 8, "x"), EFAULT, "bitmap running off its page");
		munmap(page, 4096);
	}
	fails(sysfilter(all, 0, "x"), EINVAL, "nbytes 0");
	fails(sysfilter(all, SYSFILTER_MAXBYTES + 1, "x"), EINVAL, "nbytes SYSFILTER_MAXBYTES+1");
	fails(sysfilter(all, sizeof all, NULL), EINVAL, "no snap name");
	fails(sysfilter(all, sizeof all, ""), EINVAL, "empty snap name");
	fails(sysfilter(all, sizeof all, longname), EINVAL, "snap name of 39 bytes");
	fails(sysfilter(all, sizeof all, (const char *)0x10), EFAULT, "snap name at 0x10");
	tap_ok(rawsyscall(200, 0, 0, 0, 0, 0, 0) == -ENOSYS,
	       "the unfiltered test still gets ENOSYS for call 200");
}

// Run under child_exec's filter: open must kill.
static void
exec_child(void)
{
	if (getpid() <= 0)
		exits(5, "getpid failed");
	open("/dev/cons", O_RDONLY);
	exits(4, "open was permitted after execve");
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		exec_child();
	test_badargs();
	test_basic();
	test_logs();
	test_children();
	guest_done();
}
