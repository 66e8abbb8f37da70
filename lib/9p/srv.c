// lib/9p/srv.c: the 9P2000 server library (see srv.h): message framing on
// file descriptors, the per-connection fid and tag tables, the protocol
// rules of each request, and dispatch to the server's callbacks.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "9p/srv.h"

const char p9_Eunknownfid[] = "unknown fid";
const char p9_Enotdir[] = "not a directory";
const char p9_Enoent[] = "file does not exist";
const char p9_Eperm[] = "permission denied";
const char p9_Eisdir[] = "is a directory";

enum { NHASH = 64 };

void
p9_srv_init(P9Srv *s, const P9SrvOps *ops, void *aux)
{
	memset(s, 0, sizeof *s);
	s->ops = ops;
	s->aux = aux;
	s->maxmsize = 8192 + P9_IOHDRSZ;
	s->maxfids = 4096;
	s->maxreqs = 64;
	s->infd = s->outfd = -1;
}

void
p9_srv_setout(P9Srv *s, int outfd)
{
	s->outfd = outfd;
}

char *
p9_strcpy(char *dst, size_t cap, P9Str s)
{
	if (s.len >= cap)
		return NULL;
	memcpy(dst, s.p, s.len);
	dst[s.len] = '\0';
	return dst;
}

// The fid table: chained hash on the fid number. A fid holds one reference
// for the table and one for each request using it.
static P9Fid *
lookfid(P9Srv *s, uint32_t fid)
{
	P9Fid *f;

	for (f = s->fids[fid % NHASH]; f != NULL; f = f->next)
		if (f->fid == fid)
			return f;
	return NULL;
}

static P9Fid *
allocfid(P9Srv *s, uint32_t fid, const char *uid)
{
	P9Fid *f = calloc(1, sizeof *f);

	if (f == NULL)
		return NULL;
	f->uid = strdup(uid != NULL ? uid : "");
	if (f->uid == NULL) {
		free(f);
		return NULL;
	}
	f->fid = fid;
	f->omode = -1;
	f->srv = s;
	f->ref = 1;
	return f;
}

static void
insertfid(P9Srv *s, P9Fid *f)
{
	f->next = s->fids[f->fid % NHASH];
	s->fids[f->fid % NHASH] = f;
	f->intable = 1;
	s->nfids++;
}

static void
unlinkfid(P9Srv *s, P9Fid *f)
{
	P9Fid **l;

	for (l = &s->fids[f->fid % NHASH]; *l != NULL; l = &(*l)->next) {
		if (*l == f) {
			*l = f->next;
			f->intable = 0;
			s->nfids--;
			return;
		}
	}
}

static void
putfid(P9Fid *f)
{
	if (f == NULL || --f->ref > 0)
		return;
	if (f->srv->ops->destroyfid != NULL)
		f->srv->ops->destroyfid(f);
	free(f->uid);
	free(f);
}

// The table of pending requests, by tag.
static P9Req *
looktag(P9Srv *s, uint16_t tag)
{
	P9Req *r;

	for (r = s->reqs[tag % NHASH]; r != NULL; r = r->next)
		if (r->ifcall.tag == tag)
			return r;
	return NULL;
}

static void
addreq(P9Srv *s, P9Req *r)
{
	r->next = s->reqs[r->ifcall.tag % NHASH];
	s->reqs[r->ifcall.tag % NHASH] = r;
	r->intable = 1;
	s->nreqs++;
}

static void
delreq(P9Srv *s, P9Req *r)
{
	P9Req **l;

	if (!r->intable)
		return;
	for (l = &s->reqs[r->ifcall.tag % NHASH]; *l != NULL; l = &(*l)->next) {
		if (*l == r) {
			*l = r->next;
			r->intable = 0;
			s->nreqs--;
			return;
		}
	}
}

static void
freereq(P9Req *r)
{
	free(r->buf);
	free(r->rdata);
	free(r);
}

