// tests/guest/libc_test.c: lib/c inside Gremlin: formatted output, the
// allocator over brk and mmap under load, string conversions, sorting,
// errno and errstr after a failed call.
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>

#include "guest.h"

// crt0 runs static constructors before main.
static int constructed;

__attribute__((constructor)) static void
construct(void)
{
	constructed = 1234;
}

static void
formatting(void)
{
	char buf[128];

	snprintf(buf, sizeof buf, "%d|%5s|%-4x|%8.3d|%c|%%|%lu|%lld|%zu|%p", -42, "ab", 0xbeefu, 7,
	         'z', ULONG_MAX, LLONG_MIN, (size_t)12, (void *)0x1000);
	tap_ok(strcmp(buf, "-42|   ab|beef|     "
	                   "007|z|%|18446744073709551615|-9223372036854775808|12|0x1000") == 0,
	       "snprintf in the guest: \"%s\"", buf);
	volatile size_t four = 4;

	tap_ok(snprintf(buf, four, "%s", "truncate") == 8 && strcmp(buf, "tru") == 0,
	       "snprintf truncates and returns the full length");
}

static void
allocator(void)
{
	enum { N = 2000 };
	static unsigned char *blocks[N];
	static size_t sizes[N];
	volatile size_t huge = (size_t)1 << 40;
	void *volatile failing;
	uint64_t x = 12345;
	int bad = 0, failed = 0;
	void *big;

	for (int round = 0; round < 4; round++)
		for (int i = 0; i < N; i++) {
			x = x * 6364136223846793005ull + 1;
			if (blocks[i]) {
				for (size_t k = 0; k < sizes[i]; k++)
					bad += blocks[i][k] != (unsigned char)(i + k);
				free(blocks[i]);
				blocks[i] = NULL;
				if (x & 1)
					continue;
			}
			sizes[i] = (x >> 20) % ((x >> 40) % 8 == 0 ? 20000 : 200);
			blocks[i] = malloc(sizes[i]);
			if (!blocks[i]) {
				failed++;
				continue;
			}
			bad += ((uintptr_t)blocks[i] & 15) != 0;
			for (size_t k = 0; k < sizes[i]; k++)
				blocks[i][k] = (unsigned char)(i + k);
		}
	tap_ok(failed == 0 && bad == 0, "malloc/free churn: %d failures, %d corrupt or misaligned",
	       failed, bad);
	for (int i = 0; i < N; i++)
		free(blocks[i]);
	big = malloc(8 << 20);
	tap_ok(big != NULL, "malloc(8 MB) (a mapping of its own)");
	if (big) {
		memset(big, 0xab, 8 << 20);
		big = realloc(big, 9 << 20);
		tap_ok(big && ((unsigned char *)big)[(8 << 20) - 1] == 0xab,
		       "realloc(9 MB) keeps contents");
		free(big);
	}
	errno = 0;
	// Through a volatile pointer: compilers may assume an unused malloc succeeds.
	failing = malloc((size_t)1 << 46);
	tap_ok(failing == NULL && errno == ENOMEM, "malloc(64 TB) fails with ENOMEM");
	failing = calloc(huge, huge);
	tap_ok(failing == NULL, "calloc overflow fails");
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void
conversions(void)
{
	int v[100], sorted = 1;
	char *end;

	tap_ok(strtol("  -123abc", &end, 10) == -123 && strcmp(end, "abc") == 0,
	       "strtol stops at junk");
	tap_ok(strtoul("0x1F", NULL, 0) == 31 && strtol("017", NULL, 0) == 15,
	       "strtol base 0 prefixes");
	errno = 0;
	tap_ok(strtol("99999999999999999999", NULL, 10) == LONG_MAX && errno == ERANGE,
	       "strtol saturates with ERANGE");
	tap_ok(atoi("42") == 42 && toupper('q') == 'Q' && isspace('\t') && !isdigit('x'),
	       "atoi and ctype");
	for (int i = 0; i < 100; i++)
		v[i] = (i * 37) % 101 - 50;
	qsort(v, 100, sizeof v[0], cmp_int);
	for (int i = 1; i < 100; i++)
		sorted &= v[i - 1] <= v[i];
	tap_ok(sorted, "qsort sorts 100 ints");
}

static void
errors(void)
{
	char why[ERRMAX];

	errno = 0;
	tap_ok(write(77, "x", 1) == -1 && errno == EBADF, "a failed write sets errno to EBADF");
	errstr(why, sizeof why);
	tap_ok(why[0] != '\0', "errstr explains it: \"%s\"", why);
	tap_ok(strcmp(strerror(ENOENT), "No such file or directory") == 0, "strerror(ENOENT)");
	errno = 0;
	tap_ok(open("/no-such-file", O_RDONLY) == -1 && errno == ENOENT,
	       "open of a missing file sets errno to ENOENT (%s)", strerror(errno));
}

// The _FORTIFY_SOURCE entry points glibc-built objects call.
void *__memcpy_chk(void *restrict dst, const void *restrict src, size_t n, size_t dstlen);
int __snprintf_chk(char *buf, size_t n, int flag, size_t buflen, const char *fmt, ...);

static void
overflow_chk(void *a)
{
	char dst[8];
	static const char src[32] = "more than eight bytes";
	volatile size_t n = sizeof src;

	(void)a;
	__memcpy_chk(dst, src, n, sizeof dst);
	exits(0, "overflow not caught");
}

static void
fortify(void)
{
	struct waitmsg w;
	char buf[16];
	int r;

	r = __snprintf_chk(buf, sizeof buf, 1, sizeof buf, "%d-%s", 7, "x");
	tap_ok(r == 3 && strcmp(buf, "7-x") == 0, "__snprintf_chk formats (\"%s\")", buf);
	r = in_child(overflow_chk, NULL, &w);
	tap_ok(r == 0 && w.status == 134 && strstr(w.msg, "buffer overflow") != NULL,
	       "__memcpy_chk past the destination ends the program (%d, \"%s\")", w.status, w.msg);
}

int
main(void)
{
	tap_ok(constructed == 1234, "static constructors ran before main");
	formatting();
	allocator();
	conversions();
	errors();
	fortify();
	guest_done();
}
