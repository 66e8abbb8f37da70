// lib/c/math/ld.c: what ported numeric code needs beyond math.c: sinl,
// cosl and sincosl, hypot (x87 extended precision), fmax, fmin and
// lround/llround.
//
// Accuracy. sinl, cosl and sincosl reduce |x| < 2^30 by pi/2 in software
// (Cody and Waite, pi/2 to 128 bits) and sum the Taylor series in long
// double: within a few units in the last place of long double (64-bit
// significand), the same result on every machine. lib/fhe's arguments
// (pi k / N, in [0, 2pi)) are far inside that range. For larger |x| they
// use the x87's fsincos (its own 66-bit pi reduction; above 2^63 first
// fprem1 by the 64-bit 2pi, which leaves no correct digits), whose accuracy
// is the hardware's: QEMU's TCG computes it only in double precision.
// Infinities give NaN with EDOM, NaNs NaN.
#include <errno.h>
#include <limits.h>
#include <math.h>

// x modulo 2pi (the 64-bit 2pi), for arguments fsin and fcos refuse.
static long double
reduce_x87(long double x)
{
	const long double twopi = 6.283185307179586476925286766559005768L;
	unsigned short sw;

	do {
		__asm__("fprem1\n\tfnstsw %%ax" : "+t"(x), "=a"(sw) : "u"(twopi));
	} while (sw & 0x400);
	return x;
}

// sin and cos of r, |r| <= pi/4 (a little more is fine): the Taylor
// series to r^21 and r^20, whose next terms are below 2^-70 relative.
static void
kernel(long double r, long double *s, long double *c)
{
	static const long double sc[] = {
	        -0xaaaaaaaaaaaaaaabp-66L,  0x8888888888888889p-70L,  -0xd00d00d00d00d00dp-76L,
	        0xb8ef1d2ab6399c7dp-82L,   -0xd7322b3faa271c7fp-89L, 0xb092309d43684be5p-96L,
	        -0xd73f9f399dc0f88fp-104L, 0xca963b81856a5359p-112L, -0x97a4da340a0ab926p-120L,
	        0xb8dc77b6e7ab8c5fp-129L,
	};
	static const long double cc[] = {
	        0xaaaaaaaaaaaaaaabp-68L,  -0xb60b60b60b60b60bp-73L,  0xd00d00d00d00d00dp-79L,
	        -0x93f27dbbc4fae397p-85L, 0x8f76c77fc6c4bdaap-92L,   -0xc9cba54603e4e906p-100L,
	        0xd73f9f399dc0f88fp-108L, -0xb413c31dcbecbbdep-116L, 0xf2a15d201011283dp-125L,
	};
	long double r2 = r * r, ps = 0, pc = 0;

	for (int i = 9; i >= 0; i--)
		ps = ps * r2 + sc[i];
	for (int i = 8; i >= 0; i--)
		pc = pc * r2 + cc[i];
	*s = r + r * r2 * ps;
	*c = 1 - r2 / 2 + r2 * r2 * pc;
}

// sin and cos of x. Below 2^30 in magnitude: x - k pi/2 with pi/2 in three
// parts (32 + 32 + 64 bits, so k times the first two is exact), then the
// series; software long double arithmetic, so the result is the same on
// any x87 (QEMU's TCG computes fsin itself only in double precision).
// Larger x: the x87's fsincos (after fprem1 above 2^63).
static void
sincos_core(long double x, long double *s, long double *c)
{
	const long double p1 = 0xc90fdaa2p-31L, p2 = 0x85a308d3p-65L, p3 = 0x98cc51701b839a25p-132L,
	                  twoopi = 0xa2f9836e4e44152ap-64L;
	long double r, ks, kc;
	long long k;

	if (!(x < 0x1p30L && x > -0x1p30L)) {
		if (!(x < 0x1p63L && x > -0x1p63L))
			x = reduce_x87(x);
		__asm__("fsincos" : "=t"(*c), "=u"(*s) : "0"(x));
		return;
	}
	k = (long long)(x * twoopi + (x < 0 ? -0.5L : 0.5L));
	r = ((x - (long double)k * p1) - (long double)k * p2) - (long double)k * p3;
	kernel(r, &ks, &kc);
	switch (k & 3) {
	case 0:
		*s = ks, *c = kc;
		break;
	case 1:
		*s = kc, *c = -ks;
		break;
	case 2:
		*s = -ks, *c = -kc;
		break;
	default:
		*s = -kc, *c = ks;
		break;
	}
}

// The argument checks every function here shares: 1 if x is finite, 0 if
// *r holds the answer for an infinity (NaN, EDOM) or a NaN.
static int
trig_arg(long double x, long double *r)
{
	if (isnan(x)) {
		*r = x;
		return 0;
	}
	if (isinf(x)) {
		errno = EDOM;
		*r = x - x;
		return 0;
	}
	return 1;
}

long double
sinl(long double x)
{
	long double s, c;

	if (!trig_arg(x, &s))
		return s;
	sincos_core(x, &s, &c);
	return s;
}

long double
cosl(long double x)
{
	long double s, c;

	if (!trig_arg(x, &c))
		return c;
	sincos_core(x, &s, &c);
	return c;
}

// Both at once; compilers turn a sinl and a cosl of the same argument into
// a call of this.
void
sincosl(long double x, long double *s, long double *c)
{
	long double r;

	if (!trig_arg(x, &r)) {
		*s = *c = r;
		return;
	}
	sincos_core(x, s, c);
}

// sqrt(x^2 + y^2) in extended precision: the squares neither overflow nor
// underflow there, and one final rounding to double gives an error below
// one unit in the last place.
double
hypot(double x, double y)
{
	long double s, r;

	if (isinf(x) || isinf(y))
		return INFINITY;
	if (isnan(x) || isnan(y))
		return x + y;
	s = (long double)x * x + (long double)y * y;
	__asm__("fsqrt" : "=t"(r) : "0"(s));
	return (double)r;
}

// round() to an integer; out of range (and NaN) is a domain error that
// gives LONG_MIN, as the x86 conversion instructions do.
long
lround(double x)
{
	double r = round(x);

	if (!(r >= -0x1p63 && r < 0x1p63)) {
		errno = EDOM;
		return LONG_MIN;
	}
	return (long)r;
}

long long
llround(double x)
{
	return lround(x);
}

// The larger (smaller) of x and y; a NaN loses to a number; +0 is larger
// than -0.
double
fmax(double x, double y)
{
	if (isnan(x))
		return y;
	if (isnan(y) || x > y)
		return x;
	if (x == y && signbit(y))
		return x;
	return y;
}

double
fmin(double x, double y)
{
	if (isnan(x))
		return y;
	if (isnan(y) || x < y)
		return x;
	if (x == y && signbit(x))
		return x;
	return y;
}
