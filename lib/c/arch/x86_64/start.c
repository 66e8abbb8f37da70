// lib/c/arch/x86_64/start.c: from the kernel's stack layout to main():
// find argv, envp and the auxiliary vector, set up TLS and the stack
// canary, run static constructors, call main, exit with its result.
//
// Compiled without the stack protector: the canary is set up in here.
#include <gremlin.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../internal.h"

int main(int argc, char **argv, char **envp);
_Noreturn void __libc_start(uint64_t *sp);

uint64_t *__auxv;

// The linker collects constructors between these (both GNU ld and lld).
extern void (*__init_array_start[])(int, char **, char **) __attribute__((weak));
extern void (*__init_array_end[])(int, char **, char **) __attribute__((weak));

uint64_t
getauxval(uint64_t type)
{
	uint64_t *a;

	for (a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

void
__libc_start(uint64_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;
	size_t i, n;

	while (*e)
		e++;
	__auxv = (uint64_t *)(e + 1);
	environ = envp;
	__tls_init();
	n = (size_t)(__init_array_end - __init_array_start);
	for (i = 0; i < n; i++)
		__init_array_start[i](argc, argv, envp);
	exit(main(argc, argv, envp));
}
