// kernel/dev/devmnt.c: 'M', the mount driver (Plan 9 devmnt). mount(fd,
// -1, old, flags, aname) speaks 9P2000 over the chan of fd (a pipe end or a
// posted chan) to a user-space server: Tversion (msize at most MNTMSIZE;
// the two message buffers are sized to what the server agreed to, per mount),
// Tattach, then every walk, open, create, read, write, stat, wstat, remove
// and clunk on the mounted tree is one RPC. Each chan of the tree owns a
// fid (a clone is a Twalk with no names).
//
// One RPC is outstanding per mount at a time; the caller writes the
// T-message and reads R-messages until the one with its tag arrives
// (replies to abandoned requests are dropped). A server that hangs up,
// sends something malformed (bad size, undecodable, wrong type) or does not
// answer within MNTTIMEOUT seconds makes the call fail with EIO and an
// error string naming the server, and the mount is dead from then on
// (every later call fails at once). A caller interrupted while waiting
// (a note) sends Tflush for its tag and does not wait for Rflush.
#include "defs.h"
#include "9p/fcall.h"

// The largest msize asked for (a server may offer less): a page of data
// plus the Twrite/Rread header, so each of the system calls' page-sized
// chunks (sysfile IOCHUNK) is one request, and a message fits a pipe's
// buffer (devpipe PIPEBUF, two pages). A page exactly split every page
// into two requests; bench cat-10mb went from 677 ms to 155 ms with this
// and the pipe's copies done by memcpy. Larger chunks measured no better:
// the bounce buffer then needs kpages_alloc, slower than kpage_alloc on
// every read and write.
#define MNTMSIZE (PGSIZE + P9_IOHDRSZ)
#define MNTTIMEOUT 10 // seconds a server may take to answer

struct mnt {
	int ref; // mfids
	uint64_t id;
	struct chan *c; // the transport
	uint32_t msize;
	uint16_t tag;
	uint32_t nextfid;
	int busy, dead;
	char name[96]; // "'#|/data' on /x": for error strings
	char deadwhy[ERRMAX];
	uint8_t *tbuf, *rbuf; // bufpages pages each, at least msize bytes
	uint32_t bufpages;
};

// One chan's fid, and a second one for reading its directory entries.
struct mfid {
	struct mnt *m;
	uint32_t fid, dirfid;
	uint8_t *dirbuf;
	uint32_t dirlen, dirpos;
	uint64_t dirindex, diroff;
};

static uint64_t mntids;

static void
mntput(struct mnt *m)
{
	if (--m->ref > 0)
		return;
	chan_put(m->c);
	if (m->tbuf)
		kpages_free(m->tbuf, m->bufpages);
	if (m->rbuf)
		kpages_free(m->rbuf, m->bufpages);
	kfree(m);
}

// Message buffers for the msize the server agreed to (one page each until
// Rversion says).
static int
mntbufs(struct mnt *m, uint32_t msize)
{
	uint32_t n = (msize + PGSIZE - 1) / PGSIZE;
	uint8_t *t = kpages_alloc(n), *r = t ? kpages_alloc(n) : NULL;

	if (r == NULL) {
		if (t)
			kpages_free(t, n);
		return -1;
	}
	if (m->tbuf)
		kpages_free(m->tbuf, m->bufpages);
	if (m->rbuf)
		kpages_free(m->rbuf, m->bufpages);
	m->tbuf = t;
	m->rbuf = r;
	m->bufpages = n;
	m->msize = msize;
	return 0;
}

static int
mntdie(struct mnt *m, char *why, const char *f, const char *what)
{
	fmt(m->deadwhy, ERRMAX, "%s %s", f, what);
	m->dead = 1;
	fmt(why, ERRMAX, "server %s %s", m->name, m->deadwhy);
	return -EIO;
}

