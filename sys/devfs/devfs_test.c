// sys/devfs/devfs_test.c: devfs over a socketpair, driven by the client in
// sys/testclient.h, with the server's own event loop (devfs_serve) in a
// thread. The console is another socketpair whose far end the test types
// into; the kernel log is a temporary file. Covers every file, the
// permissions, refused operations, console reads that wait for input (in
// order, partial, flushed, at end of file), and malformed messages.
#include <errno.h>
#include <sys/socket.h>

#include "../testclient.h"
#include "devfs.h"

static Devfs fs;
static P9Srv srv;
static Client cl, *c = &cl;
static int cons[2] = {-1, -1}; // cons[0]: devfs's console; cons[1]: the test's keyboard
static int kmsgfd = -1;
static const char kmsgtext[] = "gremlin: booted\nmem: 128 MiB\n";

static void *
loopthread(void *arg)
{
	Client *x = arg;

	x->srvrc = devfs_serve(&fs, x->srv, x->srvfd, x->srvfd);
	close(x->srvfd);
	return NULL;
}

// Start devfs (owner adm) with a console and kernel log when wanted.
static int
serve(int withcons, int withkmsg)
{
	int sv[2];

	if (withcons && socketpair(AF_UNIX, SOCK_STREAM, 0, cons) < 0)
		return -1;
	devfs_init(&fs, "adm", withcons ? cons[0] : -1, withkmsg ? kmsgfd : -1);
	rng_init(&fs.rng, "test seed", 9);
	p9_srv_init(&srv, &devfs_ops, &fs);
	memset(c, 0, sizeof *c);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return -1;
	c->fd = sv[0];
	c->srvfd = sv[1];
	c->srv = &srv;
	c->tag = 1;
	if (pthread_create(&c->thread, NULL, loopthread, c) != 0)
		return -1;
	if (tc_version(c, 8192 + P9_IOHDRSZ) != P9_RVERSION)
		return -1;
	return tc_attach(c, 0, "adm", "") == P9_RATTACH ? 0 : -1;
}

static int
unserve(void)
{
	int rc = tc_stop(c);

	if (cons[0] >= 0) {
		close(cons[0]);
		close(cons[1]);
		cons[0] = cons[1] = -1;
	}
	return rc;
}

// Send c->tx without waiting for the reply; returns its tag.
static uint16_t
sendonly(void)
{
	P9Error err;
	long n;

	c->tx.tag = c->tag++ % 60000;
	n = p9_encode(&c->tx, c->out, sizeof c->out, &err);
	if (n < 0 || write(c->fd, c->out, (size_t)n) != n)
		tap_diag("cannot send a request");
	return c->tx.tag;
}

// Receive one reply into c->rx; returns its type, 0 on failure.
static int
recvreply(void)
{
	P9Error err;
	uint32_t size;

	memset(&c->rx, 0, sizeof c->rx);
	if (!tc_readfull(c, c->buf, 4))
		return 0;
	size = p9_get32(c->buf);
	if (size < 7 || size > sizeof c->buf || !tc_readfull(c, c->buf + 4, size - 4))
		return 0;
	return p9_decode(c->buf, size, 0, &c->rx, &err) == P9_OK ? c->rx.type : 0;
}

static uint16_t
sendread(uint32_t fid, uint32_t count)
{
	tc_msg(c, P9_TREAD, fid)->count = count;
	return sendonly();
}

static void
type(const char *s)
{
	if (write(cons[1], s, strlen(s)) != (ssize_t)strlen(s))
		tap_diag("cannot type into the console");
}

static int
openas(uint32_t fid, const char *name, uint8_t mode)
{
	return tc_walk(c, 0, fid, name) == P9_RWALK && tc_open(c, fid, mode) == P9_ROPEN;
}

