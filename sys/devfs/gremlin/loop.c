// sys/devfs/gremlin/loop.c: devfs's event loop on Gremlin, which has no
// poll(): it replaces ../loop.c there (mk/gremlin.mk). Two reader
// processes do the blocking reads: one reads the 9P stream and cuts it
// into whole messages; the other reads the console only when the server
// asks it to (a count on a control pipe), so it never takes input nobody
// asked for. Each reader is the only writer of its own data pipe, where it
// writes records kind[1] length[4] bytes[length]; before each record it
// writes one byte naming itself into a token pipe the two share. Gremlin's
// pipes do not keep writes of more than one byte together when another
// writer is waiting (kernel/dev/devpipe.c), so only the one-byte tokens
// share a pipe: the server reads a token, then the whole record from the
// pipe it names. See docs/devfs.md.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../devfs.h"

// MAXFD: past every descriptor a process has (Gremlin's limit is 64).
enum { CONSBUF = 8192, ERRLEN = 128, MAXFD = 1024 };

// Record kinds.
enum { RDATA, REOF, RERR };

// Tokens: which reader wrote the next record.
#define TOK9P '9'
#define TOKCONS 'c'

typedef struct Loop {
	int tok[2], d9[2], dcons[2], ctl[2];
	pid_t reader9p, readercons;
	int consbusy;  // a count was sent and its record has not come back
	int r9done;    // the 9P reader sent its last record and exited
	uint8_t *held; // console bytes that came for a read flushed meanwhile
	size_t nheld;  // (the next console reads get them first)
	int heldeof;   // the console said end of file for a flushed read
	uint8_t *buf;  // one record's bytes
	size_t bufsize;
} Loop;

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static int
writeall(int fd, const void *buf, size_t n)
{
	const uint8_t *p = buf;

	while (n > 0) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

// Returns 1 when all n bytes came, 0 at end of file or on an error.
static int
readall(int fd, void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n > 0) {
		ssize_t k = read(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return 0;
		p += k;
		n -= (size_t)k;
	}
	return 1;
}

// A reader's record: the token first, so a record larger than the data
// pipe's buffer never waits for a server that waits for its token.
static void
record(Loop *l, char tok, int kind, const void *bytes, size_t n)
{
	uint8_t hdr[5];
	int fd = tok == TOK9P ? l->d9[1] : l->dcons[1];

	hdr[0] = (uint8_t)kind;
	put32(hdr + 1, (uint32_t)n);
	if (writeall(l->tok[1], &tok, 1) < 0 || writeall(fd, hdr, sizeof hdr) < 0 ||
	    writeall(fd, bytes, n) < 0)
		_exit(1);
}

static void
recorderr(Loop *l, char tok, const char *what)
{
	char err[ERRLEN];

	snprintf(err, sizeof err, "%s: %s", what, strerror(errno));
	record(l, tok, RERR, err, strlen(err));
}

// A reader keeps only the descriptors it uses (and standard error): a
// copy of the client's end, or of a pipe end another reader writes, would
// keep that stream from ever reading end of file.
static void
keeponly(int a, int b, int c, int d)
{
	for (int fd = 0; fd < MAXFD; fd++)
		if (fd != 2 && fd != a && fd != b && fd != c && fd != d)
			close(fd);
}

// The 9P reader: whole messages, at most max bytes each, until the stream
// ends.
static _Noreturn void
reader9p(Loop *l, int infd, uint32_t max)
{
	uint8_t *buf = malloc(max);
	size_t len = 0;

	keeponly(infd, l->tok[1], l->d9[1], -1);

	if (buf == NULL) {
		record(l, TOK9P, RERR, "out of memory", 13);
		_exit(1);
	}
	for (;;) {
		char err[ERRLEN];
		ssize_t k;

		while (len >= 4) {
			uint32_t size = p9_get32(buf);

			if (size < P9_HDRSZ || size > max) {
				snprintf(err, sizeof err,
				         "message size %u outside 7..%u: closing the connection",
				         size, max);
				record(l, TOK9P, RERR, err, strlen(err));
				_exit(0);
			}
			if (len < size)
				break;
			record(l, TOK9P, RDATA, buf, size);
			memmove(buf, buf + size, len - size);
			len -= size;
		}
		k = read(infd, buf + len, max - len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			recorderr(l, TOK9P, "reading the 9P stream");
		else if (k == 0 && len != 0)
			record(l, TOK9P, RERR, "stream ended inside a message", 29);
		else if (k == 0)
			record(l, TOK9P, REOF, NULL, 0);
		if (k <= 0)
			_exit(0);
		len += (size_t)k;
	}
}

// The console reader: for each count the server sends, one read of the
// console of at most that many bytes.
static _Noreturn void
readercons(Loop *l, int consfd)
{
	static uint8_t buf[CONSBUF];
	uint8_t c[4];

	keeponly(consfd, l->ctl[0], l->tok[1], l->dcons[1]);
	while (readall(l->ctl[0], c, sizeof c)) {
		uint32_t want = p9_get32(c);
		ssize_t k;

		if (want > sizeof buf)
			want = sizeof buf;
		do
			k = read(consfd, buf, want);
		while (k < 0 && errno == EINTR);
		if (k < 0)
			recorderr(l, TOKCONS, "cons: reading the console");
		else
			record(l, TOKCONS, k == 0 ? REOF : RDATA, buf, (size_t)k);
	}
	_exit(0);
}

// Answer waiting console reads from held input; then, if a read still
// waits and the console reader is idle, ask it for that read's count.
static int
feedcons(Devfs *fs, Loop *l)
{
	uint32_t want;
	uint8_t c[4];

	while ((want = devfs_conswant(fs)) > 0 && (l->nheld > 0 || l->heldeof)) {
		size_t n = l->nheld < want ? l->nheld : want;

		if (n == 0) {
			l->heldeof = 0;
			devfs_consinput(fs, NULL, 0, NULL);
			continue;
		}
		devfs_consinput(fs, l->held, n, NULL);
		memmove(l->held, l->held + n, l->nheld - n);
		l->nheld -= n;
	}
	if (want == 0 || l->consbusy || l->readercons < 0)
		return 0;
	put32(c, want);
	if (writeall(l->ctl[1], c, sizeof c) < 0)
		return -1;
	l->consbusy = 1;
	return 0;
}

// A console record: its bytes answer the oldest waiting read; what that
// read cannot take (it was flushed, and a smaller one waits or none) is
// held for the next reads.
static void
consrecord(Devfs *fs, Loop *l, int kind, size_t n)
{
	uint32_t want = devfs_conswant(fs);

	l->consbusy = 0;
	if (kind == RERR) {
		l->buf[n] = '\0';
		if (want > 0)
			devfs_consinput(fs, NULL, 0, (char *)l->buf);
		else
			fprintf(stderr, "devfs: %s\n", (char *)l->buf);
		return;
	}
	if (kind == REOF) {
		if (want > 0)
			devfs_consinput(fs, NULL, 0, NULL);
		else
			l->heldeof = 1;
		return;
	}
	if (want > 0) {
		size_t take = n < want ? n : want;

		devfs_consinput(fs, l->buf, take, NULL);
		memmove(l->buf, l->buf + take, n - take);
		n -= take;
	}
	// The reader reads at most CONSBUF and is asked only when nothing is
	// held; the bound is kept even so.
	if (n > CONSBUF - l->nheld)
		n = CONSBUF - l->nheld;
	memcpy(l->held + l->nheld, l->buf, n);
	l->nheld += n;
}

static void
closefd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int
startreaders(Loop *l, Devfs *fs, P9Srv *s, int infd)
{
	if (pipe(l->tok) < 0 || pipe(l->d9) < 0 || pipe(l->dcons) < 0 || pipe(l->ctl) < 0) {
		snprintf(s->lasterr, sizeof s->lasterr, "pipe: %s", strerror(errno));
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	l->reader9p = fork();
	if (l->reader9p == 0)
		reader9p(l, infd, s->maxmsize);
	if (l->reader9p < 0) {
		snprintf(s->lasterr, sizeof s->lasterr, "fork: %s", strerror(errno));
		return -1;
	}
	if (fs->consfd >= 0) {
		l->readercons = fork();
		if (l->readercons == 0)
			readercons(l, fs->consfd);
		if (l->readercons < 0) {
			snprintf(s->lasterr, sizeof s->lasterr, "fork: %s", strerror(errno));
			return -1;
		}
	}
	// The readers' ends: once both readers are gone, the token pipe
	// reads end of file.
	closefd(&l->tok[1]);
	closefd(&l->d9[1]);
	closefd(&l->dcons[1]);
	closefd(&l->ctl[0]);
	return 0;
}

// Closing the control pipe ends an idle console reader; a reader still
// blocked in a read (the console's, or the 9P stream's when the loop ends
// for another reason) is killed.
static void
stopreaders(Loop *l)
{
	int fds[] = {l->tok[0],   l->tok[1],   l->d9[0],  l->d9[1],
	             l->dcons[0], l->dcons[1], l->ctl[0], l->ctl[1]};

	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	if (l->reader9p > 0) {
		if (!l->r9done)
			kill(l->reader9p, SIGKILL);
		waitpid(l->reader9p, NULL, 0);
	}
	if (l->readercons > 0) {
		if (l->consbusy)
			kill(l->readercons, SIGKILL);
		waitpid(l->readercons, NULL, 0);
	}
}

// One record from the reader that tok names; returns 1 when the
// connection is over (rc set), 0 to go on.
static int
step(Devfs *fs, P9Srv *s, Loop *l, char tok, int *rc)
{
	uint8_t hdr[5];
	int fd = tok == TOK9P ? l->d9[0] : l->dcons[0];
	uint32_t n;

	if (!readall(fd, hdr, sizeof hdr)) {
		snprintf(s->lasterr, sizeof s->lasterr, "a reader process died");
		return *rc = -1, 1;
	}
	n = p9_get32(hdr + 1);
	if (n >= l->bufsize || !readall(fd, l->buf, n)) {
		snprintf(s->lasterr, sizeof s->lasterr, "a reader process sent a bad record");
		return *rc = -1, 1;
	}
	if (tok == TOKCONS) {
		consrecord(fs, l, hdr[0], n);
		return 0;
	}
	if (hdr[0] != RDATA)
		l->r9done = 1;
	if (hdr[0] == REOF)
		return *rc = 0, 1;
	if (hdr[0] == RERR) {
		l->buf[n] = '\0';
		snprintf(s->lasterr, sizeof s->lasterr, "%s", (char *)l->buf);
		return *rc = -1, 1;
	}
	if (p9_srv_handle(s, l->buf, n) < 0)
		return *rc = -1, 1;
	return 0;
}

int
devfs_serve(Devfs *fs, P9Srv *s, int infd, int outfd)
{
	Loop l = {.tok = {-1, -1},
	          .d9 = {-1, -1},
	          .dcons = {-1, -1},
	          .ctl = {-1, -1},
	          .reader9p = -1,
	          .readercons = -1};
	int rc = -1;

	s->lasterr[0] = '\0';
	l.bufsize = (s->maxmsize > CONSBUF ? s->maxmsize : CONSBUF) + ERRLEN;
	l.buf = malloc(l.bufsize);
	l.held = malloc(CONSBUF);
	if (l.buf == NULL || l.held == NULL) {
		snprintf(s->lasterr, sizeof s->lasterr, "out of memory");
		goto out;
	}
	p9_srv_setout(s, outfd);
	if (startreaders(&l, fs, s, infd) < 0)
		goto out;
	for (;;) {
		char tok;

		if (feedcons(fs, &l) < 0) {
			snprintf(s->lasterr, sizeof s->lasterr, "the console reader died");
			break;
		}
		if (!readall(l.tok[0], &tok, 1)) {
			snprintf(s->lasterr, sizeof s->lasterr, "the reader processes died");
			break;
		}
		if (tok != TOK9P && tok != TOKCONS) {
			snprintf(s->lasterr, sizeof s->lasterr, "bad token %d", tok);
			break;
		}
		if (step(fs, s, &l, tok, &rc))
			break;
	}
out:
	stopreaders(&l);
	free(l.buf);
	free(l.held);
	p9_srv_close(s);
	return rc;
}
