// lib/tap/tap.h: the Test Anything Protocol for host and in-guest tests.
//
// Every test program prints one line per check, "ok N - what" or
// "not ok N - what", and returns tap_done() from main: 0 when every check
// passed, 1 otherwise. tools/runtests counts these lines across all suites.
// Header-only so a test needs nothing but stdio.
#ifndef TAP_TAP_H
#define TAP_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_n, tap_failed;

// Record one check; print its line; return cond so callers can bail out.
__attribute__((format(printf, 2, 3), unused)) static int
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

// A diagnostic line; TAP readers ignore it.
__attribute__((format(printf, 1, 2), unused)) static void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

__attribute__((unused)) static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif
