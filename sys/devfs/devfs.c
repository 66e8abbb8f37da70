// sys/devfs/devfs.c: the 9P callbacks of devfs (see devfs.h): the fixed
// directory, permissions, and the read and write of every file, with the
// queue of deferred console reads.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "devfs.h"

typedef struct File {
	const char *name;
	uint32_t perm;
} File;

// cons belongs to its owner; the generators are everyone's; kmsg is read
// by anyone and written by no one.
static const File files[Qmax] = {
        [Qroot] = {"/", P9_DMDIR | 0555}, [Qcons] = {"cons", 0600},     [Qnull] = {"null", 0666},
        [Qzero] = {"zero", 0666},         [Qrandom] = {"random", 0666}, [Qkmsg] = {"kmsg", 0444},
};

static P9Qid
qidof(int q)
{
	P9Qid qid = {q == Qroot ? P9_QTDIR : P9_QTFILE, 0, (uint64_t)q};

	return qid;
}

static Devfs *
fsof(P9Req *r)
{
	return r->srv->aux;
}

void
devfs_init(Devfs *fs, const char *owner, int consfd, int kmsgfd)
{
	memset(fs, 0, sizeof *fs);
	snprintf(fs->owner, sizeof fs->owner, "%s", owner);
	fs->consfd = consfd;
	fs->kmsgfd = kmsgfd;
}

static void
fsattach(P9Req *r)
{
	if (r->ifcall.aname.len != 0) {
		p9_respond(r, "devfs has one tree: attach with an empty aname");
		return;
	}
	r->ofcall.qid = qidof(Qroot);
	p9_respond(r, NULL);
}

static const char *
fswalk1(P9Fid *fid, const char *name, P9Qid *qid)
{
	if (fid->qid.path != Qroot)
		return p9_Enotdir;
	if (strcmp(name, "..") == 0) {
		*qid = qidof(Qroot);
		return NULL;
	}
	for (int q = Qroot + 1; q < Qmax; q++) {
		if (strcmp(name, files[q].name) == 0) {
			*qid = qidof(q);
			return NULL;
		}
	}
	return p9_Enoent;
}

// The permission bits that apply to uid: the owner's or everyone else's
// (devfs has no groups beyond the owner's own).
static uint32_t
permsfor(Devfs *fs, const char *uid, int q)
{
	uint32_t p = files[q].perm;

	return strcmp(uid, fs->owner) == 0 ? (p >> 6) & 7 : p & 7;
}

static void
fsopen(P9Req *r)
{
	static const uint32_t need[4] = {4, 2, 6, 1};
	uint8_t mode = r->ifcall.mode;
	int q = (int)r->fid->qid.path;
	uint32_t want = need[mode & 3], have = permsfor(fsof(r), r->fid->uid, q);

	if (mode & P9_ORCLOSE) {
		p9_respond(r, "devfs files cannot be removed (ORCLOSE)");
		return;
	}
	if (mode & P9_OTRUNC)
		want |= 2;
	if ((have & want) != want) {
		p9_respond(r, p9_Eperm);
		return;
	}
	p9_respond(r, NULL);
}

static void
fscreate(P9Req *r)
{
	p9_respond(r, "create prohibited: devfs serves a fixed set of files");
}

static void
fsremove(P9Req *r)
{
	p9_respond(r, "remove prohibited: devfs serves a fixed set of files");
}

static void
fswstat(P9Req *r)
{
	p9_respond(r, "wstat prohibited: devfs files cannot be renamed or changed");
}

static int
dirgen(long n, P9Dir *d, void *aux)
{
	Devfs *fs = aux;
	int q = (int)n + 1;

	if (n < 0 || q >= Qmax)
		return -1;
	memset(d, 0, sizeof *d);
	d->qid = qidof(q);
	d->mode = files[q].perm;
	d->atime = d->mtime = fs->mtime;
	d->name = p9_str(files[q].name);
	d->uid = d->gid = d->muid = p9_str(fs->owner);
	return 0;
}

static void
fsstat(P9Req *r)
{
	Devfs *fs = fsof(r);
	int q = (int)r->fid->qid.path;
	P9Dir *d = &r->ofcall.dir;

	if (q == Qroot) {
		memset(d, 0, sizeof *d);
		d->qid = qidof(Qroot);
		d->mode = files[Qroot].perm;
		d->atime = d->mtime = fs->mtime;
		d->name = p9_str(files[Qroot].name);
		d->uid = d->gid = d->muid = p9_str(fs->owner);
	} else {
		dirgen(q - 1, d, fs);
	}
	p9_respond(r, NULL);
}

// Console reads wait in a FIFO chained through r->aux.
static void
enqueue(Devfs *fs, P9Req *r)
{
	r->aux = NULL;
	if (fs->qtail != NULL)
		fs->qtail->aux = r;
	else
		fs->qhead = r;
	fs->qtail = r;
}

static P9Req *
dequeue(Devfs *fs)
{
	P9Req *r = fs->qhead;

	if (r == NULL)
		return NULL;
	fs->qhead = r->aux;
	if (fs->qhead == NULL)
		fs->qtail = NULL;
	r->aux = NULL;
	return r;
}

uint32_t
devfs_conswant(const Devfs *fs)
{
	return fs->qhead != NULL ? fs->qhead->ifcall.count : 0;
}

void
devfs_consinput(Devfs *fs, const uint8_t *buf, size_t n, const char *err)
{
	P9Req *r = dequeue(fs);

	if (r == NULL)
		return;
	if (err != NULL) {
		p9_respond(r, err);
		return;
	}
	if (n > r->ifcall.count)
		n = r->ifcall.count;
	if (n > 0)
		memcpy(r->rdata, buf, n);
	r->ofcall.count = (uint32_t)n;
	fs->consreads++;
	p9_respond(r, NULL);
}

// A kmsg read: the kernel log's offsets are byte positions in the log.
static void
readkmsg(P9Req *r)
{
	Devfs *fs = fsof(r);
	char err[128];
	ssize_t k;

	if (fs->kmsgfd < 0) {
		p9_respond(r, "kmsg: devfs was started without a kernel log (-k)");
		return;
	}
	if (r->ifcall.offset > INT64_MAX) {
		p9_respond(r, "kmsg: offset too large");
		return;
	}
	do
		k = pread(fs->kmsgfd, r->rdata, r->ifcall.count, (off_t)r->ifcall.offset);
	while (k < 0 && errno == EINTR);
	if (k < 0) {
		snprintf(err, sizeof err, "kmsg: reading the kernel log: %s", strerror(errno));
		p9_respond(r, err);
		return;
	}
	r->ofcall.count = (uint32_t)k;
	p9_respond(r, NULL);
}

static void
fsread(P9Req *r)
{
	Devfs *fs = fsof(r);
	uint32_t n = r->ifcall.count;

	switch (r->fid->qid.path) {
	case Qroot:
		p9_dirread(r, dirgen, fs);
		return;
	case Qcons:
		if (fs->consfd < 0) {
			p9_respond(r, "cons: devfs was started without a console (-c)");
			return;
		}
		if (n == 0) {
			p9_respond(r, NULL);
			return;
		}
		enqueue(fs, r);
		return;
	case Qnull:
		r->ofcall.count = 0;
		break;
	case Qzero:
		memset(r->rdata, 0, n);
		r->ofcall.count = n;
		break;
	case Qrandom:
		rng_read(&fs->rng, r->rdata, n);
		r->ofcall.count = n;
		break;
	case Qkmsg:
		readkmsg(r);
		return;
	}
	p9_respond(r, NULL);
}

// Write all of buf to the console.
static const char *
writecons(Devfs *fs, const uint8_t *buf, size_t n)
{
	static char err[128];

	if (fs->consfd < 0)
		return "cons: devfs was started without a console (-c)";
	while (n > 0) {
		ssize_t k = write(fs->consfd, buf, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			snprintf(err, sizeof err, "cons: writing the console: %s",
			         k < 0 ? strerror(errno) : "wrote nothing");
			return err;
		}
		buf += k;
		n -= (size_t)k;
	}
	return NULL;
}

static void
fswrite(P9Req *r)
{
	Devfs *fs = fsof(r);
	const char *err = NULL;

	switch (r->fid->qid.path) {
	case Qcons:
		err = writecons(fs, r->ifcall.data, r->ifcall.count);
		break;
	case Qrandom:
		// Mixed into the pool; the entropy estimate is not raised.
		rng_mix(&fs->rng, r->ifcall.data, r->ifcall.count);
		break;
	case Qnull:
	case Qzero:
		break;
	default:
		err = p9_Eperm;
		break;
	}
	r->ofcall.count = r->ifcall.count;
	p9_respond(r, err);
}

// A waiting console read is flushed (Tflush, or the connection ending).
static void
fsflush(P9Req *old)
{
	Devfs *fs = fsof(old);
	P9Req **pp, *prev = NULL;

	for (pp = &fs->qhead; *pp != NULL; prev = *pp, pp = (P9Req **)&(*pp)->aux) {
		if (*pp == old) {
			*pp = old->aux;
			if (fs->qtail == old)
				fs->qtail = prev;
			old->aux = NULL;
			p9_respond(old, "interrupted");
			return;
		}
	}
}

const P9SrvOps devfs_ops = {
        .attach = fsattach,
        .walk1 = fswalk1,
        .open = fsopen,
        .create = fscreate,
        .read = fsread,
        .write = fswrite,
        .remove = fsremove,
        .stat = fsstat,
        .wstat = fswstat,
        .flush = fsflush,
};
