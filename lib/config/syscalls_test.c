// lib/config/syscalls_test.c: the generated syscall name table agrees with
// abi/syscall.h (numbers and count). Only headers that do not clash with
// the ABI's own struct definitions are included here.
#include "abi/syscall.h"
#include "config/config.h"
#include "tap/tap.h"

int
main(void)
{
	tap_ok(config_nsyscalls == NSYSCALL, "the table has NSYSCALL (%d) entries", NSYSCALL);
	tap_ok(config_syscall("exit") == SYS_exit && config_syscall("read") == SYS_read &&
	               config_syscall("mmap") == SYS_mmap &&
	               config_syscall("execve") == SYS_execve &&
	               config_syscall("uname") == SYS_uname,
	       "names map to the numbers of abi/syscall.h");
	tap_ok(config_syscall("sendfile") == -1 && config_syscall("") == -1 &&
	               config_syscall("READ") == -1,
	       "unknown names give -1");
	return tap_done();
}
