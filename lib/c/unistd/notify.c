// lib/c/unistd/notify.c: notify(2), Plan 9's: register the note handler.
#include <gremlin.h>

#include "../internal.h"

int
notify(void (*fn)(void *ureg, char *note))
{
	return (int)__sysret(rawsyscall(SYS_notify, (int64_t)(uintptr_t)fn, 0, 0, 0, 0, 0));
}
