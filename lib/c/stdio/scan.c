// lib/c/stdio/scan.c: the scanf engine (see scan.h).
#include "scan.h"

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_MAX, L_SIZE, L_PTRDIFF, L_LDOUBLE };

// The source plus how many bytes were consumed (for %n).
struct in {
	struct scansrc *src;
	long count;
	int eof;
};

static int
next(struct in *in)
{
	int c = in->src->get(in->src->ctx);

	if (c < 0) {
		in->eof = 1;
		return -1;
	}
	in->count++;
	return c;
}

static void
back(struct in *in, int c)
{
	if (c < 0)
		return;
	in->src->unget(c, in->src->ctx);
	in->count--;
}

static void
skip_space(struct in *in)
{
	int c;

	while ((c = next(in)) >= 0 && isspace(c))
		;
	back(in, c);
}

// Collect an integer field (sign, prefix, digits of base) into buf.
// base 0 decides from the prefix. Returns the characters taken.
static int
take_int(struct in *in, char *buf, int cap, int width, int *base)
{
	int n = 0, c = next(in), digits = 0;

	if (c == '+' || c == '-') {
		if (n < width) {
			buf[n++] = (char)c;
			c = next(in);
		}
	}
	if (c == '0' && n < width) {
		buf[n++] = (char)c;
		digits = 1;
		c = next(in);
		if ((c == 'x' || c == 'X') && (*base == 0 || *base == 16) && n < width) {
			// "0x" with no hex digit after it still reads as 0.
			buf[n++] = (char)c;
			*base = 16;
			c = next(in);
		} else if (*base == 0) {
			*base = 8;
		}
	}
	if (*base == 0)
		*base = 10;
	for (; c >= 0 && n < width && n < cap - 1; c = next(in)) {
		int d = isdigit(c) ? c - '0' : isalpha(c) ? (c | 0x20) - 'a' + 10 : 99;
		if (d >= *base)
			break;
		buf[n++] = (char)c;
		digits++;
	}
	back(in, c);
	buf[n] = '\0';
	return digits > 0 ? n : 0;
}

static int
is_word(struct in *in, char *buf, int *n, int width, const char *w)
{
	for (; *w; w++) {
		int c = next(in);
		if (c < 0 || tolower(c) != *w || *n >= width) {
			back(in, c);
			return 0;
		}
		buf[(*n)++] = (char)c;
	}
	return 1;
}

// Collect a floating-point field into buf; returns its length or 0.
static int
take_float(struct in *in, char *buf, int cap, int width)
{
	int n = 0, c, digits = 0, hex = 0;

	if (width > cap - 1)
		width = cap - 1;
	c = next(in);
	if ((c == '+' || c == '-') && n < width) {
		buf[n++] = (char)c;
		c = next(in);
	}
	if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
		back(in, c);
		if (is_word(in, buf, &n, width, (c | 0x20) == 'i' ? "inf" : "nan")) {
			// "infinity" in full, or "inf" (strtod reads the prefix).
			if ((c | 0x20) == 'i')
				is_word(in, buf, &n, width, "inity");
			buf[n] = '\0';
			return n;
		}
		return 0;
	}
	if (c == '0' && n < width) {
		buf[n++] = (char)c;
		digits = 1;
		c = next(in);
		if ((c == 'x' || c == 'X') && n < width) {
			buf[n++] = (char)c;
			hex = 1;
			digits = 0;
			c = next(in);
		}
	}
	for (; c >= 0 && n < width && (hex ? isxdigit(c) : isdigit(c)); c = next(in), digits++)
		buf[n++] = (char)c;
	if (c == '.' && n < width) {
		buf[n++] = (char)c;
		for (c = next(in); c >= 0 && n < width && (hex ? isxdigit(c) : isdigit(c));
		     c = next(in), digits++)
			buf[n++] = (char)c;
	}
	if (digits == 0) {
		back(in, c);
		return 0;
	}
	if ((hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E')) && n < width) {
		buf[n++] = (char)c;
		c = next(in);
		if ((c == '+' || c == '-') && n < width) {
			buf[n++] = (char)c;
			c = next(in);
		}
		for (; c >= 0 && n < width && isdigit(c); c = next(in))
			buf[n++] = (char)c;
	}
	back(in, c);
	buf[n] = '\0';
	return n;
}

static void
store_int(void *p, int length, unsigned long long v)
{
	switch (length) {
	case L_CHAR:
		*(char *)p = (char)v;
		break;
	case L_SHORT:
		*(short *)p = (short)v;
		break;
	case L_LONG:
	case L_MAX:
	case L_SIZE:
	case L_PTRDIFF:
		*(long *)p = (long)v;
		break;
	case L_LLONG:
		*(long long *)p = (long long)v;
		break;
	default:
		*(int *)p = (int)v;
	}
}

// A %[...] set: 256 flags. Returns the position after the closing ].
static const char *
parse_set(const char *f, unsigned char set[256])
{
	int invert = 0;

	memset(set, 0, 256);
	if (*f == '^') {
		invert = 1;
		f++;
	}
	if (*f == ']')
		set[(unsigned char)*f++] = 1;
	for (; *f && *f != ']'; f++) {
		if (f[1] == '-' && f[2] && f[2] != ']') {
			for (int c = (unsigned char)f[0]; c <= (unsigned char)f[2]; c++)
				set[c] = 1;
			f += 2;
		} else {
			set[(unsigned char)*f] = 1;
		}
	}
	if (invert)
		for (int i = 0; i < 256; i++)
			set[i] = !set[i];
	return *f == ']' ? f + 1 : f;
}

