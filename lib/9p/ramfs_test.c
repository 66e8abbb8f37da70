// lib/9p/ramfs_test.c: tests of the server library. A small in-memory file
// server (the first half of this file, written as a real server would use
// srv.h) runs on one end of a socketpair in a thread; a client in the main
// thread drives every message type through the other end, checks the
// protocol rules (walks, newfid, open modes, directory reads, flush, tags,
// version reset) and injects malformed messages and broken framing.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "9p/srv.h"
#include "tap/tap.h"

// The server: a tree of nodes. "pipe" is special: a read waits (its reply
// is deferred) until someone writes.
typedef struct Node Node;
struct Node {
	char name[64];
	P9Qid qid;
	uint32_t mode;
	uint8_t *data;
	size_t len;
	Node *parent, *child, *sibling, *all;
	int ispipe;
};

static Node *allnodes, *root;
static uint64_t nextpath;
static P9Req *pipereader; // the deferred read of "pipe", if any
static int livefids;      // attached or walked fids not yet destroyed

static Node *
newnode(Node *dir, const char *name, uint32_t mode)
{
	Node *n = calloc(1, sizeof *n);

	snprintf(n->name, sizeof n->name, "%s", name);
	n->mode = mode;
	n->qid.type = (uint8_t)(mode >> 24);
	n->qid.path = nextpath++;
	n->parent = dir != NULL ? dir : n;
	if (dir != NULL) {
		n->sibling = dir->child;
		dir->child = n;
	}
	n->all = allnodes;
	allnodes = n;
	return n;
}

static void
unlinknode(Node *n)
{
	Node **l;

	for (l = &n->parent->child; *l != NULL; l = &(*l)->sibling)
		if (*l == n) {
			*l = n->sibling;
			break;
		}
	n->parent = NULL;
}

static void
fsattach(P9Req *r)
{
	if (r->ifcall.aname.len != 0 && !p9_streqc(r->ifcall.aname, "main")) {
		p9_respond(r, "no such tree");
		return;
	}
	r->fid->aux = root;
	r->ofcall.qid = root->qid;
	livefids++;
	p9_respond(r, NULL);
}

static const char *
fsclone(P9Fid *old, P9Fid *new)
{
	new->aux = old->aux;
	livefids++;
	return NULL;
}

static const char *
fswalk1(P9Fid *fid, const char *name, P9Qid *qid)
{
	Node *n = fid->aux, *c;

	if (strcmp(name, "..") == 0) {
		c = n->parent;
	} else {
		for (c = n->child; c != NULL && strcmp(c->name, name) != 0; c = c->sibling)
			;
	}
	if (c == NULL)
		return p9_Enoent;
	fid->aux = c;
	*qid = c->qid;
	return NULL;
}

static void
fsopen(P9Req *r)
{
	Node *n = r->fid->aux;
	int m = r->ifcall.mode & 3;

	if ((m == P9_OWRITE || m == P9_ORDWR) && !(n->mode & 0222)) {
		p9_respond(r, p9_Eperm);
		return;
	}
	if (r->ifcall.mode & P9_OTRUNC)
		n->len = 0;
	p9_respond(r, NULL);
}

static void
fscreate(P9Req *r)
{
	Node *d = r->fid->aux, *c;
	char name[64];

	if (p9_strcpy(name, sizeof name, r->ifcall.name) == NULL) {
		p9_respond(r, "file name too long");
		return;
	}
	for (c = d->child; c != NULL; c = c->sibling)
		if (strcmp(c->name, name) == 0) {
			p9_respond(r, "file already exists");
			return;
		}
	c = newnode(d, name, r->ifcall.perm);
	r->fid->aux = c;
	r->ofcall.qid = c->qid;
	p9_respond(r, NULL);
}

static void
fillstat(Node *n, P9Dir *d)
{
	d->qid = n->qid;
	d->mode = n->mode;
	d->length = (n->mode & P9_DMDIR) ? 0 : n->len;
	d->name = p9_str(n == root ? "/" : n->name);
	d->uid = d->gid = d->muid = p9_str("glenda");
}

static int
dirgen(long i, P9Dir *d, void *aux)
{
	Node *c = ((Node *)aux)->child;

	while (c != NULL && i-- > 0)
		c = c->sibling;
	if (c == NULL)
		return -1;
	fillstat(c, d);
	return 0;
}

static void
fsread(P9Req *r)
{
	Node *n = r->fid->aux;

	if (n->mode & P9_DMDIR) {
		p9_dirread(r, dirgen, n);
		return;
	}
	if (n->ispipe) {
		if (pipereader != NULL) {
			p9_respond(r, "pipe already has a reader");
			return;
		}
		pipereader = r;
		return;
	}
	if (r->ifcall.offset < n->len) {
		size_t k = n->len - r->ifcall.offset;

		r->ofcall.count = (uint32_t)(k < r->ifcall.count ? k : r->ifcall.count);
		memcpy(r->rdata, n->data + r->ifcall.offset, r->ofcall.count);
	}
	p9_respond(r, NULL);
}

