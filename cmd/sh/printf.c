// cmd/sh/printf.c: the printf builtin. Conversions %s %b %c %d %i %u %o
// %x %X %%, with flags (-+ #0), width and precision (digits or *);
// escapes \\ \a \b \f \n \r \t \v \NNN (octal) in the format, and in %b
// arguments (where \c stops all output). The format is reused while
// arguments remain.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct pf {
	struct buf out;
	char **args;
	int nargs, next;
	int stop; // \c seen
	int err;
};

static const char *
next_arg(struct pf *P)
{
	return P->next < P->nargs ? P->args[P->next++] : NULL;
}

// The numeric value of an argument; 'c' gives a character's code.
static long
num_arg(struct pf *P)
{
	const char *s = next_arg(P);
	char *end;
	long v;

	if (!s || !*s)
		return 0;
	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	v = strtol(s, &end, 0);
	if (*end) {
		sh_error("printf: %s: not a number", s);
		P->err = 1;
	}
	return v;
}

// One backslash escape at *pp (after the backslash); returns the byte, or
// -1 for \c.
static int
escape(const char **pp, int octal_zero)
{
	const char *p = *pp;
	int c = *p++, v = 0, k = 0;
	static const char from[] = "\\abfnrtv", to[] = "\\\a\b\f\n\r\t\v";
	const char *hit;

	if (c == 'c') {
		*pp = p;
		return -1;
	}
	if (c >= '0' && c <= '7') {
		// \NNN in a format; \0NNN in %b.
		p--;
		if (octal_zero && *p == '0')
			p++;
		while (k < 3 && *p >= '0' && *p <= '7') {
			v = v * 8 + (*p++ - '0');
			k++;
		}
		*pp = p;
		return v & 255;
	}
	*pp = p;
	hit = c ? strchr(from, c) : NULL;
	if (hit)
		return to[hit - from];
	*pp = p - 1;
	return '\\';
}

static void
put_escaped(struct pf *P, const char *s, int octal_zero)
{
	while (*s && !P->stop) {
		if (*s != '\\' || !s[1]) {
			buf_putc(&P->out, *s++);
			continue;
		}
		s++;
		int c = escape(&s, octal_zero);

		if (c < 0)
			P->stop = 1;
		else
			buf_putc(&P->out, c);
	}
}

// Append one formatted value (a string or a long, as spec says); a width
// or precision too large to honour is an error, not a crash.
static void
put_spec(struct pf *P, const char *spec, const char *s, long v)
{
	int len = s ? snprintf(NULL, 0, spec, s) : snprintf(NULL, 0, spec, v);
	char *out;

	if (len < 0 || len > (1 << 20)) {
		sh_error("printf: %s: width or precision too large", spec);
		P->err = 1;
		return;
	}
	out = xmalloc((size_t)len + 1);
	if (s)
		snprintf(out, (size_t)len + 1, spec, s);
	else
		snprintf(out, (size_t)len + 1, spec, v);
	buf_putn(&P->out, out, (size_t)len);
	free(out);
}

// One conversion; fmt points after '%'. Returns the character after it.
static const char *
convert(struct pf *P, const char *fmt)
{
	char spec[64]; // spec: at most 8 flags, 2 x (11 + 40) width chars
	size_t n = 1;
	const char *arg;

	spec[0] = '%';
	while (*fmt && strchr("-+ #0", *fmt) && n < 8)
		spec[n++] = *fmt++;
	for (int part = 0; part < 2; part++) {
		if (part == 1) {
			if (*fmt != '.')
				break;
			spec[n++] = *fmt++;
		}
		if (*fmt == '*') {
			n += (size_t)snprintf(spec + n, 12, "%d", (int)num_arg(P));
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9' && n < 40)
			spec[n++] = *fmt++;
	}
	if (!*fmt || !strchr("sbcdiuoxX%", *fmt)) {
		sh_error("printf: %%%c: unknown conversion", *fmt ? *fmt : ' ');
		P->err = 1;
		return *fmt ? fmt + 1 : fmt;
	}
	switch (*fmt) {
	case '%':
		buf_putc(&P->out, '%');
		break;
	case 'b':
		arg = next_arg(P);
		put_escaped(P, arg ? arg : "", 1);
		break;
	case 's':
	case 'c':
		arg = next_arg(P);
		if (!arg)
			arg = "";
		spec[n++] = 's';
		spec[n] = 0;
		if (*fmt == 'c')
			arg = xstrndup(arg, *arg ? 1 : 0);
		put_spec(P, spec, arg, 0);
		if (*fmt == 'c')
			free((char *)arg);
		break;
	default:
		spec[n++] = 'l';
		spec[n++] = *fmt;
		spec[n] = 0;
		put_spec(P, spec, NULL, num_arg(P));
	}
	return fmt + 1;
}

// One pass over the format.
static void
format_once(struct pf *P, const char *fmt)
{
	while (*fmt && !P->stop) {
		if (*fmt == '\\' && fmt[1]) {
			int c;

			fmt++;
			c = escape(&fmt, 0);
			if (c < 0)
				P->stop = 1;
			else
				buf_putc(&P->out, c);
		} else if (*fmt == '%') {
			fmt = convert(P, fmt + 1);
		} else
			buf_putc(&P->out, *fmt++);
	}
}

int
builtin_printf(int argc, char **argv)
{
	struct pf P = {.args = argv + 2, .nargs = argc - 2};

	if (argc < 2) {
		sh_error("printf: a format is needed");
		return 2;
	}
	do {
		int before = P.next;

		format_once(&P, argv[1]);
		if (P.next == before)
			break;
	} while (P.next < P.nargs && !P.stop);
	if (P.out.len)
		for (size_t off = 0; off < P.out.len;) {
			ssize_t w = write(1, P.out.s + off, P.out.len - off);

			if (w <= 0)
				break;
			off += (size_t)w;
		}
	buf_free(&P.out);
	return P.err ? 1 : 0;
}
