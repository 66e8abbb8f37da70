// kernel/proc/limit.c: limit groups (docs/kernel.md, "Limits"): the memory
// and process-count limits setlimit puts on a process and everything it
// starts. Groups nest: a group's usage includes that of the groups inside
// it, and a page or a process is charged to every group of the chain, so
// the innermost limit never lets a process exceed an outer one. Pages are
// charged where user pages and page tables are counted (mm/mem.c), so what
// a group uses is exactly the sum of its members' /proc/N/status 'pages'.
#include "defs.h"
#include "lib/fmt.h"
#include "sys/sys.h"

void
lim_get(struct limgrp *g)
{
	if (g)
		g->ref++;
}

// Drop a reference; a group nothing refers to any more is freed, and with
// it its reference to the enclosing group.
void
lim_put(struct limgrp *g)
{
	while (g && --g->ref == 0) {
		struct limgrp *up = g->up;

		if (g->used != 0 || g->procs != 0)
			kprintf("limit group freed with %llu pages and %llu processes charged\n",
			        (unsigned long long)g->used, (unsigned long long)g->procs);
		kfree(g);
		g = up;
	}
}

// Charge pages to g and every group around it, or to none: *refused is
// the innermost group whose memory limit they would exceed.
int
lim_charge(struct limgrp *g, uint64_t pages, struct limgrp **refused)
{
	for (struct limgrp *q = g; q; q = q->up)
		if (q->memlimit && (q->used + pages) * PGSIZE > q->memlimit) {
			*refused = q;
			return -ENOMEM;
		}
	for (struct limgrp *q = g; q; q = q->up)
		q->used += pages;
	return 0;
}

void
lim_uncharge(struct limgrp *g, uint64_t pages)
{
	for (struct limgrp *q = g; q; q = q->up) {
		if (q->used < pages)
			panic("limit group: uncharging %llu pages of %llu",
			      (unsigned long long)pages, (unsigned long long)q->used);
		q->used -= pages;
	}
}

// Bytes g's members may still take before some group of the chain is
// full (UINT64_MAX if no group limits memory); *which is that group.
uint64_t
lim_room(struct limgrp *g, struct limgrp **which)
{
	uint64_t room = UINT64_MAX;

	*which = NULL;
	for (struct limgrp *q = g; q; q = q->up) {
		uint64_t used = q->used * PGSIZE, left;

		if (q->memlimit == 0)
			continue;
		left = used < q->memlimit ? q->memlimit - used : 0;
		if (left < room) {
			room = left;
			*which = q;
		}
	}
	return room;
}

// The name limit messages give a process: its snap, else its own name.
static const char *
snapname(const struct proc *p)
{
	return p->snap[0] ? p->snap : p->name;
}

// "<what>: memory limit of N bytes <verb> (snap 'Y')"; what may be NULL.
void
lim_msg(char *buf, int n, const char *what, const struct proc *p, const struct limgrp *g,
        const char *verb)
{
	fmt(buf, (size_t)n, "%s%smemory limit of %llu bytes %s (snap '%s')", what ? what : "",
	    what ? ": " : "", (unsigned long long)g->memlimit, verb, snapname(p));
}

// fork by parent: child c joins group g (counted in every group of the
// chain), or fails with EAGAIN and why says which limit is reached.
int
lim_join(struct proc *c, const struct proc *parent, struct limgrp *g, char *why, int n)
{
	for (struct limgrp *q = g; q; q = q->up)
		if (q->proclimit && q->procs + 1 > q->proclimit) {
			fmt(why, (size_t)n, "process limit of %llu reached (snap '%s')",
			    (unsigned long long)q->proclimit, snapname(c));
			// The first refusal of a group is audited; a fork bomb
			// retries without end, and one record says it all.
			if (!q->procaudited) {
				q->procaudited = 1;
				audit_proclimit(parent->pid, parent->name, parent->snap, q->proclimit);
			}
			return -EAGAIN;
		}
	for (struct limgrp *q = g; q; q = q->up)
		q->procs++;
	lim_get(g);
	c->lim = g;
	return 0;
}

// p exits (or a half-made child goes): it no longer counts.
void
lim_leave(struct proc *p)
{
	struct limgrp *g = p->lim;

	if (g == NULL)
		return;
	for (struct limgrp *q = g; q; q = q->up)
		q->procs--;
	p->lim = NULL;
	lim_put(g);
}

// A page fault p's limit group refused: the kill message (in why) and the
// audit record.
void
lim_fault(struct proc *p, char *why, int n)
{
	lim_msg(why, n, NULL, p, p->as.refused, "exceeded");
	audit_limit(p->pid, p->name, p->snap, p->as.refused->memlimit);
}

// setlimit(l): a new group inside the caller's, with the caller (and its
// address space) moved into it.
int64_t
sys_setlimit(struct proc *p, struct trapframe *tf)
{
	struct limits l;
	struct limgrp *g, *old = p->lim;
	uint64_t used = p->as.npages * PGSIZE;

	if (copyin(&p->as, &l, tf->rdi, sizeof l) < 0)
		return seterr(p, -EFAULT, "setlimit: bad address 0x%llx",
		              (unsigned long long)tf->rdi);
	if (l.memory != 0 && used > l.memory)
		return seterr(p, -EINVAL,
		              "setlimit: memory limit of %llu bytes is below the %llu bytes "
		              "this process uses",
		              (unsigned long long)l.memory, (unsigned long long)used);
	if (old && old->depth >= LIMIT_DEPTH)
		return seterr(p, -EINVAL, "setlimit: limit groups nest at most %d deep",
		              LIMIT_DEPTH);
	if (p->as.lim != old) {
		kprintf("setlimit: pid %d's address space is in another limit group\n", p->pid);
		return seterr(p, -EINVAL, "setlimit: the address space is in another group");
	}
	g = kzalloc(sizeof *g);
	if (g == NULL)
		return seterr(p, -ENOMEM, "setlimit: out of kernel memory");
	g->up = old;
	g->depth = old ? old->depth + 1 : 1;
	g->memlimit = l.memory;
	g->proclimit = l.procs;
	// The caller and its pages already count in the enclosing groups;
	// only the new one must learn of them.
	g->used = p->as.npages;
	g->procs = 1;
	g->ref = 2; // the process and its address space
	p->lim = g;
	p->as.lim = g;
	// Of their two references to old, g keeps one as its enclosing group.
	if (old)
		old->ref--;
	return 0;
}
