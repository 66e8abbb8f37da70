// sys/ramfs/ramfs_fuzz.c: libFuzzer target for ramfs. The input is read as
// a script of compact operations (attach, walk, open, create, read, write,
// clunk, remove, stat, wstat on eight fids, with names, users, offsets and
// modes from small tables) that become well-formed 9P messages handed to
// p9_srv_handle. Every reply must decode; after the session ends every node
// left in the tree must hold exactly its tree reference and no exclusive
// use, the accounted bytes must equal the tree's file lengths, and
// nothing may leak.
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ramfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"a", "b", "d", "..", "long-name-x"};
static const char *const users[] = {"glenda", "eve", "adm"};
static const uint32_t perms[] = {0666,
                                 0600,
                                 P9_DMDIR | 0777,
                                 P9_DMDIR | 0700,
                                 P9_DMAPPEND | 0666,
                                 P9_DMEXCL | 0666,
                                 0444,
                                 P9_DMMOUNT | 0666};
static const uint8_t modes[] = {P9_OREAD,
                                P9_OWRITE,
                                P9_ORDWR,
                                P9_OEXEC,
                                P9_OWRITE | P9_OTRUNC,
                                P9_ORDWR | P9_ORCLOSE,
                                P9_OREAD | P9_ORCLOSE,
                                P9_OTRUNC};

static uint32_t
fakeclock(void)
{
	return 1000;
}

// Read and decode every reply waiting on fd.
static void
drain(int fd)
{
	static uint8_t buf[1 << 16];
	size_t have = 0;
	ssize_t k;

	while ((k = read(fd, buf + have, sizeof buf - have)) > 0)
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

static uint64_t
check(RamNode *x)
{
	uint64_t n = x->length;

	if (x->ref != 1 || x->nexcl != 0)
		abort();
	for (size_t i = 0; i < x->nchild; i++) {
		if (x->child[i]->parent != x)
			abort();
		n += check(x->child[i]);
	}
	return n;
}

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

static uint64_t
offset(Script *s)
{
	uint8_t b = next(s);

	return b == 255 ? (1ull << 40) : (uint64_t)b * 700;
}

// Build the next message of the script into f.
static void
build(Script *s, P9Fcall *f, uint8_t *scratch)
{
	uint8_t op = next(s);
	P9Dir *d = &f->dir;
	int i;

	memset(f, 0, sizeof *f);
	f->tag = next(s);
	f->fid = next(s) % 8;
	switch (op % 10) {
	case 0:
		f->type = P9_TATTACH;
		f->afid = P9_NOFID;
		f->uname = p9_str(users[next(s) % 3]);
		break;
	case 1:
		f->type = P9_TWALK;
		f->newfid = next(s) % 8;
		f->nwname = next(s) % 4;
		for (i = 0; i < f->nwname; i++)
			f->wname[i] = p9_str(names[next(s) % 5]);
		break;
	case 2:
		f->type = P9_TOPEN;
		f->mode = modes[next(s) % 8];
		break;
	case 3:
		f->type = P9_TCREATE;
		f->name = p9_str(names[next(s) % 5]);
		f->perm = perms[next(s) % 8];
		f->mode = modes[next(s) % 8];
		break;
	case 4:
		f->type = P9_TREAD;
		f->offset = offset(s);
		f->count = (uint32_t)next(s) * 16;
		break;
	case 5:
		f->type = P9_TWRITE;
		f->offset = offset(s);
		f->count = (uint32_t)next(s) * 20;
		memset(scratch, 'w', f->count);
		f->data = scratch;
		break;
	case 6:
		f->type = P9_TCLUNK;
		break;
	case 7:
		f->type = P9_TREMOVE;
		break;
	case 8:
		f->type = P9_TSTAT;
		break;
	default:
		f->type = P9_TWSTAT;
		d->type = 0xFFFF;
		d->dev = ~0u;
		d->qid.type = 0xFF;
		d->qid.vers = ~0u;
		d->qid.path = ~0ull;
		d->mode = d->atime = d->mtime = ~0u;
		d->length = ~0ull;
		i = next(s);
		if (i & 1)
			d->name = p9_str(names[next(s) % 5]);
		if (i & 2)
			d->length = offset(s);
		if (i & 4)
			d->mode = perms[next(s) % 8];
		if (i & 8)
			d->mtime = 7;
		if (i & 16)
			d->gid = p9_str(users[next(s) % 3]);
		if (i & 32)
			d->uid = p9_str(users[next(s) % 3]);
		if (i & 64)
			d->atime = 1;
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t msg[1 << 16], scratch[8192];
	Script s = {data, size};
	Ramfs fs;
	P9Srv srv;
	P9Fcall f;
	int sv[2];

	if (ramfs_init(&fs, "adm", 0777, 1 << 16) < 0 ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		abort();
	fs.now = fakeclock;
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	p9_srv_init(&srv, &ramfs_ops, &fs);
	p9_srv_setout(&srv, sv[1]);
	memset(&f, 0, sizeof f);
	f.type = P9_TVERSION;
	f.tag = P9_NOTAG;
	f.msize = 8192 + P9_IOHDRSZ;
	f.version = p9_str(P9_VERSION);
	for (;;) {
		long n = p9_encode(&f, msg, sizeof msg, NULL);

		if (n < 0 || p9_srv_handle(&srv, msg, (size_t)n) < 0)
			abort();
		drain(sv[0]);
		if (s.left < 3)
			break;
		build(&s, &f, scratch);
	}
	p9_srv_close(&srv);
	drain(sv[0]);
	close(sv[0]);
	close(sv[1]);
	if (check(fs.root) != fs.used)
		abort();
	ramfs_free(&fs);
	return 0;
}
