// lib/c/test/scan_test.c: host unit test of lib/c's scanf engine
// (stdio/scan.c), each case run through ours and glibc's sscanf and the
// return values and every stored field compared.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../stdio/scan.h"
#include "tap/tap.h"

static int
ours(const char *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = scan_vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}

// Up to four fields of one kind. The storage is zeroed before each side.
#define CASE(T, in, fmt)                                                                           \
	do {                                                                                       \
		T a[4], b[4];                                                                      \
		memset(a, 0, sizeof a);                                                            \
		memset(b, 0, sizeof b);                                                            \
		int ra = ours(in, fmt, &a[0], &a[1], &a[2], &a[3]);                                \
		int rb = sscanf(in, fmt, &b[0], &b[1], &b[2], &b[3]);                              \
		tap_ok(ra == rb && memcmp(a, b, sizeof a) == 0,                                    \
		       "sscanf(\"%s\", \"%s\") -> %d (glibc %d)", in, fmt, ra, rb);                \
	} while (0)

typedef char str[32];

int
main(void)
{
	CASE(int, "42 -17 0x1f 077", "%d %d %i %i");
	CASE(int, "  +5,6;7", "%d,%d;%d");
	CASE(int, "12345", "%2d%3d");
	CASE(unsigned, "ff FF 17 4294967295", "%x %X %o %u");
	CASE(long long, "-9223372036854775808 18446744073709551615", "%lld %llu");
	CASE(short, "70000 -3", "%hd %hd");
	CASE(signed char, "300 65", "%hhd %hhd");
	CASE(long, "1 2 3", "%ld %*d %ld");
	CASE(int, "abc", "%d");
	CASE(int, "", "%d");
	CASE(int, "   ", "%d");
	CASE(int, "12 abc", "%d %d");
	CASE(int, "0x", "%x");
	CASE(int, "-", "%d");
	CASE(int, "5%6", "%d%%%d");
	CASE(int, "10 20", "%d%n %d");
	CASE(float, "3.25 -1e3 .5 0x1.8p1", "%f %e %g %a");
	CASE(float, "inf -INFINITY nan 1e-50", "%f %f %f %f");
	CASE(double, "3.14159265358979 2.5e-300 1e309 -0", "%lf %le %lg %lf");
	CASE(double, "1.5e+", "%lf");
	CASE(double, "123456", "%3lf%lf");
	CASE(long double, "1.25", "%Lf");
	CASE(str, "hello world  again", "%s %s %s");
	CASE(str, "hello", "%3s%s");
	CASE(str, "abc123def", "%[a-z]%[0-9]%[^\n]");
	CASE(str, "]]x", "%[]]%s");
	CASE(str, "a-b", "%[a-]%s");
	CASE(str, "xyz", "%[^y]%c");
	CASE(char, "abcdefgh", "%c%2c%c");
	CASE(char, " x y", "%c %c %c");
	CASE(str, "key = value", "%s = %s");
	CASE(str, "key=value", "%[^=]=%s");
	CASE(int, "1 2", "%d x %d");
	return tap_done();
}
