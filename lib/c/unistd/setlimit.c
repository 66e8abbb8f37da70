// lib/c/unistd/setlimit.c: setlimit(2), Gremlin's: put the calling process
// in a new limit group nested in its current one (docs/kernel.md, "Limits").
#include <gremlin.h>

#include "../internal.h"

int
setlimit(const struct limits *l)
{
	return (int)__sysret(rawsyscall(SYS_setlimit, (int64_t)(uintptr_t)l, 0, 0, 0, 0, 0));
}