static void
fswrite(P9Req *r)
{
	Node *n = r->fid->aux;
	uint64_t end = r->ifcall.offset + r->ifcall.count;

	if (n->ispipe) {
		P9Req *rd = pipereader;

		if (rd == NULL) {
			p9_respond(r, "no reader on pipe");
			return;
		}
		pipereader = NULL;
		rd->ofcall.count =
		        r->ifcall.count < rd->ifcall.count ? r->ifcall.count : rd->ifcall.count;
		memcpy(rd->rdata, r->ifcall.data, rd->ofcall.count);
		r->ofcall.count = rd->ofcall.count;
		p9_respond(rd, NULL);
		p9_respond(r, NULL);
		return;
	}
	if (end > 1 << 20) {
		p9_respond(r, "file too large");
		return;
	}
	if (end > n->len) {
		n->data = realloc(n->data, end);
		memset(n->data + n->len, 0, end - n->len);
		n->len = end;
	}
	memcpy(n->data + r->ifcall.offset, r->ifcall.data, r->ifcall.count);
	r->ofcall.count = r->ifcall.count;
	p9_respond(r, NULL);
}

static const char *
rmnode(Node *n)
{
	if (n == root)
		return "cannot remove the root";
	if (n->child != NULL)
		return "directory not empty";
	if (n->parent != NULL)
		unlinknode(n);
	return NULL;
}

static void
fsremove(P9Req *r)
{
	p9_respond(r, rmnode(r->fid->aux));
}

static void
fsstat(P9Req *r)
{
	fillstat(r->fid->aux, &r->ofcall.dir);
	p9_respond(r, NULL);
}

// Rename and truncate; every other field must be "don't touch".
static void
fswstat(P9Req *r)
{
	Node *n = r->fid->aux;
	P9Dir *d = &r->ifcall.dir;

	if (d->mode != ~0u || d->mtime != ~0u || d->atime != ~0u || d->uid.len || d->gid.len) {
		p9_respond(r, "wstat: only name and length may change");
		return;
	}
	if (d->length != ~0ull && d->length > n->len) {
		p9_respond(r, "wstat: cannot grow a file");
		return;
	}
	if (d->name.len != 0 && p9_strcpy(n->name, sizeof n->name, d->name) == NULL) {
		p9_respond(r, "file name too long");
		return;
	}
	if (d->length != ~0ull)
		n->len = d->length;
	p9_respond(r, NULL);
}

static void
fsflush(P9Req *old)
{
	if (old == pipereader)
		pipereader = NULL;
	p9_respond(old, "interrupted");
}

static void
fsdestroyfid(P9Fid *fid)
{
	if (fid->aux == NULL)
		return;
	if (fid->omode != -1 && (fid->omode & P9_ORCLOSE))
		rmnode(fid->aux);
	livefids--;
}

static const P9SrvOps ramfs = {
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
        .flush = fsflush,
        .destroyfid = fsdestroyfid,
};

static void
maketree(void)
{
	Node *n, *d;

	root = newnode(NULL, "/", P9_DMDIR | 0777);
	n = newnode(root, "hello", 0444);
	n->data = (uint8_t *)strdup("hello, world\n");
	n->len = 13;
	d = newnode(root, "dir", P9_DMDIR | 0755);
	newnode(d, "sub", 0644);
	newnode(root, "pipe", 0666)->ispipe = 1;
}

static void
freetree(void)
{
	while (allnodes != NULL) {
		Node *n = allnodes;

		allnodes = n->all;
		free(n->data);
		free(n);
	}
}

// The client side.
static P9Srv srv;
static int cfd;
static uint8_t rxbuf[1 << 16];
static P9Fcall rx;

static void *
serverthread(void *arg)
{
	int fd = *(int *)arg;

	p9_srv_serve(&srv, fd, fd);
	close(fd);
	return NULL;
}

// With P9_TRACE=prefix, the well-formed part of the session (both
// directions) is written to prefix.hex (text2pcap's input) and the type and
// tag of each message to prefix.expect, for interop_test.sh.
static FILE *tracehex, *traceexp;

static void
trace(const uint8_t *b, size_t n)
{
	size_t i;

	if (tracehex == NULL || n < 7)
		return;
	for (i = 0; i < n; i++) {
		if (i % 16 == 0)
			fprintf(tracehex, "%s%06zx", i ? "\n" : "", i);
		fprintf(tracehex, " %02x", b[i]);
	}
	fprintf(tracehex, "\n");
	fprintf(traceexp, "%u|%u\n", b[4], b[5] | b[6] << 8);
}

static void
sendraw(const uint8_t *b, size_t n)
{
	trace(b, n);
	if (write(cfd, b, n) != (ssize_t)n)
		tap_diag("short write to server");
}

static void
sendf(P9Fcall *f)
{
	uint8_t b[1 << 16];
	P9Error err;
	long n = p9_encode(f, b, sizeof b, &err);

	if (n < 0) {
		tap_diag("test bug: cannot encode: %s", err.msg);
		return;
	}
	sendraw(b, (size_t)n);
}

static int
readfull(uint8_t *b, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(cfd, b + got, n - got);

		if (k <= 0)
			return 0;
		got += (size_t)k;
	}
	return 1;
}

