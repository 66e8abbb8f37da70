// tests/guest/libc_ld_test.c: lib/c/math/ld.c inside Gremlin: sinl, cosl
// and sincosl on known values and on the table lib/fhe builds (the
// angles pi k / n), hypot without overflow, fmax/fmin with NaN and signed
// zeros, and lround/llround with halfway and out-of-range arguments. The
// arguments go through volatile variables so the compiler cannot fold the
// calls at build time.
#include <limits.h>
#include <math.h>

#include "guest.h"

static long double
absl(long double x)
{
	return x < 0 ? -x : x;
}

static void
test_trig(void)
{
	static const long double pi = 3.141592653589793238462643383279502884L;
	volatile long double one = 1, zero = 0, big = 1e30L, inf = INFINITY, nan = NAN;
	long double s, c, worst = 0;
	int same = 1;

	tap_ok(sinl(zero) == 0 && cosl(zero) == 1, "sinl(0) = 0, cosl(0) = 1");
	tap_ok(absl(sinl(one) - 0.84147098480789650665250232163029899962L) <= 0x1p-63L,
	       "sinl(1) within 2^-63 of 0.841470984807896506652...");
	tap_ok(absl(cosl(one) - 0.54030230586813971740093660744297660373L) <= 0x1p-63L,
	       "cosl(1) within 2^-63 of 0.540302305868139717400...");
	// The angles of lib/fhe's CKKS table for N = 4096: pi k / 4096, k < 8192.
	for (int k = 0; k < 8192; k++) {
		volatile long double a = pi * (long double)k / 4096.0L;
		long double e;

		sincosl(a, &s, &c);
		same &= s == sinl(a) && c == cosl(a);
		e = absl(s * s + c * c - 1);
		worst = e > worst ? e : worst;
		if ((k > 0 && k < 4096 && s <= 0) || (k > 4096 && s >= 0))
			same = 0;
	}
	tap_ok(same, "sincosl(pi k/4096) equals sinl and cosl, sin has the sign of its half-turn");
	tap_ok(worst <= 0x1p-61L, "sin^2 + cos^2 - 1 <= 2^-61 over the 8192 angles (worst %.3Lg)",
	       worst);
	volatile long double a6 = pi / 6, a3 = pi / 3;
	tap_ok(absl(sinl(a6) - 0.5L) <= 0x1p-63L && absl(cosl(a3) - 0.5L) <= 0x1p-63L,
	       "sinl(pi/6) and cosl(pi/3) within 2^-63 of 1/2");
	// Past 2^30 the x87 computes: QEMU's TCG does so in double precision.
	s = sinl(big);
	c = cosl(big);
	tap_ok(s >= -1 && s <= 1 && c >= -1 && c <= 1 && absl(s * s + c * c - 1) <= 0x1p-50L,
	       "sinl and cosl of 1e30 (x87 fprem1, fsincos) stay on the unit circle");
	errno = 0;
	s = sinl(inf);
	tap_ok(isnan(s) && errno == EDOM, "sinl(inf) is NaN with EDOM");
	tap_ok(isnan(cosl(nan)), "cosl(NaN) is NaN");
}

static void
test_hypot(void)
{
	volatile double three = 3, four = 4, huge = 1e300, tiny = 1e-320, inf = INFINITY, nan = NAN;

	tap_ok(hypot(three, four) == 5, "hypot(3, 4) = 5");
	tap_ok(hypot(huge, huge) == 1.4142135623730952e300, "hypot(1e300, 1e300) = %.17g",
	       hypot(huge, huge));
	tap_ok(hypot(tiny, 0) == tiny, "hypot(1e-320, 0) = 1e-320 (no underflow)");
	tap_ok(isinf(hypot(nan, inf)) && isnan(hypot(nan, three)),
	       "hypot(NaN, inf) = inf, hypot(NaN, 3) = NaN");
}

static void
test_minmax_round(void)
{
	volatile double nan = NAN, pz = 0.0, nz = -0.0, big = 1e19;

	tap_ok(fmax(nan, 1) == 1 && fmax(1, nan) == 1 && fmin(nan, 2) == 2,
	       "fmax and fmin ignore a NaN");
	tap_ok(fmax(nz, pz) == 0 && !signbit(fmax(nz, pz)) && signbit(fmin(pz, nz)),
	       "fmax(-0, +0) = +0, fmin(+0, -0) = -0");
	tap_ok(llround(2.5) == 3 && llround(-2.5) == -3 && llround(2.4999999999999996) == 2,
	       "llround rounds halfway cases away from zero");
	tap_ok(llround(9007199254740993.0) == 9007199254740992LL &&
	               lround(-1e18) == -1000000000000000000L,
	       "llround of large exact values");
	errno = 0;
	tap_ok(llround(big) == LLONG_MIN && errno == EDOM, "llround(1e19) is LLONG_MIN with EDOM");
	errno = 0;
	tap_ok(lround(nan) == LONG_MIN && errno == EDOM, "lround(NaN) is LONG_MIN with EDOM");
}

int
main(void)
{
	test_trig();
	test_hypot();
	test_minmax_round();
	guest_done();
}