// Output: whole messages, retrying short writes.
static void
sendbytes(P9Srv *s, const uint8_t *b, size_t n)
{
	while (n > 0 && !s->dead) {
		ssize_t w = write(s->outfd, b, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			snprintf(s->lasterr, sizeof s->lasterr, "write: %s",
			         w < 0 ? strerror(errno) : "wrote nothing");
			s->dead = 1;
			return;
		}
		b += w;
		n -= (size_t)w;
	}
}

static uint32_t
curmsize(P9Srv *s)
{
	return s->msize != 0 ? s->msize : s->maxmsize;
}

// The reply buffer, as large as the largest message allowed now.
static int
wbuf(P9Srv *s)
{
	uint8_t *b;

	if (s->wbuf != NULL && s->wbufsz >= curmsize(s))
		return 1;
	b = realloc(s->wbuf, curmsize(s));
	if (b == NULL)
		return 0;
	s->wbuf = b;
	s->wbufsz = curmsize(s);
	return 1;
}

// Send f; if it cannot be encoded within msize, send an Rerror saying so.
static void
sendfcall(P9Srv *s, P9Fcall *f)
{
	P9Error err;
	long n;

	if (s->dead || !wbuf(s))
		return;
	n = p9_encode(f, s->wbuf, curmsize(s), &err);
	if (n < 0) {
		P9Fcall e;
		char msg[160];

		snprintf(msg, sizeof msg, "server reply not sent: %s", err.msg);
		memset(&e, 0, sizeof e);
		e.type = P9_RERROR;
		e.tag = f->tag;
		e.ename = p9_str(msg);
		n = p9_encode(&e, s->wbuf, curmsize(s), &err);
		if (n < 0)
			return;
	}
	sendbytes(s, s->wbuf, (size_t)n);
}

static void
senderror(P9Srv *s, uint16_t tag, const char *msg)
{
	P9Fcall e;
	P9Error err;
	long n;

	memset(&e, 0, sizeof e);
	e.type = P9_RERROR;
	e.tag = tag;
	e.ename = p9_str(msg);
	if (s->dead || !wbuf(s))
		return;
	n = p9_encode(&e, s->wbuf, curmsize(s), &err);
	if (n < 0) {
		e.ename = p9_str("error string not representable");
		n = p9_encode(&e, s->wbuf, curmsize(s), &err);
	}
	if (n > 0)
		sendbytes(s, s->wbuf, (size_t)n);
}

// Bookkeeping after a request succeeded, before its reply is sent. Returns
// an error string if the server's answer breaks the protocol.
static const char *
commit(P9Req *r)
{
	P9Fid *f = r->fid;

	switch (r->ifcall.type) {
	case P9_TATTACH:
		f->qid = r->ofcall.qid;
		break;
	case P9_TOPEN:
	case P9_TCREATE:
		f->qid = r->ofcall.qid;
		f->omode = r->ifcall.mode;
		f->diroffset = 0;
		f->dirindex = 0;
		break;
	case P9_TREAD:
		if (r->ofcall.count > r->ifcall.count)
			return "server bug: read returned more than the count";
		if (r->ofcall.data == NULL)
			r->ofcall.data = r->rdata;
		if (f->qid.type & P9_QTDIR)
			f->diroffset = r->ifcall.offset + r->ofcall.count;
		break;
	case P9_TWRITE:
		if (r->ofcall.count > r->ifcall.count)
			return "server bug: write claims more than the count";
		break;
	}
	return NULL;
}

// Undo what the dispatch did for a request that failed.
static void
rollback(P9Req *r)
{
	if (r->ifcall.type == P9_TATTACH && r->fid != NULL && r->fid->intable) {
		unlinkfid(r->srv, r->fid);
		putfid(r->fid);
	}
}

void
p9_respond(P9Req *r, const char *err)
{
	P9Srv *s = r->srv;
	P9Req *fl, *next;

	delreq(s, r);
	if (err == NULL)
		err = commit(r);
	if (err != NULL)
		rollback(r);
	// A flushed request that failed (typically "interrupted") gets no
	// reply: the Rflush says it all. One that succeeded is answered, and
	// the client must honour it (flush(5)).
	if (!r->aborted && !(err != NULL && r->flushes != NULL)) {
		if (err != NULL) {
			senderror(s, r->ifcall.tag, err);
		} else {
			r->ofcall.type = (uint8_t)(r->ifcall.type + 1);
			r->ofcall.tag = r->ifcall.tag;
			sendfcall(s, &r->ofcall);
		}
	}
	for (fl = r->flushes; fl != NULL; fl = next) {
		next = fl->fnext;
		fl->flushes = NULL;
		fl->aborted |= r->aborted;
		p9_respond(fl, NULL);
	}
	putfid(r->fid);
	freereq(r);
}