// Read exactly n bytes of the transport into buf before the deadline.
static int
readfull(struct mnt *m, uint8_t *buf, uint64_t n, char *why)
{
	char tw[ERRMAX];
	uint64_t got = 0;

	while (got < n) {
		int64_t r = m->c->dev->read(m->c, buf + got, n - got, 0, tw);

		if (r == -ETIMEDOUT)
			return mntdie(m, why, "did not answer within", "10 s");
		if (r == -EINTR)
			return fmt(why, ERRMAX, "interrupted"), -EINTR;
		if (r < 0)
			return mntdie(m, why, "cannot be read:", tw);
		if (r == 0)
			return mntdie(m, why, "hung up", "(end of file)");
		got += (uint64_t)r;
	}
	return 0;
}

static int
sendmsg(struct mnt *m, const P9Fcall *tx, char *why)
{
	P9Error e;
	char tw[ERRMAX];
	long len = p9_encode(tx, m->tbuf, m->msize, &e);

	if (len < 0)
		return fmt(why, ERRMAX, "cannot encode %s: %s", p9_typename(tx->type), e.msg),
		       -EINVAL;
	int64_t r;

	curproc()->kio = 1;
	r = m->c->dev->write(m->c, m->tbuf, (uint64_t)len, 0, tw);
	curproc()->kio = 0;
	if (r != len)
		return mntdie(m, why, "cannot be written to:", tw);
	return 0;
}

static int
rerrno(P9Str s)
{
	static const struct {
		const char *frag;
		int err;
	} map[] = {
	        {"not exist", ENOENT},        {"not found", ENOENT},    {"permission", EACCES},
	        {"exists", EEXIST},           {"not empty", ENOTEMPTY}, {"is a directory", EISDIR},
	        {"not a directory", ENOTDIR}, {"no space", ENOSPC},     {"read-only", EROFS},
	};
	char buf[ERRMAX];
	size_t n = s.len < sizeof buf - 1 ? s.len : sizeof buf - 1;

	memcpy(buf, s.p, n);
	buf[n] = '\0';
	for (unsigned i = 0; i < NELEM(map); i++)
		for (size_t j = 0; j + strlen(map[i].frag) <= n; j++)
			if (strncmp(buf + j, map[i].frag, strlen(map[i].frag)) == 0)
				return -map[i].err;
	return -EIO;
}

// One RPC: send tx, wait for the reply with its tag into rx (whose
// strings and data point into m->rbuf until the next sleep).
static int
rpc(struct mnt *m, P9Fcall *tx, P9Fcall *rx, char *why)
{
	struct proc *p = curproc();
	uint8_t want = (uint8_t)(tx->type + 1);
	P9Error e;
	int r;

	while (m->busy && !m->dead) {
		if (p->killed)
			return fmt(why, ERRMAX, "interrupted"), -EINTR;
		sleep(m);
	}
	if (m->dead)
		return fmt(why, ERRMAX, "server %s %s", m->name, m->deadwhy), -EIO;
	m->busy = 1;
	if (tx->type != P9_TVERSION) {
		if (++m->tag == P9_NOTAG)
			m->tag = 1;
		tx->tag = m->tag;
	}
	// The deadline covers sending (a server that stops reading fills the
	// pipe) and the answer.
	p->deadline = clock_mono_ns() + MNTTIMEOUT * 1000000000ULL;
	if ((r = sendmsg(m, tx, why)) < 0)
		goto out;
	for (;;) {
		uint32_t size;

		if ((r = readfull(m, m->rbuf, 4, why)) < 0)
			break;
		size = p9_get32(m->rbuf);
		if (size < 7 || size > m->msize) {
			r = mntdie(m, why, "sent a message of impossible size", "");
			fmt(why, ERRMAX, "server %s sent a message of %u bytes (msize %u)", m->name,
			    size, m->msize);
			break;
		}
		if ((r = readfull(m, m->rbuf + 4, size - 4, why)) < 0)
			break;
		if (p9_decode(m->rbuf, size, m->msize, rx, &e) != P9_OK) {
			char what[ERRMAX];

			fmt(what, ERRMAX, "%s: %s", p9_typename(m->rbuf[4]), e.msg);
			r = mntdie(m, why, "sent a malformed", what);
			break;
		}
		if (rx->tag != tx->tag)
			continue; // the answer to an abandoned request
		if (rx->type == P9_RERROR) {
			size_t n = rx->ename.len < ERRMAX - 1 ? rx->ename.len : ERRMAX - 1;

			r = rerrno(rx->ename);
			memcpy(why, rx->ename.p, n);
			why[n] = '\0';
			break;
		}
		if (rx->type != want) {
			char what[ERRMAX];

			fmt(what, ERRMAX, "%s to %s", p9_typename(rx->type), p9_typename(tx->type));
			r = mntdie(m, why, "answered with", what);
			break;
		}
		r = 0;
		break;
	}
	p->deadline = 0;
	if (r == -EINTR && !m->dead) {
		P9Fcall f;

		memset(&f, 0, sizeof f);
		f.type = P9_TFLUSH;
		f.oldtag = tx->tag;
		f.tag = ++m->tag == P9_NOTAG ? (m->tag = 1) : m->tag;
		sendmsg(m, &f, why);
		fmt(why, ERRMAX, "interrupted (sent Tflush)");
	}
out:
	p->deadline = 0;
	m->busy = 0;
	wakeup(m);
	return r;
}