static void
test_directory(void)
{
	static const struct {
		const char *name;
		uint32_t mode;
	} want[] = {
	        {"cons", 0600}, {"null", 0666}, {"zero", 0666}, {"random", 0666}, {"kmsg", 0444}};
	char names[8][32];
	int ok = 1;

	tap_ok(tc_stat(c, 0) == P9_RSTAT && c->rx.dir.mode == (P9_DMDIR | 0555) &&
	               (c->rx.dir.qid.type & P9_QTDIR),
	       "the root is a directory, r-xr-xr-x");
	for (int i = 0; i < 5; i++) {
		if (tc_walk(c, 0, 1, want[i].name) != P9_RWALK || tc_stat(c, 1) != P9_RSTAT ||
		    c->rx.dir.mode != want[i].mode || !p9_streqc(c->rx.dir.name, want[i].name) ||
		    !p9_streqc(c->rx.dir.uid, "adm")) {
			tap_diag("%s: bad walk or stat", want[i].name);
			ok = 0;
		}
		tc_clunk(c, 1);
	}
	tap_ok(ok, "cons 0600, null/zero/random 0666, kmsg 0444, owned by adm");
	tap_ok(openas(1, "", P9_OREAD) && tc_readdir(c, 1, 8192, names[0], 32, 8) == 5 &&
	               strcmp(names[0], "cons") == 0 && strcmp(names[4], "kmsg") == 0,
	       "the directory lists the five files");
	tc_clunk(c, 1);
	tap_ok(tc_readdir(c, 0, 60, names[0], 32, 8) == -1, "reading an unopened root fails");
	tap_ok(tc_walk(c, 0, 1, "tty") == P9_RERROR && tc_erris(c, p9_Enoent),
	       "walking to a missing file: file does not exist");
	tap_ok(tc_walk(c, 0, 1, "cons/x") == P9_RWALK && c->rx.nwqid == 1,
	       "walking below a file stops after the file (partial walk)");
	tap_ok(tc_walk(c, 0, 1, "..") == P9_RWALK && tc_stat(c, 1) == P9_RSTAT &&
	               c->rx.dir.qid.path == Qroot,
	       "the root's parent is the root");
	tc_clunk(c, 1);
	tap_ok(tc_attach(c, 9, "adm", "other") == P9_RERROR &&
	               tc_erris(c, "devfs has one tree: attach with an empty aname"),
	       "attach to another tree is refused");
}

static void
test_refused(void)
{
	P9Dir d;

	tap_ok(tc_walk(c, 0, 1, "") == P9_RWALK &&
	               tc_create(c, 1, "new", 0666, P9_OWRITE) == P9_RERROR &&
	               tc_erris(c, "create prohibited: devfs serves a fixed set of files"),
	       "create is refused");
	tc_clunk(c, 1);
	tap_ok(tc_walk(c, 0, 1, "null") == P9_RWALK && tc_remove(c, 1) == P9_RERROR &&
	               tc_erris(c, "remove prohibited: devfs serves a fixed set of files"),
	       "remove is refused");
	tap_ok(tc_walk(c, 0, 1, "null") == P9_RWALK, "the fid was clunked and null is still there");
	tc_nulldir(&d);
	d.mode = 0777;
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR &&
	               tc_erris(c, "wstat prohibited: devfs files cannot be renamed or changed"),
	       "wstat is refused");
	tap_ok(tc_open(c, 1, P9_OREAD | P9_ORCLOSE) == P9_RERROR &&
	               tc_erris(c, "devfs files cannot be removed (ORCLOSE)"),
	       "open with ORCLOSE is refused");
	tc_clunk(c, 1);
}

