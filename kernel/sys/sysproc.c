// kernel/sys/sysproc.c: process system calls: exit, fork, rfork, execve,
// wait, getpid, getppid, kill, sched_yield, notify, noted.
#include "sys/sys.h"

#define RF_SUPPORTED (RFPROC | RFFDG | RFCFDG | RFNOWAIT | RFNOTEG | RFNAMEG | RFCNAMEG | RFNOMNT)

SYSCALL(sys_exit)
{
	char msg[WAITMSG_LEN] = "";
	uint64_t umsg = tf->rsi;

	// A message that cannot be read or is too long is cut, not refused:
	// exit must always work.
	if (umsg != 0 && copyinstr(&p->as, msg, umsg, sizeof msg) < 0)
		msg[sizeof msg - 1] = '\0';
	proc_exit(p, (int32_t)(tf->rdi & 0xff), msg);
}

static int64_t
dofork(struct proc *p, int flags, const char *what)
{
	struct proc *c;
	char why[ERRMAX];
	int r = proc_fork(p, flags, &c, why);

	if (r < 0)
		return seterr(p, r, "%s: %s", what, why);
	return c->pid;
}

SYSCALL(sys_fork)
{
	(void)tf;
	return dofork(p, RFPROC | RFFDG, "fork");
}

static const char *
rfname(int bit)
{
	switch (bit) {
	case RFNAMEG:
		return "RFNAMEG";
	case RFENVG:
		return "RFENVG";
	case RFMEM:
		return "RFMEM";
	case RFCNAMEG:
		return "RFCNAMEG";
	case RFCENVG:
		return "RFCENVG";
	case RFREND:
		return "RFREND";
	case RFNOMNT:
		return "RFNOMNT";
	default:
		return NULL;
	}
}

SYSCALL(sys_rfork)
{
	int flags = (int)tf->rdi;
	int bad = flags & ~RF_SUPPORTED;

	if (bad) {
		int bit = bad & -bad;
		const char *name = rfname(bit);

		if (name)
			return seterr(p, -EINVAL, "rfork: %s is not supported yet%s", name,
			              bit == RFMEM ? "" : " (no environment groups)");
		return seterr(p, -EINVAL, "rfork: unknown flag 0x%x", bit);
	}
	if ((flags & RFFDG) && (flags & RFCFDG))
		return seterr(p, -EINVAL, "rfork: RFFDG and RFCFDG together");
	if ((flags & RFNAMEG) && (flags & RFCNAMEG))
		return seterr(p, -EINVAL, "rfork: RFNAMEG and RFCNAMEG together");
	if (flags & RFPROC)
		return dofork(p, flags, "rfork");
	if (flags & RFNOWAIT)
		return seterr(p, -EINVAL, "rfork: RFNOWAIT needs RFPROC");
	// Without RFPROC the flags change the calling process.
	if (flags & (RFFDG | RFCFDG)) {
		struct fdtab *t = (flags & RFFDG) ? fdtab_copy(p->fds) : fdtab_new();

		if (t == NULL)
			return seterr(p, -ENOMEM, "rfork: out of memory");
		fdtab_put(p->fds);
		p->fds = t;
	}
	if (flags & (RFNAMEG | RFCNAMEG | RFNOMNT)) {
		struct pgrp *g = pgrp_for_child(p->pgrp, flags);

		if (g == NULL)
			return seterr(p, -ENOMEM, "rfork: out of memory");
		pgrp_put(p->pgrp);
		p->pgrp = g;
		if (flags & RFCNAMEG)
			proc_resetdot(p);
	}
	if (flags & RFNOTEG)
		p->noteg = p->pid;
	return 0;
}

SYSCALL(sys_execve)
{
	char path[256];
	int r = copyinstr(&p->as, path, tf->rdi, sizeof path);

	if (r == -ENAMETOOLONG)
		return seterr(p, r, "execve: path longer than %d bytes", (int)sizeof path - 1);
	if (r < 0)
		return seterr(p, -EFAULT, "execve: bad address 0x%llx for the path",
		              (unsigned long long)tf->rdi);
	int64_t e = exec(p, path, tf->rsi, tf->rdx, NULL);

	if (e == 0)
		note_reset(p);
	return e;
}

