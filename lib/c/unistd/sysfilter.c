// lib/c/unistd/sysfilter.c: sysfilter(2), Gremlin's: shrink the calling
// process's set of permitted system calls (docs/kernel.md, "Syscall filter").
#include <gremlin.h>

#include "../internal.h"

int
sysfilter(const uint8_t *bitmap, size_t nbytes, const char *snap)
{
	return (int)__sysret(rawsyscall(SYS_sysfilter, (int64_t)(uintptr_t)bitmap, (int64_t)nbytes,
	                                (int64_t)(uintptr_t)snap, 0, 0, 0));
}
