// lib/toml/string.c: TOML's four string forms: basic "..." with escapes,
// literal '...', and their multi-line forms """...""" and '''...''' (a newline
// right after the opening quotes is dropped; in """ a backslash at the end of
// a line removes the newline and the whitespace after it). Quoted keys use the
// single-line forms.
#include <stdlib.h>
#include <string.h>

#include "toml/internal.h"

// Does a string start at the cursor?
int
at_string(const struct parser *P)
{
	return at(P, 0) == '"' || at(P, 0) == '\'';
}

static int
put_utf8(struct parser *P, struct buf *b, uint32_t cp)
{
	unsigned char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (unsigned char)cp, n = 1;
	} else if (cp < 0x800) {
		s[0] = (unsigned char)(0xC0 | cp >> 6), n = 2;
	} else if (cp < 0x10000) {
		s[0] = (unsigned char)(0xE0 | cp >> 12), n = 3;
	} else {
		s[0] = (unsigned char)(0xF0 | cp >> 18), n = 4;
	}
	for (size_t i = 1; i < n; i++)
		s[i] = (unsigned char)(0x80 | ((cp >> (6 * (n - 1 - i))) & 0x3F));
	return bput(P, b, s, n);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

// \uXXXX or \UXXXXXXXX (the cursor is on the u or U): a Unicode scalar value,
// that is, not a surrogate and not above U+10FFFF.
static int
unicode_escape(struct parser *P, struct buf *b, uint32_t line, uint32_t col)
{
	size_t n = at(P, 0) == 'u' ? 4 : 8, i;
	uint32_t cp = 0;

	for (i = 1; i <= n; i++) {
		int h = hexval(at(P, i));

		if (h < 0)
			return perr(P, line, col, "\\%c escape needs %zu hex digits", at(P, 0), n);
		cp = cp << 4 | (uint32_t)h;
	}
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return perr(P, line, col, "\\%c%.*s is not a Unicode scalar value", at(P, 0),
		            (int)n, P->p + 1);
	adv(P, n + 1);
	return put_utf8(P, b, cp);
}

// One escape sequence; the cursor is on the backslash.
static int
escape(struct parser *P, struct buf *b)
{
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	uint32_t line = P->line, col = P->col;
	int c = at(P, 1);
	const char *e;

	adv(P, 1);
	if (c == 'u' || c == 'U')
		return unicode_escape(P, b, line, col);
	if (c > 0 && (e = strchr(from, c)) != NULL) {
		adv(P, 1);
		return bputc(P, b, to[e - from]);
	}
	if (c == -1)
		return perr(P, line, col, "unterminated string");
	if (c > 0x20 && c < 0x7F)
		return perr(P, line, col, "invalid escape sequence \\%c", c);
	return perr(P, line, col, "invalid escape sequence: backslash followed by %s",
	            c == '\n' || c == '\r' ? "end of line" : "a non-printing character");
}

// Copy one character of a string body (the cursor is on it): anything but
// control characters. Multi-byte characters are copied whole.
static int
body_char(struct parser *P, struct buf *b, const char *what)
{
	int c = at(P, 0);
	size_t n = 1;

	if (is_control(c))
		return perr(P, P->line, P->col, "control character U+%04X in %s", c, what);
	while (at(P, n) >= 0x80 && at(P, n) < 0xC0)
		n++;
	if (bput(P, b, P->p, n) < 0)
		return -1;
	adv(P, n);
	return 0;
}

// A single-line string: basic (escapes) when q is '"', literal when '\''.
static int
single_line(struct parser *P, struct buf *b, int q)
{
	uint32_t line = P->line, col = P->col;
	const char *what = q == '"' ? "string" : "literal string";

	adv(P, 1);
	for (;;) {
		int c = at(P, 0);

		if (c == -1 || c == '\n' || (c == '\r' && at(P, 1) == '\n'))
			return perr(P, line, col, "unterminated %s", what);
		if (c == q) {
			adv(P, 1);
			return 0;
		}
		if (c == '\\' && q == '"') {
			if (escape(P, b) < 0)
				return -1;
		} else if (body_char(P, b, what) < 0) {
			return -1;
		}
	}
}

// In a multi-line basic string, a backslash followed by whitespace up to the
// end of the line swallows that newline and all whitespace and newlines after
// it. Returns 1 if it did, 0 if the backslash starts an ordinary escape.
static int
line_ending_backslash(struct parser *P)
{
	size_t k = 1;
	int r;

	while (at(P, k) == ' ' || at(P, k) == '\t')
		k++;
	if (at(P, k) != '\n' && !(at(P, k) == '\r' && at(P, k + 1) == '\n'))
		return 0;
	adv(P, k);
	for (;;) {
		skip_ws(P);
		r = eat_newline(P);
		if (r <= 0)
			return r < 0 ? -1 : 1;
	}
}

// The closing delimiter of a multi-line string: three quotes, which may be
// preceded by one or two quotes that belong to the content. Returns 1 when
// the string ended here, 0 if these quotes are content (already copied).
static int
multi_close(struct parser *P, struct buf *b, int q)
{
	size_t n = 0;

	while (at(P, n) == q)
		n++;
	if (n < 3) {
		if (bput(P, b, P->p, n) < 0)
			return -1;
		adv(P, n);
		return 0;
	}
	if (n > 5)
		return perr(P, P->line, P->col,
		            "too many quotes: at most 2 may precede the closing %s",
		            q == '"' ? "\"\"\"" : "'''");
	if (bput(P, b, P->p, n - 3) < 0)
		return -1;
	adv(P, n);
	return 1;
}

static int
multi_line(struct parser *P, struct buf *b, int q)
{
	uint32_t line = P->line, col = P->col;
	const char *what = q == '"' ? "multi-line string" : "multi-line literal string";
	int r;

	adv(P, 3);
	if (eat_newline(P) < 0)
		return -1;
	for (;;) {
		int c = at(P, 0);

		if (c == -1)
			return perr(P, line, col, "unterminated %s", what);
		if (c == q) {
			r = multi_close(P, b, q);
			if (r != 0)
				return r < 0 ? -1 : 0;
			continue;
		}
		if (c == '\n' || c == '\r') {
			size_t n = c == '\n' ? 1 : 2;

			if (eat_newline(P) < 0 || bput(P, b, P->p - n, n) < 0)
				return -1;
			continue;
		}
		if (c == '\\' && q == '"') {
			r = line_ending_backslash(P);
			if (r < 0 || (r == 0 && escape(P, b) < 0))
				return -1;
			continue;
		}
		if (body_char(P, b, what) < 0)
			return -1;
	}
}

// A string value; the cursor is on its first quote.
toml_node *
parse_string(struct parser *P)
{
	int q = at(P, 0);
	struct buf b = {0};
	toml_node *n;
	int r;

	n = node_new(P, TOML_STRING, P->line, P->col);
	if (n == NULL)
		return NULL;
	if (at(P, 1) == q && at(P, 2) == q)
		r = multi_line(P, &b, q);
	else
		r = single_line(P, &b, q);
	if (r == 0 && b.p == NULL)
		r = bput(P, &b, "", 0);
	if (r < 0) {
		free(b.p);
		node_free(n);
		return NULL;
	}
	n->u.str.s = b.p;
	n->u.str.len = b.n;
	return n;
}

// A quoted key: one of the single-line forms only.
int
parse_key_string(struct parser *P, struct buf *out)
{
	int q = at(P, 0);

	if (at(P, 1) == q && at(P, 2) == q)
		return perr(P, P->line, P->col, "a key cannot be a multi-line string");
	return single_line(P, out, q);
}
