// kernel/lib/fmt.c: bounded printf-style formatting (see fmt.h).
#include "lib/fmt.h"

#include <stdint.h>

struct out {
	char *buf;
	size_t n, len;
};

static void
put(struct out *o, char c)
{
	if (o->len + 1 < o->n)
		o->buf[o->len++] = c;
}

static void
putpadded(struct out *o, const char *s, size_t len, int width, int left, char pad)
{
	int npad = width > (int)len ? width - (int)len : 0;

	if (!left)
		while (npad-- > 0)
			put(o, pad);
	while (len-- > 0)
		put(o, *s++);
	if (left)
		while (npad-- > 0)
			put(o, ' ');
}

// Convert v to text in base in a reverse-filled buffer; returns its start.
static char *
utoa(uint64_t v, int base, int upper, char *end)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	do {
		*--p = digits[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v != 0);
	return p;
}

static uint64_t
getarg(va_list *ap, int lng, int sgn)
{
	if (lng >= 1)
		return sgn ? (uint64_t)va_arg(*ap, long long) : va_arg(*ap, unsigned long long);
	return sgn ? (uint64_t)(int64_t)va_arg(*ap, int) : va_arg(*ap, unsigned int);
}

// Format one number conversion.
static void
number(struct out *o, va_list *ap, char conv, int lng, int width, int left, char pad)
{
	char tmp[24], *p, *end = tmp + sizeof tmp;
	uint64_t v;
	int neg = 0;

	if (conv == 'd' || conv == 'i') {
		v = getarg(ap, lng, 1);
		if ((int64_t)v < 0) {
			neg = 1;
			v = -v;
		}
		p = utoa(v, 10, 0, end);
	} else if (conv == 'u') {
		p = utoa(getarg(ap, lng, 0), 10, 0, end);
	} else if (conv == 'p') {
		p = utoa((uint64_t)(uintptr_t)va_arg(*ap, void *), 16, 0, end);
		*--p = 'x';
		*--p = '0';
	} else {
		p = utoa(getarg(ap, lng, 0), 16, conv == 'X', end);
	}
	if (neg) {
		if (pad == '0' && width > 0) {
			put(o, '-');
			width--;
		} else {
			*--p = '-';
		}
	}
	putpadded(o, p, (size_t)(end - p), width, left, pad);
}

int
vfmt(char *buf, size_t n, const char *f, va_list ap)
{
	struct out o = {buf, n, 0};
	va_list aq;

	va_copy(aq, ap);
	for (; *f; f++) {
		int width = 0, left = 0, lng = 0;
		char pad = ' ';

		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f++;
		for (; *f == '0' || *f == '-'; f++)
			if (*f == '0')
				pad = '0';
			else
				left = 1;
		for (; *f >= '0' && *f <= '9'; f++)
			width = width * 10 + (*f - '0');
		for (; *f == 'l' || *f == 'z'; f++)
			lng++;
		switch (*f) {
		case 's': {
			const char *s = va_arg(aq, const char *);
			size_t len = 0;

			if (s == NULL)
				s = "(null)";
			while (s[len])
				len++;
			putpadded(&o, s, len, width, left, ' ');
			break;
		}
		case 'c':
			put(&o, (char)va_arg(aq, int));
			break;
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X':
		case 'p':
			number(&o, &aq, *f, lng, width, left, pad);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			f--;
			break;
		default:
			put(&o, '%');
			put(&o, *f);
		}
	}
	va_end(aq);
	if (n > 0)
		buf[o.len] = '\0';
	return (int)o.len;
}

int
fmt(char *buf, size_t n, const char *f, ...)
{
	va_list ap;
	int r;

	va_start(ap, f);
	r = vfmt(buf, n, f, ap);
	va_end(ap);
	return r;
}

int
fail(char *buf, int n, const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vfmt(buf, n > 0 ? (size_t)n : 0, f, ap);
	va_end(ap);
	return -1;
}
