// kernel/proc/proc.c: creating, forking, killing, exiting and reaping
// processes. Fork shares the address space copy-on-write (mm/vm.c).
// Children of an exiting process go to init (pid 1), which reaps them.
#include "defs.h"

// A struct proc comes from kmalloc's 2 KiB class (16 bytes go to its header).
_Static_assert(sizeof(struct proc) <= 2048 - 16, "struct proc outgrew its kmalloc class");

struct proc *proctab[NPROC];
static int nextpid = 1;
static struct proc *initproc;

// A new EMBRYO with a kernel stack whose first switch lands in forkret,
// which returns to user mode through the trap frame at the stack's top.
struct proc *
proc_alloc(void)
{
	struct proc *p;
	uint64_t *sp;
	int slot;

	for (slot = 0; slot < NPROC && proctab[slot]; slot++)
		;
	if (slot == NPROC)
		return NULL;
	p = kzalloc(sizeof *p);
	if (p == NULL)
		return NULL;
	if (kstack_map(slot, &p->kstack_top) < 0) {
		kfree(p);
		return NULL;
	}
	p->slot = slot;
	p->pid = nextpid++;
	p->state = EMBRYO;
	p->tf = (struct trapframe *)(p->kstack_top - sizeof(struct trapframe));
	sp = (uint64_t *)p->tf;
	*--sp = (uint64_t)forkret;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	p->ctx_rsp = (uint64_t)sp;
	proctab[slot] = p;
	return p;
}

// Release everything of p (after exit; or a half-made child).
void
proc_free(struct proc *p)
{
	as_free(&p->as);
	lim_leave(p);
	kfree(p->notes);
	fdtab_put(p->fds);
	pgrp_put(p->pgrp);
	chan_put(p->dot);
	kstack_unmap(p->slot);
	proctab[p->slot] = NULL;
	kfree(p);
}

struct proc *
proc_bypid(int pid)
{
	for (int i = 0; i < NPROC; i++)
		if (proctab[i] && proctab[i]->pid == pid && proctab[i]->state != UNUSED)
			return proctab[i];
	return NULL;
}

static struct fdtab *
fds_for_child(struct fdtab *t, int flags)
{
	if (!(flags & (RFFDG | RFCFDG))) {
		t->ref++;
		return t;
	}
	if (flags & RFFDG)
		return fdtab_copy(t);
	return fdtab_new();
}

// The child's namespace: shared, a copy (RFNAMEG) or a clean one
// (RFCNAMEG); RFNOMNT forbids new mounts and '#' names for good.
struct pgrp *
pgrp_for_child(struct pgrp *g, int flags)
{
	struct pgrp *n;

	if (flags & RFCNAMEG)
		n = pgrp_new();
	else if (flags & (RFNAMEG | RFNOMNT))
		n = pgrp_copy(g);
	else {
		g->ref++;
		return g;
	}
	if (n && (g->nomnt || (flags & RFNOMNT)))
		n->nomnt = 1;
	return n;
}

// rfork with RFPROC: a new process running a copy of p, returning 0 in it;
// in p's limit group. On failure why (ERRMAX bytes) says what ran out.
int
proc_fork(struct proc *p, int flags, struct proc **childp, char *why)
{
	struct proc *c = proc_alloc();
	int full = 1, r;

	for (int i = 0; i < NPROC; i++)
		full &= proctab[i] != NULL;
	if (c == NULL && full)
		return fmt(why, ERRMAX, "process table full (%d processes)", NPROC), -EAGAIN;
	if (c == NULL)
		return fmt(why, ERRMAX, "out of memory"), -ENOMEM;
	// The child's name, for limit messages.
	memcpy(c->name, p->name, sizeof c->name);
	memcpy(c->snap, p->snap, sizeof c->snap);
	if ((r = lim_join(c, p, p->lim, why, ERRMAX)) < 0) {
		proc_free(c);
		return r;
	}
	if (as_copy(&c->as, &p->as) < 0) {
		if (c->as.refused)
			lim_msg(why, ERRMAX, NULL, p, c->as.refused, "reached");
		else
			fmt(why, ERRMAX, "out of memory");
		proc_free(c);
		return -ENOMEM;
	}
	if ((c->fds = fds_for_child(p->fds, flags)) == NULL ||
	    (c->pgrp = pgrp_for_child(p->pgrp, flags)) == NULL) {
		fmt(why, ERRMAX, "out of memory");
		proc_free(c);
		return -ENOMEM;
	}
	c->dot = p->dot;
	chan_incref(c->dot);
	if (flags & RFCNAMEG)
		proc_resetdot(c);
	*c->tf = *p->tf;
	fpu_save(p->fpu);
	memcpy(c->fpu, p->fpu, sizeof c->fpu);
	c->tf->rax = 0;
	c->fsbase = p->fsbase;
	c->parent = (flags & RFNOWAIT) ? initproc : p;
	c->noteg = (flags & RFNOTEG) ? c->pid : p->noteg;
	filter_fork(c, p);
	if (note_fork(c, p) < 0) {
		fmt(why, ERRMAX, "out of memory");
		proc_free(c);
		return -ENOMEM;
	}
	c->state = RUNNABLE;
	*childp = c;
	return 0;
}

