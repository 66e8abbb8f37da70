// sys/ramfs/ramfs.c: the ramfs tree and its 9P2000 callbacks: files in
// sparse 4 KiB blocks, directories as arrays of children, reference counts
// so a removed file lives until its last fid is clunked, and the rules of
// open(5), create(5), remove(5) and stat(5) for permissions, wstat, DMEXCL,
// DMAPPEND and ORCLOSE.
#include <stdlib.h>
#include <string.h>

#include "ramfs.h"

static const char Eremoved[] = "file has been removed";
static const char Eexist[] = "file already exists";
static const char Enotempty[] = "directory not empty";
static const char Efull[] = "file system full";
static const char Eexcl[] = "exclusive use file already open";
static const char Enomem[] = "out of memory";

// A fid's state: its node, and whether it holds the node's exclusive use.
typedef struct RamFid {
	RamNode *x;
	int excl;
} RamFid;

static Ramfs *
fsof(P9Srv *s)
{
	return s->aux;
}

static uint32_t
now(Ramfs *fs)
{
	return fs->now != NULL ? fs->now() : 0;
}

static char *
dupstr(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static void
setstr(char **dst, const char *s)
{
	char *p = dupstr(s, strlen(s));

	// Keeping the old string is the only sane thing when out of memory.
	if (p != NULL) {
		free(*dst);
		*dst = p;
	}
}

// Plan 9's rule: the "other" bits apply to everyone, the owner bits to the
// owner, the group bits to the group's members. There is no group database:
// a user is a member (and the leader) only of the group of its own name.
static int
hasperm(const RamNode *x, const char *user, uint32_t need)
{
	uint32_t m = x->mode & 0777;

	if ((m & need) == need)
		return 1;
	if (strcmp(user, x->uid) == 0 && ((m >> 6) & need) == need)
		return 1;
	return strcmp(user, x->gid) == 0 && ((m >> 3) & need) == need;
}

// May user change x's mode, mtime and gid: its owner or its group's leader.
static int
isowner(const RamNode *x, const char *user)
{
	return strcmp(user, x->uid) == 0 || strcmp(user, x->gid) == 0;
}

static uint8_t
qidtype(uint32_t mode)
{
	return (uint8_t)(mode >> 24) & (P9_QTDIR | P9_QTAPPEND | P9_QTEXCL | P9_QTTMP);
}

static RamNode *
newnode(Ramfs *fs, RamNode *dir, const char *name, uint32_t mode, const char *uid, const char *gid)
{
	RamNode *x = calloc(1, sizeof *x);

	if (x == NULL)
		return NULL;
	x->name = dupstr(name, strlen(name));
	x->uid = dupstr(uid, strlen(uid));
	x->gid = dupstr(gid, strlen(gid));
	x->muid = dupstr(uid, strlen(uid));
	if (x->name == NULL || x->uid == NULL || x->gid == NULL || x->muid == NULL)
		goto bad;
	if (dir != NULL && dir->nchild == dir->capchild) {
		size_t c = dir->capchild ? dir->capchild * 2 : 8;
		RamNode **a = realloc(dir->child, c * sizeof *a);

		if (a == NULL)
			goto bad;
		dir->child = a;
		dir->capchild = c;
	}
	x->mode = mode;
	x->qid.type = qidtype(mode);
	x->qid.path = fs->nextpath++;
	x->atime = x->mtime = now(fs);
	x->ref = 1;
	x->parent = dir != NULL ? dir : x;
	if (dir != NULL)
		dir->child[dir->nchild++] = x;
	return x;
bad:
	free(x->name);
	free(x->uid);
	free(x->gid);
	free(x->muid);
	free(x);
	return NULL;
}

static void
freedata(RamNode *x)
{
	size_t i;

	for (i = 0; i < x->nblk; i++)
		free(x->blk[i]);
	free(x->blk);
	x->blk = NULL;
	x->nblk = 0;
}

static void
freenode(Ramfs *fs, RamNode *x)
{
	fs->used -= x->length;
	freedata(x);
	free(x->name);
	free(x->uid);
	free(x->gid);
	free(x->muid);
	free(x->child);
	free(x);
}

// Drop one reference; a node out of the tree goes with its last fid.
static void
unref(Ramfs *fs, RamNode *x)
{
	if (--x->ref == 0)
		freenode(fs, x);
}

static RamNode *
lookup(RamNode *dir, const char *name)
{
	size_t i;

	for (i = 0; i < dir->nchild; i++)
		if (strcmp(dir->child[i]->name, name) == 0)
			return dir->child[i];
	return NULL;
}

// A change to x's contents by user: new mtime, muid and qid version.
static void
modified(Ramfs *fs, RamNode *x, const char *user)
{
	x->mtime = now(fs);
	x->qid.vers++;
	setstr(&x->muid, user);
}

// Take x out of its directory; the tree's reference goes.
static void
detach(Ramfs *fs, RamNode *x, const char *user)
{
	RamNode *dir = x->parent;
	size_t i;

	for (i = 0; i < dir->nchild; i++) {
		if (dir->child[i] == x) {
			memmove(dir->child + i, dir->child + i + 1,
			        (dir->nchild - i - 1) * sizeof dir->child[0]);
			dir->nchild--;
			break;
		}
	}
	modified(fs, dir, user);
	x->parent = NULL;
	unref(fs, x);
}

// Why x cannot be removed by user, or NULL.
static const char *
removable(RamNode *x, const char *user)
{
	if (x->parent == NULL)
		return Eremoved;
	if (x->parent == x)
		return "cannot remove the root";
	if (!hasperm(x->parent, user, 2))
		return p9_Eperm;
	if (x->nchild > 0)
		return Enotempty;
	return NULL;
}

// File data.

static uint64_t
readdata(RamNode *x, uint64_t off, uint8_t *dst, uint32_t count)
{
	uint64_t n, done = 0;

	if (off >= x->length)
		return 0;
	n = x->length - off < count ? x->length - off : count;
	while (done < n) {
		uint64_t pos = off + done;
		size_t b = (size_t)(pos / RAM_BLOCK), in = (size_t)(pos % RAM_BLOCK);
		size_t k = RAM_BLOCK - in < n - done ? RAM_BLOCK - in : (size_t)(n - done);

		if (b < x->nblk && x->blk[b] != NULL)
			memcpy(dst + done, x->blk[b] + in, k);
		else
			memset(dst + done, 0, k);
		done += k;
	}
	return n;
}

// Room for block pointers up to length len.
static int
growblocks(RamNode *x, uint64_t len)
{
	size_t need = (size_t)((len + RAM_BLOCK - 1) / RAM_BLOCK);
	uint8_t **b;

	if (need <= x->nblk)
		return 0;
	b = realloc(x->blk, need * sizeof *b);
	if (b == NULL)
		return -1;
	memset(b + x->nblk, 0, (need - x->nblk) * sizeof *b);
	x->blk = b;
	x->nblk = need;
	return 0;
}

// Whether the file system has room for x to become len bytes long.
static int
fits(Ramfs *fs, RamNode *x, uint64_t len)
{
	return len <= x->length || len - x->length <= fs->limit - fs->used;
}

// Set x's length. Shrinking frees the blocks past the end and zeroes the
// rest of the last one, so growing again reads zeros; growing makes a hole.
static const char *
setlength(Ramfs *fs, RamNode *x, uint64_t len)
{
	size_t keep = (size_t)((len + RAM_BLOCK - 1) / RAM_BLOCK), i;

	if (!fits(fs, x, len))
		return Efull;
	if (len > x->length && growblocks(x, len) < 0)
		return Enomem;
	if (len < x->length) {
		for (i = keep; i < x->nblk; i++) {
			free(x->blk[i]);
			x->blk[i] = NULL;
		}
		if (len % RAM_BLOCK != 0 && keep - 1 < x->nblk && x->blk[keep - 1] != NULL)
			memset(x->blk[keep - 1] + len % RAM_BLOCK, 0, RAM_BLOCK - len % RAM_BLOCK);
	}
	fs->used = fs->used - x->length + len;
	x->length = len;
	return NULL;
}

static const char *
writedata(Ramfs *fs, RamNode *x, uint64_t off, const uint8_t *src, uint32_t n)
{
	uint64_t end, done;
	size_t b;

	if (off > UINT64_MAX - n)
		return Efull;
	end = off + n;
	if (!fits(fs, x, end))
		return Efull;
	if (growblocks(x, end) < 0)
		return Enomem;
	// Allocate every block first, so a failure changes nothing visible.
	for (b = (size_t)(off / RAM_BLOCK); n > 0 && b <= (size_t)((end - 1) / RAM_BLOCK); b++)
		if (x->blk[b] == NULL && (x->blk[b] = calloc(1, RAM_BLOCK)) == NULL)
			return Enomem;
	for (done = 0; done < n;) {
		uint64_t pos = off + done;
		size_t in = (size_t)(pos % RAM_BLOCK);
		size_t k = RAM_BLOCK - in < n - done ? RAM_BLOCK - in : (size_t)(n - done);

		memcpy(x->blk[pos / RAM_BLOCK] + in, src + done, k);
		done += k;
	}
	if (end > x->length) {
		fs->used += end - x->length;
		x->length = end;
	}
	return NULL;
}

// The callbacks.

static void
fsattach(P9Req *r)
{
	Ramfs *fs = fsof(r->srv);
	RamFid *rf;

	if (r->ifcall.aname.len != 0) {
		p9_respond(r, "no such file tree (ramfs serves one tree, aname \"\")");
		return;
	}
	if ((rf = calloc(1, sizeof *rf)) == NULL) {
		p9_respond(r, Enomem);
		return;
	}
	rf->x = fs->root;
	rf->x->ref++;
	r->fid->aux = rf;
	r->ofcall.qid = fs->root->qid;
	p9_respond(r, NULL);
}

static const char *
fsclone(P9Fid *old, P9Fid *new)
{
	RamFid *o = old->aux, *n = calloc(1, sizeof *n);

	if (n == NULL)
		return Enomem;
	n->x = o->x;
	n->x->ref++;
	new->aux = n;
	return NULL;
}

// ".." of the root is the root.
static const char *
fswalk1(P9Fid *fid, const char *name, P9Qid *qid)
{
	RamFid *rf = fid->aux;
	RamNode *dir = rf->x, *x;

	if (dir->parent == NULL)
		return Eremoved;
	if (!hasperm(dir, fid->uid, 1))
		return p9_Eperm;
	x = strcmp(name, "..") == 0 ? dir->parent : lookup(dir, name);
	if (x == NULL)
		return p9_Enoent;
	x->ref++;
	rf->x = x;
	unref(fsof(fid->srv), dir);
	*qid = x->qid;
	return NULL;
}

static const char *
openerr(RamNode *x, const char *user, int mode)
{
	static const uint32_t need[4] = {4, 2, 6, 1};
	uint32_t n = need[mode & 3];

	if (x->parent == NULL)
		return Eremoved;
	if (mode & P9_OTRUNC)
		n |= 2;
	if (!hasperm(x, user, n))
		return p9_Eperm;
	if ((mode & P9_ORCLOSE) && (x->parent == x || !hasperm(x->parent, user, 2)))
		return p9_Eperm;
	if ((x->mode & P9_DMEXCL) && x->nexcl > 0)
		return Eexcl;
	return NULL;
}

static void
fsopen(P9Req *r)
{
	Ramfs *fs = fsof(r->srv);
	RamFid *rf = r->fid->aux;
	RamNode *x = rf->x;
	const char *err = openerr(x, r->fid->uid, r->ifcall.mode);

	if (err != NULL) {
		p9_respond(r, err);
		return;
	}
	if ((r->ifcall.mode & P9_OTRUNC) && !(x->mode & P9_DMDIR)) {
		setlength(fs, x, 0);
		freedata(x);
		modified(fs, x, r->fid->uid);
	}
	if (x->mode & P9_DMEXCL) {
		x->nexcl++;
		rf->excl = 1;
	}
	r->ofcall.qid = x->qid;
	p9_respond(r, NULL);
}

// The mode of a new file: the permission bits are limited by the
// directory's (create(5)).
static uint32_t
createmode(uint32_t perm, const RamNode *dir)
{
	if (perm & P9_DMDIR)
		return perm & (~0777u | (dir->mode & 0777));
	return perm & (~0666u | (dir->mode & 0666));
}

static void
fscreate(P9Req *r)
{
	Ramfs *fs = fsof(r->srv);
	RamFid *rf = r->fid->aux;
	RamNode *dir = rf->x, *x;
	uint32_t perm = r->ifcall.perm;
	const char *user = r->fid->uid;
	char *name;

	if (dir->parent == NULL) {
		p9_respond(r, Eremoved);
		return;
	}
	if (!hasperm(dir, user, 2)) {
		p9_respond(r, p9_Eperm);
		return;
	}
	if (perm & ~(P9_DMDIR | P9_DMAPPEND | P9_DMEXCL | P9_DMTMP | 0777u)) {
		p9_respond(r, "unsupported permission bits in create");
		return;
	}
	if ((name = dupstr(r->ifcall.name.p, r->ifcall.name.len)) == NULL) {
		p9_respond(r, Enomem);
		return;
	}
	if (lookup(dir, name) != NULL) {
		free(name);
		p9_respond(r, Eexist);
		return;
	}
	x = newnode(fs, dir, name, createmode(perm, dir), user, dir->gid);
	free(name);
	if (x == NULL) {
		p9_respond(r, Enomem);
		return;
	}
	modified(fs, dir, user);
	// The fid moves from the directory to the new file.
	x->ref++;
	rf->x = x;
	unref(fs, dir);
	if (x->mode & P9_DMEXCL) {
		x->nexcl++;
		rf->excl = 1;
	}
	r->ofcall.qid = x->qid;
	p9_respond(r, NULL);
}

static void
fillstat(RamNode *x, P9Dir *d)
{
	d->qid = x->qid;
	d->mode = x->mode;
	d->atime = x->atime;
	d->mtime = x->mtime;
	d->length = (x->mode & P9_DMDIR) ? 0 : x->length;
	d->name = p9_str(x->name);
	d->uid = p9_str(x->uid);
	d->gid = p9_str(x->gid);
	d->muid = p9_str(x->muid);
}

static int
dirgen(long i, P9Dir *d, void *aux)
{
	RamNode *dir = aux;

	if (i < 0 || (size_t)i >= dir->nchild)
		return -1;
	fillstat(dir->child[i], d);
	return 0;
}

static void
fsread(P9Req *r)
{
	RamNode *x = ((RamFid *)r->fid->aux)->x;

	x->atime = now(fsof(r->srv));
	if (x->mode & P9_DMDIR) {
		p9_dirread(r, dirgen, x);
		return;
	}
	r->ofcall.count = (uint32_t)readdata(x, r->ifcall.offset, r->rdata, r->ifcall.count);
	p9_respond(r, NULL);
}

// Writes to an append-only file go to its end, whatever the offset.
static void
fswrite(P9Req *r)
{
	Ramfs *fs = fsof(r->srv);
	RamNode *x = ((RamFid *)r->fid->aux)->x;
	uint64_t off = (x->mode & P9_DMAPPEND) ? x->length : r->ifcall.offset;
	const char *err;

	// An empty write changes nothing, wherever it is.
	if (r->ifcall.count == 0) {
		p9_respond(r, NULL);
		return;
	}
	err = writedata(fs, x, off, r->ifcall.data, r->ifcall.count);
	if (err != NULL) {
		p9_respond(r, err);
		return;
	}
	modified(fs, x, r->fid->uid);
	r->ofcall.count = r->ifcall.count;
	p9_respond(r, NULL);
}

static void
fsremove(P9Req *r)
{
	RamNode *x = ((RamFid *)r->fid->aux)->x;
	const char *err = removable(x, r->fid->uid);

	if (err == NULL)
		detach(fsof(r->srv), x, r->fid->uid);
	p9_respond(r, err);
}

static void
fsstat(P9Req *r)
{
	fillstat(((RamFid *)r->fid->aux)->x, &r->ofcall.dir);
	p9_respond(r, NULL);
}

// The fields stat(5) says no wstat may change: each must be "don't touch"
// or equal to what it is.
static const char *
fixedfields(const RamNode *x, const P9Dir *d)
{
	if ((d->type != 0xFFFF && d->type != 0) || (d->dev != ~0u && d->dev != 0))
		return "wstat: cannot change type or dev";
	if (!(d->qid.type == 0xFF && d->qid.vers == ~0u && d->qid.path == ~0ull) &&
	    (d->qid.type != x->qid.type || d->qid.path != x->qid.path))
		return "wstat: cannot change qid";
	if (d->atime != ~0u && d->atime != x->atime)
		return "wstat: cannot change atime";
	if (d->uid.len != 0 && !p9_streqc(d->uid, x->uid))
		return "wstat: cannot change owner";
	if (d->muid.len != 0 && !p9_streqc(d->muid, x->muid))
		return "wstat: cannot change muid";
	return NULL;
}

static int
goodname(const char *s)
{
	return s[0] != '\0' && strchr(s, '/') == NULL && strcmp(s, ".") != 0 &&
	       strcmp(s, "..") != 0;
}

// Check a wstat of x by user; name and gid are the new ones (NULL: no
// change). Nothing is changed here.
static const char *
wstaterr(Ramfs *fs, RamNode *x, const P9Dir *d, const char *user, const char *name, const char *gid)
{
	const char *err = fixedfields(x, d);

	if (err != NULL)
		return err;
	if (d->mode != ~0u) {
		if ((d->mode & P9_DMDIR) != (x->mode & P9_DMDIR))
			return "wstat: cannot change the directory bit";
		if (d->mode & ~(P9_DMDIR | P9_DMAPPEND | P9_DMEXCL | P9_DMTMP | 0777u))
			return "wstat: unsupported mode bits";
		if (!isowner(x, user))
			return p9_Eperm;
	}
	if (d->mtime != ~0u && !isowner(x, user))
		return p9_Eperm;
	if (gid != NULL && !(strcmp(user, gid) == 0 && isowner(x, user)))
		return p9_Eperm;
	if (d->length != ~0ull && (x->mode & P9_DMDIR) && d->length != 0)
		return "wstat: cannot set the length of a directory";
	if (d->length != ~0ull && !(x->mode & P9_DMDIR)) {
		if (!hasperm(x, user, 2))
			return p9_Eperm;
		if (!fits(fs, x, d->length))
			return Efull;
	}
	if (name != NULL) {
		if (x->parent == x)
			return "wstat: cannot rename the root";
		if (!goodname(name))
			return "wstat: bad file name";
		if (!hasperm(x->parent, user, 2))
			return p9_Eperm;
		if (lookup(x->parent, name) != NULL)
			return Eexist;
	}
	return NULL;
}

// All or nothing (stat(5)): everything is checked, and everything that
// needs memory allocated, before anything changes.
static void
fswstat(P9Req *r)
{
	Ramfs *fs = fsof(r->srv);
	RamNode *x = ((RamFid *)r->fid->aux)->x;
	P9Dir *d = &r->ifcall.dir;
	const char *user = r->fid->uid, *err = NULL;
	char *name = NULL, *gid = NULL;

	if (x->parent == NULL)
		err = Eremoved;
	else if (d->name.len != 0 && !p9_streqc(d->name, x->name) &&
	         (name = dupstr(d->name.p, d->name.len)) == NULL)
		err = Enomem;
	else if (d->gid.len != 0 && !p9_streqc(d->gid, x->gid) &&
	         (gid = dupstr(d->gid.p, d->gid.len)) == NULL)
		err = Enomem;
	if (err == NULL)
		err = wstaterr(fs, x, d, user, name, gid);
	if (err == NULL && d->length != ~0ull && !(x->mode & P9_DMDIR) && d->length != x->length) {
		err = setlength(fs, x, d->length);
		if (err == NULL)
			modified(fs, x, user);
	}
	if (err != NULL) {
		free(name);
		free(gid);
		p9_respond(r, err);
		return;
	}
	if (name != NULL) {
		free(x->name);
		x->name = name;
		modified(fs, x->parent, user);
	}
	if (gid != NULL) {
		free(x->gid);
		x->gid = gid;
	}
	if (d->mode != ~0u) {
		x->mode = d->mode;
		x->qid.type = qidtype(d->mode);
	}
	if (d->mtime != ~0u)
		x->mtime = d->mtime;
	p9_respond(r, NULL);
}

// A fid goes: its exclusive use ends, a file it opened with ORCLOSE is
// removed (if it still can be), and its reference goes.
static void
fsdestroyfid(P9Fid *fid)
{
	Ramfs *fs = fsof(fid->srv);
	RamFid *rf = fid->aux;

	if (rf == NULL)
		return;
	if (rf->excl)
		rf->x->nexcl--;
	if (fid->omode != -1 && (fid->omode & P9_ORCLOSE) && rf->x->parent != NULL &&
	    rf->x->parent != rf->x && rf->x->nchild == 0)
		detach(fs, rf->x, fid->uid);
	unref(fs, rf->x);
	free(rf);
}

const P9SrvOps ramfs_ops = {
        .attach = fsattach,
        .walk1 = fswalk1,
        .clone = fsclone,
        .open = fsopen,
        .create = fscreate,
        .read = fsread,
        .write = fswrite,
        .remove = fsremove,
        .stat = fsstat,
        .wstat = fswstat,
        .destroyfid = fsdestroyfid,
};

int
ramfs_init(Ramfs *fs, const char *owner, uint32_t perm, uint64_t limit)
{
	memset(fs, 0, sizeof *fs);
	fs->limit = limit;
	fs->root = newnode(fs, NULL, "/", P9_DMDIR | (perm & 0777), owner, owner);
	return fs->root != NULL ? 0 : -1;
}

static void
freetree(Ramfs *fs, RamNode *x)
{
	size_t i;

	for (i = 0; i < x->nchild; i++)
		freetree(fs, x->child[i]);
	freenode(fs, x);
}

void
ramfs_free(Ramfs *fs)
{
	if (fs->root != NULL)
		freetree(fs, fs->root);
	fs->root = NULL;
}