static struct mfid *
mfid_new(struct mnt *m, uint32_t fid)
{
	struct mfid *f = kzalloc(sizeof *f);

	if (f == NULL)
		return NULL;
	f->m = m;
	f->fid = fid;
	f->dirfid = P9_NOFID;
	m->ref++;
	return f;
}

static void
clunk(struct mnt *m, uint32_t fid)
{
	P9Fcall tx, rx;
	char why[ERRMAX];

	if (fid == P9_NOFID || m->dead)
		return;
	memset(&tx, 0, sizeof tx);
	tx.type = P9_TCLUNK;
	tx.fid = fid;
	rpc(m, &tx, &rx, why);
}

static void
mntclose(struct chan *c)
{
	struct mfid *f = c->aux;

	if (f == NULL)
		return;
	clunk(f->m, f->fid);
	clunk(f->m, f->dirfid);
	if (f->dirbuf)
		kpage_free(f->dirbuf);
	mntput(f->m);
	kfree(f);
}

// Twalk from fid to a new fid over the names (0 or 1 of them).
static int
walkfid(struct mnt *m, uint32_t fid, const char *name, uint32_t *nfid, struct qid *q, char *why)
{
	P9Fcall tx, rx;
	int r;

	memset(&tx, 0, sizeof tx);
	tx.type = P9_TWALK;
	tx.fid = fid;
	tx.newfid = m->nextfid++;
	if (name) {
		tx.nwname = 1;
		tx.wname[0] = p9_str(name);
	}
	if ((r = rpc(m, &tx, &rx, why)) < 0)
		return r;
	if (rx.nwqid != tx.nwname) {
		if (rx.nwqid > tx.nwname)
			return mntdie(m, why, "sent a malformed", "Rwalk: more qids than names");
		fmt(why, ERRMAX, "'%s' does not exist", name);
		return -ENOENT;
	}
	*nfid = tx.newfid;
	if (name) {
		q->path = rx.wqid[0].path;
		q->vers = rx.wqid[0].vers;
		q->type = rx.wqid[0].type;
	}
	return 0;
}

// A clone of a mounted chan gets a fid of its own.
static void
mntclone(struct chan *n)
{
	struct mfid *src = n->aux, *f;
	uint32_t fid;
	struct qid q;
	char why[ERRMAX];

	// A failed clone keeps the mount (for its error) but no fid.
	n->aux = NULL;
	if (src == NULL)
		return;
	if (walkfid(src->m, src->fid, NULL, &fid, &q, why) < 0)
		fid = P9_NOFID;
	f = mfid_new(src->m, fid);
	if (f == NULL) {
		clunk(src->m, fid);
		return;
	}
	n->aux = f;
}