// Take a reference on the request's fid, or answer "unknown fid".
static int
getfid(P9Req *r)
{
	r->fid = lookfid(r->srv, r->ifcall.fid);
	if (r->fid == NULL) {
		p9_respond(r, p9_Eunknownfid);
		return 0;
	}
	r->fid->ref++;
	return 1;
}

static int
isdir(const P9Fid *f)
{
	return (f->qid.type & P9_QTDIR) != 0;
}

// Check a Topen/Tcreate mode byte: known bits only, and no writing or
// truncating a directory. Returns NULL or the error.
static const char *
checkmode(uint8_t mode, int dir)
{
	if (mode & ~(3 | P9_OTRUNC | P9_ORCLOSE))
		return "bad open mode";
	if (dir && ((mode & 3) == P9_OWRITE || (mode & 3) == P9_ORDWR || (mode & P9_OTRUNC)))
		return p9_Eisdir;
	return NULL;
}

// A name that may be a path element: not empty, not "." or "..", no '/'.
static int
goodname(P9Str n, int dotdot)
{
	if (n.len == 0 || memchr(n.p, '/', n.len) != NULL)
		return 0;
	if (p9_streqc(n, "."))
		return 0;
	return dotdot || !p9_streqc(n, "..");
}

static void
doversion(P9Req *r)
{
	P9Srv *s = r->srv;
	P9Str v = r->ifcall.version;
	uint32_t msize = r->ifcall.msize;

	p9_srv_reset(s);
	s->msize = 0;
	if (msize > s->maxmsize)
		msize = s->maxmsize;
	r->ofcall.msize = msize;
	// "9P2000" or "9P2000.<anything>" is 9P2000 (version(5)).
	if (v.len < 6 || memcmp(v.p, P9_VERSION, 6) != 0 || (v.len > 6 && v.p[6] != '.')) {
		r->ofcall.version = p9_str("unknown");
		p9_respond(r, NULL);
		return;
	}
	if (msize < P9_MINMSIZE) {
		p9_respond(r, "msize too small: the minimum is 256");
		return;
	}
	s->msize = msize;
	r->ofcall.version = p9_str(P9_VERSION);
	p9_respond(r, NULL);
}

static void
doattach(P9Req *r)
{
	P9Srv *s = r->srv;
	char *uid;

	if (r->ifcall.afid != P9_NOFID) {
		p9_respond(r, "authentication not required");
		return;
	}
	if (lookfid(s, r->ifcall.fid) != NULL) {
		p9_respond(r, "fid already in use");
		return;
	}
	if (s->nfids >= s->maxfids) {
		p9_respond(r, "too many fids");
		return;
	}
	uid = malloc(r->ifcall.uname.len + 1);
	if (uid != NULL) {
		p9_strcpy(uid, r->ifcall.uname.len + 1, r->ifcall.uname);
		r->fid = allocfid(s, r->ifcall.fid, uid);
		free(uid);
	}
	if (r->fid == NULL) {
		p9_respond(r, "out of memory");
		return;
	}
	insertfid(s, r->fid);
	r->fid->ref++;
	s->ops->attach(r);
}

// Walk w (a fresh clone) along the request's names. Returns the number of
// names walked and sets *err when a step fails.
static int
walknames(P9Req *r, P9Fid *w, const char **err)
{
	char *name;
	int i;

	*err = NULL;
	for (i = 0; i < r->ifcall.nwname; i++) {
		P9Str n = r->ifcall.wname[i];
		P9Qid q;

		if (!isdir(w)) {
			*err = p9_Enotdir;
			break;
		}
		if (!goodname(n, 1)) {
			*err = "bad file name in walk";
			break;
		}
		name = malloc(n.len + 1);
		if (name == NULL) {
			*err = "out of memory";
			break;
		}
		p9_strcpy(name, n.len + 1, n);
		*err = r->srv->ops->walk1(w, name, &q);
		free(name);
		if (*err != NULL)
			break;
		w->qid = q;
		r->ofcall.wqid[i] = q;
	}
	return i;
}

