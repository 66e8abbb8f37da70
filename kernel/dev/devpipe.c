// kernel/dev/devpipe.c: '#|', pipes. Each attach makes a new pipe: a
// directory with two files, data and data1, the two ends. A pipe is
// bidirectional (Plan 9): what is written on one end is read from the
// other. Each direction buffers PIPEBUF bytes; a writer blocks while the
// buffer is full, a reader while it is empty. A read returns 0 (end of
// file) once the buffer is empty and no one has the other end open; a
// write with no one holding the other end open fails with EPIPE and posts
// the note "sys: write on closed pipe" to the writer, which kills it with
// status 141 (128 + SIGPIPE) unless it is already dying. (The mount
// driver's own writes get EPIPE without the note.)
#include "defs.h"

// Two pages a direction: a 9P message carrying a page of data (devmnt's
// msize is a page plus the header) fits whole, so the server reads it in
// one go (bench cat-10mb: 270 ms with one page, 155 ms with two).
#define PIPEPAGES 2
#define PIPEBUF (PIPEPAGES * PGSIZE)

enum { Qdir, Qdata0, Qdata1 };

struct pipeq {
	uint8_t *buf;
	uint64_t r, w; // w - r bytes are buffered
};

struct pipe {
	int ref;           // chans that point at it
	int open[2];       // opened chans of each end
	struct pipeq q[2]; // q[k]: written on end k, read on end 1-k
	uint64_t id;
};

static uint64_t pipeid;

static void
pipefree(struct pipe *p)
{
	for (int i = 0; i < 2; i++)
		if (p->q[i].buf)
			kpages_free(p->q[i].buf, PIPEPAGES);
	kfree(p);
}

static int
pipeattach(struct chan *c, const char *spec, char *why)
{
	struct pipe *p;

	if (spec[0]) {
		fmt(why, ERRMAX, "'#|' takes no attach name (got '%s')", spec);
		return -ENOENT;
	}
	p = kzalloc(sizeof *p);
	if (p == NULL)
		return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	p->q[0].buf = kpages_alloc(PIPEPAGES);
	p->q[1].buf = kpages_alloc(PIPEPAGES);
	if (p->q[0].buf == NULL || p->q[1].buf == NULL) {
		pipefree(p);
		return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	}
	p->ref = 1;
	p->id = ++pipeid;
	c->aux = p;
	c->inst = p->id;
	c->qid.path = Qdir;
	return 0;
}

static void
pipeclone(struct chan *c)
{
	((struct pipe *)c->aux)->ref++;
}

static int
pipegen(struct chan *c, uint64_t i, struct kdir *d)
{
	struct pipe *p = c->aux;

	if (c->qid.path != Qdir || i >= 2)
		return 0;
	d->qid.path = Qdata0 + i;
	d->mode = 0600;
	d->length = p->q[1 - i].buf ? p->q[1 - i].w - p->q[1 - i].r : 0;
	strlcpy(d->name, i == 0 ? "data" : "data1", sizeof d->name);
	return 1;
}

static int
pipewalk(struct chan *c, const char *name, char *why)
{
	return devgenwalk(c, name, pipegen, why);
}

static int
pipestat(struct chan *c, struct kdir *d, char *why)
{
	(void)why;
	if (c->qid.path == Qdir) {
		d->qid = c->qid;
		d->mode = DMDIR | 0500;
		strlcpy(d->name, "#|", sizeof d->name);
		return 0;
	}
	struct chan dir = {.qid = {Qdir, 0, QTDIR}, .aux = c->aux};

	pipegen(&dir, c->qid.path - Qdata0, d);
	return 0;
}

static int
pipeopen(struct chan *c, int mode, struct chan **nc, char *why)
{
	struct pipe *p = c->aux;

	(void)nc;
	if (c->qid.path == Qdir) {
		if (mode != O_RDONLY)
			return fmt(why, ERRMAX, "a pipe's directory is read-only"), -EISDIR;
		return 0;
	}
	p->open[c->qid.path - Qdata0]++;
	return 0;
}

static void
pipeclose(struct chan *c)
{
	struct pipe *p = c->aux;

	if (p == NULL)
		return;
	if ((c->flags & COPEN) && c->qid.path != Qdir) {
		p->open[c->qid.path - Qdata0]--;
		wakeup(&p->q[0]);
		wakeup(&p->q[1]);
	}
	if (--p->ref == 0)
		pipefree(p);
}

