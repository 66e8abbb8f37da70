// tests/guest/guest.h: what every in-guest test program shares: TAP output
// (lib/tap/tap.h), a way to run a piece of code in a child process and see
// how it ended, and the finishing call that hands the counts to runtests.
//
// A test reports its counts in its Plan 9 exit string ("tap ok=N notok=M"),
// which the parent reads from struct waitmsg, so the runner never has to
// stand between a test and the console (a test that breaks pipes, fds or
// the namespace cannot hide its own output that way).
#ifndef TESTS_GUEST_GUEST_H
#define TESTS_GUEST_GUEST_H

#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap/tap.h"

// End the test program: print the TAP plan, exit 0 if every check passed,
// with the counts in the exit string.
static inline _Noreturn void
guest_done(void)
{
	char msg[64];
	int status = tap_done();

	snprintf(msg, sizeof msg, "tap ok=%d notok=%d", tap_n - tap_failed, tap_failed);
	fflush(stdout);
	exits(status, msg);
}

// Run fn in a child process and wait for it; *w says how it ended. Returns
// 0, or -1 if fork or wait failed (reported as a failed check).
static inline int
in_child(void (*fn)(void *), void *arg, struct waitmsg *w)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return tap_ok(0, "fork: %s", strerror(errno)), -1;
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (waitmsg(pid, w, 0) != pid)
		return tap_ok(0, "wait for %d: %s", pid, strerror(errno)), -1;
	return 0;
}

// Like in_child, but a child still running after ms milliseconds is killed
// (note "kill"). Returns 1 if it had to be killed, 0 if it ended by itself,
// -1 on failure.
static inline int
in_child_timeout(void (*fn)(void *), void *arg, struct waitmsg *w, int ms)
{
	struct timespec tick = {0, 10 * 1000 * 1000};
	pid_t pid, r;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return tap_ok(0, "fork: %s", strerror(errno)), -1;
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	for (int waited = 0; waited < ms; waited += 10) {
		r = waitmsg(pid, w, WNOHANG);
		if (r == pid)
			return 0;
		if (r < 0)
			return tap_ok(0, "wait for %d: %s", pid, strerror(errno)), -1;
		nanosleep(&tick, NULL);
	}
	postnote(pid, "kill");
	if (waitmsg(pid, w, 0) != pid)
		return tap_ok(0, "wait for killed %d: %s", pid, strerror(errno)), -1;
	return 1;
}

// The kernel's error string for the last failed call.
static inline const char *
lasterr(void)
{
	static char buf[ERRMAX];

	return errstr(buf, sizeof buf);
}

#endif