// The chan's fid, or NULL with why saying what became of it.
static struct mfid *
mf(struct chan *c, char *why)
{
	struct mfid *f = c->aux;

	if (f && f->fid != P9_NOFID)
		return f;
	if (f && f->m->dead)
		fmt(why, ERRMAX, "server %s %s", f->m->name, f->m->deadwhy);
	else
		fmt(why, ERRMAX, "the mounted file has no fid (server error or out of memory)");
	return NULL;
}

static int
mntwalk(struct chan *c, const char *name, char *why)
{
	struct mfid *f = mf(c, why);
	uint32_t nfid;
	struct qid q;
	int r;

	if (f == NULL)
		return -EIO;
	if ((r = walkfid(f->m, f->fid, name, &nfid, &q, why)) < 0)
		return r;
	clunk(f->m, f->fid);
	f->fid = nfid;
	c->qid = q;
	return 0;
}

static void
todir(const P9Dir *pd, struct kdir *d)
{
	size_t n = pd->name.len < NSNAME - 1 ? pd->name.len : NSNAME - 1;

	d->qid.path = pd->qid.path;
	d->qid.vers = pd->qid.vers;
	d->qid.type = pd->qid.type;
	d->mode = pd->mode;
	d->length = pd->length;
	d->mtime = pd->mtime;
	memcpy(d->name, pd->name.p, n);
	d->name[n] = '\0';
}

static int
mntstat(struct chan *c, struct kdir *d, char *why)
{
	struct mfid *f = mf(c, why);
	P9Fcall tx, rx;
	int r;

	if (f == NULL)
		return -EIO;
	memset(&tx, 0, sizeof tx);
	tx.type = P9_TSTAT;
	tx.fid = f->fid;
	if ((r = rpc(f->m, &tx, &rx, why)) < 0)
		return r;
	todir(&rx.dir, d);
	return 0;
}

static int
mntopen(struct chan *c, int mode, struct chan **nc, char *why)
{
	struct mfid *f = mf(c, why);
	P9Fcall tx, rx;

	(void)nc;
	if (f == NULL)
		return -EIO;
	memset(&tx, 0, sizeof tx);
	tx.type = P9_TOPEN;
	tx.fid = f->fid;
	tx.mode = (uint8_t)mode;
	return rpc(f->m, &tx, &rx, why);
}

static int
mntcreate(struct chan *c, const char *name, int mode, uint32_t perm, char *why)
{
	struct mfid *f = mf(c, why);
	P9Fcall tx, rx;
	int r;

	if (f == NULL)
		return -EIO;
	memset(&tx, 0, sizeof tx);
	tx.type = P9_TCREATE;
	tx.fid = f->fid;
	tx.name = p9_str(name);
	tx.perm = perm;
	tx.mode = (uint8_t)mode;
	if ((r = rpc(f->m, &tx, &rx, why)) < 0)
		return r;
	c->qid.path = rx.qid.path;
	c->qid.vers = rx.qid.vers;
	c->qid.type = rx.qid.type;
	return 0;
}

// Read into rbuf or write from wbuf (the other is NULL) n bytes at off, in
// messages of at most msize - IOHDRSZ, stopping at the first short reply.
// A failure after some progress returns the progress.
static int64_t
mntio(struct chan *c, uint8_t *rbuf, const uint8_t *wbuf, uint64_t n, uint64_t off, char *why)
{
	struct mfid *f = mf(c, why);
	uint64_t done = 0;

	if (f == NULL)
		return -EIO;
	while (done < n) {
		P9Fcall tx, rx;
		uint64_t max = f->m->msize - P9_IOHDRSZ;
		uint32_t want = (uint32_t)(n - done < max ? n - done : max);
		int r;

		memset(&tx, 0, sizeof tx);
		tx.type = rbuf != NULL ? P9_TREAD : P9_TWRITE;
		tx.fid = f->fid;
		tx.offset = off + done;
		tx.count = want;
		if (wbuf != NULL)
			tx.data = wbuf + done;
		if ((r = rpc(f->m, &tx, &rx, why)) < 0)
			return done ? (int64_t)done : r;
		if (rx.count > want)
			return mntdie(f->m, why, "sent a malformed",
			              rbuf != NULL ? "Rread: more data than asked for"
			                           : "Rwrite: more written than sent");
		if (rbuf != NULL)
			memcpy(rbuf + done, rx.data, rx.count);
		done += rx.count;
		if (rx.count < want)
			break;
	}
	return (int64_t)done;
}

