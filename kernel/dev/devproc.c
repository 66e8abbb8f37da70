// kernel/dev/devproc.c: '#p', the process device (bound on /proc). One
// directory per live process, named by its pid, and "self" for the
// reader's own; each holds
//   status  "pid N\nppid N\nname NAME\nstate STATE\npages N\n" and its
//           limit group's (proc/limit.c; 0 = none): "memlimit BYTES\n
//           memused BYTES\nproclimit N\nprocs N\n", then "snap NAME\n"
//           (the name its syscall filter was given, "-" if unfiltered) and
//           "noteg N\n" (its note group)
//   ns      the namespace as bind commands (Plan 9 ns(1) form, quoted)
//   fd      the current directory, then one line per open fd:
//           "FD MODE OFFSET PATH" (MODE r, w or rw)
// Text files are generated when read (one page at most) and read-only.
#include "defs.h"

enum { Qdir, Qpid, Qstatus, Qns, Qfd };

#define QID(pid, q) (((uint64_t)(pid) << 8) | (q))
#define QPID(path) ((int)((path) >> 8))
#define QTYPE(path) ((int)((path)&0xff))

static const char *const pfiles[] = {"status", "ns", "fd"};

static int
procgen(struct chan *c, uint64_t i, struct kdir *d)
{
	if (QTYPE(c->qid.path) == Qpid) {
		if (i >= NELEM(pfiles))
			return 0;
		d->qid.path = QID(QPID(c->qid.path), Qstatus + i);
		d->mode = 0444;
		strlcpy(d->name, pfiles[i], sizeof d->name);
		return 1;
	}
	if (c->qid.path != Qdir)
		return 0;
	if (i == 0) {
		d->qid.path = QID(curproc()->pid, Qpid);
		d->qid.type = QTDIR;
		d->mode = DMDIR | 0555;
		strlcpy(d->name, "self", sizeof d->name);
		return 1;
	}
	i--;
	for (int k = 0; k < NPROC; k++) {
		struct proc *q = proctab[k];

		if (q == NULL || q->state == UNUSED || q->state == EMBRYO || i-- > 0)
			continue;
		d->qid.path = QID(q->pid, Qpid);
		d->qid.type = QTDIR;
		d->mode = DMDIR | 0555;
		fmt(d->name, sizeof d->name, "%d", q->pid);
		return 1;
	}
	return 0;
}

static int
procwalk(struct chan *c, const char *name, char *why)
{
	return devgenwalk(c, name, procgen, why);
}

static int
procstat(struct chan *c, struct kdir *d, char *why)
{
	int t = QTYPE(c->qid.path);

	(void)why;
	d->qid = c->qid;
	if (t == Qdir || t == Qpid) {
		d->mode = DMDIR | 0555;
		if (t == Qdir)
			strlcpy(d->name, "#p", sizeof d->name);
		else
			fmt(d->name, sizeof d->name, "%d", QPID(c->qid.path));
		return 0;
	}
	d->mode = 0444;
	strlcpy(d->name, pfiles[t - Qstatus], sizeof d->name);
	return 0;
}

static int
procopen(struct chan *c, int mode, struct chan **nc, char *why)
{
	(void)nc;
	if (mode != O_RDONLY)
		return fmt(why, ERRMAX, "'#p' is read-only"), -EACCES;
	if (QTYPE(c->qid.path) != Qdir && proc_bypid(QPID(c->qid.path)) == NULL)
		return fmt(why, ERRMAX, "process %d has exited", QPID(c->qid.path)), -ENOENT;
	return 0;
}

static const char *
statename(enum procstate s)
{
	static const char *const n[] = {"Unused",  "Embryo",   "Ready",
	                                "Running", "Sleeping", "Zombie"};

	return n[s];
}

static int64_t
fdtext(struct proc *q, char *b, uint64_t n)
{
	uint64_t o = (uint64_t)fmt(b, n, "%s\n", q->dot ? q->dot->path : "");

	for (int i = 0; q->fds && i < NFD && o < n; i++) {
		struct chan *c = q->fds->fd[i];
		static const char *const m[] = {"r", "w", "rw", "?"};

		if (c)
			o += (uint64_t)fmt(b + o, n - o, "%d %s %llu %s\n", i, m[c->mode & 3],
			                   (unsigned long long)c->off, c->path);
	}
	return (int64_t)(o < n ? o : n);
}

// The limit lines of status, for the innermost group (0 = none).
static int64_t
limtext(const struct limgrp *g, char *b, uint64_t n)
{
	if (g == NULL)
		return fmt(b, n, "memlimit 0\nmemused 0\nproclimit 0\nprocs 0\n");
	return fmt(b, n, "memlimit %llu\nmemused %llu\nproclimit %llu\nprocs %llu\n",
	           (unsigned long long)g->memlimit, (unsigned long long)g->used * PGSIZE,
	           (unsigned long long)g->proclimit, (unsigned long long)g->procs);
}

static int64_t
procread(struct chan *c, void *buf, uint64_t n, uint64_t off, char *why)
{
	struct proc *q = proc_bypid(QPID(c->qid.path));
	char *b;
	int64_t len;

	if (q == NULL)
		return fmt(why, ERRMAX, "process %d has exited", QPID(c->qid.path)), -ENOENT;
	b = kpage_alloc();
	if (b == NULL)
		return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	switch (QTYPE(c->qid.path)) {
	case Qstatus:
		len = fmt(b, PGSIZE, "pid %d\nppid %d\nname %s\nstate %s\npages %llu\n", q->pid,
		          q->parent ? q->parent->pid : 0, q->name, statename(q->state),
		          (unsigned long long)q->as.npages);
		len += limtext(q->lim, b + len, PGSIZE - (uint64_t)len);
		len += fmt(b + len, PGSIZE - (uint64_t)len, "snap %s\nnoteg %d\n",
		           q->snap[0] ? q->snap : "-", q->noteg);
		break;
	case Qns:
		len = q->pgrp ? ns_text(q->pgrp, b, PGSIZE) : 0;
		break;
	default:
		len = fdtext(q, b, PGSIZE);
		break;
	}
	if (off >= (uint64_t)len)
		n = 0;
	else if (n > (uint64_t)len - off)
		n = (uint64_t)len - off;
	memcpy(buf, b + off, n);
	kpage_free(b);
	return (int64_t)n;
}

const struct dev procdev = {
        .dc = 'p',
        .name = "proc",
        .walk = procwalk,
        .stat = procstat,
        .gen = procgen,
        .open = procopen,
        .read = procread,
};