static void
test_permissions(void)
{
	tap_ok(tc_attach(c, 5, "glenda", "") == P9_RATTACH, "another user attaches");
	tap_ok(tc_walk(c, 5, 6, "cons") == P9_RWALK && tc_open(c, 6, P9_OREAD) == P9_RERROR &&
	               tc_erris(c, p9_Eperm),
	       "only the owner may open cons");
	tc_clunk(c, 6);
	tap_ok(tc_walk(c, 5, 6, "random") == P9_RWALK && tc_open(c, 6, P9_ORDWR) == P9_ROPEN,
	       "anyone may open random for reading and writing");
	tc_clunk(c, 6);
	tap_ok(tc_walk(c, 5, 6, "kmsg") == P9_RWALK && tc_open(c, 6, P9_OREAD) == P9_ROPEN,
	       "anyone may read kmsg");
	tc_clunk(c, 6);
	tc_clunk(c, 5);
	tap_ok(tc_walk(c, 0, 1, "kmsg") == P9_RWALK && tc_open(c, 1, P9_OWRITE) == P9_RERROR &&
	               tc_erris(c, p9_Eperm),
	       "not even the owner may write kmsg");
	tap_ok(tc_open(c, 1, P9_OREAD | P9_OTRUNC) == P9_RERROR && tc_erris(c, p9_Eperm),
	       "nor truncate it");
	tc_clunk(c, 1);
	tap_ok(tc_walk(c, 0, 1, "null") == P9_RWALK && tc_open(c, 1, P9_OEXEC) == P9_RERROR &&
	               tc_erris(c, p9_Eperm),
	       "nothing is executable");
	tc_clunk(c, 1);
}

static void
test_simple(void)
{
	static uint8_t zeros[8192];
	uint8_t a[64];
	int nz = 0;

	tap_ok(openas(1, "null", P9_ORDWR) && tc_read(c, 1, 0, 100) == P9_RREAD && c->rx.count == 0,
	       "null reads end of file");
	tap_ok(tc_writestr(c, 1, 0, "swallowed") == P9_RWRITE && c->rx.count == 9,
	       "null swallows writes");
	tc_clunk(c, 1);
	tap_ok(openas(1, "zero", P9_ORDWR) && tc_read(c, 1, 12345, 8192) == P9_RREAD &&
	               tc_datais(c, zeros, 8192),
	       "zero reads zeros (8192 bytes at any offset)");
	tap_ok(tc_writestr(c, 1, 0, "x") == P9_RWRITE && c->rx.count == 1, "zero swallows writes");
	tc_clunk(c, 1);
	tap_ok(openas(1, "random", P9_ORDWR) && tc_read(c, 1, 0, 64) == P9_RREAD &&
	               c->rx.count == 64,
	       "random reads the count asked for");
	memcpy(a, c->rx.data, 64);
	for (int i = 0; i < 64; i++)
		nz += a[i] != 0;
	tap_ok(tc_read(c, 1, 0, 64) == P9_RREAD && memcmp(a, c->rx.data, 64) != 0 && nz > 48,
	       "two reads of random differ and are not zeros");
	tap_ok(tc_read(c, 1, 0, 100000) == P9_RREAD && c->rx.count == 8192,
	       "a large read is cut to the iounit");
	tap_ok(tc_writestr(c, 1, 0, "mix this in") == P9_RWRITE && c->rx.count == 11,
	       "writes to random are accepted");
	tap_ok(tc_read(c, 1, 0, 16) == P9_RREAD && c->rx.count == 16, "and random reads on");
	tc_clunk(c, 1);
	tap_ok(openas(1, "kmsg", P9_OREAD) && tc_read(c, 1, 0, 200) == P9_RREAD &&
	               tc_datais(c, kmsgtext, sizeof kmsgtext - 1),
	       "kmsg reads the kernel log");
	tap_ok(tc_read(c, 1, 9, 6) == P9_RREAD && tc_datais(c, "booted", 6),
	       "kmsg offsets are byte positions in the log");
	tap_ok(tc_read(c, 1, 1000, 10) == P9_RREAD && c->rx.count == 0, "kmsg past its end: EOF");
	tc_clunk(c, 1);
}

