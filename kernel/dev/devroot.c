// kernel/dev/devroot.c: '#/', the root device: an empty directory for
// each mount point of DESIGN section 3, to bind and mount things on. It
// holds no files and cannot be changed.
#include "defs.h"

static const char *const rootdirs[] = {
        "apps", "base",    "bin", "dev", "guests", "mnt",      "net",
        "proc", "results", "srv", "sys", "tmp",    "writable",
};

static void
dirent(struct kdir *d, uint64_t path, const char *name)
{
	d->qid.path = path;
	d->qid.type = QTDIR;
	d->mode = DMDIR | 0555;
	strlcpy(d->name, name, sizeof d->name);
}

static int
rootgen(struct chan *c, uint64_t i, struct kdir *d)
{
	if (c->qid.path != 0 || i >= NELEM(rootdirs))
		return 0;
	dirent(d, i + 1, rootdirs[i]);
	return 1;
}

static int
rootwalk(struct chan *c, const char *name, char *why)
{
	return devgenwalk(c, name, rootgen, why);
}

static int
rootstat(struct chan *c, struct kdir *d, char *why)
{
	(void)why;
	dirent(d, c->qid.path, c->qid.path == 0 ? "/" : rootdirs[c->qid.path - 1]);
	return 0;
}

static int
rootopen(struct chan *c, int mode, struct chan **nc, char *why)
{
	(void)c;
	(void)nc;
	if (mode != O_RDONLY) {
		fmt(why, ERRMAX, "directories of '#/' are read-only");
		return -EISDIR;
	}
	return 0;
}

const struct dev rootdev = {
        .dc = '/',
        .name = "root",
        .walk = rootwalk,
        .stat = rootstat,
        .gen = rootgen,
        .open = rootopen,
};
