// tests/guest/sched_test.c: preemption. Children spinning forever without a
// system call must not keep the parent from running, sleeping, and killing
// them; sched_yield works.
#include "guest.h"

static void
spin(void *a)
{
	volatile uint64_t n = 0;

	(void)a;
	for (;;)
		n++;
}

int
main(void)
{
	struct timespec t = {0, 100 * 1000 * 1000}, t0, t1;
	struct waitmsg w;
	pid_t kids[2];
	int killed = 0;

	fflush(stdout);
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			spin(NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	tap_ok(nanosleep(&t, NULL) == 0, "the parent sleeps and wakes while 2 children spin");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	tap_ok(waitmsg(-1, &w, WNOHANG) == 0, "the spinners are still running");
	for (int i = 0; i < 2; i++) {
		int r = postnote(kids[i], "kill");
		tap_ok(r == 0, "post 'kill' to spinner %d (%s)", kids[i],
		       r == 0 ? "done" : lasterr());
	}
	for (int i = 0; i < 2; i++)
		if (waitmsg(kids[i], &w, 0) == kids[i] && w.status == KILLSTATUS_KILL && w.msg[0])
			killed++;
	tap_ok(killed == 2, "both spinners end with status %d and a message (%d did; last '%s')",
	       KILLSTATUS_KILL, killed, w.msg);
	tap_ok(rawsyscall(SYS_sched_yield, 0, 0, 0, 0, 0, 0) == 0, "sched_yield returns 0");
	guest_done();
}
