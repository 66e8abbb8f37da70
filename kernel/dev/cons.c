// kernel/dev/cons.c: the console: the serial line with a cooked line
// discipline. Input is echoed and edited (backspace/DEL erase a character,
// Ctrl-U the line) and handed to readers a line at a time; Ctrl-D at the
// start of a line reads as end of file, elsewhere it hands over the partial
// line; Ctrl-C drops the line and posts "interrupt" to every process in
// init's note group except init. In raw mode (asked for by writing "rawon"
// to '#c/consctl', Plan 9 style) every byte goes to readers as it comes:
// no echo, no editing, no CR translation, Ctrl-C, Ctrl-D and the rest are
// bytes like any other. Raw mode lasts while some open consctl has it on:
// "rawoff" or closing that consctl ends it.
#include "defs.h"

#define INBUF 1024
#define CTRL(c) ((c) - '@')
#define EOFMARK CTRL('D')

// in[r..w) is ready for readers; in[w..e) is the line being edited.
static char in[INBUF];
static uint64_t r, w, e;
static int chan;
static int raw; // how many open consctl files have raw mode on

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
	if (raw) {
		if (e - r < INBUF)
			in[e++ % INBUF] = c;
		w = e;
		wakeup(&chan);
		return;
	}
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
		if (interrupted(p))
			return -EINTR;
		sleep(&chan);
	}
	if (raw) {
		while (r != w && got < n)
			buf[got++] = in[r++ % INBUF];
		return (int64_t)got;
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

// '#c': the console device. cons is the console line; consctl takes
// "rawon" and "rawoff" (see the top of this file); kmsg reads the
// kernel log ring (from the oldest byte still held); audit the audit ring
// (dev/audit.c: one line per call a syscall filter refused); reboot, which only
// init (pid 1) may open, reads the poweroff/reboot request another process
// posted to init as a note ("poweroff N", "reboot"; nothing if none) and
// clears it (proc.c); hostname reads the machine's name (uname's nodename)
// and a write sets it.
enum { Qdir, Qcons, Qconsctl, Qkmsg, Qreboot, Qaudit, Qhostname };

static const char *const consnames[] = {"cons", "consctl", "kmsg", "reboot", "audit", "hostname"};
static const uint32_t consmodes[] = {0666, 0222, 0444, 0400, 0444, 0664};

// The host name: 1..HOSTNAME_MAX bytes of letters, digits, '.' and '-',
// not starting or ending with '-' (RFC 1123 labels, loosely).
#define HOSTNAME_MAX 63
static char hostname[HOSTNAME_MAX + 1] = "gremlin";

void
cons_hostname(char *buf, size_t n)
{
	strlcpy(buf, hostname, n);
}

static int
hostchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-';
}

// A write of the whole name (one trailing newline is dropped, so `echo
// NAME > #c/hostname` works); anything else changes nothing.
static int64_t
hostwrite(const char *buf, uint64_t n, char *why)
{
	uint64_t len = n;

	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len == 0)
		return fmt(why, ERRMAX, "empty name"), -EINVAL;
	if (len > HOSTNAME_MAX)
		return fmt(why, ERRMAX, "%llu bytes; at most %d", (unsigned long long)len,
		           HOSTNAME_MAX),
		       -EINVAL;
	for (uint64_t i = 0; i < len; i++)
		if (!hostchar(buf[i]))
			return fmt(why, ERRMAX,
			           "byte 0x%02x at %llu; only letters, digits, '.' and "
			           "'-' are allowed",
			           (unsigned)(uint8_t)buf[i], (unsigned long long)i),
			       -EINVAL;
	if (buf[0] == '-' || buf[len - 1] == '-')
		return fmt(why, ERRMAX, "a name may not start or end with '-'"), -EINVAL;
	memcpy(hostname, buf, len);
	hostname[len] = '\0';
	return (int64_t)n;
}

static int64_t
hostread(char *buf, uint64_t n, uint64_t off)
{
	uint64_t len = strlen(hostname);

	if (off >= len)
		return 0;
	if (n > len - off)
		n = len - off;
	memcpy(buf, hostname + off, n);
	return (int64_t)n;
}

static int
consgen(struct chan *c, uint64_t i, struct kdir *d)
{
	if (c->qid.path != Qdir || i >= NELEM(consnames))
		return 0;
	d->qid.path = i + 1;
	d->mode = consmodes[i];
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
	if ((c->qid.path == Qkmsg || c->qid.path == Qaudit) && mode != O_RDONLY) {
		fmt(why, ERRMAX, "%s is read-only", consnames[c->qid.path - 1]);
		return -EACCES;
	}
	if (c->qid.path == Qreboot && curproc()->pid != 1) {
		fmt(why, ERRMAX, "'#c/reboot' is init's (pid 1) alone");
		return -EPERM;
	}
	if (c->qid.path == Qconsctl && mode == O_RDONLY) {
		fmt(why, ERRMAX, "'#c/consctl' is write-only");
		return -EACCES;
	}
	if (c->qid.path == Qreboot && mode != O_RDONLY) {
		fmt(why, ERRMAX, "'#c/reboot' is read-only");
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
	if (c->qid.path == Qaudit)
		return (int64_t)audit_read(buf, off, n);
	if (c->qid.path == Qreboot)
		return proc_initrequest(buf, n);
	if (c->qid.path == Qhostname)
		return hostread(buf, n, off);
	got = cons_read(curproc(), buf, n);
	if (got == -EINTR)
		fmt(why, ERRMAX, "interrupted");
	return got;
}

// Switch raw mode for this open consctl (its aux says whether it has it
// on). Going raw hands a half-typed line to readers as it is.
static void
setraw(struct chan *c, int on)
{
	if (on == (c->aux != NULL))
		return;
	c->aux = on ? (void *)1 : NULL;
	raw += on ? 1 : -1;
	if (raw) {
		w = e;
		wakeup(&chan);
	}
}

static int64_t
ctlwrite(struct chan *c, const char *buf, uint64_t n, char *why)
{
	char cmd[16];
	uint64_t len = n;

	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	if (len >= sizeof cmd) {
		fmt(why, ERRMAX, "consctl: unknown request (%llu bytes); rawon or rawoff",
		    (unsigned long long)n);
		return -EINVAL;
	}
	memcpy(cmd, buf, len);
	cmd[len] = '\0';
	if (strcmp(cmd, "rawon") == 0)
		setraw(c, 1);
	else if (strcmp(cmd, "rawoff") == 0)
		setraw(c, 0);
	else {
		fmt(why, ERRMAX, "consctl: unknown request '%s'; rawon or rawoff", cmd);
		return -EINVAL;
	}
	return (int64_t)n;
}

static int64_t
conswrite(struct chan *c, const void *buf, uint64_t n, uint64_t off, char *why)
{
	(void)off;
	if (c->qid.path == Qconsctl)
		return ctlwrite(c, buf, n, why);
	if (c->qid.path == Qhostname)
		return hostwrite(buf, n, why);
	uart_write(buf, n);
	return (int64_t)n;
}

static void
consclose(struct chan *c)
{
	if (c->qid.path == Qconsctl)
		setraw(c, 0);
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
        .close = consclose,
};