static void
dowalk(P9Req *r)
{
	P9Srv *s = r->srv;
	P9Fid *f, *w;
	const char *err = NULL;
	int same = r->ifcall.newfid == r->ifcall.fid, n = 0;

	if (!getfid(r))
		return;
	f = r->fid;
	if (f->omode != -1)
		err = "cannot walk an open fid";
	else if (!same && lookfid(s, r->ifcall.newfid) != NULL)
		err = "newfid already in use";
	else if (!same && s->nfids >= s->maxfids)
		err = "too many fids";
	else if (r->ifcall.nwname > 0 && !isdir(f))
		err = "walk in a non-directory";
	if (err != NULL || (same && r->ifcall.nwname == 0)) {
		p9_respond(r, err);
		return;
	}
	w = allocfid(s, r->ifcall.newfid, f->uid);
	if (w == NULL) {
		p9_respond(r, "out of memory");
		return;
	}
	w->qid = f->qid;
	if (s->ops->clone != NULL)
		err = s->ops->clone(f, w);
	else
		w->aux = f->aux;
	if (err == NULL)
		n = walknames(r, w, &err);
	if (err != NULL && (r->ifcall.nwname == 0 || n == 0)) {
		putfid(w);
		p9_respond(r, err);
		return;
	}
	r->ofcall.nwqid = (uint16_t)n;
	if (n < r->ifcall.nwname) {
		// A partial walk: the qids walked, and newfid is not created.
		putfid(w);
		p9_respond(r, NULL);
		return;
	}
	if (same) {
		unlinkfid(s, f);
		putfid(f);
	}
	insertfid(s, w);
	p9_respond(r, NULL);
}

static void
doopen(P9Req *r)
{
	const char *err;

	if (!getfid(r))
		return;
	if (r->fid->omode != -1) {
		p9_respond(r, "fid already open");
		return;
	}
	if ((err = checkmode(r->ifcall.mode, isdir(r->fid))) != NULL) {
		p9_respond(r, err);
		return;
	}
	r->ofcall.qid = r->fid->qid;
	if (r->srv->ops->open == NULL)
		p9_respond(r, NULL);
	else
		r->srv->ops->open(r);
}

static void
docreate(P9Req *r)
{
	const char *err;

	if (!getfid(r))
		return;
	if (r->fid->omode != -1)
		err = "fid already open";
	else if (!isdir(r->fid))
		err = "create in a non-directory";
	else if (!goodname(r->ifcall.name, 0))
		err = "bad file name";
	else
		err = checkmode(r->ifcall.mode, (r->ifcall.perm & P9_DMDIR) != 0);
	if (err == NULL && r->srv->ops->create == NULL)
		err = "create prohibited";
	if (err != NULL) {
		p9_respond(r, err);
		return;
	}
	r->srv->ops->create(r);
}

static void
doread(P9Req *r)
{
	P9Fid *f;
	uint32_t max = r->srv->msize - P9_IOHDRSZ;

	if (!getfid(r))
		return;
	f = r->fid;
	if (f->omode == -1 || (f->omode & 3) == P9_OWRITE) {
		p9_respond(r, f->omode == -1 ? "fid not open" : "fid not open for reading");
		return;
	}
	if (isdir(f) && r->ifcall.offset != 0 && r->ifcall.offset != f->diroffset) {
		p9_respond(r, "bad offset in directory read");
		return;
	}
	if (isdir(f) && r->ifcall.offset == 0)
		f->dirindex = 0;
	if (r->ifcall.count > max)
		r->ifcall.count = max;
	r->rdata = malloc(r->ifcall.count + 1);
	if (r->rdata == NULL) {
		p9_respond(r, "out of memory");
		return;
	}
	r->srv->ops->read(r);
}