static int64_t
mntread(struct chan *c, void *buf, uint64_t n, uint64_t off, char *why)
{
	return mntio(c, buf, NULL, n, off, why);
}

static int64_t
mntwrite(struct chan *c, const void *buf, uint64_t n, uint64_t off, char *why)
{
	return mntio(c, NULL, buf, n, off, why);
}

static int
mntremove(struct chan *c, char *why)
{
	struct mfid *f = mf(c, why);
	P9Fcall tx, rx;

	if (f == NULL)
		return -EIO;
	memset(&tx, 0, sizeof tx);
	tx.type = P9_TREMOVE;
	tx.fid = f->fid;
	f->fid = P9_NOFID; // Tremove clunks the fid whatever the answer
	return rpc(f->m, &tx, &rx, why);
}

static int
mntwstat(struct chan *c, const struct kdir *d, char *why)
{
	struct mfid *f = mf(c, why);
	P9Fcall tx, rx;

	if (f == NULL)
		return -EIO;
	memset(&tx, 0, sizeof tx);
	tx.type = P9_TWSTAT;
	tx.fid = f->fid;
	tx.dir.type = 0xffff;
	tx.dir.dev = ~0u;
	tx.dir.qid.type = 0xff;
	tx.dir.qid.vers = ~0u;
	tx.dir.qid.path = ~0ULL;
	tx.dir.mode = d->mode;
	tx.dir.atime = ~0u;
	tx.dir.mtime = d->mtime;
	tx.dir.length = d->length;
	tx.dir.name = p9_str(d->name);
	return rpc(f->m, &tx, &rx, why);
}

// Directory entries for union reads and ns_dirread: a second fid opened
// for reading, and the entries of the last Rread kept in dirbuf.
static int
mntgen(struct chan *c, uint64_t i, struct kdir *d)
{
	struct mfid *f = c->aux;
	char why[ERRMAX];
	P9Dir pd;
	P9Error e;
	size_t used;
	struct qid q;

	if (f == NULL)
		return 0;
	// An opened chan reads with its own fid (9P cannot walk an open fid);
	// an unopened one (a union member) opens a second fid.
	if (i == 0 || i != f->dirindex || (!(c->flags & COPEN) && f->dirfid == P9_NOFID)) {
		if (!(c->flags & COPEN)) {
			P9Fcall tx, rx;

			clunk(f->m, f->dirfid);
			f->dirfid = P9_NOFID;
			if (walkfid(f->m, f->fid, NULL, &f->dirfid, &q, why) < 0)
				return 0;
			memset(&tx, 0, sizeof tx);
			tx.type = P9_TOPEN;
			tx.fid = f->dirfid;
			tx.mode = P9_OREAD;
			if (rpc(f->m, &tx, &rx, why) < 0)
				return 0;
		}
		if (f->dirbuf == NULL && (f->dirbuf = kpage_alloc()) == NULL)
			return 0;
		f->dirlen = f->dirpos = 0;
		f->diroff = 0;
		for (f->dirindex = 0; f->dirindex < i;)
			if (mntgen(c, f->dirindex, d) <= 0)
				return 0;
	}
	if (f->dirpos >= f->dirlen) {
		P9Fcall tx, rx;

		memset(&tx, 0, sizeof tx);
		tx.type = P9_TREAD;
		tx.fid = (c->flags & COPEN) ? f->fid : f->dirfid;
		tx.offset = f->diroff;
		// Entries come a page at a time (dirbuf is one page).
		tx.count = f->m->msize - P9_IOHDRSZ < PGSIZE ? f->m->msize - P9_IOHDRSZ : PGSIZE;
		if (rpc(f->m, &tx, &rx, why) < 0 || rx.count == 0 || rx.count > PGSIZE)
			return 0;
		memcpy(f->dirbuf, rx.data, rx.count);
		f->dirlen = rx.count;
		f->dirpos = 0;
		f->diroff += rx.count;
	}
	if (p9_dir_unpack(f->dirbuf + f->dirpos, f->dirlen - f->dirpos, &pd, &used, &e) != P9_OK) {
		mntdie(f->m, why, "sent a malformed directory entry:", e.msg);
		return 0;
	}
	todir(&pd, d);
	f->dirpos += (uint32_t)used;
	f->dirindex++;
	return 1;
}