// Receive one reply into rx; returns its type, or 0 at end of stream.
static int
recvf(void)
{
	P9Error err;
	uint32_t n;

	memset(&rx, 0, sizeof rx);
	if (!readfull(rxbuf, 4))
		return 0;
	n = p9_get32(rxbuf);
	if (n < 7 || n > sizeof rxbuf || !readfull(rxbuf + 4, n - 4))
		return 0;
	if (p9_decode(rxbuf, n, 0, &rx, &err) != P9_OK) {
		tap_diag("server sent a bad message: %s", err.msg);
		return 0;
	}
	trace(rxbuf, n);
	return rx.type;
}

static uint16_t nexttag = 1;

// One transaction; returns the reply type (P9_RERROR on error).
static int
rpc(P9Fcall *f)
{
	int t;

	if (f->type != P9_TVERSION)
		f->tag = nexttag++ % 1000;
	sendf(f);
	t = recvf();
	if (t != 0 && rx.tag != f->tag)
		tap_diag("reply tag %u for request tag %u", rx.tag, f->tag);
	return t;
}

static P9Fcall *
msg(uint8_t type, uint32_t fid)
{
	static P9Fcall f;

	memset(&f, 0, sizeof f);
	f.type = type;
	f.fid = fid;
	return &f;
}

static int
erris(const char *s)
{
	return rx.type == P9_RERROR && p9_streqc(rx.ename, s);
}

static int
errhas(const char *s)
{
	char e[256];

	return rx.type == P9_RERROR && p9_strcpy(e, sizeof e, rx.ename) && strstr(e, s) != NULL;
}

static int
version(const char *v, uint32_t msize)
{
	P9Fcall *f = msg(P9_TVERSION, 0);

	f->tag = P9_NOTAG;
	f->msize = msize;
	f->version = p9_str(v);
	return rpc(f);
}

static int
attach(uint32_t fid, const char *aname)
{
	P9Fcall *f = msg(P9_TATTACH, fid);

	f->afid = P9_NOFID;
	f->uname = p9_str("glenda");
	f->aname = p9_str(aname);
	return rpc(f);
}

// Walk fid to newfid along a slash-separated path ("" for a clone).
static int
walk(uint32_t fid, uint32_t newfid, const char *path)
{
	static char buf[256];
	P9Fcall *f = msg(P9_TWALK, fid);
	char *p, *save = NULL;

	f->newfid = newfid;
	snprintf(buf, sizeof buf, "%s", path);
	for (p = strtok_r(buf, "/", &save); p != NULL; p = strtok_r(NULL, "/", &save))
		f->wname[f->nwname++] = p9_str(p);
	return rpc(f);
}

static int
fopen9(uint32_t fid, uint8_t mode)
{
	P9Fcall *f = msg(P9_TOPEN, fid);

	f->mode = mode;
	return rpc(f);
}

static int
fread9(uint32_t fid, uint64_t off, uint32_t count)
{
	P9Fcall *f = msg(P9_TREAD, fid);

	f->offset = off;
	f->count = count;
	return rpc(f);
}

static int
fwrite9(uint32_t fid, uint64_t off, const char *s)
{
	P9Fcall *f = msg(P9_TWRITE, fid);

	f->offset = off;
	f->count = (uint32_t)strlen(s);
	f->data = (const uint8_t *)s;
	return rpc(f);
}

static int
datais(const char *s)
{
	return rx.type == P9_RREAD && rx.count == strlen(s) && memcmp(rx.data, s, rx.count) == 0;
}

static void
test_version(void)
{
	tap_ok(attach(0, "") == P9_RERROR && errhas("Tversion"),
	       "Tattach before Tversion is refused");
	tap_ok(version("9P1999", 8192) == P9_RVERSION && p9_streqc(rx.version, "unknown"),
	       "Tversion 9P1999 gets Rversion \"unknown\"");
	tap_ok(attach(0, "") == P9_RERROR, "still no session after an unknown version");
	tap_ok(version("9P2000.L", 8192) == P9_RVERSION && p9_streqc(rx.version, "9P2000"),
	       "Tversion 9P2000.L is answered with 9P2000");
	tap_ok(version("9P2000", 100) == P9_RERROR && errhas("msize"), "msize 100 is too small");
	tap_ok(version("9P2000", 1 << 20) == P9_RVERSION && rx.msize == 8192 + P9_IOHDRSZ &&
	               rx.tag == P9_NOTAG,
	       "msize 2^20 is clamped to the server's maximum 8216");
}

static void
test_attach(void)
{
	P9Fcall *f;

	f = msg(P9_TAUTH, 0);
	f->afid = 9;
	tap_ok(rpc(f) == P9_RERROR && errhas("authentication not required"), "Tauth refused");
	tap_ok(attach(0, "") == P9_RATTACH && (rx.qid.type & P9_QTDIR) && rx.qid.path == 0,
	       "Tattach gives the root qid");
	tap_ok(attach(0, "") == P9_RERROR && errhas("in use"), "Tattach on a fid in use fails");
	tap_ok(attach(1, "nosuch") == P9_RERROR && erris("no such tree"),
	       "Tattach to an unknown tree fails");
	tap_ok(attach(1, "main") == P9_RATTACH, "the failed attach left fid 1 free");
	f = msg(P9_TATTACH, 2);
	f->afid = 5;
	tap_ok(rpc(f) == P9_RERROR, "Tattach with an afid is refused");
}