static void
test_console(void)
{
	char got[64] = {0};
	uint16_t t, t2;

	tap_ok(openas(2, "cons", P9_ORDWR) &&
	               tc_writestr(c, 2, 0, "hello, console\n") == P9_RWRITE && c->rx.count == 15,
	       "write to cons");
	tap_ok(read(cons[1], got, sizeof got) == 15 && strcmp(got, "hello, console\n") == 0,
	       "the bytes come out of the console");

	// A read waits: the Tstat sent after it is answered first.
	t = sendread(2, 100);
	tap_ok(tc_stat(c, 2) == P9_RSTAT, "a console read with no input waits (a later Tstat is "
	                                  "answered first)");
	type("ls /\n");
	tap_ok(recvreply() == P9_RREAD && c->rx.tag == t && tc_datais(c, "ls /\n", 5),
	       "the read is answered when input arrives");

	// Input nobody asked for stays in the console; a short read takes part.
	type("abcdef");
	tap_ok(tc_read(c, 2, 0, 2) == P9_RREAD && tc_datais(c, "ab", 2), "a 2-byte read takes 2");
	tap_ok(tc_read(c, 2, 0, 64) == P9_RREAD && tc_datais(c, "cdef", 4), "the rest is not lost");

	// Waiting reads are answered in order.
	t = sendread(2, 50);
	t2 = sendread(2, 50);
	tap_ok(tc_stat(c, 0) == P9_RSTAT, "two reads wait");
	type("one");
	tap_ok(recvreply() == P9_RREAD && c->rx.tag == t && tc_datais(c, "one", 3),
	       "the first waiting read gets the first input");
	type("two");
	tap_ok(recvreply() == P9_RREAD && c->rx.tag == t2 && tc_datais(c, "two", 3),
	       "the second gets the next");

	// Tflush of a waiting read: only Rflush comes back, and no input is lost.
	t = sendread(2, 50);
	tc_msg(c, P9_TFLUSH, 0)->oldtag = t;
	t2 = sendonly();
	tap_ok(recvreply() == P9_RFLUSH && c->rx.tag == t2, "Tflush of a waiting read: Rflush");
	tap_ok(tc_stat(c, 2) == P9_RSTAT, "and the flushed read gets no reply");
	type("after");
	tap_ok(tc_read(c, 2, 0, 64) == P9_RREAD && tc_datais(c, "after", 5),
	       "input after the flush goes to the next read");
	tc_msg(c, P9_TFLUSH, 0)->oldtag = 4321;
	tap_ok(tc_rpc(c) == P9_RFLUSH, "Tflush of no request: Rflush at once");
	tap_ok(tc_read(c, 2, 0, 0) == P9_RREAD && c->rx.count == 0, "a 0-byte read does not wait");

	// Clunking a fid whose read waits: the read still completes.
	tap_ok(openas(3, "cons", P9_OREAD), "open cons again");
	t = sendread(3, 10);
	tap_ok(tc_clunk(c, 3) == P9_RCLUNK, "clunk a fid with a read waiting");
	type("late");
	tap_ok(recvreply() == P9_RREAD && c->rx.tag == t && tc_datais(c, "late", 4),
	       "the waiting read is answered all the same");

	// End of file: waiting and later reads get 0 bytes.
	t = sendread(2, 10);
	tap_ok(tc_stat(c, 0) == P9_RSTAT, "a read waits before end of file");
	shutdown(cons[1], SHUT_WR);
	tap_ok(recvreply() == P9_RREAD && c->rx.tag == t && c->rx.count == 0,
	       "end of file on the console answers the waiting read with 0 bytes");
	tap_ok(tc_read(c, 2, 0, 10) == P9_RREAD && c->rx.count == 0, "and later reads too");
	tap_ok(tc_writestr(c, 2, 0, "bye\n") == P9_RWRITE, "writing still works");
}

// The connection ends while a console read waits: it is flushed, and the
// loop returns cleanly.
static void
test_hangup(void)
{
	tap_ok(serve(1, 1) == 0 && openas(2, "cons", P9_OREAD), "a new server");
	sendread(2, 10);
	tap_ok(tc_stat(c, 0) == P9_RSTAT, "a read waits");
	tap_ok(unserve() == 0 && fs.qhead == NULL,
	       "hanging up with a read waiting: the loop ends cleanly, nothing queued");
}

