// lib/c/unistd/misc.c: errstr and uname.
#include <gremlin.h>
#include <sys/utsname.h>

#include "../internal.h"

char *
errstr(char *buf, size_t n)
{
	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (rawsyscall(SYS_errstr, (int64_t)buf, (int64_t)n, 0, 0, 0, 0) < 0)
		buf[0] = '\0';
	buf[n - 1] = '\0';
	return buf;
}

int
uname(struct utsname *u)
{
	return (int)__sysret(rawsyscall(SYS_uname, (int64_t)u, 0, 0, 0, 0, 0));
}
