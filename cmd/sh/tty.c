// cmd/sh/tty.c: the terminal's raw mode for the line editor. The only
// file that knows termios; on Gremlin it becomes the console's raw-mode
// control. Where there is no <termios.h> (Gremlin's lib/c today),
// tty_raw fails and the editor reads plain lines (the console's own line
// discipline edits them).
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
int
tty_raw(int fd)
{
	(void)fd;
	return -1;
}

void
tty_restore(int fd)
{
	(void)fd;
}
#endif
