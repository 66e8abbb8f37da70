// lib/c/stdlib/strtod.c: strtod, strtof, strtold and atof, correctly rounded
// (round half to even) for decimal and hexadecimal input, with inf and nan.
// Portable C: the host unit test (lib/c/test/strtod_test.c) checks it
// against glibc.
//
// Decimal input: the first 19 digits and a power of ten in long double give
// a candidate within a few units in the last place; the candidate is then
// settled exactly by comparing the input, as a big integer D x 10^E (up to
// 800 significant digits, the rest kept as a "more" flag, which is enough
// because every halfway point between two doubles has fewer than 770), with
// the halfway points on either side of the candidate (big.h).
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "big.h"

enum { MAXDIGITS = 800 };

#define HUGE_VAL_ __builtin_huge_val()

// A binary floating-point format: p significand bits; values m x 2^e with
// e in [emin, emax] (emin is the exponent of the subnormals' unit).
struct ffmt {
	int p, emin, emax;
};

static const struct ffmt dbl = {53, -1074, 971};
static const struct ffmt flt = {24, -149, 104};

// A parsed decimal: digits d[0..n) (no leading zeros), value D x 10^e10,
// more: nonzero digits were dropped after the first MAXDIGITS.
struct decin {
	char d[MAXDIGITS];
	int n, more;
	long e10;
};

// m x 2^e as a double (exact: the callers pass representable values).
static double
scale2(double m, int e)
{
	while (e > 0) {
		int k = e > 1000 ? 1000 : e;
		uint64_t bits = (uint64_t)(1023 + k) << 52;
		double f;
		memcpy(&f, &bits, sizeof f);
		m *= f;
		e -= k;
	}
	while (e < 0) {
		int k = e < -1000 ? 1000 : -e;
		uint64_t bits = (uint64_t)(1023 - k) << 52;
		double f;
		memcpy(&f, &bits, sizeof f);
		m *= f;
		e += k;
	}
	return m;
}

// Compare D x 10^E (in) with h x 2^e2; "more" digits break a tie upward.
static int
compare(const struct big *dig, const struct decin *in, uint64_t h, int e2)
{
	static struct big l, r;
	long d;
	int c;

	l = *dig;
	big_set(&r, h);
	if (in->e10 >= 0)
		big_mul_pow5(&l, (int)in->e10);
	else
		big_mul_pow5(&r, (int)-in->e10);
	d = in->e10 - e2;
	if (d > 0)
		big_shl(&l, (int)d);
	else
		big_shl(&r, (int)-d);
	c = big_cmp(&l, &r);
	return c == 0 && in->more ? 1 : c;
}

// The candidate (m, e) nearest a long double approximation.
static void
candidate(long double v, const struct ffmt *f, uint64_t *m, int *e)
{
	int ex = 0;
	long double top = (long double)(UINT64_C(1) << (f->p - 1));

	while (v >= 18446744073709551616.0L) {
		v /= 18446744073709551616.0L;
		ex += 64;
	}
	while (v > 0 && v < 1.0L) {
		v *= 18446744073709551616.0L;
		ex -= 64;
	}
	while (v >= 2 * top) {
		v /= 2;
		ex++;
	}
	while (v > 0 && v < top) {
		v *= 2;
		ex--;
	}
	*m = (uint64_t)v;
	*e = ex;
	if (ex < f->emin) {
		int sh = f->emin - ex;
		*m = sh > 63 ? 0 : *m >> sh;
		*e = f->emin;
	}
	if (*e > f->emax) {
		*m = (UINT64_C(1) << f->p) - 1;
		*e = f->emax;
	}
}

static void
next_up(const struct ffmt *f, uint64_t *m, int *e)
{
	if (++*m == UINT64_C(1) << f->p) {
		*m >>= 1;
		++*e;
	}
}

static void
next_down(const struct ffmt *f, uint64_t *m, int *e)
{
	if (*m == UINT64_C(1) << (f->p - 1) && *e > f->emin) {
		*m = (UINT64_C(1) << f->p) - 1;
		--*e;
	} else {
		--*m;
	}
}

