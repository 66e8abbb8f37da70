// lib/c/stdio/format.c: the printf format engine (see format.h). Portable C:
// also compiled natively for the host unit test.
#include "format.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "../stdlib/big.h"

// One parsed conversion specification.
struct spec {
	int left, plus, space, alt, zero;
	int width;     // -1: none
	int precision; // -1: none
	int length;    // one of the L_* below
	char conv;
};

enum { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_SIZE, L_MAX, L_PTRDIFF, L_LDOUBLE };

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
	case 'L':
		sp->length = L_LDOUBLE;
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

// The exact decimal expansion of a finite double >= 0: value = 0.DIGITS x
// 10^dp, with no leading or trailing zeros (n == 0 for zero). Every binary
// double is a finite decimal, so this is exact; rounding happens afterwards
// on the digits, half to even (the default rounding mode), so every %f %e
// %g conversion is correctly rounded.
struct dec {
	int n, dp;
	char d[10 * BIG_WORDS + 1];
};

static void
strip_zeros(struct dec *r)
{
	while (r->n > 0 && r->d[r->n - 1] == '0')
		r->n--;
}

static void
exact_decimal(double x, struct dec *r)
{
	struct big b;
	uint64_t bits, mant;
	int biased, e2;

	memcpy(&bits, &x, sizeof bits);
	mant = bits & ((UINT64_C(1) << 52) - 1);
	biased = (int)(bits >> 52) & 0x7ff;
	if (biased != 0)
		mant |= UINT64_C(1) << 52;
	e2 = biased != 0 ? biased - 1075 : -1074;
	r->n = 0;
	r->dp = 1;
	if (mant == 0)
		return;
	// mant * 2^e2 is an integer for e2 >= 0, else mant * 5^-e2 / 10^-e2.
	big_set(&b, mant);
	if (e2 >= 0)
		big_shl(&b, e2);
	else
		big_mul_pow5(&b, -e2);
	r->n = big_to_decimal(&b, r->d);
	r->dp = r->n + (e2 < 0 ? e2 : 0);
	strip_zeros(r);
}

// Keep the first k digits, rounding half to even.
static void
round_dec(struct dec *r, long long k)
{
	int up, i;

	if (k >= r->n)
		return;
	if (k < 0) {
		r->n = 0;
		return;
	}
	if (r->d[k] != '5')
		up = r->d[k] > '5';
	else if (k + 1 < r->n) // trailing zeros are stripped: more digits means more than half
		up = 1;
	else
		up = k > 0 && ((r->d[k - 1] - '0') & 1);
	r->n = (int)k;
	if (up) {
		for (i = (int)k - 1; i >= 0 && r->d[i] == '9'; i--)
			;
		if (i < 0) {
			r->d[0] = '1';
			r->n = 1;
			r->dp++;
		} else {
			r->d[i]++;
			r->n = i + 1;
		}
	}
	strip_zeros(r);
}

// The text of a converted number, in pieces: digits p1 then z1 zeros, an
// optional point, z2 zeros, digits p2, z3 zeros, and the exponent.
struct fbody {
	const char *p1;
	long long n1, z1;
	int dot;
	long long z2;
	const char *p2;
	long long n2, z3;
	char ex[16];
	int nex;
};

static long long
clampll(long long v, long long lo, long long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

// %f layout of r (already rounded to dp + prec digits).
static void
layout_fixed(const struct dec *r, long long prec, int alt, struct fbody *b)
{
	long long start = r->dp > 0 ? r->dp : 0;

	if (r->n == 0 || r->dp <= 0) {
		b->p1 = "0";
		b->n1 = 1;
	} else {
		b->p1 = r->d;
		b->n1 = r->dp < r->n ? r->dp : r->n;
		b->z1 = r->dp - b->n1;
	}
	b->dot = prec > 0 || alt;
	b->z2 = r->n == 0 ? prec : clampll(-(long long)r->dp, 0, prec);
	b->p2 = r->d + (start < r->n ? start : r->n);
	b->n2 = r->n == 0 ? 0 : clampll(r->n - start, 0, prec - b->z2);
	b->z3 = prec - b->z2 - b->n2;
}

static void
put_exponent(struct fbody *b, char letter, int x, int mindigits)
{
	char tmp[12];
	int n = 0;
	unsigned u = x < 0 ? (unsigned)-x : (unsigned)x;

	b->ex[b->nex++] = letter;
	b->ex[b->nex++] = x < 0 ? '-' : '+';
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n < mindigits)
		tmp[n++] = '0';
	while (n > 0)
		b->ex[b->nex++] = tmp[--n];
}

// %e layout of r (already rounded to prec + 1 digits).
static void
layout_exp(const struct dec *r, long long prec, int alt, char letter, struct fbody *b)
{
	b->p1 = r->n == 0 ? "0" : r->d;
	b->n1 = 1;
	b->dot = prec > 0 || alt;
	b->p2 = r->d + 1;
	b->n2 = r->n == 0 ? 0 : clampll(r->n - 1, 0, prec);
	b->z3 = prec - b->n2;
	put_exponent(b, letter, r->n == 0 ? 0 : r->dp - 1, 2);
}

