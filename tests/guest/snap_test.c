// tests/guest/snap_test.c: snaps and their sandbox (DESIGN section 5,
// docs/snaps.md). Each test snap of tests/apps runs through /bin/snaprun
// as it would under init; its TAP lines count here, and this test checks
// how it ended: a syscall outside its list, a fork bomb, memory beyond its
// limit, writes to /base, a capability that does not exist, a flood of
// output. After each one the machine must still work (this process goes
// on: /tmp, fork, the namespace).
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "guest.h"

#define SNAPRUN "/bin/snaprun"

struct run {
	struct waitmsg w;
	char out[16384]; // the first bytes of its output
	size_t n, total; // kept, and all it wrote
};

// Run snaprun NAME with stdout and stderr on a pipe; count its TAP lines
// as checks of this test.
static int
run_snap(const char *name, struct run *r)
{
	int p[2];
	pid_t pid;
	ssize_t k;
	char buf[4096];

	memset(r, 0, sizeof *r);
	if (pipe(p) < 0)
		return tap_ok(0, "pipe: %s", strerror(errno)), -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = {SNAPRUN, (char *)name, NULL};

		close(p[0]);
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[1]);
		execve(SNAPRUN, argv, NULL);
		_exit(127);
	}
	close(p[1]);
	while ((k = read(p[0], buf, sizeof buf)) > 0) {
		size_t room = sizeof r->out - 1 - r->n;
		size_t take = (size_t)k < room ? (size_t)k : room;

		memcpy(r->out + r->n, buf, take);
		r->n += take;
		r->total += (size_t)k;
	}
	r->out[r->n] = '\0';
	close(p[0]);
	if (pid < 0 || waitmsg(pid, &r->w, 0) != pid)
		return tap_ok(0, "run %s: %s", name, strerror(errno)), -1;
	// Its own checks; then its output on one line, for the messages.
	static char copy[sizeof r->out];
	memcpy(copy, r->out, r->n + 1);
	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "ok - ", 5) == 0)
			tap_ok(1, "%s: %s", name, line + 5);
		else if (strncmp(line, "not ok - ", 9) == 0)
			tap_ok(0, "%s: %s", name, line + 9);
	}
	for (size_t i = 0; i < r->n; i++)
		if (r->out[i] == '\n')
			r->out[i] = ' ';
	return 0;
}

// The machine goes on: this process can still fork, use /tmp and see its
// namespace.
static void
still_fine(const char *after)
{
	struct waitmsg w;
	struct stat st;
	pid_t pid;
	int fd = open("/tmp/snap_test.alive", O_RDWR | O_CREAT | O_TRUNC, 0644);

	tap_ok(fd >= 0 && write(fd, "x", 1) == 1, "after %s: /tmp still works", after);
	if (fd >= 0)
		close(fd);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(7);
	tap_ok(pid > 0 && waitmsg(pid, &w, 0) == pid && w.status == 7,
	       "after %s: fork and wait still work", after);
	tap_ok(stat("/bin/sh", &st) == 0 && stat("/proc/self/status", &st) == 0,
	       "after %s: the system namespace is intact", after);
}

static int
audit_has(const char *s)
{
	char buf[8192];
	int fd = open("#c/audit", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n < 0)
		return 0;
	buf[n] = '\0';
	return strstr(buf, s) != NULL;
}

