// lib/c/test/strtod_test.c: host unit test of lib/c's strtod and strtof
// (stdlib/strtod.c, compiled as gr_strtod and gr_strtof), checked bit for
// bit against glibc's on fixed hard cases and on random inputs: shortest
// and long decimal renderings, exact halfway points between neighbouring
// doubles (plus or minus a trailing digit), long digit strings, hex floats.
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap/tap.h"

double gr_strtod(const char *restrict s, char **restrict end);
float gr_strtof(const char *restrict s, char **restrict end);

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

// Compare ours with glibc on s: value bits, end pointer, and ERANGE.
static int
same_d(const char *s, int report)
{
	char *ea, *eb;
	double a, b;
	int erra, errb;

	errno = 0;
	a = gr_strtod(s, &ea);
	erra = errno == ERANGE;
	errno = 0;
	b = strtod(s, &eb);
	errb = errno == ERANGE;
	if ((memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b))) && ea == eb &&
	    (erra == errb || (b != 0 && !isinf(b))))
		return 1;
	if (report)
		tap_diag("strtod(\"%.60s\"): ours %a end+%td erange %d, glibc %a end+%td erange %d",
		         s, a, ea - s, erra, b, eb - s, errb);
	return 0;
}

static int
same_f(const char *s, int report)
{
	char *ea, *eb;
	float a = gr_strtof(s, &ea), b = strtof(s, &eb);

	if ((memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b))) && ea == eb)
		return 1;
	if (report)
		tap_diag("strtof(\"%.60s\"): ours %a glibc %a", s, (double)a, (double)b);
	return 0;
}

static void
fixed(void)
{
	static const char *const cases[] = {
	        "0",
	        "-0",
	        "1",
	        "0.1",
	        "  +3.14159",
	        "1e308",
	        "1.7976931348623157e308",
	        "1.7976931348623158e308",
	        "1.7976931348623159e308",
	        "1e309",
	        "-1e400",
	        "2.2250738585072014e-308",
	        "2.2250738585072011e-308",
	        "4.9406564584124654e-324",
	        "2.4703282292062327e-324",
	        "2.4703282292062328e-324",
	        "1e-400",
	        "9007199254740993",
	        "9007199254740992.5",
	        "9007199254740993.0000000000000000000000000000001",
	        "0.500000000000000166533453693773481063544750213623046875",
	        "123456789012345678901234567890e-10",
	        "inf",
	        "-Infinity",
	        "infinit",
	        "nan",
	        "NaN(123)",
	        "nan(",
	        "0x1p-1074",
	        "0x1.8p1",
	        "0X1.FFFFFFFFFFFFFp1023",
	        "0x1.fffffffffffff8p1023",
	        "0x.8p1",
	        "0x1p-1075",
	        "0x1.0000000000001p-1075",
	        "0x",
	        "0x.p1",
	        ".",
	        "e5",
	        "1e",
	        "1e+",
	        "1.5e-3x",
	        ".5",
	        "5.",
	        "00000.00001e5",
	        "1e-4000000000",
	        "1e4000000000",
	        "0.0000000000000000000000000000000000000001e40",
	        "7.2057594037927933e16",
	        "2.2250738585072012e-308",
	};
	int bad = 0;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bad += !same_d(cases[i], 1);
		bad += !same_f(cases[i], 1);
	}
	tap_ok(bad == 0, "%zu hard and malformed inputs match glibc (%d differ)",
	       sizeof cases / sizeof cases[0], bad);
}

static double
random_bits_double(void)
{
	uint64_t r;
	double x;

	do {
		r = next();
		memcpy(&x, &r, sizeof x);
	} while (isnan(x) || isinf(x));
	return x;
}

static void
random_renderings(void)
{
	char buf[2048];
	int bad = 0, badf = 0;

	for (int i = 0; i < 30000; i++) {
		double x = random_bits_double();
		snprintf(buf, sizeof buf, "%.*g", (int)(1 + next() % 25), x);
		bad += !same_d(buf, bad < 3);
		badf += !same_f(buf, badf < 3);
		snprintf(buf, sizeof buf, "%a", x);
		bad += !same_d(buf, bad < 3);
		badf += !same_f(buf, badf < 3);
	}
	tap_ok(bad == 0, "60000 random %%g and %%a renderings: strtod matches glibc (%d differ)",
	       bad);
	tap_ok(badf == 0, "the same through strtof (%d differ)", badf);
}

// Exact halfway points between neighbouring doubles (long double holds
// them), printed exactly, then nudged with a trailing digit.
static void
halfway(void)
{
	static char buf[2100];
	int bad = 0;

	for (int i = 0; i < 4000; i++) {
		double x = fabs(random_bits_double());
		long double mid;
		size_t n;

		if (x == 0 || x > 1e300)
			continue;
		mid = ((long double)x + (long double)nextafter(x, INFINITY)) / 2;
		snprintf(buf, sizeof buf - 2, "%.1100Lf", mid);
		n = strlen(buf);
		while (buf[n - 1] == '0')
			n--;
		buf[n] = '\0';
		bad += !same_d(buf, bad < 3);
		buf[n] = '1';
		buf[n + 1] = '\0';
		bad += !same_d(buf, bad < 3);
		buf[n - 1]--;
		buf[n] = '9';
		bad += !same_d(buf, bad < 3);
	}
	tap_ok(bad == 0, "12000 exact halfway points and their neighbours match glibc (%d differ)",
	       bad);
}

// Long random digit strings with random exponents.
static void
long_digits(void)
{
	static char buf[1200];
	int bad = 0;

	for (int i = 0; i < 3000; i++) {
		int n = 1 + (int)(next() % 1000), k = 0;
		buf[k++] = (char)('1' + next() % 9);
		for (int j = 1; j < n; j++)
			buf[k++] = (char)('0' + next() % 10);
		k += sprintf(buf + k, "e%d", (int)(next() % 1400) - 1000);
		bad += !same_d(buf, bad < 3);
		bad += !same_f(buf, bad < 3);
	}
	tap_ok(bad == 0, "3000 random digit strings up to 1000 digits match glibc (%d differ)",
	       bad);
}

// Short decimals (up to 17 digits, exponents -30..30): the fast path and
// the cases just outside it.
static void
short_decimals(void)
{
	char buf[64];
	int bad = 0;

	for (int i = 0; i < 100000; i++) {
		uint64_t d = next() % 100000000000000000ull;
		int digits = (int)(next() % 18);
		uint64_t lim = 1;
		for (int k = 0; k < digits; k++)
			lim *= 10;
		snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)(d % (lim ? lim : 1)),
		         (int)(next() % 61) - 30);
		bad += !same_d(buf, bad < 3);
	}
	tap_ok(bad == 0, "100000 short decimals match glibc (%d differ)", bad);
}

int
main(void)
{
	short_decimals();
	fixed();
	random_renderings();
	halfway();
	long_digits();
	return tap_done();
}