static void
test_walk(void)
{
	P9Fcall *f;
	int i;

	tap_ok(walk(0, 10, "") == P9_RWALK && rx.nwqid == 0, "walk with no names clones");
	tap_ok(walk(0, 11, "dir/sub") == P9_RWALK && rx.nwqid == 2 &&
	               (rx.wqid[0].type & P9_QTDIR) && !(rx.wqid[1].type & P9_QTDIR),
	       "walk dir/sub gives two qids");
	tap_ok(walk(0, 12, "dir/nosuch/x") == P9_RWALK && rx.nwqid == 1,
	       "partial walk returns the qids of the prefix");
	tap_ok(rpc(msg(P9_TSTAT, 12)) == P9_RERROR && erris(p9_Eunknownfid),
	       "a partial walk does not create newfid");
	tap_ok(walk(0, 12, "nosuch") == P9_RERROR && erris(p9_Enoent),
	       "a walk failing at the first name is an Rerror");
	tap_ok(walk(0, 10, "dir") == P9_RERROR && errhas("in use"), "newfid in use is refused");
	tap_ok(walk(11, 12, "x") == P9_RERROR && errhas("non-directory"),
	       "walking from a file is refused");
	f = msg(P9_TWALK, 0);
	f->newfid = 12, f->nwname = 1, f->wname[0] = p9_str("a/b");
	tap_ok(rpc(f) == P9_RERROR && errhas("bad file name"), "a name with a slash is refused");
	tap_ok(walk(99, 12, "dir") == P9_RERROR && erris(p9_Eunknownfid), "walk of an unknown fid");
	tap_ok(walk(10, 10, "dir") == P9_RWALK && rx.nwqid == 1, "walk in place (newfid == fid)");
	tap_ok(walk(10, 10, "nosuch") == P9_RERROR, "failed walk in place");
	tap_ok(walk(10, 12, "sub") == P9_RWALK && rx.nwqid == 1,
	       "the failed walk in place left fid 10 where it was");
	tap_ok(walk(10, 10, "..") == P9_RWALK && rx.wqid[0].path == 0, ".. goes to the root");
	tap_ok(walk(10, 10, "dir/sub/x") == P9_RWALK && rx.nwqid == 2,
	       "partial walk in place returns the prefix");
	tap_ok(walk(10, 13, "dir") == P9_RWALK && rx.nwqid == 1,
	       "a partial walk in place leaves the fid unchanged");
	f = msg(P9_TWALK, 0);
	f->newfid = 14, f->nwname = P9_MAXWELEM;
	for (i = 0; i < P9_MAXWELEM; i++)
		f->wname[i] = p9_str(i % 2 ? ".." : "dir");
	tap_ok(rpc(f) == P9_RWALK && rx.nwqid == P9_MAXWELEM && rx.wqid[15].path == 0,
	       "a walk of 16 names");
	for (i = 10; i <= 14; i++)
		rpc(msg(P9_TCLUNK, (uint32_t)i));
}

static void
test_open_read_write(void)
{
	P9Fcall *f;

	walk(0, 20, "hello");
	tap_ok(fopen9(20, P9_OREAD) == P9_ROPEN && rx.qid.path == 1 && rx.iounit == 0,
	       "open hello");
	tap_ok(fread9(20, 0, 100) == P9_RREAD && datais("hello, world\n"), "read hello");
	tap_ok(fread9(20, 7, 5) == P9_RREAD && datais("world"), "read at an offset");
	tap_ok(fread9(20, 13, 5) == P9_RREAD && rx.count == 0, "read at the end gives 0 bytes");
	tap_ok(fread9(20, 0, 0xFFFFFFFF) == P9_RREAD && rx.count == 13, "huge count is clamped");
	tap_ok(fopen9(20, P9_OREAD) == P9_RERROR && errhas("already open"), "open twice");
	tap_ok(walk(20, 21, "") == P9_RERROR && errhas("open fid"), "walk of an open fid");
	tap_ok(fwrite9(20, 0, "x") == P9_RERROR && errhas("not open for writing"),
	       "write to a fid open for reading");
	walk(0, 21, "hello");
	tap_ok(fread9(21, 0, 10) == P9_RERROR && erris("fid not open"), "read of an unopened fid");
	tap_ok(fopen9(21, P9_OWRITE) == P9_RERROR && erris(p9_Eperm),
	       "the server's permission check refuses writing hello");
	tap_ok(fopen9(21, 0x80) == P9_RERROR && errhas("bad open mode"), "bad open mode bits");
	walk(0, 22, "dir");
	tap_ok(fopen9(22, P9_ORDWR) == P9_RERROR && erris(p9_Eisdir), "open a directory ORDWR");
	tap_ok(fopen9(22, P9_OREAD | P9_OTRUNC) == P9_RERROR && erris(p9_Eisdir),
	       "open a directory with OTRUNC");

	// Create, write, read back.
	walk(0, 23, "");
	f = msg(P9_TCREATE, 23);
	f->name = p9_str("new"), f->perm = 0644, f->mode = P9_ORDWR;
	tap_ok(rpc(f) == P9_RCREATE && !(rx.qid.type & P9_QTDIR), "create new");
	tap_ok(fwrite9(23, 0, "abc") == P9_RWRITE && rx.count == 3, "write to the new file");
	tap_ok(fwrite9(23, 5, "z") == P9_RWRITE, "write past the end");
	tap_ok(fread9(23, 0, 100) == P9_RREAD && rx.count == 6 &&
	               memcmp(rx.data, "abc\0\0z", 6) == 0,
	       "read back what was written");
	walk(0, 24, "");
	f = msg(P9_TCREATE, 24);
	f->name = p9_str("new"), f->perm = 0644, f->mode = P9_OREAD;
	tap_ok(rpc(f) == P9_RERROR && errhas("exists"), "create of an existing name");
	f = msg(P9_TCREATE, 24);
	f->name = p9_str(".."), f->perm = 0644;
	tap_ok(rpc(f) == P9_RERROR && errhas("bad file name"), "create \"..\"");
	f = msg(P9_TCREATE, 24);
	f->name = p9_str("d2"), f->perm = P9_DMDIR | 0755, f->mode = P9_OWRITE;
	tap_ok(rpc(f) == P9_RERROR && erris(p9_Eisdir), "create a directory for writing");
	f = msg(P9_TCREATE, 21);
	f->name = p9_str("x"), f->perm = 0644;
	tap_ok(rpc(f) == P9_RERROR && errhas("non-directory"), "create in a file");
	f = msg(P9_TCREATE, 24);
	f->name = p9_str("d2"), f->perm = P9_DMDIR | 0755, f->mode = P9_OREAD;
	tap_ok(rpc(f) == P9_RCREATE && (rx.qid.type & P9_QTDIR), "create a directory");
	tap_ok(fread9(24, 0, 1000) == P9_RREAD && rx.count == 0, "the new directory is empty");
	for (int i = 20; i <= 24; i++)
		rpc(msg(P9_TCLUNK, (uint32_t)i));
}

