// lib/c/test/time_test.c: host unit test of lib/c's calendar functions
// (time/tm.c, compiled as gr_gmtime_r, gr_timegm, gr_strftime) against
// glibc's gmtime_r, timegm and strftime with TZ=UTC, over random times
// from year -10000 to 10000 and every common strftime conversion.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap/tap.h"

struct tm *gr_gmtime_r(const time_t *t, struct tm *tm);
time_t gr_timegm(struct tm *tm);
size_t gr_strftime(char *s, size_t n, const char *fmt, const struct tm *tm);

static uint64_t rng = 0x6a09e667f3bcc909ull;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int
same_tm(const struct tm *a, const struct tm *b)
{
	return a->tm_sec == b->tm_sec && a->tm_min == b->tm_min && a->tm_hour == b->tm_hour &&
	       a->tm_mday == b->tm_mday && a->tm_mon == b->tm_mon && a->tm_year == b->tm_year &&
	       a->tm_wday == b->tm_wday && a->tm_yday == b->tm_yday;
}

static time_t
random_time(void)
{
	switch (next() % 3) {
	case 0: // anywhere in years -10000..10000
		return (time_t)(next() % 631152000000ull) - 377705116800ll;
	case 1: // 1900..2100
		return (time_t)(next() % 6311520000ull) - 2208988800ll;
	}
	// near a year boundary (ISO weeks, leap days)
	return (time_t)((int64_t)(next() % 400) * 31556952 - 2208988800ll +
	                (int64_t)(next() % 1209600) - 604800);
}

int
main(void)
{
	static const char *const fmts[] = {
	        "%a %A %b %B %h", "%c",       "%C %y %Y",    "%d %e %j", "%D %F %T %R %r",
	        "%H %I %k %l %p", "%M %S %s", "%u %w %U %W", "%G %g %V", "%x %X",
	        "%n%t%%",         "%Ey %Od",
	};
	int bad_gm = 0, bad_tg = 0, bad_norm = 0, bad_fmt[sizeof fmts / sizeof fmts[0]] = {0};

	setenv("TZ", "UTC", 1);
	tzset();
	for (int i = 0; i < 100000; i++) {
		time_t t = random_time(), back;
		struct tm a, b;
		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		gr_gmtime_r(&t, &a);
		gmtime_r(&t, &b);
		if (!same_tm(&a, &b) && bad_gm++ < 3)
			tap_diag("gmtime(%lld): %d-%d-%d wday %d yday %d, glibc %d-%d-%d wday %d "
			         "yday %d",
			         (long long)t, a.tm_year, a.tm_mon, a.tm_mday, a.tm_wday, a.tm_yday,
			         b.tm_year, b.tm_mon, b.tm_mday, b.tm_wday, b.tm_yday);
		back = gr_timegm(&a);
		bad_tg += back != t;
		for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++) {
			char x[256], y[256];
			size_t rx = gr_strftime(x, sizeof x, fmts[k], &b);
			size_t ry = strftime(y, sizeof y, fmts[k], &b);
			if ((rx != ry || strcmp(x, y) != 0) && bad_fmt[k]++ < 2)
				tap_diag("strftime(\"%s\") of %lld: \"%s\", glibc \"%s\"", fmts[k],
				         (long long)t, x, y);
		}
		// Out-of-range fields normalise as glibc's do.
		a.tm_mon += (int)(next() % 41) - 20;
		a.tm_mday += (int)(next() % 101) - 50;
		a.tm_sec += (int)(next() % 200001) - 100000;
		b = a;
		if (gr_timegm(&a) != timegm(&b) || !same_tm(&a, &b))
			bad_norm++;
	}
	tap_ok(bad_gm == 0, "gmtime_r of 100000 random times matches glibc (%d differ)", bad_gm);
	tap_ok(bad_tg == 0, "timegm inverts gmtime_r (%d differ)", bad_tg);
	tap_ok(bad_norm == 0, "timegm normalises out-of-range fields as glibc (%d differ)",
	       bad_norm);
	for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++)
		tap_ok(bad_fmt[k] == 0, "strftime \"%s\" matches glibc (%d differ)", fmts[k],
		       bad_fmt[k]);
	{
		char small[4];
		struct tm t0;
		time_t z = 0;
		gr_gmtime_r(&z, &t0);
		tap_ok(gr_strftime(small, sizeof small, "%Y", &t0) == 0,
		       "strftime returns 0 when the result does not fit");
	}
	return tap_done();
}
