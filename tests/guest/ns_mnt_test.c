// tests/guest/ns_mnt_test.c: the 9P mount driver against servers in child
// processes on pipes: a small well-behaved in-memory server (walk, open,
// create, read, write, stat, wstat, remove, clunk, directory reads), and
// hostile ones: one that answers garbage after attach, one that refuses
// 9P2000, one that dies in the middle of a read, one that never answers a
// read (the 10 s limit), and a reader interrupted while waiting (Tflush).
//
// The servers use lib/9p's codec, compiled into this program.
#include "9p/fcall.c"
#include "nsutil.h"

enum { GOOD, GARBAGE, BADVERSION, DIEREAD, STALL };

#define NFILE 8
#define NFIDS 64

static struct file {
	char name[32];
	uint8_t data[16384];
	uint32_t len;
	int used;
} files[NFILE];

static int fidfile[NFIDS];
static uint8_t in[8192], out[8192];

static P9Qid
qidof(int i)
{
	P9Qid q = {i == 0 ? 0x80 : 0, 0, (uint64_t)i};

	return q;
}

static P9Dir
dirof(int i)
{
	P9Dir d;

	memset(&d, 0, sizeof d);
	d.qid = qidof(i);
	d.mode = i == 0 ? 0x80000000u | 0777 : 0666;
	d.length = i == 0 ? 0 : files[i].len;
	d.name = p9_str(i == 0 ? "/" : files[i].name);
	d.uid = d.gid = d.muid = p9_str("test");
	return d;
}

static int
readn(int fd, uint8_t *b, uint32_t n)
{
	for (uint32_t got = 0; got < n;) {
		int64_t r = kread(fd, b + got, n - got);

		if (r <= 0)
			return -1;
		got += (uint32_t)r;
	}
	return 0;
}

static void
reply(int fd, P9Fcall *r)
{
	long n = p9_encode(r, out, sizeof out, NULL);

	if (n > 0)
		kwrite(fd, out, (uint64_t)n);
}

static void
rerror(int fd, P9Fcall *r, const char *msg)
{
	r->type = P9_RERROR;
	r->ename = p9_str(msg);
	reply(fd, r);
}

// Answer one message of the well-behaved protocol.
static void
answer(int fd, P9Fcall *t, int report)
{
	static uint8_t dirbuf[4096];
	P9Fcall r;
	int f = t->fid < NFIDS ? fidfile[t->fid] : -1;

	memset(&r, 0, sizeof r);
	r.type = (uint8_t)(t->type + 1);
	r.tag = t->tag;
	switch (t->type) {
	case P9_TVERSION:
		r.msize = t->msize < sizeof in ? t->msize : sizeof in;
		r.version = p9_str("9P2000");
		break;
	case P9_TATTACH:
		fidfile[t->fid] = 0;
		r.qid = qidof(0);
		break;
	case P9_TFLUSH:
		if (report >= 0)
			kwrite(report, "F", 1);
		break;
	case P9_TWALK:
		if (f < 0 || t->newfid >= NFIDS)
			return rerror(fd, &r, "bad fid");
		for (int i = 0; i < t->nwname; i++) {
			int k;

			for (k = 1; k < NFILE && !(files[k].used && f == 0 &&
			                           p9_streqc(t->wname[i], files[k].name));
			     k++)
				;
			if (k == NFILE) {
				if (i == 0)
					return rerror(fd, &r, "file does not exist");
				break;
			}
			f = k;
			r.wqid[r.nwqid++] = qidof(k);
		}
		if (r.nwqid == t->nwname)
			fidfile[t->newfid] = f;
		break;
	case P9_TOPEN:
		if (f < 0)
			return rerror(fd, &r, "bad fid");
		if (t->mode & P9_OTRUNC)
			files[f].len = 0;
		r.qid = qidof(f);
		break;
	case P9_TCREATE: {
		int k;

		for (k = 1; k < NFILE && files[k].used; k++)
			;
		if (f != 0 || k == NFILE || t->name.len >= sizeof files[k].name)
			return rerror(fd, &r, "cannot create");
		memset(&files[k], 0, sizeof files[k]);
		memcpy(files[k].name, t->name.p, t->name.len);
		files[k].used = 1;
		fidfile[t->fid] = k;
		r.qid = qidof(k);
		break;
	}
	case P9_TREAD:
		if (f < 0)
			return rerror(fd, &r, "bad fid");
		if (f == 0) {
			size_t n = 0;

			for (int k = 1; k < NFILE; k++) {
				P9Dir d = dirof(k);

				if (files[k].used)
					n += (size_t)p9_dir_pack(&d, dirbuf + n, sizeof dirbuf - n,
					                         NULL);
			}
			r.data = dirbuf + (t->offset < n ? t->offset : n);
			r.count = t->offset < n ? (uint32_t)(n - t->offset) : 0;
		} else {
			uint64_t o = t->offset < files[f].len ? t->offset : files[f].len;

			r.data = files[f].data + o;
			r.count = (uint32_t)(files[f].len - o);
		}
		if (r.count > t->count)
			r.count = t->count;
		break;
	case P9_TWRITE:
		if (f <= 0 || t->offset + t->count > sizeof files[f].data)
			return rerror(fd, &r, "no space");
		memcpy(files[f].data + t->offset, t->data, t->count);
		if (t->offset + t->count > files[f].len)
			files[f].len = (uint32_t)(t->offset + t->count);
		r.count = t->count;
		break;
	case P9_TCLUNK:
		fidfile[t->fid] = -1;
		break;
	case P9_TREMOVE:
		fidfile[t->fid] = -1;
		if (f <= 0)
			return rerror(fd, &r, "permission denied");
		files[f].used = 0;
		break;
	case P9_TSTAT:
		if (f < 0)
			return rerror(fd, &r, "bad fid");
		r.dir = dirof(f);
		break;
	case P9_TWSTAT:
		if (f <= 0)
			return rerror(fd, &r, "permission denied");
		if (t->dir.length != ~0ULL)
			files[f].len = (uint32_t)t->dir.length;
		break;
	default:
		return rerror(fd, &r, "not supported");
	}
	reply(fd, &r);
}

