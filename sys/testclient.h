// sys/testclient.h: a small 9P2000 client for the host tests of the file
// servers in sys/ (tarfs_test.c, ramfs_test.c). The server under test runs
// p9_srv_serve in a thread on one end of a socketpair; the test drives it
// through the other end with one request at a time, encoded and decoded
// with lib/9p's codec. Header-only, test code only.
#ifndef SYS_TESTCLIENT_H
#define SYS_TESTCLIENT_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "9p/srv.h"
#include "tap/tap.h"

#define TC_FN __attribute__((unused)) static

typedef struct Client {
	int fd, srvfd;
	P9Srv *srv;
	int srvrc;
	pthread_t thread;
	uint16_t tag;
	P9Fcall rx; // the last reply; its strings point into buf
	uint8_t buf[1 << 17];
	uint8_t out[1 << 17];
	P9Fcall tx;
} Client;

static void *
tc_serverthread(void *arg)
{
	Client *c = arg;

	c->srvrc = p9_srv_serve(c->srv, c->srvfd, c->srvfd);
	close(c->srvfd);
	return NULL;
}

// Start serving srv (initialised by the caller) and connect to it.
TC_FN int
tc_start(Client *c, P9Srv *srv)
{
	int sv[2];

	memset(c, 0, sizeof *c);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return -1;
	c->fd = sv[0];
	c->srvfd = sv[1];
	c->srv = srv;
	c->tag = 1;
	return pthread_create(&c->thread, NULL, tc_serverthread, c) == 0 ? 0 : -1;
}

// Hang up and wait for the server; returns what p9_srv_serve returned.
TC_FN int
tc_stop(Client *c)
{
	close(c->fd);
	pthread_join(c->thread, NULL);
	return c->srvrc;
}

static int
tc_readfull(Client *c, uint8_t *b, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(c->fd, b + got, n - got);

		if (k <= 0)
			return 0;
		got += (size_t)k;
	}
	return 1;
}

// Send c->tx and receive the reply into c->rx; returns its type (0 when
// the connection broke or the reply did not decode).
TC_FN int
tc_rpc(Client *c)
{
	P9Error err;
	long n;
	uint32_t size;

	if (c->tx.type != P9_TVERSION)
		c->tx.tag = c->tag++ % 60000;
	n = p9_encode(&c->tx, c->out, sizeof c->out, &err);
	if (n < 0) {
		tap_diag("test bug: cannot encode: %s", err.msg);
		return 0;
	}
	if (write(c->fd, c->out, (size_t)n) != n)
		return 0;
	memset(&c->rx, 0, sizeof c->rx);
	if (!tc_readfull(c, c->buf, 4))
		return 0;
	size = p9_get32(c->buf);
	if (size < 7 || size > sizeof c->buf || !tc_readfull(c, c->buf + 4, size - 4))
		return 0;
	if (p9_decode(c->buf, size, 0, &c->rx, &err) != P9_OK) {
		tap_diag("server sent a bad message: %s", err.msg);
		return 0;
	}
	if (c->rx.tag != c->tx.tag) {
		tap_diag("reply tag %u for request tag %u", c->rx.tag, c->tx.tag);
		return 0;
	}
	return c->rx.type;
}

TC_FN P9Fcall *
tc_msg(Client *c, uint8_t type, uint32_t fid)
{
	memset(&c->tx, 0, sizeof c->tx);
	c->tx.type = type;
	c->tx.fid = fid;
	return &c->tx;
}

TC_FN int
tc_version(Client *c, uint32_t msize)
{
	P9Fcall *f = tc_msg(c, P9_TVERSION, 0);

	f->tag = P9_NOTAG;
	f->msize = msize;
	f->version = p9_str(P9_VERSION);
	return tc_rpc(c);
}

TC_FN int
tc_attach(Client *c, uint32_t fid, const char *uname, const char *aname)
{
	P9Fcall *f = tc_msg(c, P9_TATTACH, fid);

	f->afid = P9_NOFID;
	f->uname = p9_str(uname);
	f->aname = p9_str(aname);
	return tc_rpc(c);
}

// Walk fid to newfid along a slash-separated path ("" clones).
TC_FN int
tc_walk(Client *c, uint32_t fid, uint32_t newfid, const char *path)
{
	static char names[4096];
	P9Fcall *f = tc_msg(c, P9_TWALK, fid);
	char *p, *save = NULL;

	f->newfid = newfid;
	snprintf(names, sizeof names, "%s", path);
	for (p = strtok_r(names, "/", &save); p != NULL && f->nwname < P9_MAXWELEM;
	     p = strtok_r(NULL, "/", &save))
		f->wname[f->nwname++] = p9_str(p);
	return tc_rpc(c);
}

