// kernel/sys/sys.h: the system-call handlers, one per SYS_* number, grouped
// by the file that implements them. Arguments come from the trap frame.
#ifndef SYS_SYS_H
#define SYS_SYS_H

#include "defs.h"

#define SYSCALL(name) int64_t name(struct proc *p, struct trapframe *tf)

// sys/sysproc.c
SYSCALL(sys_exit);
SYSCALL(sys_fork);
SYSCALL(sys_rfork);
SYSCALL(sys_execve);
SYSCALL(sys_wait);
SYSCALL(sys_getpid);
SYSCALL(sys_getppid);
SYSCALL(sys_kill);
SYSCALL(sys_sched_yield);
SYSCALL(sys_notify);
SYSCALL(sys_noted);

// proc/filter.c
SYSCALL(sys_sysfilter);

// proc/limit.c
SYSCALL(sys_setlimit);

// sys/sysmem.c
SYSCALL(sys_brk);
SYSCALL(sys_mmap);
SYSCALL(sys_munmap);

// sys/systime.c
SYSCALL(sys_nanosleep);
SYSCALL(sys_clock_gettime);

// sys/sysfile.c
SYSCALL(sys_read);
SYSCALL(sys_write);
SYSCALL(sys_open);
SYSCALL(sys_close);
SYSCALL(sys_sendto);
SYSCALL(sys_recvfrom);
SYSCALL(sys_pread);
SYSCALL(sys_pwrite);
SYSCALL(sys_seek);
SYSCALL(sys_create);
SYSCALL(sys_stat);
SYSCALL(sys_fstat);
SYSCALL(sys_wstat);
SYSCALL(sys_fwstat);
SYSCALL(sys_remove);
SYSCALL(sys_dup);
SYSCALL(sys_dup2);
SYSCALL(sys_chdir);
SYSCALL(sys_fd2path);
SYSCALL(sys_pipe);
SYSCALL(sys_bind);
SYSCALL(sys_mount);
SYSCALL(sys_unmount);
SYSCALL(sys_getcwd);

// sys/sysmisc.c
SYSCALL(sys_errstr);
SYSCALL(sys_arch_prctl);
SYSCALL(sys_reboot);
SYSCALL(sys_uname);
SYSCALL(sys_getrandom);

// sys/systime.c: wall-clock seconds at boot (from the RTC).
extern int64_t boot_epoch;

#endif
