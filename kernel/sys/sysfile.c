// kernel/sys/sysfile.c: file system calls. Until namespaces land the only
// open file is the console, which every process inherits as fds 0-2.
#include "sys/sys.h"

static int
fdok(struct proc *p, int64_t fd)
{
	return fd >= 0 && fd < NFD && p->fds->fd[fd] == FD_CONS;
}

SYSCALL(sys_read)
{
	int64_t fd = (int32_t)tf->rdi, r;

	if (!fdok(p, fd))
		return seterr(p, -EBADF, "read: fd %lld is not open", (long long)fd);
	r = cons_read(p, tf->rsi, tf->rdx);
	if (r == -EFAULT)
		return seterr(p, r, "read: bad address 0x%llx (length %llu)",
		              (unsigned long long)tf->rsi, (unsigned long long)tf->rdx);
	if (r == -EINTR)
		return seterr(p, r, "read: interrupted");
	return r;
}

SYSCALL(sys_write)
{
	int64_t fd = (int32_t)tf->rdi, r;

	if (!fdok(p, fd))
		return seterr(p, -EBADF, "write: fd %lld is not open", (long long)fd);
	r = cons_write(p, tf->rsi, tf->rdx);
	if (r == -EFAULT)
		return seterr(p, r, "write: bad address 0x%llx (length %llu)",
		              (unsigned long long)tf->rsi, (unsigned long long)tf->rdx);
	return r;
}

SYSCALL(sys_close)
{
	int64_t fd = (int32_t)tf->rdi;

	if (!fdok(p, fd))
		return seterr(p, -EBADF, "close: fd %lld is not open", (long long)fd);
	p->fds->fd[fd] = 0;
	return 0;
}

SYSCALL(sys_open)
{
	(void)tf;
	return seterr(p, -ENOSYS, "open: no file systems until namespaces land");
}

SYSCALL(sys_sendto)
{
	(void)tf;
	return seterr(p, -ENOSYS, "sendto: no network until /net lands");
}

SYSCALL(sys_recvfrom)
{
	(void)tf;
	return seterr(p, -ENOSYS, "recvfrom: no network until /net lands");
}

SYSCALL(sys_getrandom)
{
	(void)tf;
	return seterr(p, -ENOSYS, "getrandom: not implemented yet (comes with devfs)");
}
