// kernel/sys/sysnames.c: the name of every system call, by number, for
// messages (the syscall filter's kill message and audit records, ENOSYS).
// The names are those of abi/syscall.h; kernel-unit checks this table
// against lib/config/syscalls.c, which is generated from the header.
#include <stddef.h>

#include "abi/syscall.h"
#include "sys/sysnames.h"

const char *const sysnames[NSYSCALL] = {
        [SYS_exit] = "exit",
        [SYS_read] = "read",
        [SYS_write] = "write",
        [SYS_open] = "open",
        [SYS_close] = "close",
        [SYS_fork] = "fork",
        [SYS_execve] = "execve",
        [SYS_wait] = "wait",
        [SYS_getpid] = "getpid",
        [SYS_getppid] = "getppid",
        [SYS_nanosleep] = "nanosleep",
        [SYS_clock_gettime] = "clock_gettime",
        [SYS_brk] = "brk",
        [SYS_mmap] = "mmap",
        [SYS_munmap] = "munmap",
        [SYS_errstr] = "errstr",
        [SYS_rfork] = "rfork",
        [SYS_kill] = "kill",
        [SYS_sched_yield] = "sched_yield",
        [SYS_arch_prctl] = "arch_prctl",
        [SYS_reboot] = "reboot",
        [SYS_sendto] = "sendto",
        [SYS_recvfrom] = "recvfrom",
        [SYS_getrandom] = "getrandom",
        [SYS_uname] = "uname",
        [SYS_pread] = "pread",
        [SYS_pwrite] = "pwrite",
        [SYS_seek] = "seek",
        [SYS_create] = "create",
        [SYS_stat] = "stat",
        [SYS_fstat] = "fstat",
        [SYS_wstat] = "wstat",
        [SYS_fwstat] = "fwstat",
        [SYS_remove] = "remove",
        [SYS_dup] = "dup",
        [SYS_dup2] = "dup2",
        [SYS_chdir] = "chdir",
        [SYS_fd2path] = "fd2path",
        [SYS_pipe] = "pipe",
        [SYS_bind] = "bind",
        [SYS_mount] = "mount",
        [SYS_unmount] = "unmount",
        [SYS_getcwd] = "getcwd",
        [SYS_notify] = "notify",
        [SYS_noted] = "noted",
        [SYS_sysfilter] = "sysfilter",
};

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
};
const int nsysbase = sizeof sysbase / sizeof sysbase[0];

const char *
sysname(uint64_t n)
{
	if (n < NSYSCALL && sysnames[n] != NULL)
		return sysnames[n];
	return NULL;
}
