// lib/c/stdio/format.c: the printf format engine (see format.h). Portable C:
// also compiled natively for the host unit test.
#include "format.h"

#include <limits.h>
#include <stdint.h>

// One parsed conversion specification.
struct spec {
	int left, plus, space, alt, zero;
	int width;     // -1: none
	int precision; // -1: none
	int length;    // one of the L_* below
	char conv;
};

enum { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_SIZE, L_MAX, L_PTRDIFF };

static void
emit(struct fmtsink *s, const char *p, size_t n)
{
	if (n == 0)
		return;
	s->put(s, p, n);
	s->count += n;
}

static void
pad(struct fmtsink *s, char c, int n)
{
	char block[32];
	int i;

	for (i = 0; i < (int)sizeof block; i++)
		block[i] = c;
	while (n > 0) {
		int k = n < (int)sizeof block ? n : (int)sizeof block;
		emit(s, block, (size_t)k);
		n -= k;
	}
}

// Parse flags, width, precision and length starting after the '%'. Returns
// the position of the conversion character.
static const char *
parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){.width = -1, .precision = -1};
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '+')
			sp->plus = 1;
		else if (*f == ' ')
			sp->space = 1;
		else if (*f == '#')
			sp->alt = 1;
		else if (*f == '0')
			sp->zero = 1;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = 1;
			sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
		}
		f++;
	} else if (*f >= '0' && *f <= '9') {
		sp->width = 0;
		for (; *f >= '0' && *f <= '9'; f++)
			if (sp->width < INT_MAX / 10)
				sp->width = sp->width * 10 + (*f - '0');
	}
	if (*f == '.') {
		f++;
		sp->precision = 0;
		if (*f == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
			f++;
		} else {
			for (; *f >= '0' && *f <= '9'; f++)
				if (sp->precision < INT_MAX / 10)
					sp->precision = sp->precision * 10 + (*f - '0');
		}
	}
	switch (*f) {
	case 'h':
		sp->length = f[1] == 'h' ? L_CHAR : L_SHORT;
		f += f[1] == 'h' ? 2 : 1;
		break;
	case 'l':
		sp->length = f[1] == 'l' ? L_LLONG : L_LONG;
		f += f[1] == 'l' ? 2 : 1;
		break;
	case 'z':
		sp->length = L_SIZE;
		f++;
		break;
	case 'j':
		sp->length = L_MAX;
		f++;
		break;
	case 't':
		sp->length = L_PTRDIFF;
		f++;
		break;
	}
	sp->conv = *f;
	return f;
}

static intmax_t
signed_arg(int length, va_list *ap)
{
	switch (length) {
	case L_CHAR:
		return (signed char)va_arg(*ap, int);
	case L_SHORT:
		return (short)va_arg(*ap, int);
	case L_LONG:
		return va_arg(*ap, long);
	case L_LLONG:
		return va_arg(*ap, long long);
	case L_SIZE:
	case L_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	case L_MAX:
		return va_arg(*ap, intmax_t);
	}
	return va_arg(*ap, int);
}

static uintmax_t
unsigned_arg(int length, va_list *ap)
{
	switch (length) {
	case L_CHAR:
		return (unsigned char)va_arg(*ap, unsigned);
	case L_SHORT:
		return (unsigned short)va_arg(*ap, unsigned);
	case L_LONG:
		return va_arg(*ap, unsigned long);
	case L_LLONG:
		return va_arg(*ap, unsigned long long);
	case L_SIZE:
	case L_PTRDIFF:
		return va_arg(*ap, size_t);
	case L_MAX:
		return va_arg(*ap, uintmax_t);
	}
	return va_arg(*ap, unsigned);
}

