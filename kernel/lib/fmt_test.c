// kernel/lib/fmt_test.c: host tests of the kernel's formatter (lib/fmt.c),
// checked against the host's snprintf for the conversions it supports.
#include <stdio.h>
#include <string.h>

#include "lib/fmt.h"
#include "tap/tap.h"

static char got[64], want[64];

#define SAME(...)                                                                                  \
	do {                                                                                       \
		int n1 = fmt(got, sizeof got, __VA_ARGS__);                                        \
		int n2 = snprintf(want, sizeof want, __VA_ARGS__);                                 \
		tap_ok(n1 == n2 && strcmp(got, want) == 0, "%s -> \"%s\" (want \"%s\")",           \
		       #__VA_ARGS__, got, want);                                                   \
	} while (0)

int
main(void)
{
	char small[8];
	int n;

	SAME("%d %d %d", 0, -1, 2147483647);
	SAME("%d", (int)-2147483647 - 1);
	SAME("%u %x %X", 4294967295u, 0xbeefu, 0xbeefu);
	SAME("%lld %llu", (long long)-9223372036854775807LL - 1, 18446744073709551615ULL);
	SAME("%llx %016llx", 0x123456789abcdefULL, 0x1fULL);
	SAME("%zu", (size_t)12345);
	SAME("[%5d] [%-5d] [%05d] [%05d]", 42, 42, 42, -42);
	SAME("[%8s] [%-8s] [%s]", "ab", "ab", "");
	SAME("%c%c%%", 'x', 'y');
	SAME("%p", (void *)0x1000);
	n = fmt(small, sizeof small, "%s", "longer than eight");
	tap_ok(n == 7 && strcmp(small, "longer ") == 0, "truncates to the buffer, NUL-terminated");
	n = fmt(small, 1, "abc");
	tap_ok(n == 0 && small[0] == '\0', "a one-byte buffer gets just the NUL");
	const char *volatile null = NULL;

	n = fmt(small, sizeof small, "%s", null);
	tap_ok(strcmp(small, "(null)") == 0, "NULL string prints (null)");
	n = fail(small, sizeof small, "e%d", 7);
	tap_ok(n == -1 && strcmp(small, "e7") == 0, "fail formats and returns -1");
	return tap_done();
}