// Serve 9P on fd in the given manner until the other end goes away.
static _Noreturn void
serve(int fd, int mode, int report)
{
	P9Fcall t;
	int attached = 0;

	for (int i = 0; i < NFIDS; i++)
		fidfile[i] = -1;
	memset(files, 0, sizeof files);
	files[0].used = 1;
	strcpy(files[1].name, "hello");
	memcpy(files[1].data, "hello, 9p\n", 10);
	files[1].len = 10;
	files[1].used = 1;
	for (;;) {
		uint32_t size;

		if (readn(fd, in, 4) < 0)
			exits(0, NULL);
		size = p9_get32(in);
		if (size < 7 || size > sizeof in || readn(fd, in + 4, size - 4) < 0 ||
		    p9_decode(in, size, sizeof in, &t, NULL) != P9_OK)
			exits(1, "bad message from the kernel");
		if (mode == BADVERSION && t.type == P9_TVERSION) {
			P9Fcall r;

			memset(&r, 0, sizeof r);
			r.type = P9_RVERSION;
			r.tag = t.tag;
			r.msize = 8192;
			r.version = p9_str("9P2000.u");
			reply(fd, &r);
			continue;
		}
		if (mode == GARBAGE && attached) {
			static const uint8_t junk[] = {12, 0,   0,   0,   0xee, 1,
			                               0,  'j', 'u', 'n', 'k',  '!'};

			kwrite(fd, junk, sizeof junk);
			continue;
		}
		if (mode == DIEREAD && t.type == P9_TREAD)
			exits(0, NULL);
		if (mode == STALL && t.type == P9_TREAD)
			continue;
		answer(fd, &t, report);
		attached |= t.type == P9_TATTACH;
	}
}

static pid_t server;

// Start a server in the given mode and mount it on /mnt; the mount's
// result. report (if >= 0) is a pipe end the server tells of Tflush on.
static int64_t
start(int mode, int report)
{
	int32_t p[2] = {-1, -1};
	int64_t r;

	kpipe(p);
	fflush(stdout);
	server = fork();
	if (server == 0) {
		kclose(p[0]);
		serve(p[1], mode, report);
	}
	kclose(p[1]);
	r = SC4(SYS_mount, p[0], -1, "/mnt", MREPL);
	kclose(p[0]);
	return r;
}

static void
stop(void)
{
	struct waitmsg w;

	kunmount(NULL, "/mnt");
	postnote(server, "kill");
	waitmsg(server, &w, 0);
}