static void
layout_general(struct dec *r, long long prec, int alt, char letter, struct fbody *b)
{
	long long p = prec < 0 ? 6 : prec == 0 ? 1 : prec, x, fp;

	round_dec(r, p);
	x = r->n == 0 ? 0 : r->dp - 1;
	if (p > x && x >= -4) {
		fp = p - 1 - x;
		if (!alt)
			fp = clampll(r->n - r->dp, 0, fp);
		layout_fixed(r, fp, alt, b);
	} else {
		fp = p - 1;
		if (!alt)
			fp = clampll(r->n - 1, 0, fp);
		layout_exp(r, fp, alt, letter, b);
	}
}

// %a: hexadecimal significand, binary exponent. digits must hold 16 bytes.
static void
layout_hex(double x, long long prec, int alt, int upper, char *digits, struct fbody *b)
{
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	uint64_t bits, frac;
	int biased, e, nd = 13;
	unsigned lead;

	memcpy(&bits, &x, sizeof bits);
	frac = bits & ((UINT64_C(1) << 52) - 1);
	biased = (int)(bits >> 52) & 0x7ff;
	lead = biased != 0;
	e = biased == 0 ? (frac == 0 ? 0 : -1022) : biased - 1023;
	if (prec >= 0 && prec < 13) {
		int drop = 52 - 4 * (int)prec;
		uint64_t rem = frac & ((UINT64_C(1) << drop) - 1), half = UINT64_C(1) << (drop - 1);
		int odd;

		frac >>= drop;
		odd = prec > 0 ? (int)(frac & 1) : (int)(lead & 1);
		if (rem > half || (rem == half && odd)) {
			frac++;
			if (frac >> (4 * prec)) {
				frac = 0;
				lead++;
			}
		}
		nd = (int)prec;
	}
	for (int i = nd - 1; i >= 0; i--) {
		digits[1 + i] = hex[frac & 15];
		frac >>= 4;
	}
	digits[0] = hex[lead];
	if (prec < 0)
		while (nd > 0 && digits[nd] == '0')
			nd--;
	b->p1 = digits;
	b->n1 = 1;
	b->dot = nd > 0 || alt;
	b->p2 = digits + 1;
	b->n2 = nd;
	b->z3 = prec > nd ? prec - nd : 0;
	put_exponent(b, upper ? 'P' : 'p', e, 1);
}

static void
pad_ll(struct fmtsink *s, char c, long long n)
{
	while (n > 0) {
		int k = n > INT_MAX ? INT_MAX : (int)n;
		pad(s, c, k);
		n -= k;
	}
}

static void
put_float(struct fmtsink *s, const struct spec *sp, double x)
{
	char lower = (char)(sp->conv | 0x20), hexdigits[16];
	int upper = sp->conv != lower;
	uint64_t bits;
	const char *sign, *prefix = lower == 'a' ? (upper ? "0X" : "0x") : "";
	struct fbody b = {0};
	struct dec r;
	long long prec = sp->precision, total, lead;

	memcpy(&bits, &x, sizeof bits);
	sign = bits >> 63 ? "-" : sp->plus ? "+" : sp->space ? " " : "";
	bits &= ~(UINT64_C(1) << 63);
	memcpy(&x, &bits, sizeof bits);
	if ((bits >> 52) == 0x7ff) {
		struct spec t = *sp;
		char text[5];
		const char *word = (bits << 12) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");

		t.precision = -1;
		strcpy(text, sign);
		strcat(text, word);
		put_text(s, &t, text, strlen(text));
		return;
	}
	if (lower == 'a') {
		layout_hex(x, prec, sp->alt, upper, hexdigits, &b);
	} else {
		exact_decimal(x, &r);
		if (prec < 0)
			prec = 6;
		if (lower == 'f') {
			round_dec(&r, (long long)r.dp + prec);
			layout_fixed(&r, prec, sp->alt, &b);
		} else if (lower == 'e') {
			round_dec(&r, prec + 1);
			layout_exp(&r, prec, sp->alt, upper ? 'E' : 'e', &b);
		} else {
			layout_general(&r, sp->precision, sp->alt, upper ? 'E' : 'e', &b);
		}
	}
	lead = (long long)strlen(sign) + (long long)strlen(prefix);
	total = lead + b.n1 + b.z1 + b.dot + b.z2 + b.n2 + b.z3 + b.nex;
	if (!sp->left && !sp->zero && sp->width > total)
		pad_ll(s, ' ', sp->width - total);
	emit(s, sign, strlen(sign));
	emit(s, prefix, strlen(prefix));
	if (!sp->left && sp->zero && sp->width > total)
		pad_ll(s, '0', sp->width - total);
	emit(s, b.p1, (size_t)b.n1);
	pad_ll(s, '0', b.z1);
	emit(s, ".", (size_t)b.dot);
	pad_ll(s, '0', b.z2);
	emit(s, b.p2, (size_t)b.n2);
	pad_ll(s, '0', b.z3);
	emit(s, b.ex, (size_t)b.nex);
	if (sp->left && sp->width > total)
		pad_ll(s, ' ', sp->width - total);
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
		// long double is rounded to double first (documented in
		// docs/libc.md): Gremlin's printf has no 64-bit-significand path.
		if (sp->length == L_LDOUBLE)
			put_float(s, sp, (double)va_arg(*ap, long double));
		else
			put_float(s, sp, va_arg(*ap, double));
		return;
	case 'n':
		// %n is refused: it is copied as written and its pointer is
		// consumed but never written through.
		(void)va_arg(*ap, void *);
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
