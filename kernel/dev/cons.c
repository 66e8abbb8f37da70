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

// Read at most one line (or what fits in n). Sleeps until a line is ready.
int64_t
cons_read(struct proc *p, uint64_t ubuf, uint64_t n)
{
	char tmp[INBUF];
	uint64_t got = 0, pos;

	if (n == 0)
		return 0;
	if (!uaccess_ok(&p->as, ubuf, n, 1))
		return -EFAULT;
	while (r == w) {
		if (p->killed)
			return -EINTR;
		sleep(&chan);
	}
	if (in[r % INBUF] == EOFMARK) {
		r++;
		return 0;
	}
	for (pos = r; pos != w && got < n && got < sizeof tmp; pos++) {
		char c = in[pos % INBUF];

		if (c == EOFMARK)
			break;
		tmp[got++] = c;
		if (c == '\n') {
			pos++;
			break;
		}
	}
	if (copyout(&p->as, ubuf, tmp, got) < 0)
		return -EFAULT;
	r = pos;
	return (int64_t)got;
}

int64_t
cons_write(struct proc *p, uint64_t ubuf, uint64_t n)
{
	char tmp[512];
	uint64_t done = 0;

	while (done < n) {
		uint64_t chunk = n - done < sizeof tmp ? n - done : sizeof tmp;

		if (copyin(&p->as, tmp, ubuf + done, chunk) < 0)
			return done > 0 ? (int64_t)done : -EFAULT;
		uart_write(tmp, chunk);
		done += chunk;
	}
	return (int64_t)n;
}
