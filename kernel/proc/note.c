// kernel/proc/note.c: notes, Plan 9's signals: posting one (kill), the
// default actions, and delivery to a process that registered a handler
// with notify. Delivery happens when the process next returns to user mode
// (end of a system call, or of an interrupt or fault in user mode): its
// registers and FPU state are saved in its struct notes, a copy of the
// registers and the note text are pushed on its user stack, and it resumes
// in the handler as fn(ureg, note) with a zero return address. noted(NCONT)
// restores the saved state exactly (the copy on the stack is informational:
// changing it changes nothing); noted(NDFLT) applies the default action.
// "kill" is never caught. Up to NNOTE notes wait, delivered in the order
// they came; a note posted again while it waits is merged, one more when
// the queue is full kills ("too many notes"), except init (pid 1), which
// drops it.
#include "defs.h"

// The default action, for a process without a handler or after
// noted(NDFLT): every note kills, "interrupt" with status 130, a write on
// a closed pipe with 141, "kill" and any other with KILLSTATUS_KILL. The
// "kill" note (whoever sent it meant it: init stopping a snap, kill(1))
// and a write on a closed pipe (the reader left: a pipeline's normal end)
// kill without a console line, as Unix shells say nothing of them.
void
note_default(struct proc *p, const char *note)
{
	char msg[WAITMSG_LEN];

	// init is never killed by a note (docs/kernel.md, "Asking init"): the
	// only ones that reach it here are the kernel's own, such as a write
	// on a closed pipe, whose call fails (EPIPE) all the same.
	if (p->pid == 1)
		return;

	if (strcmp(note, "interrupt") == 0)
		proc_kill(p, 130, "interrupt");
	else if (strcmp(note, "sys: write on closed pipe") == 0)
		proc_kill_quiet(p, 141, note);
	else if (strcmp(note, "kill") == 0)
		proc_kill_quiet(p, KILLSTATUS_KILL, "killed");
	else {
		strlcpy(msg, "note: ", sizeof msg);
		strlcpy(msg + 6, note, sizeof msg - 6);
		proc_kill(p, KILLSTATUS_KILL, msg);
	}
}

// Post a note to p: the default action, or queue it for p's handler and
// wake p so a blocking call it sleeps in returns EINTR.
int
proc_note(struct proc *p, const char *note)
{
	if (strcmp(note, "kill") == 0 || p->notify == 0 || p->notes == NULL) {
		note_default(p, note);
		return 0;
	}
	struct notes *n = p->notes;

	for (int i = 0; i < n->nq; i++)
		if (strcmp(n->queue[i], note) == 0)
			return 0;
	if (n->nq == NNOTE) {
		if (p->pid == 1) {
			kprintf("init: note '%s' dropped: %d notes wait already\n", note, NNOTE);
			return 0;
		}
		proc_kill(p, KILLSTATUS_KILL, "too many notes");
		return 0;
	}
	strlcpy(n->queue[n->nq++], note, ERRMAX);
	p->notepending = 1;
	if (p->state == SLEEPING)
		p->state = RUNNABLE;
	return 0;
}

// fork: the child keeps the handler (it runs the same code), not the
// parent's pending notes or handler state.
int
note_fork(struct proc *c, struct proc *p)
{
	c->notify = p->notify;
	if (p->notes == NULL)
		return 0;
	c->notes = kzalloc(sizeof *c->notes);
	return c->notes ? 0 : -ENOMEM;
}

// exec: the new image has no handler.
void
note_reset(struct proc *p)
{
	kfree(p->notes);
	p->notes = NULL;
	p->notify = 0;
	p->innote = 0;
	p->notepending = 0;
}

// On the way back to user mode: if a note waits and p has a handler (and
// is not in it), enter the handler. A stack the frame cannot be written to
// kills p.
void
note_deliver(struct proc *p, struct trapframe *tf)
{
	struct notes *n = p->notes;
	uint64_t sp, unote, ureg, zero = 0;

	if (!p->notepending || p->notify == 0 || n == NULL || p->innote || p->killed || n->nq == 0)
		return;
	// Below the System V red zone: the note text, the registers, and a
	// zero return address, with the stack as after a call (rsp+8 aligned).
	sp = tf->rsp - 128 - ERRMAX;
	unote = sp;
	sp = (sp - sizeof *tf) & ~15ULL;
	ureg = sp;
	sp -= 8;
	if (tf->rsp < 4096 + 128 + ERRMAX + sizeof *tf ||
	    copyout(&p->as, unote, n->queue[0], ERRMAX) < 0 ||
	    copyout(&p->as, ureg, tf, sizeof *tf) < 0 || copyout(&p->as, sp, &zero, 8) < 0) {
		char msg[WAITMSG_LEN];

		fmt(msg, sizeof msg, "cannot deliver note '%s': bad stack 0x%llx", n->queue[0],
		    (unsigned long long)tf->rsp);
		proc_kill(p, KILLSTATUS_SEGV, msg);
		return;
	}
	n->tf = *tf;
	fpu_save(n->fpu);
	memcpy(n->cur, n->queue[0], ERRMAX);
	memmove(n->queue[0], n->queue[1], (size_t)(n->nq - 1) * ERRMAX);
	n->nq--;
	// The rest wait for noted; the next one is delivered on the way back
	// from it.
	p->notepending = n->nq > 0;
	p->innote = 1;
	tf->rip = p->notify;
	tf->rsp = sp;
	tf->rdi = ureg;
	tf->rsi = unote;
	tf->rflags = RFLAGS_IF | 0x2;
}
