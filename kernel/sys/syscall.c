// kernel/sys/syscall.c: the system-call table and dispatch. Each call reads
// its arguments from the trap frame (rdi, rsi, rdx, r10, r8, r9), checks
// everything before it changes anything, and on failure returns -errno
// after setting the process's error string with seterr.
#include "defs.h"
#include "lib/fmt.h"
#include "sys/sys.h"

static int64_t (*const systab[NSYSCALL])(struct proc *, struct trapframe *) = {
        [SYS_exit] = sys_exit,
        [SYS_read] = sys_read,
        [SYS_write] = sys_write,
        [SYS_open] = sys_open,
        [SYS_close] = sys_close,
        [SYS_fork] = sys_fork,
        [SYS_execve] = sys_execve,
        [SYS_wait] = sys_wait,
        [SYS_getpid] = sys_getpid,
        [SYS_getppid] = sys_getppid,
        [SYS_nanosleep] = sys_nanosleep,
        [SYS_clock_gettime] = sys_clock_gettime,
        [SYS_brk] = sys_brk,
        [SYS_mmap] = sys_mmap,
        [SYS_munmap] = sys_munmap,
        [SYS_errstr] = sys_errstr,
        [SYS_rfork] = sys_rfork,
        [SYS_kill] = sys_kill,
        [SYS_sched_yield] = sys_sched_yield,
        [SYS_arch_prctl] = sys_arch_prctl,
        [SYS_reboot] = sys_reboot,
        [SYS_sendto] = sys_sendto,
        [SYS_recvfrom] = sys_recvfrom,
        [SYS_getrandom] = sys_getrandom,
        [SYS_uname] = sys_uname,
        [SYS_pread] = sys_pread,
        [SYS_pwrite] = sys_pwrite,
        [SYS_seek] = sys_seek,
        [SYS_create] = sys_create,
        [SYS_stat] = sys_stat,
        [SYS_fstat] = sys_fstat,
        [SYS_wstat] = sys_wstat,
        [SYS_fwstat] = sys_fwstat,
        [SYS_remove] = sys_remove,
        [SYS_dup] = sys_dup,
        [SYS_dup2] = sys_dup2,
        [SYS_chdir] = sys_chdir,
        [SYS_fd2path] = sys_fd2path,
        [SYS_pipe] = sys_pipe,
        [SYS_bind] = sys_bind,
        [SYS_mount] = sys_mount,
        [SYS_unmount] = sys_unmount,
        [SYS_getcwd] = sys_getcwd,
        [SYS_notify] = sys_notify,
        [SYS_noted] = sys_noted,
        [SYS_sysfilter] = sys_sysfilter,
        [SYS_setlimit] = sys_setlimit,
};

// Set p's error string and return e (a negative errno) for chaining.
int64_t
seterr(struct proc *p, int64_t e, const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vfmt(p->err, sizeof p->err, f, ap);
	va_end(ap);
	return e;
}

// Returns 1 when the return to user mode must restore every register
// (iretq, after noted), 0 when SYSRET will do (rcx and r11 clobbered).
int
syscall_dispatch(struct trapframe *tf)
{
	int full;

	struct proc *p = curproc();
	uint64_t n = tf->rax;

	if (!filter_allowed(p, n)) {
		filter_deny(p, n);
		proc_exit(p, p->xstatus, p->xmsg);
	}
	p->as.refused = NULL;
	if (n < NSYSCALL && systab[n] != NULL)
		tf->rax = (uint64_t)systab[n](p, tf);
	else if (n < NSYSCALL)
		tf->rax = (uint64_t)seterr(p, -ENOSYS,
		                           "syscall %llu: in the ABI but not implemented yet",
		                           (unsigned long long)n);
	else
		tf->rax = (uint64_t)seterr(p, -ENOSYS, "syscall %llu: no such system call",
		                           (unsigned long long)n);
	// The call touched the caller's memory for it (copyout into a page
	// not there yet) over its limit group's memory limit: the same end
	// as touching it itself.
	if (p->as.refused && !p->killed) {
		char why[WAITMSG_LEN];

		lim_fault(p, why, sizeof why);
		proc_kill(p, KILLSTATUS_MEM, why);
	}
	if (p->killed)
		proc_exit(p, p->xstatus, p->xmsg);
	note_deliver(p, tf);
	full = p->fullret;
	p->fullret = 0;
	return full;
}
