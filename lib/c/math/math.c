// lib/c/math/math.c: the small libm of math.h. Rounding functions, fmod,
// frexp, ldexp and sqrt are exact (sqrt is the sqrtsd instruction); exp,
// log and pow are evaluated in x87 long double (64-bit significand) and
// rounded once to double, which keeps them within one unit in the last
// place, not always correctly rounded. Portable C but for sqrt: the host
// unit test (lib/c/test/math_test.c) checks all of them against glibc.
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static uint64_t
bits(double x)
{
	uint64_t b;

	memcpy(&b, &x, sizeof b);
	return b;
}

static double
from_bits(uint64_t b)
{
	double x;

	memcpy(&x, &b, sizeof x);
	return x;
}

double
fabs(double x)
{
	return from_bits(bits(x) & ~(UINT64_C(1) << 63));
}

// Drop the fraction bits of x (|x| < 2^52, the exponent known).
double
trunc(double x)
{
	uint64_t b = bits(x);
	int e = (int)((b >> 52) & 0x7ff) - 1023;

	if (e >= 52)
		return x; // integral already (or inf, nan)
	if (e < 0)
		return from_bits(b & (UINT64_C(1) << 63)); // +-0
	return from_bits(b & ~((UINT64_C(1) << (52 - e)) - 1));
}

double
floor(double x)
{
	double t = trunc(x);

	return (t != x && x < 0) ? t - 1 : t;
}

double
ceil(double x)
{
	double t = trunc(x);

	return (t != x && x > 0) ? t + 1 : t;
}

// Halfway cases away from zero.
double
round(double x)
{
	double t = trunc(x), f = fabs(x - t);

	if (f >= 0.5)
		t += x < 0 ? -1 : 1;
	return t;
}

double
modf(double x, double *ip)
{
	double t = trunc(x);

	*ip = t;
	if (isinf(x))
		return from_bits(bits(x) & (UINT64_C(1) << 63));
	return from_bits((bits(x - t) & ~(UINT64_C(1) << 63)) | (bits(x) & (UINT64_C(1) << 63)));
}

double
sqrt(double x)
{
	double r;

	__asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
	if (x < 0)
		errno = EDOM;
	return r;
}

float
sqrtf(float x)
{
	float r;

	__asm__("sqrtss %1, %0" : "=x"(r) : "x"(x));
	if (x < 0)
		errno = EDOM;
	return r;
}

// x * 2^e with one rounding: big steps keep intermediate results exact
// (the downward step keeps 53 bits clear of the subnormal range).
double
ldexp(double x, int e)
{
	for (int i = 0; i < 2 && e > 1023; i++) {
		x *= 0x1p1023;
		e -= 1023;
	}
	for (int i = 0; i < 2 && e < -1022; i++) {
		x *= 0x1p-1022 * 0x1p53;
		e += 1022 - 53;
	}
	if (e > 1023)
		e = 1023;
	if (e < -1022)
		e = -1022;
	return x * from_bits((uint64_t)(e + 1023) << 52);
}

double
frexp(double x, int *e)
{
	uint64_t b = bits(x);
	int ex = (int)((b >> 52) & 0x7ff);

	*e = 0;
	if (x == 0 || ex == 0x7ff)
		return x;
	if (ex == 0) { // subnormal: normalise first
		x *= 0x1p64;
		b = bits(x);
		ex = (int)((b >> 52) & 0x7ff);
		*e = -64;
	}
	*e += ex - 1022;
	return from_bits((b & ~(UINT64_C(0x7ff) << 52)) | (UINT64_C(1022) << 52));
}

// fmod is exact: repeatedly subtract the largest y * 2^k not above the
// remainder (each subtraction is exact by Sterbenz's lemma).
double
fmod(double x, double y)
{
	double r, ay;
	int er, ey;

	if (isnan(x) || isnan(y) || isinf(x) || y == 0) {
		errno = EDOM;
		return (x * y) / (x * y);
	}
	r = fabs(x);
	ay = fabs(y);
	if (isinf(y) || r < ay)
		return x;
	frexp(ay, &ey);
	while (r >= ay) {
		double t;
		frexp(r, &er);
		t = ldexp(ay, er - ey);
		if (t > r)
			t = ldexp(ay, er - ey - 1);
		r -= t;
	}
	return x < 0 ? -r : r;
}