// mount: version and attach over transport t; *cp is the root of the tree.
int
mnt_attach(struct chan *t, const char *aname, const char *old, struct chan **cp, char *why)
{
	struct mnt *m = kzalloc(sizeof *m);
	P9Fcall tx, rx;
	struct mfid *f;
	struct chan *c;
	int r;

	if (m == NULL || mntbufs(m, PGSIZE) < 0) {
		kfree(m);
		return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	}
	m->ref = 1;
	m->id = ++mntids;
	m->c = t;
	chan_incref(t);
	m->nextfid = 1;
	fmt(m->name, sizeof m->name, "'%s' on %s", t->path, old);
	memset(&tx, 0, sizeof tx);
	tx.type = P9_TVERSION;
	tx.tag = P9_NOTAG;
	tx.msize = MNTMSIZE;
	tx.version = p9_str("9P2000");
	if ((r = rpc(m, &tx, &rx, why)) < 0)
		goto fail;
	if (!p9_streqc(rx.version, "9P2000") || rx.msize < 256 || rx.msize > MNTMSIZE) {
		r = mntdie(m, why, "refused 9P2000 or sent a bad msize", "in Rversion");
		goto fail;
	}
	if (rx.msize != m->msize && mntbufs(m, rx.msize) < 0) {
		r = -ENOMEM;
		fmt(why, ERRMAX, "out of kernel memory for %u-byte 9P messages", rx.msize);
		goto fail;
	}
	memset(&tx, 0, sizeof tx);
	tx.type = P9_TATTACH;
	tx.fid = 0;
	tx.afid = P9_NOFID;
	tx.uname = p9_str("gremlin");
	tx.aname = p9_str(aname);
	if ((r = rpc(m, &tx, &rx, why)) < 0)
		goto fail;
	c = chan_new(devbyletter('M'));
	f = c ? mfid_new(m, 0) : NULL;
	if (f == NULL) {
		kfree(c);
		r = -ENOMEM;
		fmt(why, ERRMAX, "out of kernel memory");
		goto fail;
	}
	c->aux = f;
	c->inst = m->id;
	c->qid.path = rx.qid.path;
	c->qid.vers = rx.qid.vers;
	c->qid.type = rx.qid.type;
	mntput(m);
	*cp = c;
	return 0;
fail:
	mntput(m);
	return r;
}

// The transport's name, for /proc/N/ns ("mount '#s/x' /y").
const char *
mnt_srcname(struct chan *c)
{
	struct mfid *f = c->aux;

	return f ? f->m->c->path : "?";
}

const struct dev mntdev = {
        .dc = 'M',
        .name = "mnt",
        .clone = mntclone,
        .walk = mntwalk,
        .stat = mntstat,
        .gen = mntgen,
        .open = mntopen,
        .create = mntcreate,
        .read = mntread,
        .write = mntwrite,
        .close = mntclose,
        .remove = mntremove,
        .wstat = mntwstat,
};