// Make p's current directory the root of its namespace.
void
proc_resetdot(struct proc *p)
{
	struct chan *c;
	char why[ERRMAX];

	if (chan_attach('/', "", &c, why) < 0)
		return; // out of memory: keep the old one
	strlcpy(c->path, "/", NSPATH);
	chan_put(p->dot);
	p->dot = c;
}

// Mark p to die with status and msg once it next leaves the kernel (or
// now, if it is asleep: it is woken to notice). The first cause wins.
// proc_kill reports it on the console; proc_kill_quiet does not (for the
// deliberate, ordinary ends: note.c says which).
static void
kill1(struct proc *p, int32_t status, const char *msg, int report)
{
	if (p->killed || p->state == ZOMBIE)
		return;
	p->killed = 1;
	p->xstatus = status;
	strlcpy(p->xmsg, msg, sizeof p->xmsg);
	if (report)
		kprintf("killed pid %d '%s': %s\n", p->pid, p->name, msg);
	if (p->state == SLEEPING)
		p->state = RUNNABLE;
}

void
proc_kill(struct proc *p, int32_t status, const char *msg)
{
	kill1(p, status, msg, 1);
}

void
proc_kill_quiet(struct proc *p, int32_t status, const char *msg)
{
	kill1(p, status, msg, 0);
}

// Ctrl-C: "interrupt" every process in init's note group except init.
void
proc_interrupt_all(void)
{
	for (int i = 0; i < NPROC; i++) {
		struct proc *q = proctab[i];

		if (q && q != initproc && initproc && q->noteg == initproc->noteg &&
		    q->state != ZOMBIE && q->state != EMBRYO)
			proc_note(q, "interrupt");
	}
}

// Requests init takes as notes (docs/kernel.md, "Asking init"): "reboot",
// "poweroff" and "poweroff N" with N a decimal 0..255, and "snapctl" (a
// control request waits in /srv: docs/snaps.md). The latest power request
// waits in initreq, and a snapctl request as the flag initctl, until init
// reads them from '#c/reboot' (power first), so neither hides the other.
static char initreq[16];
static int initctl;

static int
initnote_ok(const char *note)
{
	int v = 0, digits = 0;

	if (strcmp(note, "reboot") == 0 || strcmp(note, "poweroff") == 0 ||
	    strcmp(note, "snapctl") == 0)
		return 1;
	if (strncmp(note, "poweroff ", 9) != 0)
		return 0;
	for (const char *s = note + 9; *s; s++, digits++) {
		if (*s < '0' || *s > '9' || digits == 3)
			return 0;
		v = v * 10 + (*s - '0');
	}
	return digits > 0 && v <= 255;
}

// Take note for init if it is a request init accepts: record it and wake
// init from whatever it sleeps in (its wait returns EINTR). Returns 0, or
// -EPERM for any other note (init is never killed).
int
proc_initnote(const char *note)
{
	if (initproc == NULL || !initnote_ok(note))
		return -EPERM;
	if (strcmp(note, "snapctl") == 0)
		initctl = 1;
	else
		strlcpy(initreq, note, sizeof initreq);
	initproc->notepending = 1;
	if (initproc->state == SLEEPING)
		initproc->state = RUNNABLE;
	return 0;
}