static void
good(void)
{
	static char buf[16384], text[1024];
	int64_t fd, r;
	uint8_t st[256];
	int bad = 0;

	tap_ok(start(GOOD, -1) == 0, "mount a 9P server on a pipe at /mnt (%s)", kerr());
	tap_ok(slurp("/mnt/hello", buf, sizeof buf) == 10 && strcmp(buf, "hello, 9p\n") == 0,
	       "read a file through 9P");
	tap_ok(dirnames("/mnt", text, sizeof text) == 0 && strcmp(text, " hello ") == 0,
	       "read the directory:%s", text);
	tap_ok(kstat("/mnt/hello", st, sizeof st) > 0 && statlength(st) == 10, "stat through 9P");
	tap_ok(kopen("/mnt/nope", O_RDONLY) == -ENOENT, "a missing file: ENOENT (%s)", kerr());
	fd = kcreate("/mnt/new", O_RDWR, 0666);
	for (int i = 0; i < 10000; i++)
		buf[i] = (char)(i * 13);
	tap_ok(fd >= 0 && kwrite((int)fd, buf, 10000) == 10000,
	       "create and write 10000 bytes (several Twrites)");
	memset(buf, 0, sizeof buf);
	r = SC4(SYS_pread, fd, buf, sizeof buf, 0);
	for (int i = 0; i < 10000; i++)
		bad += buf[i] != (char)(i * 13);
	tap_ok(r == 10000 && bad == 0, "read them back (%lld bytes, %d wrong)", (long long)r, bad);
	kclose((int)fd);
	fd = kopen("/mnt/new", O_WRONLY | O_TRUNC);
	tap_ok(fd >= 0 && kstat("/mnt/new", st, sizeof st) > 0 && statlength(st) == 0,
	       "O_TRUNC empties the file");
	kclose((int)fd);
	tap_ok(slurp("/proc/self/ns", text, sizeof text) > 0 &&
	               strstr(text, "mount '#|/data' '/mnt'\n"),
	       "/proc/self/ns shows the mount");
	tap_ok(kbind("#c", "/mnt", MAFTER) == 0 && dirnames("/mnt", text, sizeof text) == 0 &&
	               strcmp(text, " hello new cons consctl kmsg reboot audit hostname ") == 0,
	       "a union of the mount and #c:%s", text);
	tap_ok(SC(SYS_remove, "/mnt/new", 0, 0) == 0 && !exists("/mnt/new"), "remove through 9P");
	stop();
	tap_ok(!exists("/mnt/hello"), "unmount takes it away");
}

static void
hostile(void)
{
	char buf[64];
	uint8_t st[256];
	struct waitmsg w;
	int64_t fd, r;

	tap_ok(start(GARBAGE, -1) == 0, "mount a server that will answer garbage");
	tap_ok(kstat("/mnt/hello", st, sizeof st) == -EIO && strstr(kerr(), "malformed") &&
	               strstr(kerr(), "'#|/data' on /mnt"),
	       "garbage: EIO naming the server (%s)", kerr());
	tap_ok(kstat("/mnt", st, sizeof st) == -EIO && strstr(kerr(), "server"),
	       "and the mount stays dead (%s)", kerr());
	stop();
	tap_ok(start(BADVERSION, -1) == -EIO && strstr(kerr(), "9P2000"),
	       "a server that refuses 9P2000: mount fails (%s)", kerr());
	stop();
	tap_ok(start(GOOD, -1) == 0, "mount a server, then kill it");
	postnote(server, "kill");
	waitmsg(server, &w, 0);
	r = kstat("/mnt/hello", st, sizeof st);
	tap_ok(r == -EIO && strstr(kerr(), "'#|/data' on /mnt"),
	       "the next call gets EIO naming the server, and the caller lives (%s)", kerr());
	kunmount(NULL, "/mnt");
	tap_ok(start(DIEREAD, -1) == 0, "mount a server that dies on Tread");
	fd = kopen("/mnt/hello", O_RDONLY);
	tap_ok(fd >= 0 && kread((int)fd, buf, sizeof buf) == -EIO && strstr(kerr(), "hung up"),
	       "a server that dies mid-read: EIO (%s)", kerr());
	kclose((int)fd);
	stop();
}

static void
stall(void)
{
	char buf[64];
	int64_t fd, r;

	tap_ok(start(STALL, -1) == 0, "mount a server that never answers Tread");
	fd = kopen("/mnt/hello", O_RDONLY);
	r = fd < 0 ? fd : kread((int)fd, buf, sizeof buf);
	tap_ok(r == -EIO && strstr(kerr(), "10 s"),
	       "a stalled server: EIO after the limit (%lld, %s)", (long long)r, kerr());
	kclose((int)fd);
	stop();
}

static void
stuckreader(void *arg)
{
	char buf[16];

	(void)arg;
	kread((int)kopen("/mnt/hello", O_RDONLY), buf, sizeof buf);
	exits(1, "read returned");
}

static void
flush(void)
{
	int32_t rp[2] = {-1, -1};
	struct waitmsg w;
	char c = 0;
	pid_t pid;

	kpipe(rp);
	tap_ok(start(STALL, rp[1]) == 0, "mount a stalling server that reports Tflush");
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		stuckreader(NULL);
	nanosleep(&(struct timespec){0, 200 * 1000 * 1000}, NULL);
	postnote(pid, "kill");
	tap_ok(waitmsg(pid, &w, 0) == pid && w.status == KILLSTATUS_KILL,
	       "a reader waiting on the server can be killed");
	tap_ok(kread(rp[0], &c, 1) == 1 && c == 'F', "and the server got a Tflush");
	stop();
	kclose(rp[0]);
	kclose(rp[1]);
}

int
main(void)
{
	// Keep these mounts out of the runner's namespace.
	if (rawsyscall(SYS_rfork, RFNAMEG, 0, 0, 0, 0, 0) < 0)
		exits(1, "rfork RFNAMEG failed");
	good();
	hostile();
	flush();
	stall();
	guest_done();
}
