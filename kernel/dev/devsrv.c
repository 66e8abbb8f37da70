// kernel/dev/devsrv.c: '#s', the service registry (Plan 9 srv(3)). A
// process posts a channel by creating a file here and writing the number
// of one of its fds to it; opening that file then yields the posted
// channel itself (shared, offset included), in any process. The entry
// lasts until it is removed. One registry for the whole machine.
#include "defs.h"

#define NSRV 32

struct srvent {
	uint64_t id; // qid path; 0: free slot
	char name[NSNAME];
	struct chan *c; // NULL until an fd number is written
};

static struct srvent srvtab[NSRV];
static uint64_t srvids;

static struct srvent *
srvlookup(uint64_t id)
{
	for (int i = 0; i < NSRV; i++)
		if (id != 0 && srvtab[i].id == id)
			return &srvtab[i];
	return NULL;
}

static int
srvgen(struct chan *c, uint64_t i, struct kdir *d)
{
	uint64_t k = 0;

	if (c->qid.path != 0)
		return 0;
	for (int j = 0; j < NSRV; j++) {
		if (srvtab[j].id == 0 || k++ != i)
			continue;
		d->qid.path = srvtab[j].id;
		d->mode = 0666;
		strlcpy(d->name, srvtab[j].name, sizeof d->name);
		return 1;
	}
	return 0;
}

static int
srvwalk(struct chan *c, const char *name, char *why)
{
	return devgenwalk(c, name, srvgen, why);
}

static int
srvstat(struct chan *c, struct kdir *d, char *why)
{
	struct srvent *e = srvlookup(c->qid.path);

	if (c->qid.path == 0) {
		d->qid = c->qid;
		d->mode = DMDIR | 0777;
		strlcpy(d->name, "#s", sizeof d->name);
		return 0;
	}
	if (e == NULL)
		return fmt(why, ERRMAX, "the service was removed"), -ENOENT;
	d->qid.path = e->id;
	d->mode = 0666;
	strlcpy(d->name, e->name, sizeof d->name);
	return 0;
}

static int
srvopen(struct chan *c, int mode, struct chan **nc, char *why)
{
	struct srvent *e;

	if (c->qid.path == 0) {
		if (mode != O_RDONLY)
			return fmt(why, ERRMAX, "'#s' is a directory"), -EISDIR;
		return 0;
	}
	e = srvlookup(c->qid.path);
	if (e == NULL)
		return fmt(why, ERRMAX, "the service was removed"), -ENOENT;
	if (e->c == NULL) {
		if (mode == O_RDONLY)
			return fmt(why, ERRMAX, "nothing is posted there yet"), -ENOENT;
		return 0;
	}
	chan_incref(e->c);
	*nc = e->c;
	return 0;
}

static int
srvcreate(struct chan *c, const char *name, int mode, uint32_t perm, char *why)
{
	int slot = -1;

	(void)mode;
	if (perm & DMDIR)
		return fmt(why, ERRMAX, "'#s' holds no directories"), -EACCES;
	for (int i = 0; i < NSRV; i++) {
		if (srvtab[i].id && strcmp(srvtab[i].name, name) == 0)
			return fmt(why, ERRMAX, "'%s' is already posted", name), -EEXIST;
		if (srvtab[i].id == 0 && slot < 0)
			slot = i;
	}
	if (slot < 0)
		return fmt(why, ERRMAX, "the registry is full (%d entries)", NSRV), -ENOSPC;
	srvtab[slot].id = ++srvids;
	strlcpy(srvtab[slot].name, name, sizeof srvtab[slot].name);
	srvtab[slot].c = NULL;
	c->qid.path = srvtab[slot].id;
	c->qid.type = QTFILE;
	return 0;
}

static int64_t
srvread(struct chan *c, void *buf, uint64_t n, uint64_t off, char *why)
{
	(void)c;
	(void)buf;
	(void)n;
	(void)off;
	fmt(why, ERRMAX, "a service file is read by opening it");
	return -EINVAL;
}

// Post: the text is the decimal number of one of the writer's fds.
static int64_t
srvwrite(struct chan *c, const void *buf, uint64_t n, uint64_t off, char *why)
{
	struct srvent *e = srvlookup(c->qid.path);
	const char *s = buf;
	struct fdtab *t = curproc()->fds;
	int64_t fd = 0;
	uint64_t i;

	(void)off;
	if (e == NULL)
		return fmt(why, ERRMAX, "the service was removed"), -ENOENT;
	if (e->c)
		return fmt(why, ERRMAX, "'%s' already has a channel posted", e->name), -EBUSY;
	for (i = 0; i < n && i < 12 && s[i] >= '0' && s[i] <= '9'; i++)
		fd = fd * 10 + (s[i] - '0');
	if (i == 0 || (i < n && s[i] != '\n' && s[i] != '\0'))
		return fmt(why, ERRMAX, "expected an fd number"), -EINVAL;
	if (fd >= NFD || t->fd[fd] == NULL)
		return fmt(why, ERRMAX, "fd %lld is not open", (long long)fd), -EBADF;
	e->c = t->fd[fd];
	chan_incref(e->c);
	return (int64_t)n;
}

static int
srvremove(struct chan *c, char *why)
{
	struct srvent *e = srvlookup(c->qid.path);

	if (c->qid.path == 0)
		return fmt(why, ERRMAX, "'#s' cannot be removed"), -EACCES;
	if (e == NULL)
		return fmt(why, ERRMAX, "the service was removed"), -ENOENT;
	chan_put(e->c);
	memset(e, 0, sizeof *e);
	return 0;
}

const struct dev srvdev = {
        .dc = 's',
        .name = "srv",
        .walk = srvwalk,
        .stat = srvstat,
        .gen = srvgen,
        .open = srvopen,
        .create = srvcreate,
        .read = srvread,
        .write = srvwrite,
        .remove = srvremove,
};