SYSCALL(sys_wait)
{
	int pid = (int)tf->rdi, flags = (int)tf->rdx;
	uint64_t uw = tf->rsi;
	struct waitmsg w;
	int r;

	if (flags & ~WNOHANG)
		return seterr(p, -EINVAL, "wait: unknown flags 0x%x", flags);
	if (uw != 0 && (uw >= USER_TOP || USER_TOP - uw < sizeof w))
		return seterr(p, -EFAULT, "wait: bad address 0x%llx", (unsigned long long)uw);
	// Check the buffer before reaping: a child must not be lost to a bad
	// address.
	memset(&w, 0, sizeof w);
	if (uw != 0 && copyout(&p->as, uw, &w, sizeof w) < 0)
		return seterr(p, -EFAULT, "wait: bad address 0x%llx", (unsigned long long)uw);
	r = proc_wait(p, pid, &w, flags);
	if (r == -ECHILD && pid == -1)
		return seterr(p, r, "wait: no children");
	if (r == -ECHILD)
		return seterr(p, r, "wait: %d is not a child of this process", pid);
	if (r == -EINTR)
		return seterr(p, r, "wait: interrupted");
	if (r > 0 && uw != 0 && copyout(&p->as, uw, &w, sizeof w) < 0)
		panic("wait: checked buffer 0x%llx became unwritable", (unsigned long long)uw);
	return r;
}

SYSCALL(sys_getpid)
{
	(void)tf;
	return p->pid;
}

SYSCALL(sys_getppid)
{
	(void)tf;
	return p->parent ? p->parent->pid : 0;
}

// kill(-g, note): post note to every live process of note group g. init
// takes it only if it is one of its requests (proc_initnote); otherwise it
// is passed over, like a zombie.
static int64_t
killgroup(struct proc *p, int64_t g, const char *note)
{
	int found = 0;

	for (int i = 0; i < NPROC; i++) {
		struct proc *q = proctab[i];

		if (q == NULL || q->noteg != g || q->state == ZOMBIE || q->state == EMBRYO ||
		    q->state == UNUSED)
			continue;
		found++;
		if (q->pid == 1)
			proc_initnote(note);
		else
			proc_note(q, note);
	}
	if (found == 0)
		return seterr(p, -ESRCH, "kill -%lld: no process in note group %lld", (long long)g,
		              (long long)g);
	return 0;
}

SYSCALL(sys_kill)
{
	int pid = (int)tf->rdi;
	char note[ERRMAX];
	struct proc *q;
	int r = copyinstr(&p->as, note, tf->rsi, sizeof note);

	if (r == -ENAMETOOLONG)
		return seterr(p, -EINVAL, "kill: note longer than %d bytes", ERRMAX - 1);
	if (r < 0)
		return seterr(p, -EFAULT, "kill: bad address 0x%llx for the note",
		              (unsigned long long)tf->rsi);
	if (note[0] == '\0')
		return seterr(p, -EINVAL, "kill %d: empty note", pid);
	if (pid < 0)
		return killgroup(p, -(int64_t)pid, note);
	q = proc_bypid(pid);
	if (q == NULL || q->state == ZOMBIE)
		return seterr(p, -ESRCH, "kill %d: no such process", pid);
	if (q->pid == 1 && proc_initnote(note) < 0)
		return seterr(p, -EPERM,
		              "kill 1: init cannot be killed; it takes only the notes "
		              "'poweroff [N]', 'reboot' and 'snapctl'");
	if (q->pid == 1)
		return 0;
	return proc_note(q, note);
}

SYSCALL(sys_sched_yield)
{
	(void)tf;
	yield();
	(void)p;
	return 0;
}

// notify: register (or with 0 remove) the note handler (proc/note.c).
SYSCALL(sys_notify)
{
	uint64_t fn = tf->rdi;

	if (fn != 0 && (fn < USER_LO || fn >= USER_TOP))
		return seterr(p, -EINVAL, "notify: handler 0x%llx is not a user address",
		              (unsigned long long)fn);
	if (fn != 0 && p->notes == NULL && (p->notes = kzalloc(sizeof *p->notes)) == NULL)
		return seterr(p, -ENOMEM, "notify: out of memory");
	p->notify = fn;
	// Without a handler, the oldest waiting note takes its default action
	// (death, for every note today); the rest go with the process.
	if (fn == 0 && p->notepending && p->notes && p->notes->nq > 0) {
		p->notepending = 0;
		p->notes->nq = 0;
		note_default(p, p->notes->queue[0]);
	}
	return 0;
}

// noted: leave the note handler. NCONT restores the registers and FPU
// state saved when the note came (so the return value is the interrupted
// rax) and makes the syscall return restore all of them; NDFLT applies the
// note's default action.
SYSCALL(sys_noted)
{
	int how = (int)tf->rdi;

	if (!p->innote || p->notes == NULL)
		return seterr(p, -EINVAL, "noted: not in a note handler");
	if (how != NCONT && how != NDFLT)
		return seterr(p, -EINVAL, "noted: unknown request %d (NCONT 0 or NDFLT 1)", how);
	p->innote = 0;
	if (how == NDFLT) {
		note_default(p, p->notes->cur);
		return 0;
	}
	*tf = p->notes->tf;
	fpu_restore(p->notes->fpu);
	p->fullret = 1;
	return (int64_t)tf->rax;
}
