// lib/c/stdio/format.h: the formatted-output engine behind every printf-like
// function. It depends on nothing but the compiler's headers, so the host
// unit test (lib/c/test/format_test.c) runs it natively against glibc's
// printf as the reference.
//
// Supported: flags - + space # 0; width and precision (digits or *);
// lengths hh h l ll z j t; conversions d i u x X o c s p %. A conversion
// this engine does not know (floating point among them, for now) is copied
// to the output as written, so the gap is visible rather than silent.
#ifndef LIBC_STDIO_FORMAT_H
#define LIBC_STDIO_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

// Where formatted bytes go. put is called with each piece; count is the
// total number of bytes produced so far (what printf returns).
struct fmtsink {
	void (*put)(struct fmtsink *s, const char *p, size_t n);
	void *ctx;
	size_t count;
};

// Format into the sink; returns the byte count, or -1 if it exceeds INT_MAX.
int fmt_vformat(struct fmtsink *s, const char *fmt, va_list ap);

// The vsnprintf contract over a plain buffer.
int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);

#endif