TC_FN int
tc_open(Client *c, uint32_t fid, uint8_t mode)
{
	tc_msg(c, P9_TOPEN, fid)->mode = mode;
	return tc_rpc(c);
}

TC_FN int
tc_create(Client *c, uint32_t fid, const char *name, uint32_t perm, uint8_t mode)
{
	P9Fcall *f = tc_msg(c, P9_TCREATE, fid);

	f->name = p9_str(name);
	f->perm = perm;
	f->mode = mode;
	return tc_rpc(c);
}

TC_FN int
tc_read(Client *c, uint32_t fid, uint64_t offset, uint32_t count)
{
	P9Fcall *f = tc_msg(c, P9_TREAD, fid);

	f->offset = offset;
	f->count = count;
	return tc_rpc(c);
}

TC_FN int
tc_write(Client *c, uint32_t fid, uint64_t offset, const void *data, uint32_t count)
{
	P9Fcall *f = tc_msg(c, P9_TWRITE, fid);

	f->offset = offset;
	f->count = count;
	f->data = data;
	return tc_rpc(c);
}

TC_FN int
tc_writestr(Client *c, uint32_t fid, uint64_t offset, const char *s)
{
	return tc_write(c, fid, offset, s, (uint32_t)strlen(s));
}

TC_FN int
tc_clunk(Client *c, uint32_t fid)
{
	tc_msg(c, P9_TCLUNK, fid);
	return tc_rpc(c);
}

TC_FN int
tc_remove(Client *c, uint32_t fid)
{
	tc_msg(c, P9_TREMOVE, fid);
	return tc_rpc(c);
}

TC_FN int
tc_stat(Client *c, uint32_t fid)
{
	tc_msg(c, P9_TSTAT, fid);
	return tc_rpc(c);
}

// A stat entry that changes nothing (stat(5)'s "don't touch" values).
TC_FN void
tc_nulldir(P9Dir *d)
{
	memset(d, 0, sizeof *d);
	d->type = 0xFFFF;
	d->dev = ~0u;
	d->qid.type = 0xFF;
	d->qid.vers = ~0u;
	d->qid.path = ~0ull;
	d->mode = d->atime = d->mtime = ~0u;
	d->length = ~0ull;
}

TC_FN int
tc_wstat(Client *c, uint32_t fid, const P9Dir *d)
{
	P9Fcall *f = tc_msg(c, P9_TWSTAT, fid);

	f->dir = *d;
	return tc_rpc(c);
}

// Whether the last reply was Rerror with exactly this string.
TC_FN int
tc_erris(Client *c, const char *s)
{
	if (c->rx.type == P9_RERROR && p9_streqc(c->rx.ename, s))
		return 1;
	if (c->rx.type == P9_RERROR)
		tap_diag("Rerror \"%.*s\", expected \"%s\"", (int)c->rx.ename.len, c->rx.ename.p,
		         s);
	else
		tap_diag("got %s, expected Rerror \"%s\"", p9_typename(c->rx.type), s);
	return 0;
}

// Whether the last reply was Rread with exactly these bytes.
TC_FN int
tc_datais(Client *c, const void *p, size_t n)
{
	return c->rx.type == P9_RREAD && c->rx.count == n && memcmp(c->rx.data, p, n) == 0;
}

// Read the open directory fid from offset 0 with reads of count bytes,
// storing up to max entries' names (each cap bytes) in names. Every Rread
// must hold whole entries only. Returns the number of entries or -1.
TC_FN long
tc_readdir(Client *c, uint32_t fid, uint32_t count, char *names, size_t cap, long max)
{
	uint64_t off = 0;
	long n = 0;

	for (;;) {
		size_t at = 0;

		if (tc_read(c, fid, off, count) != P9_RREAD)
			return -1;
		if (c->rx.count == 0)
			return n;
		while (at < c->rx.count) {
			P9Dir d;
			size_t used;

			if (p9_dir_unpack(c->rx.data + at, c->rx.count - at, &d, &used, NULL) !=
			    P9_OK) {
				tap_diag("directory read at %llu: entry split or bad at byte %zu",
				         (unsigned long long)off, at);
				return -1;
			}
			if (n < max && names != NULL)
				p9_strcpy(names + (size_t)n * cap, cap, d.name);
			n++;
			at += used;
		}
		off += c->rx.count;
	}
}

#endif
