// lib/c/test/conv_bench.c: host benchmark of lib/c's exact floating-point
// conversions against glibc's: nanoseconds per snprintf("%.17g"), per
// snprintf("%f") and per strtod of a %.17g string, over the same 100 000
// random doubles. lib/c's are compiled as gr_ names (see mk/gremlin.mk).
// Prints bench lines (bench/suites format); ratio > 1 means slower.
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../stdio/format.h"

double gr_strtod(const char *restrict s, char **restrict end);

enum { N = 100000 };

static double vals[N];
static char strs[N][32];

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int
ours(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = fmt_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

static void
report(const char *name, double a, double b)
{
	printf("bench %s ours=%.0f baseline=%.0f ratio=%.2f unit=ns/op\n", name, a / N, b / N,
	       a / b);
}

int
main(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	char buf[512];
	volatile double sink = 0;
	double t0, ta, tb;

	for (int i = 0; i < N; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		// Magnitudes a program prints: 1e-10 .. 1e12.
		vals[i] =
		        (double)(x >> 11) / 9007199254740992.0 * 1e12 / (double)(1 + (x & 0xffff));
		snprintf(strs[i], sizeof strs[i], "%.17g", vals[i]);
	}
	t0 = now();
	for (int i = 0; i < N; i++)
		ours(buf, sizeof buf, "%.17g", vals[i]);
	ta = now() - t0;
	t0 = now();
	for (int i = 0; i < N; i++)
		snprintf(buf, sizeof buf, "%.17g", vals[i]);
	tb = now() - t0;
	report("libc-printf-g17", ta, tb);
	t0 = now();
	for (int i = 0; i < N; i++)
		ours(buf, sizeof buf, "%f", vals[i]);
	ta = now() - t0;
	t0 = now();
	for (int i = 0; i < N; i++)
		snprintf(buf, sizeof buf, "%f", vals[i]);
	tb = now() - t0;
	report("libc-printf-f", ta, tb);
	t0 = now();
	for (int i = 0; i < N; i++)
		sink += gr_strtod(strs[i], NULL);
	ta = now() - t0;
	t0 = now();
	for (int i = 0; i < N; i++)
		sink += strtod(strs[i], NULL);
	tb = now() - t0;
	report("libc-strtod", ta, tb);
	(void)sink;
	return 0;
}
