// lib/9p/srv_fuzz.c: libFuzzer target for the server library. The input is
// split into messages by their size[4] fields and fed to p9_srv_handle of a
// small server (a directory, a file, and a file whose reads wait for a
// write, so flushes and deferred replies are exercised). Every reply must
// decode; nothing may crash or leak.
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "9p/srv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Nodes: 0 the root, 1 "file", 2 "wait" (reads wait for a write).
static const char *const names[] = {"/", "file", "wait"};
static uint8_t filedata[64] = "hello";
static size_t filelen = 5;
static P9Req *waiter;

static P9Qid
qidof(long n)
{
	P9Qid q = {n == 0 ? P9_QTDIR : P9_QTFILE, 0, (uint64_t)n};

	return q;
}

static long
nodeof(P9Fid *f)
{
	return (long)(intptr_t)f->aux;
}

static void
fsattach(P9Req *r)
{
	r->fid->aux = (void *)0;
	r->ofcall.qid = qidof(0);
	p9_respond(r, NULL);
}

static const char *
fswalk1(P9Fid *f, const char *name, P9Qid *q)
{
	long i;

	for (i = 0; i < 3; i++) {
		if (strcmp(name, i == 0 ? ".." : names[i]) == 0) {
			f->aux = (void *)(intptr_t)i;
			*q = qidof(i);
			return NULL;
		}
	}
	return p9_Enoent;
}

static void
fillstat(long n, P9Dir *d)
{
	d->qid = qidof(n);
	d->mode = n == 0 ? P9_DMDIR | 0777 : 0666;
	d->length = n == 1 ? filelen : 0;
	d->name = p9_str(names[n]);
	d->uid = d->gid = d->muid = p9_str("fuzz");
}

static int
gen(long i, P9Dir *d, void *aux)
{
	(void)aux;
	if (i >= 2)
		return -1;
	fillstat(i + 1, d);
	return 0;
}

static void
fsread(P9Req *r)
{
	long n = nodeof(r->fid);

	if (n == 0) {
		p9_dirread(r, gen, NULL);
	} else if (n == 2 && waiter == NULL) {
		waiter = r;
	} else if (n == 2) {
		p9_respond(r, "busy");
	} else {
		if (r->ifcall.offset < filelen) {
			size_t k = filelen - r->ifcall.offset;

			r->ofcall.count = (uint32_t)(k < r->ifcall.count ? k : r->ifcall.count);
			memcpy(r->rdata, filedata + r->ifcall.offset, r->ofcall.count);
		}
		p9_respond(r, NULL);
	}
}

static void
fswrite(P9Req *r)
{
	uint64_t off = r->ifcall.offset;

	if (nodeof(r->fid) == 2 && waiter != NULL) {
		P9Req *w = waiter;

		waiter = NULL;
		p9_respond(w, "woken");
	}
	if (off > sizeof filedata || r->ifcall.count > sizeof filedata - off) {
		p9_respond(r, "file full");
		return;
	}
	memcpy(filedata + off, r->ifcall.data, r->ifcall.count);
	if (off + r->ifcall.count > filelen)
		filelen = off + r->ifcall.count;
	r->ofcall.count = r->ifcall.count;
	p9_respond(r, NULL);
}

static void
fsstat(P9Req *r)
{
	fillstat(nodeof(r->fid), &r->ofcall.dir);
	p9_respond(r, NULL);
}

static void
fsflush(P9Req *old)
{
	if (old == waiter)
		waiter = NULL;
	p9_respond(old, "interrupted");
}

static const P9SrvOps ops = {
        .attach = fsattach,
        .walk1 = fswalk1,
        .read = fsread,
        .write = fswrite,
        .stat = fsstat,
        .flush = fsflush,
};

// Read and check every reply waiting on fd.
static void
drain(int fd)
{
	static uint8_t buf[1 << 16];
	ssize_t n;

	while ((n = recv(fd, buf, 4, MSG_DONTWAIT | MSG_PEEK)) == 4) {
		uint32_t len = p9_get32(buf);
		P9Fcall f;

		if (len < 7 || len > sizeof buf ||
		    recv(fd, buf, len, MSG_WAITALL) != (ssize_t)len ||
		    p9_decode(buf, len, 0, &f, NULL) != P9_OK)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t msg[1 << 16];
	P9Srv s;
	int sv[2];
	size_t off = 0;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		abort();
	memcpy(filedata, "hello", 5);
	filelen = 5;
	p9_srv_init(&s, &ops, NULL);
	s.maxmsize = 1024;
	p9_srv_setout(&s, sv[1]);
	while (size - off >= 4) {
		uint32_t len = p9_get32(data + off);

		// A size outside the allowed range ends the connection in
		// p9_srv_serve; here it just ends the input.
		if (len < 7 || len > size - off || len > s.maxmsize)
			break;
		memcpy(msg, data + off, len);
		if (p9_srv_handle(&s, msg, len) < 0)
			break;
		drain(sv[0]);
		off += len;
	}
	p9_srv_close(&s);
	drain(sv[0]);
	close(sv[0]);
	close(sv[1]);
	if (waiter != NULL) // the reset flushed it
		abort();
	return 0;
}
