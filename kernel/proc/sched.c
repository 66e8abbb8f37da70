// kernel/proc/sched.c: the scheduler. One CPU; the kernel is not
// preemptible (interrupts are off in kernel mode except while idle). The
// scheduler loop runs on the boot stack and picks RUNNABLE processes round
// robin from the process table; a process runs until it sleeps, yields, or
// its time slice (SLICE timer ticks) runs out in user mode. Idle is `hlt`,
// with the tick paused when no process sleeps until a deadline.
#include "defs.h"

#define SLICE 10 // ticks (10 ms at HZ 1000)

// Switch to p: its kernel stack for traps and syscalls, its address space
// and its TLS base.
static void
run(struct proc *p)
{
	p->state = RUNNING;
	p->slice = SLICE;
	cpu0.proc = p;
	cpu0.kstack_top = p->kstack_top;
	tss_set_rsp0(p->kstack_top);
	as_switch(&p->as);
	wrmsr(MSR_FS_BASE, p->fsbase);
	fpu_restore(p->fpu);
	swtch(&cpu0.sched_rsp, p->ctx_rsp);
	cpu0.proc = NULL;
}

// Nothing to run: halt until an interrupt. With no process waiting for a
// deadline the timer is paused, so only a device (the console) wakes us.
static void
idle(void)
{
	int pause = timer_can_pause();

	for (int i = 0; i < NPROC && pause; i++) {
		struct proc *q = proctab[i];

		if (q && q->state == SLEEPING && (q->chan == (const void *)&ticks || q->deadline))
			pause = 0;
	}
	if (pause)
		timer_pause(1);
	idle_halt();
	if (pause)
		timer_pause(0);
}

void
scheduler(void)
{
	int last = 0;

	for (;;) {
		struct proc *next = NULL;

		for (int i = 1; i <= NPROC; i++) {
			struct proc *q = proctab[(last + i) % NPROC];

			if (q && q->state == RUNNABLE) {
				next = q;
				last = (last + i) % NPROC;
				break;
			}
		}
		if (next)
			run(next);
		else
			idle();
	}
}

// Give the CPU back to the scheduler loop; the caller set p->state.
void
sched(void)
{
	struct proc *p = curproc();

	fpu_save(p->fpu);
	swtch(&p->ctx_rsp, cpu0.sched_rsp);
}

void
yield(void)
{
	curproc()->state = RUNNABLE;
	sched();
}

void
sleep(const void *chan)
{
	struct proc *p = curproc();

	p->chan = chan;
	p->state = SLEEPING;
	sched();
	p->chan = NULL;
}

void
wakeup(const void *chan)
{
	for (int i = 0; i < NPROC; i++) {
		struct proc *q = proctab[i];

		if (q && q->state == SLEEPING && q->chan == chan)
			q->state = RUNNABLE;
	}
}

// Each timer tick: use up the running process's slice and wake sleepers
// whose deadline passed (nanosleep sleeps on &ticks; a 9P RPC sets
// p->deadline while it waits on a pipe).
void
sched_tick(void)
{
	struct proc *p = curproc();
	uint64_t now = 0;

	if (p && p->slice > 0)
		p->slice--;
	for (int i = 0; i < NPROC; i++) {
		struct proc *q = proctab[i];

		if (q == NULL || q->state != SLEEPING)
			continue;
		if (q->chan != (const void *)&ticks && q->deadline == 0)
			continue;
		if (now == 0)
			now = clock_mono_ns();
		if (q->chan == (const void *)&ticks && q->wake_ns <= now)
			q->state = RUNNABLE;
		if (q->deadline && q->deadline <= now)
			q->state = RUNNABLE;
	}
}