int
scan_vformat(struct scansrc *src, const char *fmt, va_list ap)
{
	struct in in = {src, 0, 0};
	const char *f = fmt;
	int assigned = 0, convs = 0;
	long mark = 0; // input consumed when the current directive began
	unsigned char set[256];
	char buf[512];

	while (*f) {
		int suppress = 0, width = -1, length = L_INT, c, n, base;
		char conv;
		void *dst = NULL;

		if (isspace((unsigned char)*f)) {
			skip_space(&in);
			while (isspace((unsigned char)*f))
				f++;
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%') {
				f++;
				skip_space(&in);
			}
			mark = in.count;
			c = next(&in);
			if (c != (unsigned char)*f) {
				back(&in, c);
				goto fail;
			}
			f++;
			continue;
		}
		f++;
		if (*f == '*') {
			suppress = 1;
			f++;
		}
		if (isdigit((unsigned char)*f)) {
			width = 0;
			for (; isdigit((unsigned char)*f); f++)
				width = width < 100000 ? width * 10 + (*f - '0') : width;
			if (width == 0)
				width = -1;
		}
		switch (*f) {
		case 'h':
			length = f[1] == 'h' ? L_CHAR : L_SHORT;
			f += f[1] == 'h' ? 2 : 1;
			break;
		case 'l':
			length = f[1] == 'l' ? L_LLONG : L_LONG;
			f += f[1] == 'l' ? 2 : 1;
			break;
		case 'L':
			length = L_LDOUBLE;
			f++;
			break;
		case 'j':
			length = L_MAX;
			f++;
			break;
		case 'z':
			length = L_SIZE;
			f++;
			break;
		case 't':
			length = L_PTRDIFF;
			f++;
			break;
		}
		conv = *f;
		if (conv == '\0')
			goto fail;
		f++;
		if (!suppress && conv != '%')
			dst = va_arg(ap, void *);
		if (conv == 'n') {
			if (dst)
				store_int(dst, length, (unsigned long long)in.count);
			continue;
		}
		if (conv != 'c' && conv != '[')
			skip_space(&in);
		mark = in.count;
		switch (conv) {
		case 'd':
		case 'i':
		case 'u':
		case 'o':
		case 'x':
		case 'X':
		case 'p':
			base = conv == 'd' || conv == 'u' ? 10
			       : conv == 'i'              ? 0
			       : conv == 'o'              ? 8
			                                  : 16;
			n = take_int(&in, buf, sizeof buf, width < 0 ? (int)sizeof buf - 1 : width,
			             &base);
			if (n == 0)
				goto fail;
			if (dst) {
				unsigned long long v =
				        (conv == 'd' || conv == 'i')
				                ? (unsigned long long)strtoll(buf, NULL, base)
				                : strtoull(buf, NULL, base);
				if (conv == 'p')
					*(void **)dst = (void *)(uintptr_t)v;
				else
					store_int(dst, length, v);
				assigned++;
			}
			break;
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
		case 'a':
		case 'A':
			n = take_float(&in, buf, sizeof buf,
			               width < 0 ? (int)sizeof buf - 1 : width);
			if (n == 0)
				goto fail;
			if (dst) {
				if (length == L_LONG)
					*(double *)dst = strtod(buf, NULL);
				else if (length == L_LDOUBLE)
					*(long double *)dst = strtold(buf, NULL);
				else
					*(float *)dst = strtof(buf, NULL);
				assigned++;
			}
			break;
		case 'c':
			if (width < 0)
				width = 1;
			for (n = 0; n < width; n++) {
				c = next(&in);
				if (c < 0)
					break;
				if (dst)
					((char *)dst)[n] = (char)c;
			}
			if (n < width)
				goto fail;
			assigned += dst != NULL;
			break;
		case 's':
		case '[':
			if (conv == '[') {
				f = parse_set(f, set);
			} else {
				for (int i = 0; i < 256; i++)
					set[i] = !isspace(i);
			}
			for (n = 0; width < 0 || n < width; n++) {
				c = next(&in);
				if (c < 0 || !set[c]) {
					back(&in, c);
					break;
				}
				if (dst)
					((char *)dst)[n] = (char)c;
			}
			if (n == 0)
				goto fail;
			if (dst) {
				((char *)dst)[n] = '\0';
				assigned++;
			}
			break;
		default:
			goto fail;
		}
		convs++;
	}
	return assigned;
fail:
	// Input failure (the end, before anything of the first directive
	// was read) is EOF; a matching failure returns the count.
	return (convs == 0 && assigned == 0 && in.eof && in.count == mark) ? -1 : assigned;
}

struct strsrc {
	const unsigned char *p;
};

static int
str_get(void *ctx)
{
	struct strsrc *s = ctx;

	return *s->p ? *s->p++ : -1;
}

static void
str_unget(int c, void *ctx)
{
	struct strsrc *s = ctx;

	(void)c;
	s->p--;
}

int
scan_vsscanf(const char *str, const char *fmt, va_list ap)
{
	struct strsrc s = {(const unsigned char *)str};
	struct scansrc src = {str_get, str_unget, &s};

	return scan_vformat(&src, fmt, ap);
}
