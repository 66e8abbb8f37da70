// lib/c/unistd/getrandom.c: getrandom(2), the thin wrapper of SYS_getrandom.
#include <gremlin.h>
#include <sys/random.h>

#include "../internal.h"

ssize_t
getrandom(void *buf, size_t n, unsigned flags)
{
	return (ssize_t)__sysret(
	        rawsyscall(SYS_getrandom, (int64_t)buf, (int64_t)n, (int64_t)flags, 0, 0, 0));
}
