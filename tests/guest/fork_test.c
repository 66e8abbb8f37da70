// tests/guest/fork_test.c: fork, wait and exit statuses: many children with
// distinct statuses, waiting for any or for one, WNOHANG, ECHILD, separate
// memory after fork, and orphans going to init rather than to us.
#include "guest.h"

// Wait for any child, check it against the list; -1 if wait failed.
static int
collect(const pid_t *pids, int *seen, int n, int *wrong)
{
	struct waitmsg w;
	pid_t r = waitmsg(-1, &w, 0);
	int i;

	if (r < 0)
		return -1;
	for (i = 0; i < n && pids[i] != r; i++)
		;
	if (i == n || seen[i] || w.status != i * 2 + 1 || w.pid != r || w.msg[0] != '\0')
		(*wrong)++;
	else
		seen[i] = 1;
	return 0;
}

#define NCHILD 120
#define ALIVE 24 // children alive at once: well inside any process table

// 120 children in all, at most ALIVE at a time, each exiting with its own
// status; every one must come back exactly once with its status.
static void
many_children(void)
{
	static pid_t pids[NCHILD];
	static int seen[NCHILD];
	struct waitmsg w;
	pid_t r;
	int i, wrong = 0, got = 0, forked = 0, alive = 0;

	for (i = 0; i < NCHILD; i++) {
		fflush(stdout);
		if (alive == ALIVE) {
			if (collect(pids, seen, forked, &wrong) < 0)
				break;
			got++;
			alive--;
		}
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(i * 2 + 1);
		if (pids[i] < 0)
			break;
		forked++;
		alive++;
	}
	tap_ok(forked == NCHILD, "forked %d children, %d at a time (%s)", forked, ALIVE,
	       forked == NCHILD ? "all" : lasterr());
	for (; alive > 0 && collect(pids, seen, forked, &wrong) == 0; alive--)
		got++;
	tap_ok(got == forked, "wait(-1) collected all %d children (%d)", forked, got);
	tap_ok(wrong == 0, "each child's pid and distinct status came back once (%d wrong)", wrong);
	errno = 0;
	r = waitmsg(-1, &w, 0);
	tap_ok(r < 0 && errno == ECHILD, "wait with no children left: ECHILD (%s)",
	       strerror(errno));
}

// Fork until the kernel refuses (children exit at once, but stay in the
// table until reaped): the refusal is EAGAIN with a reason, and once the
// children are reaped fork works again.
static void
process_table(void)
{
	struct waitmsg w;
	pid_t pids[1024];
	int n = 0, err = 0, reaped = 0;
	char why[ERRMAX] = "";

	while (n < 1024) {
		fflush(stdout);
		pids[n] = fork();
		if (pids[n] == 0)
			_exit(0);
		if (pids[n] < 0) {
			err = errno;
			errstr(why, sizeof why);
			break;
		}
		n++;
	}
	tap_ok(n < 1024 && err == EAGAIN && why[0],
	       "fork fails with EAGAIN after %d children: \"%s\"", n, why);
	while (waitmsg(-1, &w, 0) > 0)
		reaped++;
	tap_ok(reaped == n, "all %d children reaped (%d)", n, reaped);
	pids[0] = fork();
	if (pids[0] == 0)
		_exit(0);
	tap_ok(pids[0] > 0 && waitmsg(pids[0], &w, 0) == pids[0], "fork works again afterwards");
}

static void
specific_and_nohang(void)
{
	struct timespec t = {0, 200 * 1000 * 1000};
	struct waitmsg w;
	pid_t slow, fast, r;

	fflush(stdout);
	slow = fork();
	if (slow == 0) {
		nanosleep(&t, NULL);
		_exit(7);
	}
	fast = fork();
	if (fast == 0)
		_exit(9);
	r = waitmsg(slow, &w, WNOHANG);
	tap_ok(r == 0, "WNOHANG while the child runs returns 0 (%d)", r);
	r = waitmsg(slow, &w, 0);
	tap_ok(r == slow && w.status == 7, "wait for a given pid gets that child (%d, status %d)",
	       r, w.status);
	r = waitmsg(fast, &w, 0);
	tap_ok(r == fast && w.status == 9, "the other child waited for us (%d, status %d)", r,
	       w.status);
	errno = 0;
	r = waitmsg(getpid() + 1000, &w, 0);
	tap_ok(r < 0 && errno == ECHILD, "wait for a pid that is not our child: ECHILD (%s)",
	       strerror(errno));
}

static void
identity_and_memory(void)
{
	static volatile int shared = 1;
	struct waitmsg w;
	pid_t me = getpid(), child;

	fflush(stdout);
	child = fork();
	if (child == 0) {
		shared = 2;
		_exit(getppid() == me && getpid() != me ? 0 : 1);
	}
	tap_ok(child > 0 && child != me, "fork returns the child's pid to the parent (%d)", child);
	waitmsg(child, &w, 0);
	tap_ok(w.status == 0, "in the child getpid is new and getppid is the parent (status %d)",
	       w.status);
	tap_ok(shared == 1, "the child's writes do not reach the parent's memory");
}

static void
orphans(void)
{
	struct waitmsg w;
	pid_t child, r;

	fflush(stdout);
	child = fork();
	if (child == 0) {
		// A grandchild that outlives its parent belongs to init then.
		if (fork() == 0) {
			struct timespec t = {0, 100 * 1000 * 1000};
			nanosleep(&t, NULL);
			_exit(getppid() == 1 ? 0 : 1);
		}
		_exit(5);
	}
	r = waitmsg(-1, &w, 0);
	tap_ok(r == child && w.status == 5, "the middle child exits (status %d)", w.status);
	errno = 0;
	r = waitmsg(-1, &w, 0);
	tap_ok(r < 0 && errno == ECHILD, "its orphaned child is not ours to wait for (ECHILD: %s)",
	       strerror(errno));
}

static void
exit_strings(void)
{
	struct waitmsg w;
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child == 0)
		exits(3, "custom exit string");
	waitmsg(child, &w, 0);
	tap_ok(w.status == 3 && strcmp(w.msg, "custom exit string") == 0,
	       "the exit string reaches the parent (%d '%s')", w.status, w.msg);
	child = fork();
	if (child == 0)
		exit(300);
	waitmsg(child, &w, 0);
	tap_ok(w.status == (300 & 0xff), "exit status is kept to 8 bits (%d)", w.status);
}

int
main(void)
{
	many_children();
	process_table();
	specific_and_nohang();
	identity_and_memory();
	orphans();
	exit_strings();
	guest_done();
}
