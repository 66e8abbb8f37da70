// sys/devfs/devfs_fuzz.c: libFuzzer target for devfs. The input is a
// script of compact operations: 9P requests built from small tables
// (attach, walk, open, read, write, clunk, stat, flush, create, remove,
// wstat on eight fids, tags from a small range so they collide), raw
// messages of arbitrary bytes, and console events (input, end of file, a
// read error) handed to devfs_consinput as the event loop would, and
// Tversion resets. Every
// reply must decode; the console queue must be exactly the reads still
// waiting; after the session ends it must be empty and nothing may leak.
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "devfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"cons", "null", "zero", "random", "kmsg", "..", "tty"};
static const char *const users[] = {"adm", "glenda"};
static const uint8_t modes[] = {P9_OREAD,  P9_OWRITE, P9_ORDWR, P9_OEXEC, P9_OTRUNC | P9_OWRITE,
                                P9_ORCLOSE};

typedef struct Script {
	const uint8_t *p;
	size_t left;
} Script;

static uint8_t
next(Script *s)
{
	if (s->left == 0)
		return 0;
	s->left--;
	return *s->p++;
}

// Read and decode every reply waiting on fd.
static void
drain(int fd)
{
	static uint8_t buf[1 << 17];
	size_t have = 0;
	ssize_t k;

	while (have < sizeof buf && (k = read(fd, buf + have, sizeof buf - have)) > 0)
		have += (size_t)k;
	for (size_t off = 0; off < have;) {
		uint32_t n;
		P9Fcall f;

		if (have - off < 4 || (n = p9_get32(buf + off)) < 7 || n > have - off ||
		    p9_decode(buf + off, n, 0, &f, NULL) != P9_OK)
			abort();
		off += n;
	}
}

// Build the next request of the script into f; returns 0 when the op was
// a console event or a raw message instead (already handled).
static int
build(Script *s, P9Fcall *f, uint8_t *scratch, Devfs *fs, P9Srv *srv)
{
	uint8_t op = next(s), raw[64];
	uint32_t want;
	int i, n;

	memset(f, 0, sizeof *f);
	f->tag = next(s) % 16;
	f->fid = next(s) % 8;
	switch (op % 14) {
	case 0:
		f->type = P9_TATTACH;
		f->afid = P9_NOFID;
		f->uname = p9_str(users[next(s) % 2]);
		break;
	case 1:
		f->type = P9_TWALK;
		f->newfid = next(s) % 8;
		f->nwname = next(s) % 3;
		for (i = 0; i < f->nwname; i++)
			f->wname[i] = p9_str(names[next(s) % 7]);
		break;
	case 2:
		f->type = P9_TOPEN;
		f->mode = modes[next(s) % 6];
		break;
	case 3:
		f->type = P9_TREAD;
		f->offset = (uint64_t)next(s) * 3;
		f->count = (uint32_t)next(s) * 40;
		break;
	case 4:
		f->type = P9_TWRITE;
		f->count = (uint32_t)next(s) * 8;
		memset(scratch, 'w', f->count);
		f->data = scratch;
		break;
	case 5:
		f->type = P9_TCLUNK;
		break;
	case 6:
		f->type = P9_TSTAT;
		break;
	case 7:
		f->type = P9_TFLUSH;
		f->oldtag = next(s) % 16;
		break;
	case 8:
		f->type = P9_TCREATE;
		f->name = p9_str("new");
		f->perm = 0666;
		break;
	case 9:
		f->type = P9_TREMOVE;
		break;
	case 10:
		f->type = P9_TWSTAT;
		f->dir.mode = 0777;
		break;
	case 11:
		// Console input of up to what the oldest read wants.
		want = devfs_conswant(fs);
		n = next(s) % 32 + 1;
		memset(raw, 'c', sizeof raw);
		if (want > 0)
			devfs_consinput(fs, raw, (size_t)n < want ? (size_t)n : want, NULL);
		return 0;
	case 12:
		i = next(s) % 3;
		if (i == 2) {
			// Tversion again: every waiting read is flushed.
			f->type = P9_TVERSION;
			f->tag = P9_NOTAG;
			f->msize = 8192 + P9_IOHDRSZ;
			f->version = p9_str(P9_VERSION);
			return 1;
		}
		devfs_consinput(fs, NULL, 0, i ? NULL : "cons: reading the console: I/O error");
		return 0;
	default:
		// A raw message: a correct size field, then arbitrary bytes.
		n = next(s) % 48 + 7;
		for (i = 4; i < n; i++)
			raw[i] = next(s);
		raw[0] = (uint8_t)n;
		raw[1] = raw[2] = raw[3] = 0;
		p9_srv_handle(srv, raw, (size_t)n);
		return 0;
	}
	return 1;
}

// The console queue holds only pending reads of cons (bounded by maxreqs).
static void
checkqueue(const Devfs *fs, const P9Srv *srv)
{
	int n = 0;

	for (P9Req *r = fs->qhead; r != NULL; r = r->aux) {
		if (r->ifcall.type != P9_TREAD || r->fid->qid.path != Qcons || ++n > srv->maxreqs)
			abort();
		if (r->aux == NULL && r != fs->qtail)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t msg[1 << 16], scratch[4096];
	static int consfd = -1, kmsgfd = -1;
	Script s = {data, size};
	Devfs fs;
	P9Srv srv;
	P9Fcall f;
	int sv[2];

	if (consfd < 0) {
		char path[] = "/tmp/devfs_fuzz_XXXXXX";

		consfd = open("/dev/null", O_RDWR);
		kmsgfd = mkstemp(path);
		if (consfd < 0 || kmsgfd < 0 || write(kmsgfd, "kernel log\n", 11) != 11)
			abort();
		unlink(path);
	}
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		abort();
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	devfs_init(&fs, "adm", consfd, kmsgfd);
	rng_init(&fs.rng, "fuzz", 4);
	p9_srv_init(&srv, &devfs_ops, &fs);
	p9_srv_setout(&srv, sv[1]);
	memset(&f, 0, sizeof f);
	f.type = P9_TVERSION;
	f.tag = P9_NOTAG;
	f.msize = 8192 + P9_IOHDRSZ;
	f.version = p9_str(P9_VERSION);
	for (;;) {
		long n = p9_encode(&f, msg, sizeof msg, NULL);
		int built = 0;

		if (n < 0 || p9_srv_handle(&srv, msg, (size_t)n) < 0)
			abort();
		while (!built) {
			drain(sv[0]);
			checkqueue(&fs, &srv);
			if (s.left < 3)
				break;
			built = build(&s, &f, scratch, &fs, &srv);
		}
		if (!built)
			break;
	}
	p9_srv_close(&srv);
	drain(sv[0]);
	close(sv[0]);
	close(sv[1]);
	if (fs.qhead != NULL || fs.qtail != NULL)
		abort();
	rng_wipe(&fs.rng);
	return 0;
}
