// tests/apps/hostile.h: what the test snaps share. Each test snap
// (tests/apps/<name>/, run by tests/guest/snap_test.c through snaprun)
// reports its checks as TAP lines on stdout, "ok - WHAT" or
// "not ok - WHAT: WHY", which snap_test counts as its own.
#ifndef TESTS_APPS_HOSTILE_H
#define TESTS_APPS_HOSTILE_H

#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int hostile_failed;

static inline void __attribute__((format(printf, 2, 3)))
check(int ok, const char *fmt, ...)
{
	char what[256], why[ERRMAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	errstr(why, sizeof why);
	if (ok)
		printf("ok - %s\n", what);
	else
		printf("not ok - %s: errno %d, errstr '%s'\n", what, errno, why);
	hostile_failed |= !ok;
	fflush(stdout);
}

// Whether the last call's error string contains s.
static inline int
errhas(const char *s)
{
	char why[ERRMAX];

	errstr(why, sizeof why);
	return strstr(why, s) != NULL;
}

#endif