// Read the root directory with the given count per read; returns the
// names seen, separated by spaces, or NULL on an error.
static char lserr[256];

static const char *
lsroot(uint32_t count)
{
	static char names[512];
	uint64_t off = 0;
	size_t used, k;

	names[0] = '\0';
	walk(0, 30, "");
	fopen9(30, P9_OREAD);
	for (;;) {
		if (fread9(30, off, count) != P9_RREAD) {
			p9_strcpy(lserr, sizeof lserr, rx.ename);
			rpc(msg(P9_TCLUNK, 30));
			return NULL;
		}
		if (rx.count == 0)
			break;
		off += rx.count;
		for (k = 0; k < rx.count; k += used) {
			P9Dir d;
			char n[64];

			if (p9_dir_unpack(rx.data + k, rx.count - k, &d, &used, NULL) != P9_OK)
				return NULL;
			p9_strcpy(n, sizeof n, d.name);
			strcat(names, n);
			strcat(names, " ");
		}
	}
	rpc(msg(P9_TCLUNK, 30));
	return names;
}

static void
test_dirread(void)
{
	const char *s;

	s = lsroot(4000);
	tap_ok(s != NULL && strcmp(s, "d2 new pipe dir hello ") == 0, "read the root: %s",
	       s ? s : "error");
	s = lsroot(80);
	tap_ok(s != NULL && strcmp(s, "d2 new pipe dir hello ") == 0,
	       "read the root one entry at a time: %s", s ? s : "error");
	tap_ok(lsroot(20) == NULL && strstr(lserr, "too small"), "a count too small for one entry");
	walk(0, 31, "");
	fopen9(31, P9_OREAD);
	fread9(31, 0, 80);
	tap_ok(fread9(31, 5, 80) == P9_RERROR && errhas("bad offset"),
	       "a directory read at a seek offset is refused");
	tap_ok(fread9(31, 0, 4000) == P9_RREAD && rx.count > 0, "offset 0 starts again");
	rpc(msg(P9_TCLUNK, 31));
}

