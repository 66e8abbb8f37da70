// kernel/sys/sysnames.c: the name of every system call, by number, for
// messages (the syscall filter's kill message and audit records, ENOSYS),
// from abi/sysnames.h (generated from abi/syscall.h, and shared with
// lib/config, so manifests and messages use the same words); and the
// filter's base set.
#include <stddef.h>

#include "abi/sysnames.h"
#include "sys/sysnames.h"

const char *const sysnames[NSYSCALL] = SYSNAMES_INIT;

// The base set: calls that reach nothing outside the calling process, so
// every process may make them whatever its filter says (docs/kernel.md,
// "Syscall filter", says why each one is here).
const uint8_t sysbase[] = {
        SYS_exit,          // ends the process itself
        SYS_close,         // drops one of its own descriptors
        SYS_brk,           // its own memory, within the global limit
        SYS_mmap,          // anonymous private memory only
        SYS_munmap,        // its own memory
        SYS_clock_gettime, // reads the clock
        SYS_nanosleep,     // waits
        SYS_sched_yield,   // gives up the CPU
        SYS_getpid,        // its own pid
        SYS_getppid,       // its parent's pid (a number, no access)
        SYS_errstr,        // its own error string
        SYS_arch_prctl,    // its own FS base (TLS; lib/c's start needs it)
        SYS_notify,        // its own note handler
        SYS_noted,         // returns from its own note handler
        SYS_fd2path,       // the name of its own descriptor, in its own namespace
};
// Not here, though it only ever shrinks what the caller may do: setlimit
// (a snap's manifest lists it if its entry makes limit groups of its own).
const int nsysbase = sizeof sysbase / sizeof sysbase[0];

const char *
sysname(uint64_t n)
{
	if (n < NSYSCALL && sysnames[n] != NULL)
		return sysnames[n];
	return NULL;
}
