// cmd/init/decode.c: percent-decoding of kernel command-line words.
#include <ctype.h>
#include <string.h>

#include "init.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

void
percent_decode(char *s)
{
	char *d = s;
	int hi, lo;

	if (strcmp(s, "%") == 0) {
		s[0] = '\0';
		return;
	}
	for (; *s; s++) {
		if (*s == '%' && (hi = hexval((unsigned char)s[1])) >= 0 &&
		    (lo = hexval((unsigned char)s[2])) >= 0 && (hi | lo) != 0) {
			*d++ = (char)(hi << 4 | lo);
			s += 2;
		} else {
			// A '%' not followed by two hex digits stays as it is.
			*d++ = *s;
		}
	}
	*d = '\0';
}
