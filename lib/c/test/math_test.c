// lib/c/test/math_test.c: host unit test of lib/c's libm (math/math.c,
// compiled with gr_ names) against glibc: exact functions bit for bit,
// exp, log, log2, log10 and pow within one unit in the last place, on
// random arguments and special values.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tap/tap.h"

double gr_fabs(double), gr_floor(double), gr_ceil(double), gr_trunc(double), gr_round(double);
double gr_sqrt(double), gr_fmod(double, double), gr_ldexp(double, int), gr_frexp(double, int *);
double gr_modf(double, double *), gr_exp(double), gr_log(double), gr_log2(double);
double gr_log10(double), gr_pow(double, double);

static uint64_t rng = 0xbb67ae8584caa73bull;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double
rnd(void)
{
	uint64_t b = next();
	double x;

	if (next() % 2) {
		memcpy(&x, &b, sizeof x);
		return x;
	}
	return (double)(int64_t)(next() % 2000001 - 1000000) / (double)(1 + next() % 997);
}

static int
identical(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

// Units in the last place between a and b (both finite, same sign).
static double
ulps(double a, double b)
{
	if (identical(a, b))
		return 0;
	if (isnan(a) || isnan(b) || isinf(a) || isinf(b) || signbit(a) != signbit(b))
		return 1e9;
	int64_t ia, ib;
	memcpy(&ia, &a, 8);
	memcpy(&ib, &b, 8);
	return (double)(ia > ib ? ia - ib : ib - ia);
}

#define EXACT1(f)                                                                                  \
	do {                                                                                       \
		int bad = 0;                                                                       \
		for (int i = 0; i < 200000; i++) {                                                 \
			double x = rnd();                                                          \
			if (!identical(gr_##f(x), f(x)) && bad++ < 3)                              \
				tap_diag(#f "(%a) = %a, glibc %a", x, gr_##f(x), f(x));            \
		}                                                                                  \
		tap_ok(bad == 0, #f " is exact on 200000 random arguments (%d differ)", bad);      \
	} while (0)

#define ULP1(f, lim, arg)                                                                          \
	do {                                                                                       \
		double worst = 0;                                                                  \
		for (int i = 0; i < 200000; i++) {                                                 \
			double x = (arg), u = ulps(gr_##f(x), f(x));                               \
			if (u > worst)                                                             \
				worst = u;                                                         \
			if (u > (lim))                                                             \
				tap_diag(#f "(%a) = %a, glibc %a", x, gr_##f(x), f(x));            \
			if (u > (lim))                                                             \
				break;                                                             \
		}                                                                                  \
		tap_ok(worst <= (lim),                                                             \
		       #f " within %g ulp of glibc on random arguments (worst %g)", (double)(lim), \
		       worst);                                                                     \
	} while (0)

int
main(void)
{
	EXACT1(fabs);
	EXACT1(floor);
	EXACT1(ceil);
	EXACT1(trunc);
	EXACT1(round);
	EXACT1(sqrt);
	{
		int bad = 0;
		for (int i = 0; i < 100000; i++) {
			double x = rnd(), y = rnd(), ia, ib;
			int e = (int)(next() % 4400) - 2200, ea, eb;
			bad += !identical(gr_fmod(x, y), fmod(x, y));
			bad += !identical(gr_ldexp(x, e), ldexp(x, e));
			bad += !identical(gr_frexp(x, &ea), frexp(x, &eb)) ||
			       (isfinite(x) && ea != eb);
			bad += !identical(gr_modf(x, &ia), modf(x, &ib)) || !identical(ia, ib);
		}
		tap_ok(bad == 0,
		       "fmod, ldexp, frexp, modf exact on 100000 random arguments (%d differ)",
		       bad);
	}
	ULP1(exp, 1, (double)(next() % 1500000) / 1000 - 745);
	ULP1(log, 1, fabs(rnd()));
	ULP1(log2, 1, fabs(rnd()));
	ULP1(log10, 1, fabs(rnd()));
	{
		double worst = 0;
		for (int i = 0; i < 200000; i++) {
			double x = fabs(rnd()) / 1e3,
			       y = (double)(int64_t)(next() % 2001 - 1000) / 37;
			if (next() % 4 == 0) {
				x = -x;
				y = (double)(int64_t)(next() % 41 - 20);
			}
			double u = ulps(gr_pow(x, y), pow(x, y));
			if (u > worst)
				worst = u;
			if (u > 1 && worst == u)
				tap_diag("pow(%a, %a) = %a, glibc %a", x, y, gr_pow(x, y),
				         pow(x, y));
		}
		tap_ok(worst <= 1, "pow within 1 ulp of glibc on random arguments (worst %g)",
		       worst);
	}
	{
		static const double sp[] = {0.0, -0.0,     1.0,       -1.0, 2.0, -2.0,
		                            0.5, INFINITY, -INFINITY, NAN,  3.0, -3.0};
		int bad = 0;
		for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++)
			for (size_t j = 0; j < sizeof sp / sizeof sp[0]; j++)
				if (!identical(gr_pow(sp[i], sp[j]), pow(sp[i], sp[j])) &&
				    bad++ < 5)
					tap_diag("pow(%g, %g) = %g, glibc %g", sp[i], sp[j],
					         gr_pow(sp[i], sp[j]), pow(sp[i], sp[j]));
		tap_ok(bad == 0, "pow of zeros, ones, infinities and nans as glibc (%d differ)",
		       bad);
	}
	return tap_done();
}
