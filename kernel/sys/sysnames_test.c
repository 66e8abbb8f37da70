// kernel/sys/sysnames_test.c: host tests of the kernel's syscall names and
// the filter's base set (sys/sysnames.c): every number of abi/syscall.h has
// a name (abi/sysnames.h, which lib/config shares), and the base set holds
// exactly the calls docs/kernel.md lists.
#include <stdio.h>
#include <string.h>

#include "abi/syscall.h"
#include "config/config.h"
#include "sys/sysnames.h"
#include "tap/tap.h"

static int
inbase(int n)
{
	for (int i = 0; i < nsysbase; i++)
		if (sysbase[i] == n)
			return 1;
	return 0;
}

int
main(void)
{
	static const char *const base[] = {"exit",   "close",         "brk",       "mmap",
	                                   "munmap", "clock_gettime", "nanosleep", "sched_yield",
	                                   "getpid", "getppid",       "errstr",    "arch_prctl",
	                                   "notify", "noted",         "fd2path"};
	int named = 1;

	for (int n = 0; n < NSYSCALL; n++) {
		const char *k = sysname((uint64_t)n);

		if (k == NULL || config_syscall(k) != n) {
			tap_ok(0, "syscall %d has no name, or its name is not unique", n);
			named = 0;
		}
	}
	tap_ok(named, "all %d syscalls have a name that maps back to their number", NSYSCALL);
	tap_ok(sysname(NSYSCALL) == NULL && sysname(~0ULL) == NULL,
	       "numbers beyond NSYSCALL have no name");
	tap_ok(nsysbase == (int)(sizeof base / sizeof base[0]), "base set has %d calls", nsysbase);
	for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
		tap_ok(inbase(config_syscall(base[i])), "base set has %s", base[i]);
	tap_ok(!inbase(SYS_sysfilter) && !inbase(SYS_open) && !inbase(SYS_fork) &&
	               !inbase(SYS_execve) && !inbase(SYS_kill),
	       "sysfilter, open, fork, execve, kill are not base calls");
	return tap_done();
}
