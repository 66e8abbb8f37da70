// lib/c/test/string_test.c: host unit test of lib/c/string/string.c, built
// with rename.h so the functions under test are gr_memcpy, ... (the names
// below are those). Results are checked against expected values and against
// byte-at-a-time reference loops, over all small alignments and lengths.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap/tap.h"

static unsigned char src[300], dst[300], ref[300];

static void
fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 31 + i * 7 + (i >> 3));
}

static void
copies(void)
{
	int bad = 0;

	for (size_t so = 0; so < 16; so++)
		for (size_t doff = 0; doff < 16; doff++)
			for (size_t n = 0; n < 80; n++) {
				fill(src, sizeof src, (unsigned)(so + n));
				fill(dst, sizeof dst, 99);
				fill(ref, sizeof ref, 99);
				for (size_t i = 0; i < n; i++)
					ref[doff + i] = src[so + i];
				memcpy(dst + doff, src + so, n);
				bad += memcmp(dst, ref, sizeof dst) != 0;
			}
	tap_ok(bad == 0, "memcpy at every alignment pair and length < 80 (%d wrong)", bad);

	bad = 0;
	for (size_t a = 0; a < 40; a++)
		for (size_t b = 0; b < 40; b++)
			for (size_t n = 0; n < 60; n++) {
				fill(dst, sizeof dst, 5);
				fill(ref, sizeof ref, 5);
				unsigned char tmp[300];
				for (size_t i = 0; i < n; i++)
					tmp[i] = ref[a + i];
				for (size_t i = 0; i < n; i++)
					ref[b + i] = tmp[i];
				memmove(dst + b, dst + a, n);
				bad += memcmp(dst, ref, sizeof dst) != 0;
			}
	tap_ok(bad == 0, "memmove with overlap in both directions (%d wrong)", bad);

	bad = 0;
	for (size_t o = 0; o < 16; o++)
		for (size_t n = 0; n < 70; n++) {
			fill(dst, sizeof dst, 3);
			fill(ref, sizeof ref, 3);
			for (size_t i = 0; i < n; i++)
				ref[o + i] = 0xa5;
			memset(dst + o, 0x1a5, n);
			bad += memcmp(dst, ref, sizeof dst) != 0;
		}
	tap_ok(bad == 0, "memset at every alignment (int value truncated to a byte) (%d wrong)",
	       bad);
}

static void
compares(void)
{
	tap_ok(memcmp("abc", "abd", 3) < 0 && memcmp("abd", "abc", 3) > 0 &&
	               memcmp("abc", "abd", 2) == 0,
	       "memcmp orders and stops at n");
	tap_ok(memcmp("\x80", "\x01", 1) > 0, "memcmp compares bytes as unsigned");
	tap_ok(strcmp("", "") == 0 && strcmp("a", "") > 0 && strcmp("abc", "abd") < 0,
	       "strcmp basic orders");
	tap_ok(strcmp("\xff", "a") > 0, "strcmp compares as unsigned char");
	tap_ok(strncmp("abcx", "abcy", 3) == 0 && strncmp("ab", "abc", 5) < 0 &&
	               strncmp("a", "b", 0) == 0,
	       "strncmp limits and ends");
	tap_ok(strcasecmp("HeLLo", "hello") == 0 && strncasecmp("ABCx", "abcy", 3) == 0 &&
	               strcasecmp("a", "B") < 0,
	       "strcasecmp / strncasecmp ignore ASCII case");
}

static void
searches(void)
{
	const char *s = "hello, world";

	tap_ok(strlen("") == 0 && strlen(s) == 12 && strnlen(s, 5) == 5 && strnlen(s, 50) == 12,
	       "strlen / strnlen");
	tap_ok(strchr(s, 'o') == s + 4 && strrchr(s, 'o') == s + 8 && strchr(s, 'z') == NULL &&
	               strchr(s, '\0') == s + 12,
	       "strchr / strrchr find first, last and the terminator");
	tap_ok(memchr(s, 'w', 12) == s + 7 && memchr(s, 'w', 7) == NULL &&
	               memrchr(s, 'l', 12) == s + 10,
	       "memchr / memrchr respect n");
	tap_ok(strstr(s, "world") == s + 7 && strstr(s, "") == s && strstr(s, "worlds") == NULL &&
	               strstr("aaab", "aab") != NULL,
	       "strstr");
	tap_ok(strspn("abcabcx", "abc") == 6 && strcspn("abc,def", ",") == 3 &&
	               strpbrk("abc,def", ",;") != NULL && strpbrk("abc", "xyz") == NULL,
	       "strspn / strcspn / strpbrk");
}

static void
builders(void)
{
	char buf[16], *save, line[] = "  one two\tthree  ";
	size_t r;

	strcpy(buf, "ab");
	strcat(buf, "cd");
	strncat(buf, "efgh", 2);
	tap_ok(strcmp(buf, "abcdef") == 0, "strcpy / strcat / strncat (\"%s\")", buf);
	memset(buf, 'x', sizeof buf);
	strncpy(buf, "ab", 5);
	tap_ok(memcmp(buf, "ab\0\0\0x", 6) == 0, "strncpy pads with NULs up to n");
	r = strlcpy(buf, "0123456789abcdefXYZ", sizeof buf);
	tap_ok(r == 19 && strlen(buf) == 15,
	       "strlcpy truncates and returns the source length (%zu)", r);
	strcpy(buf, "abc");
	r = strlcat(buf, "defghijklmnopqrstu", 8);
	tap_ok(r == 21 && strcmp(buf, "abcdefg") == 0,
	       "strlcat truncates and returns the full length");
	tap_ok(strcmp(strtok_r(line, " \t", &save), "one") == 0 &&
	               strcmp(strtok_r(NULL, " \t", &save), "two") == 0 &&
	               strcmp(strtok_r(NULL, " \t", &save), "three") == 0 &&
	               strtok_r(NULL, " \t", &save) == NULL,
	       "strtok_r splits and skips runs of delimiters");
}

int
main(void)
{
	copies();
	compares();
	searches();
	builders();
	return tap_done();
}
