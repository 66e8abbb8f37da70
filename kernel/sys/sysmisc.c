// kernel/sys/sysmisc.c: errstr, arch_prctl, reboot, uname and getrandom.
#include "sys/sys.h"

SYSCALL(sys_errstr)
{
	uint64_t n = tf->rsi, len = strlen(p->err);
	char zero = '\0';

	if (n == 0)
		return 0;
	if (!uaccess_ok(&p->as, tf->rdi, n, 1))
		return seterr(p, -EFAULT, "errstr: bad address 0x%llx (length %llu)",
		              (unsigned long long)tf->rdi, (unsigned long long)n);
	if (len > n - 1)
		len = n - 1;
	if (copyout(&p->as, tf->rdi, p->err, len) < 0 ||
	    copyout(&p->as, tf->rdi + len, &zero, 1) < 0)
		return seterr(p, -EFAULT, "errstr: bad address 0x%llx (length %llu)",
		              (unsigned long long)tf->rdi, (unsigned long long)n);
	return 0;
}

SYSCALL(sys_arch_prctl)
{
	int code = (int)tf->rdi;
	uint64_t addr = tf->rsi;

	if (code == ARCH_SET_FS) {
		// Any canonical user address; the kernel never dereferences it.
		if (addr >= 0x0000800000000000ULL)
			return seterr(p, -EINVAL, "arch_prctl: FS base 0x%llx not in user space",
			              (unsigned long long)addr);
		p->fsbase = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	}
	if (code == ARCH_GET_FS) {
		if (copyout(&p->as, addr, &p->fsbase, sizeof p->fsbase) < 0)
			return seterr(p, -EFAULT, "arch_prctl: bad address 0x%llx",
			              (unsigned long long)addr);
		return 0;
	}
	return seterr(p, -EINVAL, "arch_prctl: unknown code 0x%x", code);
}

SYSCALL(sys_reboot)
{
	int how = (int)tf->rdi, status = (int)tf->rsi;

	if (p->pid != 1)
		return seterr(p, -EPERM, "reboot: only init (pid 1) may reboot, not pid %d",
		              p->pid);
	if (how == REBOOT_POWEROFF) {
		kprintf("power off (status %d)\n", status);
		machine_poweroff(status);
	}
	if (how == REBOOT_RESTART) {
		kprintf("restarting\n");
		machine_restart();
	}
	return seterr(p, -EINVAL, "reboot: unknown request %d", how);
}

SYSCALL(sys_uname)
{
	struct utsname u;

	memset(&u, 0, sizeof u);
	strlcpy(u.sysname, "Gremlin", sizeof u.sysname);
	cons_hostname(u.nodename, sizeof u.nodename); // '#c/hostname'
	strlcpy(u.release, "0.2", sizeof u.release);
	strlcpy(u.version, "Gremlin kernel 0.2 (x86-64, uniprocessor)", sizeof u.version);
	strlcpy(u.machine, "x86_64", sizeof u.machine);
	if (copyout(&p->as, tf->rdi, &u, sizeof u) < 0)
		return seterr(p, -EFAULT, "uname: bad address 0x%llx", (unsigned long long)tf->rdi);
	return 0;
}

// getrandom: bytes from the kernel generator (dev/random.c), made and
// copied out RANDOM_STEP at a time so no more than that sits on the kernel
// stack. The whole buffer is checked first; nothing is generated for a bad
// one.
SYSCALL(sys_getrandom)
{
	uint64_t ubuf = tf->rdi, n = tf->rsi, done = 0;
	uint32_t flags = (uint32_t)tf->rdx;
	uint8_t chunk[RANDOM_STEP];

	if (flags & ~(uint32_t)(GRND_NONBLOCK | GRND_RANDOM))
		return seterr(p, -EINVAL, "getrandom: unknown flags 0x%x", flags);
	if (n > GETRANDOM_MAX)
		n = GETRANDOM_MAX;
	if (n == 0)
		return 0;
	if (!uaccess_ok(&p->as, ubuf, n, 1))
		return seterr(p, -EFAULT, "getrandom: bad address 0x%llx (length %llu)",
		              (unsigned long long)ubuf, (unsigned long long)n);
	while (done < n) {
		uint64_t k = n - done < sizeof chunk ? n - done : sizeof chunk;

		random_bytes(chunk, k);
		if (copyout(&p->as, ubuf + done, chunk, k) < 0)
			break;
		done += k;
	}
	// Erase the last bytes handed out; the barrier keeps the store.
	memset(chunk, 0, sizeof chunk);
	__asm__ volatile("" : : "r"(chunk) : "memory");
	if (done == 0)
		return seterr(p, -EFAULT, "getrandom: bad address 0x%llx (length %llu)",
		              (unsigned long long)ubuf, (unsigned long long)n);
	return (int64_t)done;
}