static const long double LN2 = 0.693147180559945309417232121458176568L;

// Natural logarithm of a finite x > 0 in long double: x = m 2^k with m in
// [sqrt(1/2), sqrt(2)), log m = 2 atanh s with s = (m-1)/(m+1), |s| < 0.172.
static long double
log_ld(long double x)
{
	int k = 0;
	long double s, s2, term, sum;

	while (x >= 0x1p64L) {
		x *= 0x1p-64L;
		k += 64;
	}
	while (x < 0x1p-64L) {
		x *= 0x1p64L;
		k -= 64;
	}
	while (x >= 1.41421356237309504880L) {
		x /= 2;
		k++;
	}
	while (x < 0.70710678118654752440L) {
		x *= 2;
		k--;
	}
	s = (x - 1) / (x + 1);
	s2 = s * s;
	term = s;
	sum = 0;
	for (int n = 1; n < 60; n += 2) {
		sum += term / n;
		term *= s2;
		if (term < 1e-24L && term > -1e-24L)
			break;
	}
	return k * LN2 + 2 * sum;
}

// e^x in long double for |x| < 11400: x = k ln2 + r, |r| <= ln2/2.
static long double
exp_ld(long double x)
{
	long double kf = x / LN2, r, term = 1, sum = 1;
	long k = (long)(kf < 0 ? kf - 0.5L : kf + 0.5L);

	r = x - k * LN2;
	for (int n = 1; n < 40; n++) {
		term *= r / n;
		sum += term;
		if (term < 1e-22L && term > -1e-22L)
			break;
	}
	// Scale by 2^k in long double (its exponent range covers any k here).
	while (k > 60) {
		sum *= 0x1p60L;
		k -= 60;
	}
	while (k < -60) {
		sum *= 0x1p-60L;
		k += 60;
	}
	return k >= 0 ? sum * (long double)(UINT64_C(1) << k)
	              : sum / (long double)(UINT64_C(1) << -k);
}

double
exp(double x)
{
	if (isnan(x))
		return x;
	if (x > 709.8) {
		errno = ERANGE;
		return HUGE_VAL;
	}
	if (x < -745.2) {
		errno = ERANGE;
		return 0;
	}
	return (double)exp_ld(x);
}

double
log(double x)
{
	if (isnan(x) || (isinf(x) && x > 0))
		return x;
	if (x == 0) {
		errno = ERANGE;
		return -HUGE_VAL;
	}
	if (x < 0) {
		errno = EDOM;
		return NAN;
	}
	return (double)log_ld(x);
}

double
log2(double x)
{
	if (x > 0 && !isinf(x)) {
		int e;
		double m = frexp(x, &e);
		if (m == 0.5)
			return e - 1; // exact powers of two
		return (double)(log_ld(x) / LN2);
	}
	return log(x);
}

double
log10(double x)
{
	if (x > 0 && !isinf(x))
		return (double)(log_ld(x) / 2.30258509299404568401799145468436421L);
	return log(x);
}

static int
is_int(double y)
{
	return trunc(y) == y;
}

static int
is_odd_int(double y)
{
	return is_int(y) && fabs(y) < 0x1p53 && fmod(y, 2) != 0;
}

double
pow(double x, double y)
{
	long double l;

	if (y == 0 || x == 1)
		return 1;
	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(y)) {
		double ax = fabs(x);
		if (ax == 1)
			return 1;
		return (ax > 1) == (y > 0) ? HUGE_VAL : 0;
	}
	if (x == 0 || isinf(x)) {
		int neg = signbit(x) && is_odd_int(y);
		int big = (x == 0) == (y < 0);
		double r = big ? HUGE_VAL : 0;
		if (x == 0 && y < 0)
			errno = ERANGE;
		return neg ? -r : r;
	}
	if (x < 0 && !is_int(y)) {
		errno = EDOM;
		return NAN;
	}
	l = (long double)y * log_ld(fabs(x));
	if (l > 709.8L) {
		errno = ERANGE;
		return is_odd_int(y) && x < 0 ? -HUGE_VAL : HUGE_VAL;
	}
	if (l < -745.2L) {
		errno = ERANGE;
		return is_odd_int(y) && x < 0 ? -0.0 : 0;
	}
	l = exp_ld(l);
	return (double)(x < 0 && is_odd_int(y) ? -l : l);
}
