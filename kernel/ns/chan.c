// kernel/ns/chan.c: chans (reference counting, cloning, attaching a
// device by its '#' letter) and packing what a device says about a file
// into a 9P2000 stat entry.
#include "defs.h"
#include "9p/fcall.h"

extern const struct dev rootdev, consdev, pipedev, srvdev, procdev, bootdev, mntdev;

static const struct dev *const devtab[] = {
        &rootdev, &consdev, &pipedev, &srvdev, &procdev, &bootdev, &mntdev,
};

const struct dev *
devbyletter(int dc)
{
	for (unsigned i = 0; i < NELEM(devtab); i++)
		if (devtab[i]->dc == dc)
			return devtab[i];
	return NULL;
}

struct chan *
chan_new(const struct dev *d)
{
	struct chan *c = kzalloc(sizeof *c);

	if (c == NULL)
		return NULL;
	c->ref = 1;
	c->dev = d;
	return c;
}

void
chan_incref(struct chan *c)
{
	c->ref++;
}

void
chan_put(struct chan *c)
{
	if (c == NULL || --c->ref > 0)
		return;
	for (int i = 0; i < c->nmem; i++)
		chan_put(c->umem[i]);
	if (c->dev->close)
		c->dev->close(c);
	kfree(c);
}

// A new unopened chan for the same file (walks start from clones).
struct chan *
chan_clone(struct chan *c)
{
	struct chan *n = chan_new(c->dev);

	if (n == NULL)
		return NULL;
	n->inst = c->inst;
	n->qid = c->qid;
	n->aux = c->aux;
	memcpy(n->path, c->path, sizeof n->path);
	if (n->dev->clone)
		n->dev->clone(n);
	return n;
}

// Whether a and b are the same file (the identity of mount points).
int
chan_same(const struct chan *a, const struct chan *b)
{
	return a->dev == b->dev && a->inst == b->inst && a->qid.path == b->qid.path;
}

// Attach device dc (spec is what follows the letter, e.g. a pipe number).
int
chan_attach(int dc, const char *spec, struct chan **cp, char *why)
{
	const struct dev *d = devbyletter(dc);
	struct chan *c;
	int r;

	// The mount driver is reached only through mount(2).
	if (d == NULL || dc == 'M') {
		fmt(why, ERRMAX, "there is no device '#%c'", dc);
		return -ENOENT;
	}
	c = chan_new(d);
	if (c == NULL) {
		fmt(why, ERRMAX, "out of kernel memory");
		return -ENOMEM;
	}
	c->qid.type = QTDIR;
	r = d->attach ? d->attach(c, spec, why) : 0;
	if (r < 0) {
		chan_put(c);
		return r;
	}
	*cp = c;
	return 0;
}

// Pack d as a 9P stat entry into buf (cap bytes): its length, or the
// length needed if cap is too small (nothing written then).
int64_t
kdir_pack(const struct kdir *d, uint8_t *buf, uint64_t cap)
{
	P9Dir pd;
	long r;

	memset(&pd, 0, sizeof pd);
	pd.qid.type = d->qid.type;
	pd.qid.vers = d->qid.vers;
	pd.qid.path = d->qid.path;
	pd.mode = d->mode;
	pd.atime = pd.mtime = d->mtime;
	pd.length = d->length;
	pd.name = p9_str(d->name);
	pd.uid = pd.gid = pd.muid = p9_str("gremlin");
	if (p9_dir_size(&pd) > cap)
		return (int64_t)p9_dir_size(&pd);
	r = p9_dir_pack(&pd, buf, cap, NULL);
	return r < 0 ? -EINVAL : r;
}

// Unpack a 9P stat entry for wstat: only name, mode, length and mtime
// are taken; "don't touch" values (~0, empty name) are kept as such.
int
kdir_unpack(const uint8_t *buf, uint64_t n, struct kdir *d, char *why)
{
	P9Dir pd;
	P9Error e;
	size_t used;

	if (p9_dir_unpack(buf, n, &pd, &used, &e) != P9_OK) {
		fmt(why, ERRMAX, "malformed stat entry: %s", e.msg);
		return -EINVAL;
	}
	if (pd.name.len >= NSNAME) {
		fmt(why, ERRMAX, "name longer than %d bytes", NSNAME - 1);
		return -ENAMETOOLONG;
	}
	memset(d, 0, sizeof *d);
	memcpy(d->name, pd.name.p, pd.name.len);
	d->mode = pd.mode;
	d->length = pd.length;
	d->mtime = pd.mtime;
	return 0;
}

// A walk for devices whose directories gen describes: find name among
// c's entries and move c there.
int
devgenwalk(struct chan *c, const char *name, int (*gen)(struct chan *, uint64_t, struct kdir *),
           char *why)
{
	struct kdir d;

	for (uint64_t i = 0;; i++) {
		memset(&d, 0, sizeof d);
		if (gen(c, i, &d) <= 0)
			break;
		if (strcmp(d.name, name) == 0) {
			c->qid = d.qid;
			if (d.mode & DMDIR)
				c->qid.type = QTDIR;
			return 0;
		}
	}
	fmt(why, ERRMAX, "'%s' does not exist", name);
	return -ENOENT;
}
