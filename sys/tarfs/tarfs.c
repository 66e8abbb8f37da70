// sys/tarfs/tarfs.c: serving a loaded archive (tar.c) over 9P2000 with
// lib/9p. Read-only: every request that would change something is answered
// "read-only file system". Permissions come from the archive's modes and
// owners and are checked against the user named in Tattach (docs/tarfs.md).
#include <stdlib.h>
#include <string.h>

#include "tarfs.h"

static const char Erofs[] = "read-only file system";

// Plan 9's rule: the "other" bits apply to everyone, the owner bits to the
// owner, the group bits to a member of the group. Without a group database
// a user is a member only of the group of its own name.
static int
hasperm(const TarNode *x, const char *user, uint32_t need)
{
	uint32_t m = x->mode & 0777;

	if ((m & need) == need)
		return 1;
	if (strcmp(user, x->uid) == 0 && ((m >> 6) & need) == need)
		return 1;
	return strcmp(user, x->gid) == 0 && ((m >> 3) & need) == need;
}

static Tarfs *
fsof(P9Srv *s)
{
	return s->aux;
}

static void
fsattach(P9Req *r)
{
	TarNode *root = fsof(r->srv)->root;

	if (r->ifcall.aname.len != 0) {
		p9_respond(r, "no such file tree (tarfs serves one tree, aname \"\")");
		return;
	}
	r->fid->aux = root;
	r->ofcall.qid = root->qid;
	p9_respond(r, NULL);
}

// ".." of the root is the root (the root's parent is itself).
static const char *
fswalk1(P9Fid *fid, const char *name, P9Qid *qid)
{
	TarNode *dir = fid->aux, *x;

	if (!hasperm(dir, fid->uid, 1))
		return p9_Eperm;
	if (strcmp(name, "..") == 0)
		x = dir->parent;
	else
		x = tarfs_lookup(fsof(fid->srv), dir, name);
	if (x == NULL)
		return p9_Enoent;
	fid->aux = x;
	*qid = x->qid;
	return NULL;
}

static void
fsopen(P9Req *r)
{
	TarNode *x = r->fid->aux;
	int m = r->ifcall.mode & 3;
	uint32_t need = m == P9_OEXEC ? 1 : 4;

	if (m == P9_OWRITE || m == P9_ORDWR || (r->ifcall.mode & (P9_OTRUNC | P9_ORCLOSE))) {
		p9_respond(r, Erofs);
		return;
	}
	if (!hasperm(x, r->fid->uid, need)) {
		p9_respond(r, p9_Eperm);
		return;
	}
	r->ofcall.qid = x->qid;
	p9_respond(r, NULL);
}

static void
fsrefuse(P9Req *r)
{
	p9_respond(r, Erofs);
}

static void
fillstat(TarNode *x, P9Dir *d)
{
	d->qid = x->qid;
	d->mode = x->mode;
	d->atime = x->mtime;
	d->mtime = x->mtime;
	d->length = (x->mode & P9_DMDIR) ? 0 : x->length;
	d->name = p9_str(x->name);
	d->uid = p9_str(x->uid);
	d->gid = p9_str(x->gid);
	d->muid = p9_str(x->uid);
}

static int
dirgen(long i, P9Dir *d, void *aux)
{
	TarNode *dir = aux;

	if (i < 0 || (size_t)i >= dir->nchild)
		return -1;
	fillstat(dir->child[i], d);
	return 0;
}

// The buffer for file data read from the archive file, at least n bytes.
static uint8_t *
readbuf(Tarfs *t, size_t n)
{
	if (n > t->rbufcap) {
		uint8_t *b = realloc(t->rbuf, n);

		if (b == NULL)
			return NULL;
		t->rbuf = b;
		t->rbufcap = n;
	}
	return t->rbuf;
}

static void
fsread(P9Req *r)
{
	Tarfs *t = fsof(r->srv);
	TarNode *x = r->fid->aux;
	uint64_t off = r->ifcall.offset;
	char why[256];
	uint8_t *b;
	size_t k;

	if (x->mode & P9_DMDIR) {
		p9_dirread(r, dirgen, x);
		return;
	}
	if (off >= x->length) {
		p9_respond(r, NULL);
		return;
	}
	k = (size_t)(x->length - off < r->ifcall.count ? x->length - off : r->ifcall.count);
	r->ofcall.count = (uint32_t)k;
	if (t->mem != NULL) {
		// The data lives in the archive in memory: no copy.
		r->ofcall.data = t->mem + x->dataoff + off;
		p9_respond(r, NULL);
		return;
	}
	// Read on demand from the archive file (the reply is sent before the
	// next request reuses the buffer).
	if ((b = readbuf(t, k)) == NULL) {
		p9_respond(r, "out of memory");
		return;
	}
	if (tarfs_readat(t, b, k, x->dataoff + off, why, sizeof why) < 0) {
		p9_respond(r, why);
		return;
	}
	r->ofcall.data = b;
	p9_respond(r, NULL);
}

static void
fsstat(P9Req *r)
{
	fillstat(r->fid->aux, &r->ofcall.dir);
	p9_respond(r, NULL);
}

const P9SrvOps tarfs_ops = {
        .attach = fsattach,
        .walk1 = fswalk1,
        .open = fsopen,
        .create = fsrefuse,
        .read = fsread,
        .write = fsrefuse,
        .remove = fsrefuse,
        .stat = fsstat,
        .wstat = fsrefuse,
};