// Hand the pending request to init (reading '#c/reboot') and clear it;
// 0 bytes if there is none.
int64_t
proc_initrequest(char *buf, uint64_t n)
{
	const char *req = initreq[0] ? initreq : initctl ? "snapctl" : "";
	uint64_t len = strlen(req);

	if (len > n)
		len = n;
	memcpy(buf, req, len);
	if (initreq[0])
		initreq[0] = '\0';
	else
		initctl = 0;
	if (initproc && !initreq[0] && !initctl)
		initproc->notepending = initproc->notes && initproc->notes->nq > 0;
	return (int64_t)len;
}

void
proc_exit(struct proc *p, int32_t status, const char *msg)
{
	int orphans = 0;

	if (p == initproc) {
		kprintf("init exited with status %d '%s'; powering off\n", status, msg);
		machine_poweroff(status);
	}
	fdtab_put(p->fds);
	p->fds = NULL;
	pgrp_put(p->pgrp);
	p->pgrp = NULL;
	chan_put(p->dot);
	p->dot = NULL;
	as_switch(NULL);
	as_free(&p->as);
	lim_leave(p);
	for (int i = 0; i < NPROC; i++) {
		struct proc *q = proctab[i];

		if (q && q->parent == p) {
			q->parent = initproc;
			orphans |= q->state == ZOMBIE;
		}
	}
	p->xstatus = status;
	if (msg != p->xmsg)
		strlcpy(p->xmsg, msg, sizeof p->xmsg);
	p->state = ZOMBIE;
	if (p->parent)
		wakeup(p->parent);
	if (orphans)
		wakeup(initproc);
	sched();
	panic("zombie pid %d ran again", p->pid);
}

// Wait for a child (pid -1: any) to exit and reap it.
int
proc_wait(struct proc *p, int pid, struct waitmsg *w, int flags)
{
	for (;;) {
		int have = 0;

		for (int i = 0; i < NPROC; i++) {
			struct proc *q = proctab[i];

			if (q == NULL || q->parent != p || (pid != -1 && q->pid != pid))
				continue;
			have = 1;
			if (q->state != ZOMBIE)
				continue;
			w->pid = q->pid;
			w->status = q->xstatus;
			memset(w->msg, 0, sizeof w->msg);
			strlcpy(w->msg, q->xmsg, sizeof w->msg);
			proc_free(q);
			return w->pid;
		}
		if (!have)
			return -ECHILD;
		if (flags & WNOHANG)
			return 0;
		if (interrupted(p))
			return -EINTR;
		sleep(p);
	}
}

// Whether the first command-line word is the kernel's own path, which GRUB
// includes and QEMU's -append does not: it starts with /boot/ or ends with
// .elf or .mb.
static int
kernelpath(const char *w)
{
	size_t n = strlen(w);

	return strncmp(w, "/boot/", 6) == 0 || (n > 4 && strcmp(w + n - 4, ".elf") == 0) ||
	       (n > 3 && strcmp(w + n - 3, ".mb") == 0);
}

// argv of init: "/bin/init" and the words of the boot command line, minus
// a first word that is the kernel's own path.
static const char *const *
init_argv(void)
{
	static const char *argv[128];
	static char buf[sizeof boot_cmdline];
	int argc = 0;
	char *s = buf;

	strlcpy(buf, boot_cmdline, sizeof buf);
	argv[argc++] = "/bin/init";
	for (int first = 1; *s && argc < (int)NELEM(argv) - 1; first = 0) {
		char *w;

		while (*s == ' ')
			*s++ = '\0';
		if (*s == '\0')
			break;
		w = s;
		while (*s && *s != ' ')
			s++;
		if (*s)
			*s++ = '\0';
		if (first && kernelpath(w))
			continue;
		argv[argc++] = w;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0')
		kprintf("warning: boot command line has more than %d words: the rest dropped\n",
		        (int)NELEM(argv) - 2);
	argv[argc] = NULL;
	return argv;
}

// Make pid 1 from /bin/init in the boot image, with the boot command line
// words as its arguments.
void
proc_start_init(void)
{
	struct proc *p = proc_alloc();
	int64_t r;

	if (p == NULL)
		panic("no memory for init");
	p->fds = fdtab_new();
	if (p->fds == NULL || as_new(&p->as, NULL) < 0)
		panic("no memory for init");
	if ((r = ns_init(p)) < 0)
		panic("cannot build init's namespace: %s", p->err);
	p->noteg = p->pid;
	filter_init(p);
	initproc = p;
	r = exec(p, "/bin/init", 0, 0, init_argv());
	if (r < 0)
		panic("cannot start init: %s", p->err);
	p->state = RUNNABLE;
}
