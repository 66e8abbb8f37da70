// lib/toml/scan.c: the parser's cursor: moving through the input while
// counting lines and columns, whitespace, comments, newlines, the up-front
// UTF-8 check, error reporting and growing buffers.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml/internal.h"

// Record the first error; every caller then unwinds with -1 or NULL.
int
perr(struct parser *P, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;

	if (P->err->msg[0] != '\0')
		return -1;
	P->err->line = line;
	P->err->col = col;
	va_start(ap, fmt);
	vsnprintf(P->err->msg, sizeof P->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int
oom(struct parser *P)
{
	return perr(P, 0, 0, "out of memory");
}

// Move n bytes forward. Columns count characters: UTF-8 continuation bytes
// do not start a new column.
void
adv(struct parser *P, size_t n)
{
	for (; n > 0 && P->p < P->end; n--, P->p++) {
		unsigned char c = (unsigned char)*P->p;

		if (c == '\n') {
			P->line++;
			P->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			P->col++;
		}
	}
}

void
skip_ws(struct parser *P)
{
	while (at(P, 0) == ' ' || at(P, 0) == '\t')
		adv(P, 1);
}

// The characters TOML forbids in comments and strings: U+0000 to U+001F
// except tab, and U+007F. (Newlines are handled by the callers.)
int
is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7F;
}

// A comment runs from '#' to the end of the line. Returns 0 (also when there
// is no comment here) or -1.
int
skip_comment(struct parser *P)
{
	int c;

	if (at(P, 0) != '#')
		return 0;
	adv(P, 1);
	while ((c = at(P, 0)) != -1 && c != '\n') {
		if (c == '\r' && at(P, 1) == '\n')
			return 0;
		if (is_control(c))
			return perr(P, P->line, P->col, "control character U+%04X in comment", c);
		adv(P, 1);
	}
	return 0;
}

// Consume one newline (LF or CRLF): 1 if there was one, 0 if not, -1 for a
// carriage return without a line feed.
int
eat_newline(struct parser *P)
{
	if (at(P, 0) == '\n') {
		adv(P, 1);
		return 1;
	}
	if (at(P, 0) != '\r')
		return 0;
	if (at(P, 1) != '\n')
		return perr(P, P->line, P->col, "carriage return not followed by line feed");
	adv(P, 2);
	return 1;
}

// Skip whitespace, comments and newlines (inside arrays).
int
skip_blank(struct parser *P)
{
	for (;;) {
		int r;

		skip_ws(P);
		if (skip_comment(P) < 0)
			return -1;
		r = eat_newline(P);
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
	}
}

// The length of the valid UTF-8 sequence at s (at most n bytes), or 0.
// Rejects overlong forms, surrogates and values above U+10FFFF.
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
		return 0;
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

// Check the whole document is UTF-8 before parsing, so the rest of the
// parser can trust every multi-byte sequence.
int
check_utf8(struct parser *P)
{
	const unsigned char *s = (const unsigned char *)P->p;
	size_t n = (size_t)(P->end - P->p), i = 0;

	while (i < n) {
		size_t len = utf8_len(s + i, n - i);

		if (len == 0) {
			adv(P, i);
			return perr(P, P->line, P->col, "invalid UTF-8 (byte 0x%02X)", s[i]);
		}
		i += len;
	}
	return 0;
}

// The code point of the (valid, multi-byte) UTF-8 sequence at the cursor.
static uint32_t
decode(const struct parser *P)
{
	int c = at(P, 0);
	size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	uint32_t cp = (uint32_t)c & (0x7F >> len);

	for (size_t i = 1; i < len && at(P, i) >= 0; i++)
		cp = cp << 6 | ((uint32_t)at(P, i) & 0x3F);
	return cp;
}

// Name the character at the cursor for an error message.
const char *
describe(const struct parser *P, char *out, size_t n)
{
	int c = at(P, 0);

	if (c == -1)
		snprintf(out, n, "end of input");
	else if (c == '\n' || c == '\r')
		snprintf(out, n, "end of line");
	else if (c > 0x20 && c < 0x7F)
		snprintf(out, n, "'%c'", c);
	else if (c < 0x80)
		snprintf(out, n, "U+%04X", (unsigned)c);
	else
		snprintf(out, n, "U+%04X", (unsigned)decode(P));
	return out;
}

int
bput(struct parser *P, struct buf *b, const void *d, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 32;
		char *p;

		while (cap < b->n + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (p == NULL)
			return oom(P);
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

int
bputc(struct parser *P, struct buf *b, int c)
{
	char ch = (char)c;

	return bput(P, b, &ch, 1);
}