static void
test_stat_remove(void)
{
	P9Fcall *f;

	walk(0, 40, "hello");
	tap_ok(rpc(msg(P9_TSTAT, 40)) == P9_RSTAT && p9_streqc(rx.dir.name, "hello") &&
	               rx.dir.length == 13 && rx.dir.mode == 0444 &&
	               p9_streqc(rx.dir.uid, "glenda"),
	       "stat hello");
	f = msg(P9_TWSTAT, 40);
	memset(&f->dir, 0xFF, sizeof f->dir);
	f->dir.name = p9_str("greeting");
	f->dir.uid = f->dir.gid = f->dir.muid = p9_str("");
	tap_ok(rpc(f) == P9_RWSTAT, "wstat renames hello");
	tap_ok(walk(0, 41, "greeting") == P9_RWALK && rx.nwqid == 1, "the new name walks");
	f = msg(P9_TWSTAT, 41);
	memset(&f->dir, 0xFF, sizeof f->dir);
	f->dir.name = f->dir.uid = f->dir.gid = f->dir.muid = p9_str("");
	f->dir.mode = 0777;
	tap_ok(rpc(f) == P9_RERROR && errhas("only name and length"),
	       "the server refuses a mode change");
	tap_ok(rpc(msg(P9_TCLUNK, 41)) == P9_RCLUNK, "clunk");
	tap_ok(rpc(msg(P9_TCLUNK, 41)) == P9_RERROR && erris(p9_Eunknownfid), "clunk twice");

	walk(0, 42, "new");
	tap_ok(rpc(msg(P9_TREMOVE, 42)) == P9_RREMOVE, "remove new");
	tap_ok(walk(0, 43, "new") == P9_RERROR && erris(p9_Enoent), "new is gone");
	tap_ok(rpc(msg(P9_TSTAT, 42)) == P9_RERROR, "remove clunked the fid");
	walk(0, 42, "dir");
	tap_ok(rpc(msg(P9_TREMOVE, 42)) == P9_RERROR && errhas("not empty"),
	       "remove a non-empty directory fails");
	tap_ok(rpc(msg(P9_TSTAT, 42)) == P9_RERROR && erris(p9_Eunknownfid),
	       "a failed remove clunks the fid too");

	// ORCLOSE: the file goes when the fid is clunked.
	walk(0, 44, "");
	f = msg(P9_TCREATE, 44);
	f->name = p9_str("tmp"), f->perm = 0600, f->mode = P9_ORDWR | P9_ORCLOSE;
	tap_ok(rpc(f) == P9_RCREATE, "create tmp with ORCLOSE");
	tap_ok(walk(0, 45, "tmp") == P9_RWALK && rx.nwqid == 1, "tmp exists");
	rpc(msg(P9_TCLUNK, 45));
	rpc(msg(P9_TCLUNK, 44));
	tap_ok(walk(0, 45, "tmp") == P9_RERROR, "tmp is removed at clunk");
	rpc(msg(P9_TCLUNK, 40));
}

static void
test_flush(void)
{
	P9Fcall *f;
	int t1, t2, tag1, tag2;

	walk(0, 50, "pipe");
	fopen9(50, P9_ORDWR);
	walk(0, 51, "pipe");
	fopen9(51, P9_OWRITE);

	// A read that waits, then a Tflush: only Rflush comes back.
	f = msg(P9_TREAD, 50);
	f->tag = 500, f->count = 100;
	sendf(f);
	f = msg(P9_TFLUSH, 0);
	f->tag = 501, f->oldtag = 500;
	sendf(f);
	tap_ok(recvf() == P9_RFLUSH && rx.tag == 501, "Tflush of a waiting read gives Rflush");
	tap_ok(fwrite9(51, 0, "x") == P9_RERROR && errhas("no reader"),
	       "the flushed read is gone from the server");

	// A waiting read answered by a later write: two replies, by tag.
	f = msg(P9_TREAD, 50);
	f->tag = 502, f->count = 100;
	sendf(f);
	f = msg(P9_TSTAT, 50);
	f->tag = 502;
	sendf(f);
	tap_ok(recvf() == P9_RERROR && errhas("tag already in use") && rx.tag == 502,
	       "a second request with a pending tag is refused");
	f = msg(P9_TWRITE, 51);
	f->tag = 503, f->count = 4, f->data = (const uint8_t *)"ping";
	sendf(f);
	t1 = recvf(), tag1 = rx.tag;
	tap_ok(t1 == P9_RREAD && tag1 == 502 && datais("ping"), "the waiting read gets the data");
	t2 = recvf(), tag2 = rx.tag;
	tap_ok(t2 == P9_RWRITE && tag2 == 503 && rx.count == 4, "then the write is answered");

	f = msg(P9_TFLUSH, 0);
	f->oldtag = 777;
	tap_ok(rpc(f) == P9_RFLUSH, "Tflush of an unknown tag gives Rflush at once");

	// Leave a read waiting: Tversion must abort it and clunk every fid.
	f = msg(P9_TREAD, 50);
	f->tag = 504, f->count = 100;
	sendf(f);
}

// Malformed messages on a live connection: each gets an Rerror with its
// tag and the connection goes on.
static void
test_malformed(void)
{
	uint8_t b[256];
	P9Fcall f;
	long n;
	int i;

	memset(&f, 0, sizeof f);
	f.type = P9_TSTAT, f.tag = 600, f.fid = 0;
	n = p9_encode(&f, b, sizeof b, NULL);
	b[4] = 106;
	sendraw(b, (size_t)n);
	tap_ok(recvf() == P9_RERROR && rx.tag == 600 && errhas("bad type"), "bad type byte");
	b[0] = 7, b[4] = P9_RFLUSH;
	sendraw(b, 7);
	tap_ok(recvf() == P9_RERROR && errhas("unexpected Rflush"), "an R-message from the client");
	b[4] = P9_TSTAT;
	b[0] = (uint8_t)(n + 2), b[n] = 0, b[n + 1] = 0;
	sendraw(b, (size_t)n + 2);
	tap_ok(recvf() == P9_RERROR && errhas("trailing"), "trailing bytes");

	memset(&f, 0, sizeof f);
	f.type = P9_TWALK, f.tag = 601, f.fid = 0, f.newfid = 60, f.nwname = 16;
	for (i = 0; i < 16; i++)
		f.wname[i] = p9_str("..");
	n = p9_encode(&f, b, sizeof b, NULL);
	b[15] = 17;
	sendraw(b, (size_t)n);
	tap_ok(recvf() == P9_RERROR && rx.tag == 601 && errhas("nwname 17 exceeds 16"),
	       "nwname 17");
	memset(&f, 0, sizeof f);
	f.type = P9_TATTACH, f.tag = 602, f.fid = 61, f.afid = P9_NOFID;
	f.uname = p9_str("u"), f.aname = p9_str("");
	n = p9_encode(&f, b, sizeof b, NULL);
	b[15] = 50;
	sendraw(b, (size_t)n);
	tap_ok(recvf() == P9_RERROR && errhas("overruns"), "string length overrun");
	b[15] = 1, b[17] = 0xFF;
	sendraw(b, (size_t)n);
	tap_ok(recvf() == P9_RERROR && errhas("UTF-8"), "bad UTF-8 in uname");
	tap_ok(rpc(msg(P9_TSTAT, 0)) == P9_RSTAT, "the connection still works");
}

