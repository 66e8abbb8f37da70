// lib/c/test/format_test.c: host unit test of lib/c's printf engine
// (stdio/format.c), checked against the host C library's snprintf for
// every supported conversion, flag, width, precision and length.
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../stdio/format.h"
#include "tap/tap.h"

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

// Format with both and compare text and return value.
#define SAME(...)                                                                                  \
	do {                                                                                       \
		char a[256], b[256];                                                               \
		int ra = ours(a, sizeof a, __VA_ARGS__);                                           \
		int rb = snprintf(b, sizeof b, __VA_ARGS__);                                       \
		tap_ok(ra == rb && strcmp(a, b) == 0, "%-24s -> \"%s\" (%d) want \"%s\" (%d)",     \
		       #__VA_ARGS__, a, ra, b, rb);                                                \
	} while (0)

static void
integers(void)
{
	SAME("%d %i %u", 0, -1, 4000000000u);
	SAME("%d", INT_MIN);
	SAME("%d", INT_MAX);
	SAME("%ld", LONG_MIN);
	SAME("%lld", LLONG_MIN);
	SAME("%llu", ULLONG_MAX);
	SAME("%lu", ULONG_MAX);
	SAME("%hd %hu", -32769, 70000);
	SAME("%hhd %hhu", 200, 300);
	SAME("%zu %zd", (size_t)-1, (ptrdiff_t)-5);
	SAME("%jd %ju", (intmax_t)INT64_MIN, (uintmax_t)UINT64_MAX);
	SAME("%td", (ptrdiff_t)-123456789);
	SAME("%x %X %o", 0xdeadbeefu, 0xdeadbeefu, 0777u);
	SAME("%lx %llX", 0x123456789abcdefUL, 0xfedcba9876543210ULL);
	SAME("%#x %#X %#o", 255u, 255u, 8u);
	SAME("%#x %#o", 0u, 0u);
	SAME("%#.0o %.0d %.0x|", 0u, 0, 0u);
	SAME("%+d % d %+d % d", 5, 5, -5, -5);
	SAME("%5d|%-5d|%05d", 42, 42, 42);
	SAME("%05d %05d", -42, 42);
	SAME("%+05d % 05d", 42, 42);
	SAME("%.5d %.5d", 42, -42);
	SAME("%8.5d|%-8.5d|%08.5d", 42, -42, 42);
	SAME("%#10x|%#-10x|%#010x", 0xabcu, 0xabcu, 0xabcu);
	SAME("%#5o|%#.5o", 8u, 8u);
	SAME("%*d|%-*d|%*d", 6, 1, 6, 2, -6, 3);
	SAME("%.*d|%.*d", 4, 7, -1, 7);
	SAME("%0-5d|", 3);
	SAME("%20llu|", 18446744073709551615ULL);
}

static void
strings_chars(void)
{
	SAME("%s|%10s|%-10s|", "abc", "abc", "abc");
	SAME("%.2s|%5.1s|%-5.0s|", "abc", "abc", "abc");
	SAME("%.*s|", 3, "abcdef");
	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("%3c|%-3c|", 'x', 'y');
	SAME("100%%");
	SAME("%5%|");
	SAME("%s", "");
	SAME("%s", (char *)NULL);
	SAME("no conversions");
}

static void
pointers(void)
{
	int x;

	SAME("%p", (void *)&x);
	SAME("%p", (void *)0x1000);
	SAME("%20p|%-20p|", (void *)0xabc, (void *)0xabc);
	SAME("%p", (void *)NULL);
}

static void
truncation(void)
{
	char buf[8];
	int r;

	memset(buf, 'x', sizeof buf);
	r = ours(buf, 4, "%d", 123456);
	tap_ok(r == 6 && strcmp(buf, "123") == 0 && buf[4] == 'x',
	       "snprintf truncates to n-1 bytes, returns the full length (%d, \"%s\")", r, buf);
	memset(buf, 'x', sizeof buf);
	r = ours(buf, 0, "%s", "hello");
	tap_ok(r == 5 && buf[0] == 'x', "n = 0 writes nothing and returns the length (%d)", r);
	r = ours(buf, 1, "%s", "hello");
	tap_ok(r == 5 && buf[0] == '\0', "n = 1 writes only the NUL");
	r = ours(NULL, 0, "%d%s", 12, "345");
	tap_ok(r == 5, "NULL buffer with n = 0 measures (%d)", r);
}

static void
unsupported(void)
{
	char buf[64];
	int n = 99;
	int r = ours(buf, sizeof buf, "a%nb%dc", &n, 7);

	tap_ok(strcmp(buf, "a%nb7c") == 0 && r == 6 && n == 99,
	       "%%n is refused: shown as written, nothing stored, later arguments kept (\"%s\")",
	       buf);
	r = ours(buf, sizeof buf, "end%");
	tap_ok(strcmp(buf, "end%") == 0, "a lone %% at the end is copied (\"%s\")", buf);
	r = ours(buf, sizeof buf, "%lq|%d", 5);
	tap_ok(strcmp(buf, "%lq|5") == 0,
	       "unknown conversion with length shows as written (\"%s\")", buf);
}

// A random double: random bits (every exponent, subnormals, inf, nan)
// half the time, else a short decimal or a small integer ratio, which hit
// rounding ties and carries.
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double
random_double(void)
{
	uint64_t r = next();
	double x;

	switch (r % 4) {
	case 0:
	case 1:
		r = next();
		memcpy(&x, &r, sizeof x);
		return x;
	case 2:
		return (double)(int64_t)(next() % 2000001 - 1000000) / (double)(1 + next() % 1000);
	}
	return (double)(next() % 100000) * 0.125 + (double)(next() % 4) * 0.5;
}

static void
floats_fixed(void)
{
	SAME("%f %e %g %a", 0.0, 0.0, 0.0, 0.0);
	SAME("%f %e %g %a", -0.0, -0.0, -0.0, -0.0);
	SAME("%f|%F|%e|%E|%g|%G|%a|%A", 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0, -(0.0 / 0.0), 1.0 / 0.0,
	     0.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0);
	SAME("%8f|%-8e|%08g|%+f", 1.0 / 0.0, 0.0 / 0.0, -1.0 / 0.0, 1.0 / 0.0);
	SAME("%.0f %.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, -0.5, 3.5);
	SAME("%.1f %.2f %.3f", 0.05, 0.125, 1.0005);
	SAME("%.20f", 0.1);
	SAME("%.60f", 1e-50);
	SAME("%f", 1e308);
	SAME("%.3e %.0e %#.0e %#.0f", 123456.0, 5e10, 2.0, 3.0);
	SAME("%g %g %g %g %g", 100000.0, 1000000.0, 1e-4, 1e-5, 123456789.0);
	SAME("%#g %#g %.0g %#.0g", 1.0, 0.0001, 12.0, 12.0);
	SAME("%g", 4.9406564584124654e-324);
	SAME("%.17g %.17g", 2.2250738585072014e-308, 1.7976931348623157e308);
	SAME("%.0a %.1a %.2a %a", 1.5, 1.03125, 1.0 / 3, 0.1);
	SAME("%a %a %A", 4.9406564584124654e-324, 2.2250738585072009e-308, 255.5);
	SAME("%+.3f % .3f %010.3f %-10.3f|", 3.14159, 3.14159, -3.14159, 3.14159);
	SAME("%+e % e %015e %-15e|", 3.14159, 3.14159, -3.14159, 3.14159);
	SAME("%#x %010a %-14a|", 1u, 1.0, -2.0);
	SAME("%*.*f|%-*.*e|", 12, 3, 2.71828, 12, 2, 2.71828);
	SAME("%.9999f|", 1.0);
	SAME("%Lf %Le", 1.5L, 2.25L);
}

// Every conversion, many precisions and flags, on 20 000 random doubles
// each, compared byte for byte with the host's printf.
static void
floats_random(void)
{
	static const char *const forms[] = {
	        "%f",      "%.0f",     "%.1f",     "%.3f",  "%.10f",  "%.17f", "%.40f", "%#.0f",
	        "%e",      "%.0e",     "%.1e",     "%.5e",  "%.16e",  "%.20e", "%#.0e", "%E",
	        "%g",      "%.1g",     "%.2g",     "%.10g", "%.17g",  "%#g",   "%#.3g", "%G",
	        "%a",      "%.0a",     "%.1a",     "%.5a",  "%.12a",  "%.15a", "%#.0a", "%A",
	        "%+15.4f", "%-+20.6e", "% 012.3g", "%020a", "%.500f", "%.0g",
	};
	static char a[4096], b[4096];

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		int bad = 0;
		for (int k = 0; k < 20000; k++) {
			double x = random_double();
			int ra = ours(a, sizeof a, forms[i], x);
			int rb = snprintf(b, sizeof b, forms[i], x);
			if (ra != rb || strcmp(a, b) != 0) {
				if (bad++ < 3)
					tap_diag("%s of %a: ours \"%s\" host \"%s\"", forms[i], x,
					         a, b);
			}
		}
		tap_ok(bad == 0, "%-10s on 20000 random doubles matches the host (%d differ)",
		       forms[i], bad);
	}
}

int
main(void)
{
	floats_fixed();
	floats_random();
	integers();
	strings_chars();
	pointers();
	truncation();
	unsupported();
	return tap_done();
}
