// lib/c/stdio/scan.h: the formatted-input engine behind every scanf-like
// function, over any character source. Portable C: the host unit test
// (lib/c/test/scan_test.c) runs it against glibc's sscanf.
//
// Supported: %d %i %u %o %x %X %p %c %s %[...] (with ^ and ]) %f %e %g %a
// (and capitals) %n %%, assignment suppression *, field widths, lengths
// hh h l ll j z t L. Whitespace in the format matches any amount of input
// whitespace. Numbers are converted by strtoll/strtoull/strtod over the
// characters the field accepted.
#ifndef LIBC_STDIO_SCAN_H
#define LIBC_STDIO_SCAN_H

#include <stdarg.h>

struct scansrc {
	int (*get)(void *ctx);           // next byte or -1 at the end
	void (*unget)(int c, void *ctx); // push back the byte just read
	void *ctx;
};

// Returns the number of assigned fields, or -1 (EOF) if input ended before
// the first conversion.
int scan_vformat(struct scansrc *src, const char *fmt, va_list ap);

// vsscanf over a string.
int scan_vsscanf(const char *s, const char *fmt, va_list ap);

#endif
