// lib/toml/number.c: TOML integers (decimal, 0x, 0o, 0b; underscores only
// between digits; exactly the 64-bit signed range) and floats (decimal with
// a fraction and/or exponent, inf and nan). A float is converted by strtod
// from a copy with the underscores removed, so it is correctly rounded.
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "toml/internal.h"

// The longest number echoed in an error message.
#define SHOW 40

static int
token_char(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_' || c == '.' || c == '+' || c == '-';
}

static int
digit_value(int c, int radix)
{
	int v = -1;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	return v < radix ? v : -1;
}

struct num {
	struct parser *P;
	const char *tok; // the whole token, for messages
	size_t len;
	uint32_t line, col;
};

static int
bad(struct num *N, const char *why)
{
	return perr(N->P, N->line, N->col, "invalid number \"%.*s\": %s",
	            (int)(N->len < SHOW ? N->len : SHOW), N->tok, why);
}

// Check s[0..n) is digits of radix with single underscores between digits,
// and append the digits (without underscores) to out.
static int
clean_digits(struct num *N, const char *s, size_t n, int radix, char *out, size_t *outn)
{
	size_t i;

	if (n == 0)
		return bad(N, "digits expected");
	for (i = 0; i < n; i++) {
		if (s[i] == '_') {
			if (i == 0 || i == n - 1 || s[i - 1] == '_')
				return bad(N, "an underscore must be between two digits");
			continue;
		}
		if (digit_value((unsigned char)s[i], radix) < 0)
			return bad(N, "invalid digit");
		out[(*outn)++] = s[i];
	}
	out[*outn] = '\0';
	return 0;
}

// Accumulate digits of radix into a magnitude no larger than limit.
static int
magnitude(struct num *N, const char *d, int radix, uint64_t limit, uint64_t *v)
{
	for (*v = 0; *d != '\0'; d++) {
		uint64_t x = (uint64_t)digit_value((unsigned char)*d, radix);

		if (*v > (limit - x) / (uint64_t)radix)
			return bad(N, "out of the 64-bit integer range");
		*v = *v * (uint64_t)radix + x;
	}
	return 0;
}

static int
integer(struct num *N, char *scratch, int64_t *out)
{
	const char *s = N->tok;
	size_t n = N->len, dn = 0;
	int neg = 0, radix = 10;
	uint64_t v;

	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		s++, n--;
	}
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		if (s != N->tok)
			return bad(N, "hexadecimal, octal and binary integers cannot have a sign");
		radix = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		s += 2, n -= 2;
	} else if (n > 1 && s[0] == '0') {
		return bad(N, "leading zeros are not allowed");
	}
	if (clean_digits(N, s, n, radix, scratch, &dn) < 0)
		return -1;
	if (magnitude(N, scratch, radix, neg ? (uint64_t)1 << 63 : INT64_MAX, &v) < 0)
		return -1;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

// The length of s[0..n) up to the first character of set (or n).
static size_t
span_to(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(set, s[i]) != NULL)
			break;
	return i;
}

static int
special_float(const char *s, size_t n, double *out)
{
	int neg = 0;

	if (n > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		s++, n--;
	}
	if (n == 3 && memcmp(s, "inf", 3) == 0) {
		*out = neg ? -__builtin_inf() : __builtin_inf();
		return 1;
	}
	if (n == 3 && memcmp(s, "nan", 3) == 0) {
		*out = neg ? -__builtin_nan("") : __builtin_nan("");
		return 1;
	}
	return 0;
}

// float = [sign] int-part ( frac [exp] / exp ); int-part has no leading
// zeros; frac and exp digits may have them.
static int
floating(struct num *N, char *c, double *out)
{
	const char *s = N->tok;
	size_t n = N->len, cn = 0, k;
	double v;

	if (special_float(s, n, out))
		return 0;
	if (s[0] == '+' || s[0] == '-')
		c[cn++] = *s++, n--;
	k = span_to(s, n, ".eE");
	if (k > 1 && s[0] == '0')
		return bad(N, "leading zeros are not allowed");
	if (clean_digits(N, s, k, 10, c, &cn) < 0)
		return -1;
	s += k, n -= k;
	if (n > 0 && *s == '.') {
		c[cn++] = '.';
		s++, n--;
		k = span_to(s, n, "eE");
		if (k == 0)
			return bad(N, "digits expected after the decimal point");
		if (clean_digits(N, s, k, 10, c, &cn) < 0)
			return -1;
		s += k, n -= k;
	}
	if (n > 0) {
		c[cn++] = 'e';
		s++, n--;
		if (n > 0 && (*s == '+' || *s == '-'))
			c[cn++] = *s++, n--;
		if (clean_digits(N, s, n, 10, c, &cn) < 0)
			return -1;
	}
	v = strtod(c, NULL);
	if (v > DBL_MAX || v < -DBL_MAX)
		return bad(N, "out of the 64-bit float range");
	*out = v;
	return 0;
}

static int
is_float(const char *s, size_t n)
{
	double d;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b'))
		return 0;
	return special_float(s, n, &d) || span_to(s, n, ".eE") < n;
}

// An integer or a float; the cursor is on its first character.
toml_node *
parse_number(struct parser *P)
{
	struct num N = {P, P->p, 0, P->line, P->col};
	toml_node *node;
	char *scratch;
	int r;

	while (token_char(at(P, N.len)))
		N.len++;
	scratch = malloc(N.len + 2);
	node = node_new(P, TOML_INTEGER, P->line, P->col);
	if (scratch == NULL || node == NULL) {
		free(scratch);
		node_free(node);
		if (node != NULL)
			oom(P);
		return NULL;
	}
	if (is_float(N.tok, N.len)) {
		node->type = TOML_FLOAT;
		r = floating(&N, scratch, &node->u.f);
	} else {
		r = integer(&N, scratch, &node->u.i);
	}
	free(scratch);
	if (r < 0) {
		node_free(node);
		return NULL;
	}
	adv(P, N.len);
	return node;
}