// Copy n bytes between a flat buffer and the ring at offset at (into the
// ring when in is set), in at most two pieces.
static void
ring_copy(uint8_t *flat, uint8_t *ring, uint64_t at, uint64_t n, int in)
{
	uint64_t first = PIPEBUF - at < n ? PIPEBUF - at : n;

	if (in) {
		memcpy(ring + at, flat, first);
		memcpy(ring, flat + first, n - first);
	} else {
		memcpy(flat, ring + at, first);
		memcpy(flat + first, ring, n - first);
	}
}

static int64_t
piperead(struct chan *c, void *buf, uint64_t n, uint64_t off, char *why)
{
	struct pipe *p = c->aux;
	int end = (int)(c->qid.path - Qdata0);
	struct pipeq *q = &p->q[1 - end];
	uint64_t got = 0;

	(void)off;
	while (q->w == q->r) {
		if (p->open[1 - end] == 0)
			return 0;
		if (interrupted(curproc()))
			return fmt(why, ERRMAX, "interrupted"), -EINTR;
		if (curproc()->deadline && clock_mono_ns() >= curproc()->deadline)
			return fmt(why, ERRMAX, "timed out"), -ETIMEDOUT;
		sleep(q);
	}
	got = q->w - q->r < n ? q->w - q->r : n;
	ring_copy((uint8_t *)buf, q->buf, q->r % PIPEBUF, got, 0);
	q->r += got;
	wakeup(q);
	return (int64_t)got;
}

static int64_t
pipewrite(struct chan *c, const void *buf, uint64_t n, uint64_t off, char *why)
{
	struct pipe *p = c->aux;
	int end = (int)(c->qid.path - Qdata0);
	struct pipeq *q = &p->q[end];
	uint64_t done = 0;

	(void)off;
	while (done < n) {
		if (p->open[1 - end] == 0) {
			if (done > 0)
				break;
			fmt(why, ERRMAX, "write on closed pipe");
			if (!curproc()->kio)
				proc_note(curproc(), "sys: write on closed pipe");
			return -EPIPE;
		}
		if (q->w - q->r == PIPEBUF) {
			if (interrupted(curproc()))
				return done ? (int64_t)done
				            : (fmt(why, ERRMAX, "interrupted"), -EINTR);
			if (curproc()->deadline && clock_mono_ns() >= curproc()->deadline)
				return done ? (int64_t)done
				            : (fmt(why, ERRMAX, "timed out"), -ETIMEDOUT);
			sleep(q);
			continue;
		}
		uint64_t k = PIPEBUF - (q->w - q->r);

		if (k > n - done)
			k = n - done;
		ring_copy((uint8_t *)buf + done, q->buf, q->w % PIPEBUF, k, 1);
		q->w += k;
		done += k;
		wakeup(q);
	}
	return (int64_t)done;
}

// SYS_pipe: a new pipe's two ends, opened read-write.
int
pipe_new(struct chan **c0, struct chan **c1, char *why)
{
	struct chan *d;
	int r = chan_attach('|', "", &d, why);

	if (r < 0)
		return r;
	*c0 = chan_clone(d);
	*c1 = chan_clone(d);
	chan_put(d);
	if (*c0 == NULL || *c1 == NULL) {
		chan_put(*c0);
		chan_put(*c1);
		return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	}
	(*c0)->qid.path = Qdata0;
	(*c0)->qid.type = QTFILE;
	(*c1)->qid.path = Qdata1;
	(*c1)->qid.type = QTFILE;
	strlcpy((*c0)->path, "#|/data", NSPATH);
	strlcpy((*c1)->path, "#|/data1", NSPATH);
	for (int i = 0; i < 2; i++) {
		struct chan *e = i ? *c1 : *c0;

		pipeopen(e, O_RDWR, NULL, why);
		e->mode = O_RDWR;
		e->flags |= COPEN;
	}
	return 0;
}

const struct dev pipedev = {
        .dc = '|',
        .name = "pipe",
        .stream = 1,
        .attach = pipeattach,
        .clone = pipeclone,
        .walk = pipewalk,
        .stat = pipestat,
        .gen = pipegen,
        .open = pipeopen,
        .read = piperead,
        .write = pipewrite,
        .close = pipeclose,
};
