// lib/c/stdio/scanf.c: scanf, fscanf, sscanf and their v-forms over the
// scan engine (scan.c), reading streams with fgetc and ungetc.
#include <stdio.h>

#include "scan.h"

static int
file_get(void *ctx)
{
	return fgetc(ctx);
}

static void
file_unget(int c, void *ctx)
{
	ungetc(c, ctx);
}

int
vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct scansrc src = {file_get, file_unget, f};

	return scan_vformat(&src, fmt, ap);
}

int
vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int
vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	return scan_vsscanf(s, fmt, ap);
}

int
scanf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}

int
fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int
sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = scan_vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}
