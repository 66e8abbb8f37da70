// kernel/dev/cons.c: the console: the serial line with a cooked line
// discipline. Input is echoed and edited (backspace/DEL erase a character,
// Ctrl-U the line) and handed to readers a line at a time; Ctrl-D at the
// start of a line reads as end of file, elsewhere it hands over the partial
// line; Ctrl-C drops the line and posts "interrupt" to every process in
// init's note group except init. There is no raw mode yet.
#include "defs.h"

#define INBUF 1024
#define CTRL(c) ((c) - '@')
#define EOFMARK CTRL('D')

// in[r..w) is ready for readers; in[w..e) is the line being edited.
static char in[INBUF];
static uint64_t r, w, e;
static int chan;

static void
echo(const char *s)
{
	uart_write(s, strlen(s));
}

static void
erase(void)
{
	e--;
	echo("\b \b");
}

void
cons_input(char c)
{
	if (c == '\r')
		c = '\n';
	switch (c) {
	case CTRL('C'):
		e = w;
		echo("^C\n");
		proc_interrupt_all();
		return;
	case CTRL('U'):
		while (e != w)
			erase();
		return;
	case 0x7f:
	case '\b':
		if (e != w)
			erase();
		return;
	case CTRL('D'):
		if (e == w) {
			if (e - r < INBUF)
				in[e++ % INBUF] = EOFMARK;
		}
		w = e;
		wakeup(&chan);
		return;
	}
	// Keep one slot for the newline that ends a full line.
	if (e - r >= INBUF - (c == '\n' ? 0 : 1))
		return;
	in[e++ % INBUF] = c;
	uart_write(&c, 1);
	if (c == '\n') {
		w = e;
		wakeup(&chan);
	}
}

// Read at most one line (or what fits in n) into the kernel buffer buf.
// Sleeps until a line is ready.
static int64_t
cons_read(struct proc *p, char *buf, uint64_t n)
{
	uint64_t got = 0, pos;

	if (n == 0)
		return 0;
	while (r == w) {
		if (p->killed)
			return -EINTR;
		sleep(&chan);
	}
	if (in[r % INBUF] == EOFMARK) {
		r++;
		return 0;
	}
	for (pos = r; pos != w && got < n; pos++) {
		char c = in[pos % INBUF];

		if (c == EOFMARK)
			break;
		buf[got++] = c;
		if (c == '\n') {
			pos++;
			break;
		}
	}
	r = pos;
	return (int64_t)got;
}

// '#c': the console device. cons is the console line; kmsg reads the
// kernel log ring (from the oldest byte still held).
enum { Qdir, Qcons, Qkmsg };

static const char *const consnames[] = {"cons", "kmsg"};

static int
consgen(struct chan *c, uint64_t i, struct kdir *d)
{
	if (c->qid.path != Qdir || i >= NELEM(consnames))
		return 0;
	d->qid.path = i + 1;
	d->mode = i + 1 == Qcons ? 0666 : 0444;
	strlcpy(d->name, consnames[i], sizeof d->name);
	return 1;
}

static int
conswalk(struct chan *c, const char *name, char *why)
{
	return devgenwalk(c, name, consgen, why);
}

static int
consstat(struct chan *c, struct kdir *d, char *why)
{
	(void)why;
	if (c->qid.path == Qdir) {
		d->qid = c->qid;
		d->mode = DMDIR | 0555;
		strlcpy(d->name, "#c", sizeof d->name);
		return 0;
	}
	consgen(&(struct chan){.qid = {0, 0, QTDIR}}, c->qid.path - 1, d);
	return 0;
}

static int
consopen(struct chan *c, int mode, struct chan **nc, char *why)
{
	(void)nc;
	if (c->qid.path == Qdir && mode != O_RDONLY) {
		fmt(why, ERRMAX, "'#c' is a directory");
		return -EISDIR;
	}
	if (c->qid.path == Qkmsg && mode != O_RDONLY) {
		fmt(why, ERRMAX, "kmsg is read-only");
		return -EACCES;
	}
	return 0;
}

static int64_t
consread_(struct chan *c, void *buf, uint64_t n, uint64_t off, char *why)
{
	int64_t got;

	if (c->qid.path == Qkmsg)
		return (int64_t)kmsg_read(buf, off, n);
	got = cons_read(curproc(), buf, n);
	if (got == -EINTR)
		fmt(why, ERRMAX, "interrupted");
	return got;
}

static int64_t
conswrite(struct chan *c, const void *buf, uint64_t n, uint64_t off, char *why)
{
	(void)c;
	(void)off;
	(void)why;
	uart_write(buf, n);
	return (int64_t)n;
}

const struct dev consdev = {
        .dc = 'c',
        .name = "cons",
        .stream = 1,
        .walk = conswalk,
        .stat = consstat,
        .gen = consgen,
        .open = consopen,
        .read = consread_,
        .write = conswrite,
};
