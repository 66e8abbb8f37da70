// cmd/sh/tty.c: the terminal's raw mode for the line editor. The only
// file that knows termios; on Gremlin (no <termios.h>) it is the console's
// raw mode instead: writing "rawon" to /dev/consctl (#c/consctl) while a
// line is edited, and closing it (which ends raw mode) before a command
// runs and at exit. Where neither works, tty_raw fails and the editor
// reads plain lines (the console's own line discipline edits them).
#include "sh.h"

#if defined(__has_include)
#if __has_include(<termios.h>)
#define HAVE_TERMIOS 1
#endif
#endif

#ifdef HAVE_TERMIOS
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static int is_raw;

// Characters one at a time, no echo, no signals from the keyboard (Ctrl-C
// arrives as a byte); output processing stays on.
int
tty_raw(int fd)
{
	struct termios t;

	if (tcgetattr(fd, &saved) < 0)
		return -1;
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	t.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IXON);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSADRAIN, &t) < 0)
		return -1;
	is_raw = 1;
	return 0;
}

void
tty_restore(int fd)
{
	if (!is_raw)
		return;
	tcsetattr(fd, TCSADRAIN, &saved);
	is_raw = 0;
}
#else
#include <fcntl.h>
#include <unistd.h>

static int ctl = -1; // the open consctl while raw mode is on
static int no_raw;   // the console has no raw mode: plain lines from now on

// Raw mode is exactly what the editor asks of termios elsewhere: no echo,
// no editing, no signals from the keyboard (Ctrl-C arrives as a byte), CR
// stays CR, a read returns what is there. The consctl is opened for each
// line and closed after it, so no command inherits it.
int
tty_raw(int fd)
{
	if (no_raw || !isatty(fd))
		return -1;
	if (ctl < 0 && (ctl = open("/dev/consctl", O_WRONLY)) < 0 &&
	    (ctl = open("#c/consctl", O_WRONLY)) < 0) {
		no_raw = 1;
		return -1;
	}
	if (write(ctl, "rawon", 5) != 5) {
		close(ctl);
		ctl = -1;
		no_raw = 1;
		return -1;
	}
	return 0;
}

void
tty_restore(int fd)
{
	(void)fd;
	if (ctl < 0)
		return;
	write(ctl, "rawoff", 6);
	close(ctl);
	ctl = -1;
}
#endif
