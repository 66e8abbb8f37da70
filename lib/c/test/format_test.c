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
	int r = ours(buf, sizeof buf, "a%fb%dc", 1.5, 7);

	tap_ok(strcmp(buf, "a%fb7c") == 0 && r == 6,
	       "unknown conversion %%f shows as written and keeps later arguments (\"%s\")", buf);
	r = ours(buf, sizeof buf, "end%");
	tap_ok(strcmp(buf, "end%") == 0, "a lone %% at the end is copied (\"%s\")", buf);
	r = ours(buf, sizeof buf, "%lq|%d", 5);
	tap_ok(strcmp(buf, "%lq|5") == 0,
	       "unknown conversion with length shows as written (\"%s\")", buf);
}

int
main(void)
{
	integers();
	strings_chars();
	pointers();
	truncation();
	unsupported();
	return tap_done();
}
