// kernel/dev/devboot.c: '#b', the boot archive (the ustar base image,
// boot module 0) served read-only: its files and directories, including
// directories the archive only implies by its member names. The tree is
// built once, at the first attach; file data is read in place.
// '#braw' (attach name "raw") is a directory with one file, 'archive': the
// whole boot module as it is, for tarfs to serve /base from with pread.
#include "defs.h"
#include "lib/tar.h"

struct bnode {
	struct bnode *parent, *child, *next;
	char *name;
	const uint8_t *data;
	uint64_t size, id;
	int dir;
	int raw; // the whole module ('#braw/archive'), not a member
};

static struct bnode *broot, *rawroot;
static uint64_t bids;

static struct bnode *
bnew(struct bnode *parent, const char *name, size_t len, int dir)
{
	struct bnode *n = kzalloc(sizeof *n);

	if (n == NULL || (n->name = kmalloc(len + 1)) == NULL) {
		kfree(n);
		return NULL;
	}
	memcpy(n->name, name, len);
	n->name[len] = '\0';
	n->dir = dir;
	n->id = bids++;
	n->parent = parent;
	if (parent) {
		struct bnode **pp = &parent->child;

		while (*pp)
			pp = &(*pp)->next;
		*pp = n;
	}
	return n;
}

static struct bnode *
bchild(struct bnode *d, const char *name, size_t len)
{
	for (struct bnode *c = d->child; c; c = c->next)
		if (strlen(c->name) == len && memcmp(c->name, name, len) == 0)
			return c;
	return NULL;
}

// Add one archive member, making the directories on its way.
static int
badd(const struct tarent *e)
{
	struct bnode *d = broot;
	const char *s = e->name;

	for (;;) {
		const char *end = s;
		struct bnode *c;
		int last;

		while (*end && *end != '/')
			end++;
		last = *end == '\0' || end[1] == '\0';
		if (end == s)
			return 0;
		c = bchild(d, s, (size_t)(end - s));
		if (c == NULL) {
			c = bnew(d, s, (size_t)(end - s), !last || e->type == '5');
			if (c == NULL)
				return -ENOMEM;
		}
		if (last) {
			if (e->type == '0' || e->type == '\0') {
				c->data = e->data;
				c->size = e->size;
			}
			return 0;
		}
		if (!c->dir)
			return 0; // a file used as a directory: ignore the member
		d = c;
		s = end + 1;
	}
}

static int
bootbuild(char *why)
{
	struct tariter it;
	struct tarent e;
	int r;

	broot = bnew(NULL, "#b", 2, 1);
	if (broot == NULL)
		return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	tar_start(&it, boot_image, boot_image_len);
	while ((r = tar_next(&it, &e, why, ERRMAX)) == 1)
		if ((e.type == '0' || e.type == '\0' || e.type == '5') && badd(&e) < 0)
			return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	if (r < 0)
		return -EIO;
	return 0;
}

// '#braw': the directory holding 'archive', the raw module. Its name
// cannot clash with a member: it is a different tree.
static int
rawbuild(char *why)
{
	struct bnode *a;

	rawroot = bnew(NULL, "#braw", 5, 1);
	if (rawroot == NULL || (a = bnew(rawroot, "archive", 7, 0)) == NULL) {
		if (rawroot)
			kfree(rawroot->name);
		kfree(rawroot);
		rawroot = NULL;
		return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	}
	a->data = boot_image;
	a->size = boot_image_len;
	a->raw = 1;
	return 0;
}

static int
bootattach(struct chan *c, const char *spec, char *why)
{
	struct bnode *root;
	int r;

	if (strcmp(spec, "raw") == 0) {
		if (rawroot == NULL && (r = rawbuild(why)) < 0)
			return r;
		root = rawroot;
	} else if (spec[0]) {
		return fmt(why, ERRMAX, "'#b' takes no attach name but 'raw' (got '%s')", spec),
		       -ENOENT;
	} else {
		if (broot == NULL && (r = bootbuild(why)) < 0)
			return r;
		root = broot;
	}
	c->aux = root;
	c->qid.path = root->id;
	return 0;
}

static void
bdir(struct bnode *n, struct kdir *d)
{
	d->qid.path = n->id;
	d->qid.type = n->dir ? QTDIR : QTFILE;
	d->mode = n->dir ? DMDIR | 0555 : n->raw ? 0444 : 0555;
	d->length = n->dir ? 0 : n->size;
	strlcpy(d->name, n->name, sizeof d->name);
}

static int
bootgen(struct chan *c, uint64_t i, struct kdir *d)
{
	struct bnode *n = c->aux;

	for (n = n->child; n && i > 0; n = n->next)
		i--;
	if (n == NULL)
		return 0;
	bdir(n, d);
	return 1;
}

static int
bootwalk(struct chan *c, const char *name, char *why)
{
	struct bnode *n = bchild(c->aux, name, strlen(name));

	if (n == NULL)
		return fmt(why, ERRMAX, "'%s' does not exist", name), -ENOENT;
	c->aux = n;
	c->qid.path = n->id;
	c->qid.type = n->dir ? QTDIR : QTFILE;
	return 0;
}

static int
bootstat(struct chan *c, struct kdir *d, char *why)
{
	(void)why;
	bdir(c->aux, d);
	return 0;
}

static int
bootopen(struct chan *c, int mode, struct chan **nc, char *why)
{
	(void)nc;
	if (mode != O_RDONLY)
		return fmt(why, ERRMAX, "the boot archive is read-only"), -EROFS;
	(void)c;
	return 0;
}

static int64_t
bootread(struct chan *c, void *buf, uint64_t n, uint64_t off, char *why)
{
	struct bnode *b = c->aux;

	(void)why;
	if (off >= b->size)
		return 0;
	if (n > b->size - off)
		n = b->size - off;
	memcpy(buf, b->data + off, n);
	return (int64_t)n;
}

// The bytes of a boot-archive file, for exec; -1 if c is not one.
int
boot_filedata(struct chan *c, const uint8_t **data, uint64_t *size)
{
	struct bnode *b = c->aux;

	if (c->dev->dc != 'b' || b->dir || b->raw)
		return -1;
	*data = b->data;
	*size = b->size;
	return 0;
}

const struct dev bootdev = {
        .dc = 'b',
        .name = "boot",
        .attach = bootattach,
        .walk = bootwalk,
        .stat = bootstat,
        .gen = bootgen,
        .open = bootopen,
        .read = bootread,
};