// The status text of the first process named name, or "".
static void
status_of(const char *name, char *out, size_t n)
{
	char path[64], want[80];
	DIR *d = opendir("/proc");
	struct dirent *e;

	out[0] = '\0';
	snprintf(want, sizeof want, "\nname %s\n", name);
	while (d && (e = readdir(d)) != NULL) {
		int fd;
		ssize_t k;

		if (strcmp(e->d_name, "self") == 0)
			continue;
		snprintf(path, sizeof path, "/proc/%.20s/status", e->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		k = read(fd, out, n - 1);
		close(fd);
		out[k > 0 ? k : 0] = '\0';
		if (strstr(out, want))
			break;
		out[0] = '\0';
	}
	if (d)
		closedir(d);
}

// Many snapctl requests at once (more than init takes in one pass): each
// gets its whole answer.
static void
concurrent_requests(void)
{
	enum { N = 12 };
	int p[N][2], good = 0;
	pid_t pid[N];

	fflush(stdout);
	for (int i = 0; i < N; i++) {
		pid[i] = -1;
		if (pipe(p[i]) < 0)
			continue;
		pid[i] = fork();
		if (pid[i] == 0) {
			char *argv[] = {"/bin/snapctl", "list", NULL};

			dup2(p[i][1], 1);
			execve(argv[0], argv, NULL);
			_exit(127);
		}
		close(p[i][1]);
	}
	for (int i = 0; i < N; i++) {
		char buf[4096];
		size_t n = 0;
		ssize_t k;
		struct waitmsg w;

		if (pid[i] < 0)
			continue;
		while (n < sizeof buf - 1 && (k = read(p[i][0], buf + n, sizeof buf - 1 - n)) > 0)
			n += (size_t)k;
		buf[n] = '\0';
		close(p[i][0]);
		if (waitmsg(pid[i], &w, 0) == pid[i] && w.status == 0 &&
		    strncmp(buf, "NAME ", 5) == 0 && strstr(buf, "\nt-probe "))
			good++;
	}
	tap_ok(good == N, "%d snapctl list at once: %d got init's whole answer", N, good);
}

int
main(void)
{
	char status[1024];

	struct run r;
	struct stat st;

	if (stat(SNAPRUN, &st) != 0 || stat("/apps/t-probe/manifest.toml", &st) != 0) {
		tap_ok(0, "the image has %s and the test snaps of tests/apps", SNAPRUN);
		guest_done();
	}

	status_of("devfs", status, sizeof status);
	tap_ok(strstr(status, "\nsnap devfs.d\n") != NULL,
	       "devfs runs with the syscall filter of the snap devfs.d (status '%s')", status);

	if (run_snap("t-probe", &r) == 0)
		tap_ok(r.w.status == 0, "t-probe ends with status 0 (got %d '%s')", r.w.status,
		       r.w.msg);
	still_fine("t-probe");

	if (run_snap("t-syscall", &r) == 0) {
		tap_ok(r.w.status == KILLSTATUS_SYS, "t-syscall is killed with status %d (got %d)",
		       KILLSTATUS_SYS, r.w.status);
		tap_ok(strcmp(r.w.msg, "syscall 'pipe' denied for snap 't-syscall'") == 0,
		       "its exit message names the call and the snap (got '%s')", r.w.msg);
		tap_ok(audit_has("t-syscall"), "an audit record names t-syscall");
	}
	still_fine("t-syscall");

	if (run_snap("t-forkbomb", &r) == 0) {
		tap_ok(r.w.status == 0, "t-forkbomb is contained and ends (status %d '%s')",
		       r.w.status, r.w.msg);
		tap_ok(audit_has("snap=t-forkbomb proclimit=8"),
		       "the refused fork is in the audit log");
	}
	still_fine("t-forkbomb");

	if (run_snap("t-memory", &r) == 0) {
		int killed =
		        r.w.status == KILLSTATUS_MEM &&
		        strstr(r.w.msg, "memory limit of 4194304 bytes exceeded (snap 't-memory')");
		int refused = r.w.status == 0 && strstr(r.out, "refused after") &&
		              strstr(r.out, "memory limit");

		tap_ok(killed || refused,
		       "t-memory is stopped at 4 MiB (status %d '%s', output '%.100s')", r.w.status,
		       r.w.msg, r.out);
		if (killed)
			tap_ok(audit_has("snap=t-memory memlimit=4194304"),
			       "the memory kill is in the audit log");
	}
	still_fine("t-memory");

	if (run_snap("t-proc", &r) == 0)
		tap_ok(r.w.status == 0, "t-proc ends with status 0 (got %d '%s')", r.w.status,
		       r.w.msg);
	still_fine("t-proc");

	if (run_snap("t-base", &r) == 0)
		tap_ok(r.w.status == 0, "t-base ends with status 0 (got %d '%s')", r.w.status,
		       r.w.msg);
	still_fine("t-base");

	if (run_snap("t-capmissing", &r) == 0) {
		tap_ok(r.w.status == 125, "t-capmissing is refused with status 125 (got %d)",
		       r.w.status);
		tap_ok(strstr(r.out, "snaprun: t-capmissing: capability /no/such/path does not "
		                     "exist in the system namespace") != NULL,
		       "snaprun says which capability is missing (got '%.200s')", r.out);
	}

	if (run_snap("t-flood", &r) == 0)
		tap_ok(r.w.status == 0 && r.total >= (1u << 20),
		       "t-flood writes 1 MiB and ends (status %d, %zu bytes)", r.w.status, r.total);
	still_fine("t-flood");

	concurrent_requests();

	if (run_snap("no-such-snap", &r) == 0)
		tap_ok(r.w.status == 125 && strstr(r.out, "snaprun: no-such-snap: no such snap"),
		       "an unknown snap is refused clearly (status %d, '%.120s')", r.w.status,
		       r.out);
	guest_done();
}
