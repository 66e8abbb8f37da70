// kernel/lib/fmt.h: bounded printf-style formatting for the kernel. Pure
// code: it compiles unchanged on the host for the unit tests.
#ifndef KLIB_FMT_H
#define KLIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

// Supports %d %i %u %x %X %p %s %c %% with flags '0' and '-', a width, and the
// length modifiers l, ll and z. Always NUL-terminates when n > 0; returns the
// number of characters stored (not counting the NUL).
int vfmt(char *buf, size_t n, const char *f, va_list ap);
__attribute__((format(printf, 3, 4))) int fmt(char *buf, size_t n, const char *f, ...);

// Format an error message into buf and return -1, for `return fail(...)`.
__attribute__((format(printf, 3, 4))) int fail(char *buf, int n, const char *f, ...);

#endif