static void
dowrite(P9Req *r)
{
	int m;

	if (!getfid(r))
		return;
	m = r->fid->omode;
	if (m == -1 || ((m & 3) != P9_OWRITE && (m & 3) != P9_ORDWR)) {
		p9_respond(r, m == -1 ? "fid not open" : "fid not open for writing");
		return;
	}
	if (r->srv->ops->write == NULL)
		p9_respond(r, "write prohibited");
	else
		r->srv->ops->write(r);
}

// Tclunk and Tremove: the fid leaves the table at once; it is destroyed
// when the reply has been sent.
static void
doclunk(P9Req *r)
{
	P9Srv *s = r->srv;

	if (!getfid(r))
		return;
	unlinkfid(s, r->fid);
	putfid(r->fid);
	if (r->ifcall.type == P9_TCLUNK)
		p9_respond(r, NULL);
	else if (s->ops->remove == NULL)
		p9_respond(r, "remove prohibited");
	else
		s->ops->remove(r);
}

static void
dostat(P9Req *r)
{
	if (!getfid(r))
		return;
	if (r->ifcall.type == P9_TSTAT)
		r->srv->ops->stat(r);
	else if (r->srv->ops->wstat == NULL)
		p9_respond(r, "wstat prohibited");
	else
		r->srv->ops->wstat(r);
}

// Tflush: answered once the old request is; the server's flush callback
// is asked to hurry it along.
static void
doflush(P9Req *r)
{
	P9Req *old = looktag(r->srv, r->ifcall.oldtag);

	if (old == NULL || old == r || old->ifcall.type == P9_TFLUSH) {
		p9_respond(r, NULL);
		return;
	}
	r->fnext = old->flushes;
	old->flushes = r;
	if (r->srv->ops->flush != NULL && !old->flushing) {
		old->flushing = 1;
		r->srv->ops->flush(old);
	}
}

static void
dispatch(P9Req *r)
{
	switch (r->ifcall.type) {
	case P9_TAUTH:
		p9_respond(r, "authentication not required");
		break;
	case P9_TATTACH:
		doattach(r);
		break;
	case P9_TFLUSH:
		doflush(r);
		break;
	case P9_TWALK:
		dowalk(r);
		break;
	case P9_TOPEN:
		doopen(r);
		break;
	case P9_TCREATE:
		docreate(r);
		break;
	case P9_TREAD:
		doread(r);
		break;
	case P9_TWRITE:
		dowrite(r);
		break;
	case P9_TCLUNK:
	case P9_TREMOVE:
		doclunk(r);
		break;
	case P9_TSTAT:
	case P9_TWSTAT:
		dostat(r);
		break;
	}
}

int
p9_srv_handle(P9Srv *s, const uint8_t *msg, size_t len)
{
	P9Error err;
	P9Req *r;
	uint16_t tag;
	char ebuf[200];

	if (s->dead)
		return -1;
	if (len < P9_HDRSZ || len > curmsize(s)) {
		snprintf(s->lasterr, sizeof s->lasterr, "message of %zu bytes outside 7..%u", len,
		         curmsize(s));
		return -1;
	}
	tag = (uint16_t)(msg[5] | msg[6] << 8);
	r = calloc(1, sizeof *r);
	if (r == NULL || (r->buf = malloc(len)) == NULL) {
		free(r);
		senderror(s, tag, "out of memory");
		return s->dead ? -1 : 0;
	}
	memcpy(r->buf, msg, len);
	r->srv = s;
	if (p9_decode(r->buf, len, curmsize(s), &r->ifcall, &err) != P9_OK) {
		senderror(s, tag, err.msg);
		freereq(r);
		return s->dead ? -1 : 0;
	}
	if (r->ifcall.type & 1) {
		snprintf(ebuf, sizeof ebuf, "unexpected %s from a client",
		         p9_typename(r->ifcall.type));
		senderror(s, tag, ebuf);
		freereq(r);
	} else if (r->ifcall.type == P9_TVERSION) {
		doversion(r);
	} else if (s->msize == 0) {
		senderror(s, tag, "Tversion must come first");
		freereq(r);
	} else if (looktag(s, tag) != NULL) {
		senderror(s, tag, "tag already in use");
		freereq(r);
	} else if (s->nreqs >= s->maxreqs) {
		senderror(s, tag, "too many requests pending");
		freereq(r);
	} else {
		addreq(s, r);
		dispatch(r);
	}
	return s->dead ? -1 : 0;
}