// Round the decimal exactly to format f. Returns the value as a double
// (exact for f = flt too); sets ERANGE on overflow and on underflow.
static double
round_decimal(const struct decin *in, const struct ffmt *f)
{
	static struct big dig;
	long double approx = 0, p10 = 1, base = 10;
	uint64_t m, lim = 0;
	int e, k, c, guard;
	long x;

	if (in->n + in->e10 > 311) {
		errno = ERANGE;
		return HUGE_VAL_;
	}
	if (in->n + in->e10 < -326) {
		errno = ERANGE;
		return 0;
	}
	// Fast path (Clinger): up to 15 digits are exact in a double, and so
	// are the powers of ten up to 10^22, so one IEEE multiplication or
	// division (SSE2: no excess precision) rounds correctly.
	if (f == &dbl && !in->more && in->n <= 15 && in->e10 >= -22 && in->e10 <= 22) {
		static const double p10s[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
		                              1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
		                              1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
		double dv = 0;
		for (k = 0; k < in->n; k++)
			dv = dv * 10 + (in->d[k] - '0');
		return in->e10 >= 0 ? dv * p10s[in->e10] : dv / p10s[-in->e10];
	}
	big_set(&dig, 0);
	for (k = 0; k < in->n; k++) {
		big_mul_small(&dig, 10);
		big_add_small(&dig, (uint32_t)(in->d[k] - '0'));
		if (k < 19)
			lim = lim * 10 + (uint64_t)(in->d[k] - '0');
	}
	x = in->e10 + (in->n > 19 ? in->n - 19 : 0);
	for (long ax = x < 0 ? -x : x; ax; ax >>= 1, base *= base)
		if (ax & 1)
			p10 *= base;
	approx = x < 0 ? (long double)lim / p10 : (long double)lim * p10;
	candidate(approx, f, &m, &e);
	for (guard = 0; guard < 4096; guard++) {
		// Above the upper halfway point: step up.
		c = compare(&dig, in, 2 * m + 1, e - 1);
		if (c > 0 || (c == 0 && (m & 1))) {
			next_up(f, &m, &e);
			if (e > f->emax) {
				errno = ERANGE;
				return HUGE_VAL_;
			}
			if (c == 0)
				break;
			continue;
		}
		if (c == 0 || m == 0)
			break;
		// Below the lower halfway point: step down.
		if (m == UINT64_C(1) << (f->p - 1) && e > f->emin)
			c = compare(&dig, in, 4 * m - 1, e - 2);
		else
			c = compare(&dig, in, 2 * m - 1, e - 1);
		if (c < 0 || (c == 0 && (m & 1))) {
			next_down(f, &m, &e);
			if (c == 0)
				break;
			continue;
		}
		break;
	}
	if (m < UINT64_C(1) << (f->p - 1))
		errno = ERANGE; // subnormal or zero: underflow
	return scale2((double)m, e);
}

// Parse decimal digits and exponent at s; *end is past them.
static int
parse_decimal(const char *s, struct decin *in, const char **end)
{
	int any = 0, dot = 0;
	long exp = 0;

	in->n = 0;
	in->more = 0;
	in->e10 = 0;
	for (;; s++) {
		if (*s == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			break;
		any = 1;
		if (*s == '0' && in->n == 0) {
			if (dot)
				in->e10--;
			continue;
		}
		if (in->n < MAXDIGITS) {
			in->d[in->n++] = *s;
			if (dot)
				in->e10--;
		} else {
			in->more |= *s != '0';
			if (!dot)
				in->e10++;
		}
	}
	if (!any)
		return 0;
	*end = s;
	if ((*s == 'e' || *s == 'E')) {
		const char *p = s + 1;
		int neg = 0;
		if (*p == '+' || *p == '-')
			neg = *p++ == '-';
		if (isdigit((unsigned char)*p)) {
			for (; isdigit((unsigned char)*p); p++)
				if (exp < 1000000)
					exp = exp * 10 + (*p - '0');
			in->e10 += neg ? -exp : exp;
			*end = p;
		}
	}
	// Trailing zeros among the kept digits only lengthen the big integer.
	while (in->n > 0 && in->d[in->n - 1] == '0') {
		in->n--;
		in->e10++;
	}
	return 1;
}

// Hexadecimal significand (after "0x") and optional binary exponent,
// rounded to format f.
static int
parse_hex(const char *s, const struct ffmt *f, double *out, const char **end)
{
	uint64_t mant = 0, q, rem, half;
	long be = 0, exp = 0;
	int any = 0, dot = 0, sticky = 0, len, lead, prec, shift;

	for (;; s++) {
		int d;
		if (*s == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (!isxdigit((unsigned char)*s))
			break;
		d = isdigit((unsigned char)*s) ? *s - '0' : (*s | 0x20) - 'a' + 10;
		any = 1;
		if (mant >> 56 == 0) {
			mant = mant * 16 + (uint64_t)d;
			if (dot)
				be -= 4;
		} else {
			sticky |= d != 0;
			if (!dot)
				be += 4;
		}
	}
	if (!any)
		return 0;
	*end = s;
	if (*s == 'p' || *s == 'P') {
		const char *p = s + 1;
		int neg = 0;
		if (*p == '+' || *p == '-')
			neg = *p++ == '-';
		if (isdigit((unsigned char)*p)) {
			for (; isdigit((unsigned char)*p); p++)
				if (exp < 1000000)
					exp = exp * 10 + (*p - '0');
			be += neg ? -exp : exp;
			*end = p;
		}
	}
	*out = 0;
	if (mant == 0)
		return 1;
	len = 64 - __builtin_clzll(mant);
	lead = (int)(be + len - 1);
	if (be + len - 1 > f->emax + f->p - 1) {
		errno = ERANGE;
		*out = HUGE_VAL_;
		return 1;
	}
	if (be + len - 1 < f->emin - 2) {
		errno = ERANGE;
		return 1;
	}
	prec = f->p;
	if (lead < f->emin + f->p - 1)
		prec = f->p - (f->emin + f->p - 1 - lead);
	shift = len - prec;
	if (shift > 0) {
		q = shift > 63 ? 0 : mant >> shift;
		rem = shift > 63 ? mant : mant & ((UINT64_C(1) << shift) - 1);
		half = shift > 64 ? 0 : UINT64_C(1) << (shift - 1);
		if (shift <= 64 && (rem > half || (rem == half && (sticky || (q & 1)))))
			q++;
		if (rem || sticky)
			sticky = 1;
		be += shift;
	} else {
		q = mant << -shift;
		be += shift;
	}
	if (q >= UINT64_C(1) << f->p) {
		q >>= 1;
		be++;
	}
	if (be > f->emax) {
		errno = ERANGE;
		*out = HUGE_VAL_;
		return 1;
	}
	if (q < UINT64_C(1) << (f->p - 1) && sticky)
		errno = ERANGE;
	*out = scale2((double)q, (int)be);
	return 1;
}

static int
word(const char *s, const char *w)
{
	size_t i;

	for (i = 0; w[i]; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

static double
convert(const char *s, char **endp, const struct ffmt *f)
{
	static struct decin in;
	const char *p = s, *end = s;
	double v = 0;
	int neg = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (word(p, "inf")) {
		v = HUGE_VAL_;
		end = p + (word(p, "infinity") ? 8 : 3);
	} else if (word(p, "nan")) {
		v = __builtin_nan("");
		end = p + 3;
		if (*end == '(') {
			const char *q = end + 1;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			if (*q == ')')
				end = q + 1;
		}
	} else if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && parse_hex(p + 2, f, &v, &end)) {
		// parsed
	} else if (parse_decimal(p, &in, &end)) {
		v = in.n == 0 ? 0 : round_decimal(&in, f);
	} else {
		end = s;
	}
	if (endp)
		*endp = (char *)end;
	return neg ? -v : v;
}

double
strtod(const char *restrict s, char **restrict end)
{
	return convert(s, end, &dbl);
}

float
strtof(const char *restrict s, char **restrict end)
{
	double v = convert(s, end, &flt);

	// Values past FLT_MAX came back as HUGE_VAL with ERANGE already.
	return (float)v;
}

// long double has no path of its own: the value is the correctly rounded
// double (documented in docs/libc.md).
long double
strtold(const char *restrict s, char **restrict end)
{
	return convert(s, end, &dbl);
}

double
atof(const char *s)
{
	return strtod(s, NULL);
}
