// tests/guest/time_test.c: clocks and sleeping: CLOCK_MONOTONIC never goes
// back, nanosleep sleeps at least as long as asked, CLOCK_REALTIME is a
// plausible date.
#include "guest.h"

static int64_t
ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000ll + t->tv_nsec;
}

int
main(void)
{
	struct timespec a, b, req = {0, 50 * 1000 * 1000}, zero = {0, 0};
	int back = 0, badns = 0;
	int64_t prev = 0, slept;

	for (int i = 0; i < 20000; i++) {
		if (clock_gettime(CLOCK_MONOTONIC, &a) < 0) {
			back++;
			break;
		}
		badns += a.tv_nsec < 0 || a.tv_nsec >= 1000000000;
		back += ns(&a) < prev;
		prev = ns(&a);
	}
	tap_ok(back == 0, "CLOCK_MONOTONIC never goes back over 20000 reads (%d times)", back);
	tap_ok(badns == 0, "tv_nsec is always in [0, 1e9) (%d not)", badns);
	clock_gettime(CLOCK_MONOTONIC, &a);
	tap_ok(nanosleep(&req, NULL) == 0, "nanosleep(50 ms) returns 0");
	clock_gettime(CLOCK_MONOTONIC, &b);
	slept = ns(&b) - ns(&a);
	tap_ok(slept >= 50000000, "nanosleep(50 ms) slept at least 50 ms (%lld us)",
	       (long long)(slept / 1000));
	clock_gettime(CLOCK_MONOTONIC, &a);
	tap_ok(nanosleep(&zero, NULL) == 0, "nanosleep(0) returns 0");
	tap_ok(sleep(1) == 0, "sleep(1) returns 0");
	clock_gettime(CLOCK_MONOTONIC, &b);
	tap_ok(ns(&b) - ns(&a) >= 1000000000, "sleep(1) took at least a second (%lld ms)",
	       (long long)((ns(&b) - ns(&a)) / 1000000));
	tap_ok(clock_gettime(CLOCK_REALTIME, &a) == 0 && a.tv_sec > 1577836800,
	       "CLOCK_REALTIME is after 2020-01-01 (%lld)", (long long)a.tv_sec);
	tap_ok(time(NULL) >= a.tv_sec, "time() agrees with CLOCK_REALTIME");
	guest_done();
}