void
p9_srv_reset(P9Srv *s)
{
	int i;
	P9Req *r;
	P9Fid *f;

	// No reply of a pending request is sent any more. Ask the server to
	// finish deferred ones (each answer changes the table, so rescan),
	// then forget any that remain.
	for (i = 0; i < NHASH; i++)
		for (r = s->reqs[i]; r != NULL; r = r->next)
			r->aborted = 1;
	for (i = 0; i < NHASH && s->ops->flush != NULL; i++) {
		for (r = s->reqs[i]; r != NULL; r = r->next) {
			if (r->ifcall.type != P9_TFLUSH && !r->flushing) {
				r->flushing = 1;
				s->ops->flush(r);
				i = -1;
				break;
			}
		}
	}
	for (i = 0; i < NHASH; i++) {
		while ((r = s->reqs[i]) != NULL) {
			r->aborted = 1;
			delreq(s, r);
		}
	}
	for (i = 0; i < NHASH; i++) {
		while ((f = s->fids[i]) != NULL) {
			unlinkfid(s, f);
			putfid(f);
		}
	}
}

// Read exactly n bytes; returns n, 0 at end of stream before any byte, or
// -1 (error or end inside).
static ssize_t
readn(int fd, uint8_t *b, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(fd, b + got, n - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return got == 0 && k == 0 ? 0 : -1;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

int
p9_srv_serve(P9Srv *s, int infd, int outfd)
{
	uint8_t *buf = malloc(s->maxmsize);
	int rc = 0;

	s->infd = infd;
	s->outfd = outfd;
	s->dead = 0;
	s->lasterr[0] = '\0';
	if (buf == NULL) {
		snprintf(s->lasterr, sizeof s->lasterr, "out of memory");
		return -1;
	}
	for (;;) {
		ssize_t k = readn(infd, buf, 4);
		uint32_t size;

		if (k == 0)
			break;
		if (k < 0) {
			snprintf(s->lasterr, sizeof s->lasterr, "stream ended inside a size field");
			rc = -1;
			break;
		}
		size = p9_get32(buf);
		if (size < P9_HDRSZ || size > curmsize(s)) {
			snprintf(s->lasterr, sizeof s->lasterr,
			         "message size %u outside 7..%u: closing the connection", size,
			         curmsize(s));
			rc = -1;
			break;
		}
		if (readn(infd, buf + 4, size - 4) != (ssize_t)(size - 4)) {
			snprintf(s->lasterr, sizeof s->lasterr,
			         "stream ended inside a %u-byte message", size);
			rc = -1;
			break;
		}
		if (p9_srv_handle(s, buf, size) < 0) {
			rc = -1;
			break;
		}
	}
	free(buf);
	p9_srv_close(s);
	return rc;
}

void
p9_srv_close(P9Srv *s)
{
	s->dead = 1;
	p9_srv_reset(s);
	s->msize = 0;
	free(s->wbuf);
	s->wbuf = NULL;
	s->wbufsz = 0;
}

void
p9_dirread(P9Req *r, int (*gen)(long n, P9Dir *dir, void *aux), void *aux)
{
	P9Fid *f = r->fid;
	size_t off = 0;
	long n = f->dirindex;

	for (;; n++) {
		P9Error err;
		P9Dir d;
		long k;

		memset(&d, 0, sizeof d);
		if (gen(n, &d, aux) < 0)
			break;
		k = p9_dir_pack(&d, r->rdata + off, r->ifcall.count - off, &err);
		if (k == -P9_ENOSPACE && off > 0)
			break;
		if (k == -P9_ENOSPACE) {
			p9_respond(r, "read count too small for a directory entry");
			return;
		}
		if (k < 0) {
			p9_respond(r, err.msg);
			return;
		}
		off += (size_t)k;
	}
	f->dirindex = n;
	r->ofcall.count = (uint32_t)off;
	p9_respond(r, NULL);
}