static void
test_absent(void)
{
	tap_ok(serve(0, 0) == 0, "a server without console or kernel log");
	tap_ok(openas(1, "cons", P9_ORDWR) && tc_read(c, 1, 0, 10) == P9_RERROR &&
	               tc_erris(c, "cons: devfs was started without a console (-c)"),
	       "reading cons says there is no console");
	tap_ok(tc_writestr(c, 1, 0, "x") == P9_RERROR &&
	               tc_erris(c, "cons: devfs was started without a console (-c)"),
	       "and so does writing it");
	tap_ok(openas(2, "kmsg", P9_OREAD) && tc_read(c, 2, 0, 10) == P9_RERROR &&
	               tc_erris(c, "kmsg: devfs was started without a kernel log (-k)"),
	       "reading kmsg says there is no kernel log");
	tap_ok(unserve() == 0, "server ends cleanly");
}

static void
rawsend(const uint8_t *b, size_t n)
{
	if (write(c->fd, b, n) != (ssize_t)n)
		tap_diag("cannot send raw bytes");
}

static void
test_malformed(void)
{
	// Tread (116) with its count missing; a message of an unknown type;
	// a Twalk whose name runs past the end.
	static const uint8_t shortread[] = {19, 0, 0, 0, 116, 7, 0, 0, 0, 0,
	                                    0,  0, 0, 0, 0,   0, 0, 0, 0};
	static const uint8_t unknown[] = {7, 0, 0, 0, 200, 8, 0};
	static const uint8_t badwalk[] = {19, 0, 0, 0, 110, 9, 0, 0,  0, 0,
	                                  0,  1, 0, 0, 0,   1, 0, 50, 0};
	static const uint8_t tiny[] = {3, 0, 0, 0};
	uint8_t split[64];
	long n;
	P9Error err;

	tap_ok(serve(1, 1) == 0, "a new server");
	rawsend(shortread, sizeof shortread);
	tap_ok(recvreply() == P9_RERROR && c->rx.tag == 7, "a truncated Tread gets Rerror");
	tap_diag("%.*s", (int)c->rx.ename.len, c->rx.ename.p);
	rawsend(unknown, sizeof unknown);
	tap_ok(recvreply() == P9_RERROR && c->rx.tag == 8, "an unknown message type gets Rerror");
	rawsend(badwalk, sizeof badwalk);
	tap_ok(recvreply() == P9_RERROR && c->rx.tag == 9, "a Twalk name past the end gets Rerror");

	// A message split across writes, and two in one write, are framed.
	tc_msg(c, P9_TSTAT, 0)->tag = 77;
	n = p9_encode(&c->tx, split, 32, &err);
	c->tx.tag = 78;
	if (n < 0 || p9_encode(&c->tx, split + n, 32, &err) != n)
		tap_diag("test bug: cannot encode Tstat");
	rawsend(split, 3);
	rawsend(split + 3, (size_t)n - 3);
	tap_ok(recvreply() == P9_RSTAT && c->rx.tag == 77, "a message sent in two pieces");
	rawsend(split, 2 * (size_t)n);
	tap_ok(recvreply() == P9_RSTAT && c->rx.tag == 77 && recvreply() == P9_RSTAT &&
	               c->rx.tag == 78,
	       "two messages in one write");

	// A size field below 7 breaks the framing: the connection closes.
	rawsend(tiny, sizeof tiny);
	tap_ok(recvreply() == 0, "a 3-byte message closes the connection");
	tap_ok(unserve() == -1 && strstr(srv.lasterr, "message size 3 outside") != NULL,
	       "and the loop says why: %s", srv.lasterr);
}

int
main(void)
{
	char path[] = "/tmp/devfs_test_kmsgXXXXXX";

	kmsgfd = mkstemp(path);
	if (kmsgfd < 0 || write(kmsgfd, kmsgtext, sizeof kmsgtext - 1) != sizeof kmsgtext - 1)
		return 1;
	unlink(path);
	tap_ok(serve(1, 1) == 0, "devfs serves over a socketpair, Tversion and Tattach");
	test_directory();
	test_refused();
	test_permissions();
	test_simple();
	test_console();
	tap_ok(unserve() == 0, "the server ends cleanly when the client hangs up");
	test_hangup();
	test_absent();
	test_malformed();
	close(kmsgfd);
	return tap_done();
}