static void
test_reset(void)
{
	int live = livefids;

	tap_ok(live >= 3, "fids are live before the reset (%d)", live);
	tap_ok(version("9P2000", 8192) == P9_RVERSION && rx.msize == 8192,
	       "a second Tversion resets the session (no reply for the aborted read)");
	tap_ok(livefids == 0, "every fid was destroyed (%d left)", livefids);
	tap_ok(pipereader == NULL, "the waiting read was flushed");
	tap_ok(rpc(msg(P9_TSTAT, 0)) == P9_RERROR && erris(p9_Eunknownfid),
	       "old fids are gone after Tversion");
	tap_ok(attach(0, "") == P9_RATTACH, "attach again");
}

static void
test_limits(void)
{
	int i, ok = 1;

	// maxfids is 16 for this connection.
	for (i = 1; i < 16; i++)
		if (walk(0, (uint32_t)(100 + i), "") != P9_RWALK)
			ok = 0;
	tap_ok(ok, "15 more fids fit");
	tap_ok(walk(0, 200, "") == P9_RERROR && errhas("too many fids"), "the 17th fid does not");
	rpc(msg(P9_TCLUNK, 101));
	tap_ok(walk(0, 200, "") == P9_RWALK, "after a clunk there is room again");
}

// The same server without the optional callbacks: the library's defaults.
static const P9SrvOps minimal = {
        .attach = fsattach,
        .walk1 = fswalk1,
        .clone = fsclone,
        .read = fsread,
        .write = fswrite,
        .stat = fsstat,
        .destroyfid = fsdestroyfid,
};

static void
test_defaults(void)
{
	P9Fcall *f;
	int t1, t2, t3, tag1, tag2;

	version("9P2000", 8192);
	attach(0, "");
	walk(0, 1, "dir/sub");
	tap_ok(fopen9(1, P9_ORDWR) == P9_ROPEN, "no open callback: open allowed");
	tap_ok(rpc(msg(P9_TREMOVE, 1)) == P9_RERROR && erris("remove prohibited"),
	       "no remove callback: remove prohibited");
	tap_ok(rpc(msg(P9_TSTAT, 1)) == P9_RERROR && erris(p9_Eunknownfid),
	       "the prohibited remove still clunked the fid");
	walk(0, 1, "dir");
	f = msg(P9_TCREATE, 1);
	f->name = p9_str("x"), f->perm = 0644;
	tap_ok(rpc(f) == P9_RERROR && erris("create prohibited"), "no create callback");
	f = msg(P9_TWSTAT, 1);
	memset(&f->dir, 0xFF, sizeof f->dir);
	f->dir.name = f->dir.uid = f->dir.gid = f->dir.muid = p9_str("");
	tap_ok(rpc(f) == P9_RERROR && erris("wstat prohibited"), "no wstat callback");

	// No flush callback: the Rflush waits for the old request's reply.
	walk(0, 2, "pipe");
	fopen9(2, P9_ORDWR);
	f = msg(P9_TREAD, 2);
	f->tag = 700, f->count = 10;
	sendf(f);
	f = msg(P9_TFLUSH, 0);
	f->tag = 701, f->oldtag = 700;
	sendf(f);
	f = msg(P9_TWRITE, 2);
	f->tag = 702, f->count = 2, f->data = (const uint8_t *)"hi";
	sendf(f);
	t1 = recvf(), tag1 = rx.tag;
	tap_ok(t1 == P9_RREAD && tag1 == 700 && datais("hi"),
	       "the flushed read, answered with data, is replied to first");
	t2 = recvf(), tag2 = rx.tag;
	tap_ok(t2 == P9_RFLUSH && tag2 == 701, "then the Rflush");
	t3 = recvf();
	tap_ok(t3 == P9_RWRITE && rx.tag == 702, "then the write");
}

// Start a server thread on a fresh socketpair.
static pthread_t
start(const P9SrvOps *ops, int maxfids)
{
	static int sfd;
	int sv[2];
	pthread_t t;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	cfd = sv[0];
	sfd = sv[1];
	p9_srv_init(&srv, ops, NULL);
	srv.maxfids = maxfids;
	pthread_create(&t, NULL, serverthread, &sfd);
	return t;
}

