// kernel/proc/filter.c: the syscall filter (DESIGN section 2; docs/kernel.md,
// "Syscall filter"). Each process has a bitmap of permitted calls; init
// starts with every call, fork copies the bitmap, exec keeps it, and
// sysfilter only intersects it with what the caller asks, so the set can
// only shrink. The base set (sys/sysnames.c) is permitted whatever the
// bitmap says. A call outside the set kills the process (status
// KILLSTATUS_SYS) and leaves an audit record (dev/audit.c).
#include "defs.h"
#include "lib/fmt.h"
#include "sys/sys.h"
#include "sys/sysnames.h"

static int
bit(const uint8_t *map, uint64_t n)
{
	return (map[n / 8] >> (n % 8)) & 1;
}

// init: every call.
void
filter_init(struct proc *p)
{
	memset(p->sysallow, 0xff, sizeof p->sysallow);
	p->snap[0] = '\0';
}

// fork: the child has its parent's set and snap name.
void
filter_fork(struct proc *c, const struct proc *p)
{
	memcpy(c->sysallow, p->sysallow, sizeof c->sysallow);
	memcpy(c->snap, p->snap, sizeof c->snap);
}

static int
isbase(uint64_t n)
{
	for (int i = 0; i < nsysbase; i++)
		if (sysbase[i] == n)
			return 1;
	return 0;
}

// Whether p may make call n. A number the ABI does not define is
// permitted (it fails with ENOSYS) only while p was never filtered.
int
filter_allowed(const struct proc *p, uint64_t n)
{
	if (n >= NSYSCALL)
		return p->snap[0] == '\0';
	return bit(p->sysallow, n) || isbase(n);
}

// Kill p for making call n, which its filter does not permit: the kernel
// log line, the wait message, and an audit record.
void
filter_deny(struct proc *p, uint64_t n)
{
	char msg[WAITMSG_LEN], call[24];
	const char *name = sysname(n);

	if (name == NULL) {
		fmt(call, sizeof call, "%llu", (unsigned long long)n);
		name = call;
	}
	fmt(msg, sizeof msg, "syscall '%s' denied for snap '%s'", name,
	    p->snap[0] ? p->snap : "(none)");
	audit_log(p->pid, p->name, p->snap, name, n);
	proc_kill(p, KILLSTATUS_SYS, msg);
}

// sysfilter(bitmap, nbytes, snap): check everything, then intersect.
int64_t
sys_sysfilter(struct proc *p, struct trapframe *tf)
{
	uint8_t map[SYSFILTER_MAXBYTES] = {0};
	char snap[SNAPNAME_LEN];
	uint64_t ubuf = tf->rdi, nbytes = tf->rsi, usnap = tf->rdx;
	int r;

	if (nbytes == 0 || nbytes > SYSFILTER_MAXBYTES)
		return seterr(p, -EINVAL, "sysfilter: bitmap of %llu bytes; 1..%d allowed",
		              (unsigned long long)nbytes, SYSFILTER_MAXBYTES);
	if (usnap == 0)
		return seterr(p, -EINVAL, "sysfilter: no snap name");
	r = copyinstr(&p->as, snap, usnap, sizeof snap);
	if (r == -EFAULT)
		return seterr(p, -EFAULT, "sysfilter: bad address 0x%llx (snap name)",
		              (unsigned long long)usnap);
	if (r < 0)
		return seterr(p, -EINVAL, "sysfilter: snap name longer than %d bytes",
		              SNAPNAME_LEN - 1);
	if (r == 0)
		return seterr(p, -EINVAL, "sysfilter: empty snap name");
	// The whole bitmap must be readable, even the bytes past NSYSCALL.
	if (copyin(&p->as, map, ubuf, nbytes) < 0)
		return seterr(p, -EFAULT, "sysfilter: bad address 0x%llx (length %llu)",
		              (unsigned long long)ubuf, (unsigned long long)nbytes);
	for (size_t i = 0; i < sizeof p->sysallow; i++)
		p->sysallow[i] &= map[i];
	strlcpy(p->snap, snap, sizeof p->snap);
	return 0;
}
