// lib/c/unistd/proc.c: processes: fork, rfork, execve, wait, exit, pids,
// notes and reboot.
#include <gremlin.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../internal.h"

pid_t
fork(void)
{
	__stdio_flush_all();
	return (pid_t)__sysret(rawsyscall(SYS_fork, 0, 0, 0, 0, 0, 0));
}

int
rfork(int flags)
{
	if (flags & RFPROC)
		__stdio_flush_all();
	return (int)__sysret(rawsyscall(SYS_rfork, flags, 0, 0, 0, 0, 0));
}

int
execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__sysret(
	        rawsyscall(SYS_execve, (int64_t)path, (int64_t)argv, (int64_t)envp, 0, 0, 0));
}

pid_t
waitmsg(pid_t pid, struct waitmsg *w, int flags)
{
	return (pid_t)__sysret(rawsyscall(SYS_wait, pid, (int64_t)w, flags, 0, 0, 0));
}

int
__wait_status(const struct waitmsg *w)
{
	int st = w->status;

	if (st > 128 && st < 128 + 32 && w->msg[0] != '\0' &&
	    (st == KILLSTATUS_ILL || st == KILLSTATUS_FPE || st == KILLSTATUS_KILL ||
	     st == KILLSTATUS_SEGV || st == 134))
		return st - 128;
	return (st & 0xff) << 8;
}

pid_t
waitpid(pid_t pid, int *status, int flags)
{
	struct waitmsg w;
	pid_t r = waitmsg(pid, &w, flags);

	if (r > 0 && status)
		*status = __wait_status(&w);
	return r;
}

pid_t
wait(int *status)
{
	return waitpid(-1, status, 0);
}

void
_exit(int status)
{
	exits(status, NULL);
}

void
exits(int status, const char *msg)
{
	for (;;)
		rawsyscall(SYS_exit, status, (int64_t)msg, 0, 0, 0, 0);
}

pid_t
getpid(void)
{
	return (pid_t)rawsyscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
}

pid_t
getppid(void)
{
	return (pid_t)rawsyscall(SYS_getppid, 0, 0, 0, 0, 0, 0);
}

int
postnote(int pid, const char *note)
{
	return (int)__sysret(rawsyscall(SYS_kill, pid, (int64_t)note, 0, 0, 0, 0));
}

int
reboot(int how, int status)
{
	__stdio_flush_all();
	return (int)__sysret(rawsyscall(SYS_reboot, how, status, 0, 0, 0, 0));
}

int
arch_prctl(int code, uint64_t addr)
{
	return (int)__sysret(rawsyscall(SYS_arch_prctl, code, (int64_t)addr, 0, 0, 0, 0));
}
