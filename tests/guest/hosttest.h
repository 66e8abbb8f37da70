// tests/guest/hosttest.h: lets a host test program of a portable library
// (lib/<name>/<x>_test.c, TAP through lib/tap/tap.h) run unchanged as a
// Gremlin test. mk/gremlin.mk force-includes this header first: it brings
// in tap.h, whose include guard then makes the test's own #include a no-op,
// and turns the test's final `return tap_done();` into the guest ending:
// the plan line, then exit with the counts in the exit string, which is how
// runtests learns them (see guest.h).
#ifndef TESTS_GUEST_HOSTTEST_H
#define TESTS_GUEST_HOSTTEST_H

#include <gremlin.h>
#include <stdio.h>

#include "tap/tap.h"

// tap_done(), then exits(status, "tap ok=N notok=M").
__attribute__((unused)) static int
hosttest_done(void)
{
	char msg[64];
	int status = tap_done();

	snprintf(msg, sizeof msg, "tap ok=%d notok=%d", tap_n - tap_failed, tap_failed);
	fflush(stdout);
	exits(status, msg);
}

#define tap_done() hosttest_done()

#endif
