// bench/guest/bench.h: what every guest benchmark program shares. Each
// program is built for Gremlin (lib/c) and, where it has a Linux baseline,
// for the Linux guest (static glibc), so this uses only portable C and
// POSIX. Figures are kept as integers (no floating-point printf needed).
#ifndef BENCH_GUEST_BENCH_H
#define BENCH_GUEST_BENCH_H

#include <stdlib.h>
#include <time.h>

// Nanoseconds on the monotonic clock.
static inline long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

// The median of n rounds (v is sorted in place).
static inline long long
median(long long *v, int n)
{
	qsort(v, (size_t)n, sizeof v[0], cmp_ll);
	return v[n / 2];
}

#endif