// Broken framing: the server closes the connection and says why.
static void
framing(const uint8_t *b, size_t n, int closeafter, const char *why, const char *what)
{
	pthread_t t = start(&ramfs, 16);
	int eof;

	version("9P2000", 8192);
	sendraw(b, n);
	if (closeafter)
		shutdown(cfd, SHUT_WR);
	eof = recvf() == 0;
	pthread_join(t, NULL);
	close(cfd);
	tap_ok(eof && strstr(srv.lasterr, why) != NULL, "%s: connection closed: %s", what,
	       srv.lasterr);
}

// Random damage to valid messages, fed to p9_srv_handle: every reply must
// be a well-formed message and nothing may crash.
static void
test_random(void)
{
	static const uint8_t seeds[][24] = {
	        {11, 0, 0, 0, P9_TSTAT, 1, 0, 0, 0, 0, 0},
	        {17, 0, 0, 0, P9_TWALK, 2, 0, 0, 0, 0, 0, 70, 0, 0, 0, 0, 0, 0},
	        {12, 0, 0, 0, P9_TOPEN, 3, 0, 70, 0, 0, 0, 0},
	        {23, 0, 0, 0, P9_TREAD, 4, 0, 70, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0},
	        {9, 0, 0, 0, P9_TFLUSH, 5, 0, 4, 0},
	        {11, 0, 0, 0, P9_TCLUNK, 6, 0, 70, 0, 0, 0},
	};
	uint8_t m[64];
	int sv[2], i, bad = 0;
	unsigned seed = 12345;
	P9Fcall f;
	long n;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	cfd = sv[0];
	p9_srv_init(&srv, &ramfs, NULL);
	p9_srv_setout(&srv, sv[1]);
	memset(&f, 0, sizeof f);
	f.type = P9_TVERSION, f.tag = P9_NOTAG, f.msize = 8192, f.version = p9_str("9P2000");
	n = p9_encode(&f, m, sizeof m, NULL);
	p9_srv_handle(&srv, m, (size_t)n);
	tap_ok(recvf() == P9_RVERSION, "p9_srv_handle: Tversion");
	memset(&f, 0, sizeof f);
	f.type = P9_TATTACH, f.tag = 1, f.afid = P9_NOFID;
	n = p9_encode(&f, m, sizeof m, NULL);
	p9_srv_handle(&srv, m, (size_t)n);
	tap_ok(recvf() == P9_RATTACH, "p9_srv_handle: Tattach");
	for (i = 0; i < 20000; i++) {
		const uint8_t *s = seeds[i % 6];
		size_t len = p9_get32(s), k;

		memcpy(m, s, len);
		for (k = 0; k < (size_t)(1 + i % 3); k++) {
			seed = seed * 1103515245 + 12345;
			m[7 + (seed >> 8) % (len - 7)] ^= (uint8_t)(seed >> 20);
		}
		if (p9_srv_handle(&srv, m, len) < 0)
			bad++;
		while (1) {
			uint8_t peek;

			if (recv(cfd, &peek, 1, MSG_DONTWAIT | MSG_PEEK) != 1)
				break;
			if (recvf() == 0)
				bad++;
		}
	}
	tap_ok(bad == 0, "20000 damaged messages: all answered with valid replies");
	p9_srv_close(&srv);
	tap_ok(livefids == 0, "all fids destroyed after the reset");
	close(sv[0]);
	close(sv[1]);
}

int
main(void)
{
	pthread_t t;
	uint8_t b[16];

	maketree();
	if (getenv("P9_TRACE") != NULL) {
		char path[512];

		snprintf(path, sizeof path, "%s.hex", getenv("P9_TRACE"));
		tracehex = fopen(path, "w");
		snprintf(path, sizeof path, "%s.expect", getenv("P9_TRACE"));
		traceexp = fopen(path, "w");
		if (tracehex == NULL || traceexp == NULL)
			return 1;
	}
	t = start(&ramfs, 16);
	test_version();
	test_attach();
	test_walk();
	test_open_read_write();
	test_dirread();
	test_stat_remove();
	test_flush();
	if (tracehex != NULL) {
		fclose(tracehex);
		fclose(traceexp);
		tracehex = traceexp = NULL;
	}
	test_malformed();
	test_reset();
	test_limits();
	close(cfd);
	pthread_join(t, NULL);
	tap_ok(srv.lasterr[0] == '\0' && livefids == 0,
	       "client close ends serve cleanly and destroys all fids");

	t = start(&minimal, 16);
	test_defaults();
	close(cfd);
	pthread_join(t, NULL);
	tap_ok(livefids == 0, "minimal server: all fids destroyed at close");

	memset(b, 0, sizeof b);
	b[0] = 3;
	framing(b, 4, 0, "outside 7..", "size 3");
	b[0] = 0, b[1] = 0, b[2] = 1;
	framing(b, 4, 0, "outside 7..", "size 65536 above msize");
	b[0] = 20, b[1] = 0, b[2] = 0, b[4] = P9_TSTAT;
	framing(b, 10, 1, "stream ended inside a 20-byte message", "stream cut mid-message");
	framing(b, 2, 1, "inside a size field", "stream cut in the size field");

	test_random();
	freetree();
	return tap_done();
}
