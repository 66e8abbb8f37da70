// lib/c/stdlib/exit.c: ending the program: atexit handlers, exit, abort,
// failed assertions and the stack-protector's failure path.
#include <assert.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../internal.h"

#define NATEXIT 32

static void (*handlers[NATEXIT])(void);
static int nhandlers;

int
atexit(void (*fn)(void))
{
	if (nhandlers == NATEXIT)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

void
exit(int status)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
	__stdio_flush_all();
	_exit(status);
}

void
_Exit(int status)
{
	_exit(status);
}

// abort ends the process with status 134 (128 + SIGABRT), as a shell would
// report it, and says so in the exit string.
void
abort(void)
{
	__stdio_flush_all();
	exits(134, "abort");
}

void
__assert_fail(const char *expr, const char *file, int line, const char *func)
{
	dprintf(2, "%s:%d: %s: assertion failed: %s\n", file, line, func, expr);
	abort();
}

// Called by -fstack-protector code when a canary was overwritten. The
// stack is not to be trusted: no stdio, just a raw write and exit.
_Noreturn void __stack_chk_fail(void);
void
__stack_chk_fail(void)
{
	static const char msg[] = "*** stack smashing detected ***: terminated\n";

	rawsyscall(SYS_write, 2, (int64_t)msg, sizeof msg - 1, 0, 0, 0);
	for (;;)
		rawsyscall(SYS_exit, 134, (int64_t) "stack smashing detected", 0, 0, 0, 0);
}