// Emit a number: sign or prefix, zero padding to the precision, digits,
// and spaces or zeros to the field width.
static void
put_number(struct fmtsink *s, const struct spec *sp, uintmax_t v, const char *sign)
{
	char digits[72];
	const char *alphabet = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = sp->conv == 'o'                                           ? 8
	                : (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p') ? 16
	                                                                          : 10;
	const char *prefix = "";
	int nd = 0, zeros, total, plen, slen;

	while (v != 0) {
		digits[sizeof digits - 1 - nd++] = alphabet[v % base];
		v /= base;
	}
	if (nd == 0 && sp->precision != 0)
		digits[sizeof digits - 1 - nd++] = '0';
	if (sp->alt && nd > 0 && (sp->conv == 'x' || sp->conv == 'X') &&
	    !(nd == 1 && digits[sizeof digits - 1] == '0'))
		prefix = sp->conv == 'x' ? "0x" : "0X";
	if (sp->conv == 'p')
		prefix = "0x";
	zeros = sp->precision > nd ? sp->precision - nd : 0;
	// '#' with 'o' makes the first digit a zero.
	if (sp->alt && sp->conv == 'o' && zeros == 0 &&
	    (nd == 0 || digits[sizeof digits - nd] != '0'))
		zeros = 1;
	plen = (int)(prefix[0] ? 2 : 0);
	slen = sign[0] ? 1 : 0;
	total = slen + plen + zeros + nd;
	if (sp->zero && !sp->left && sp->precision < 0 && sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}
	if (!sp->left && sp->width > total)
		pad(s, ' ', sp->width - total);
	emit(s, sign, (size_t)slen);
	emit(s, prefix, (size_t)plen);
	pad(s, '0', zeros);
	emit(s, digits + sizeof digits - nd, (size_t)nd);
	if (sp->left && sp->width > total)
		pad(s, ' ', sp->width - total);
}

static void
put_text(struct fmtsink *s, const struct spec *sp, const char *p, size_t n)
{
	int w = sp->width > 0 && (size_t)sp->width > n ? sp->width - (int)n : 0;

	if (!sp->left)
		pad(s, ' ', w);
	emit(s, p, n);
	if (sp->left)
		pad(s, ' ', w);
}

static void
put_string(struct fmtsink *s, const struct spec *sp, const char *str)
{
	size_t n = 0;

	if (str == NULL)
		str = (sp->precision < 0 || sp->precision >= 6) ? "(null)" : "";
	while (str[n] && (sp->precision < 0 || n < (size_t)sp->precision))
		n++;
	put_text(s, sp, str, n);
}

// Format one conversion whose spec runs from start to f (the conversion
// character).
static void
convert(struct fmtsink *s, struct spec *sp, const char *start, const char *f, va_list *ap)
{
	intmax_t iv;
	uintmax_t uv;
	void *pv;
	char c;

	switch (sp->conv) {
	case 'd':
	case 'i':
		iv = signed_arg(sp->length, ap);
		uv = iv < 0 ? -(uintmax_t)iv : (uintmax_t)iv;
		put_number(s, sp, uv, iv < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "");
		return;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		put_number(s, sp, unsigned_arg(sp->length, ap), "");
		return;
	case 'p':
		pv = va_arg(*ap, void *);
		if (pv == NULL) {
			sp->precision = -1;
			put_string(s, sp, "(nil)");
			return;
		}
		put_number(s, sp, (uintptr_t)pv, sp->plus ? "+" : sp->space ? " " : "");
		return;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_text(s, sp, &c, 1);
		return;
	case 's':
		put_string(s, sp, va_arg(*ap, const char *));
		return;
	case '%':
		emit(s, "%", 1);
		return;
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		// Not yet: consume the double so later arguments stay in place.
		(void)va_arg(*ap, double);
		break;
	}
	emit(s, start, (size_t)(f - start + (*f != '\0')));
}

int
fmt_vformat(struct fmtsink *s, const char *fmt, va_list ap)
{
	va_list aq;
	const char *f = fmt, *run;
	struct spec sp;

	va_copy(aq, ap);
	while (*f) {
		run = f;
		while (*f && *f != '%')
			f++;
		emit(s, run, (size_t)(f - run));
		if (*f == '\0')
			break;
		run = f;
		f = parse_spec(f + 1, &sp, &aq);
		convert(s, &sp, run, f, &aq);
		if (*f)
			f++;
	}
	va_end(aq);
	return s->count > INT_MAX ? -1 : (int)s->count;
}

struct bufctx {
	char *buf;
	size_t cap; // bytes available for text, excluding the NUL
	size_t len;
};

static void
buf_put(struct fmtsink *s, const char *p, size_t n)
{
	struct bufctx *b = s->ctx;

	while (n > 0 && b->len < b->cap) {
		b->buf[b->len++] = *p++;
		n--;
	}
}

int
fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct bufctx b = {buf, n > 0 ? n - 1 : 0, 0};
	struct fmtsink s = {buf_put, &b, 0};
	int r = fmt_vformat(&s, fmt, ap);

	if (n > 0)
		buf[b.len] = '\0';
	return r;
}
