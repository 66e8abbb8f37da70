// lib/c/stdlib/strtol.c: string to integer conversions (strto*, ato*) and
// integer absolute values.
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

// Parse an optionally signed integer in base (0: from the prefix). Sets
// *neg, *end and *overflow; returns the magnitude, saturated at max.
static unsigned long long
parse(const char *s, char **end, int base, unsigned long long max, int *neg, int *overflow)
{
	const char *p = s;
	unsigned long long v = 0;
	int d, any = 0;

	*neg = 0;
	*overflow = 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	if (base < 2 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	for (;; p++) {
		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (isalpha((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		any = 1;
		if (v > (max - (unsigned)d) / (unsigned)base) {
			*overflow = 1;
			v = max;
		} else if (!*overflow) {
			v = v * (unsigned)base + (unsigned)d;
		}
	}
	if (end)
		*end = (char *)(any ? p : s);
	return v;
}

long long
strtoll(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long lim = (unsigned long long)LLONG_MAX + 1;
	unsigned long long v = parse(s, end, base, lim, &neg, &over);

	if (over || (!neg && v == lim)) {
		errno = ERANGE;
		return neg ? LLONG_MIN : LLONG_MAX;
	}
	return neg ? (long long)(0 - v) : (long long)v;
}

long
strtol(const char *restrict s, char **restrict end, int base)
{
	return (long)strtoll(s, end, base);
}

unsigned long long
strtoull(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, ULLONG_MAX, &neg, &over);

	if (over) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? 0 - v : v;
}

unsigned long
strtoul(const char *restrict s, char **restrict end, int base)
{
	return (unsigned long)strtoull(s, end, base);
}

int
atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long
atol(const char *s)
{
	return strtol(s, NULL, 10);
}

int
abs(int x)
{
	return x < 0 ? -x : x;
}

long
labs(long x)
{
	return x < 0 ? -x : x;
}

long long
llabs(long long x)
{
	return x < 0 ? -x : x;
}
