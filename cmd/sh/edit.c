// cmd/sh/edit.c: the line editor. Keys: printable characters insert;
// Left/Right, Ctrl-B/Ctrl-F move; Home/End, Ctrl-A/Ctrl-E; Backspace,
// Delete; Ctrl-U kills to the start, Ctrl-K to the end, Ctrl-W the word
// before the cursor; Up/Down (Ctrl-P/Ctrl-N) walk the history; Ctrl-D on
// an empty line is end of input; Ctrl-C abandons the line; Ctrl-L
// redraws. The screen is redrawn with "\r", the line, and an erase to the
// end of the line (ANSI), so a line longer than the terminal is not
// supported. Without a terminal it reads a plain line.
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct ed {
	struct buf line;
	size_t cur;
	const char *prompt;
	int hist;    // history entry shown (hist_count(): the line being typed)
	char *typed; // the line being typed while browsing history
};

static void
out(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(2, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void
redraw(struct ed *E)
{
	struct buf b = {0};

	buf_puts(&b, "\r");
	buf_puts(&b, E->prompt);
	if (E->line.len)
		buf_putn(&b, E->line.s, E->line.len);
	buf_puts(&b, "\x1b[K");
	// Back to the cursor.
	for (size_t i = E->cur; i < E->line.len; i++)
		buf_putc(&b, '\b');
	out(b.s, b.len);
	buf_free(&b);
}

static void
set_line(struct ed *E, const char *s)
{
	E->line.len = 0;
	buf_puts(&E->line, s);
	E->cur = E->line.len;
}

static void
insert(struct ed *E, char c)
{
	buf_putc(&E->line, 0);
	memmove(E->line.s + E->cur + 1, E->line.s + E->cur, E->line.len - 1 - E->cur);
	E->line.s[E->cur++] = c;
	E->line.s[E->line.len] = 0;
}

static void
erase(struct ed *E, size_t from, size_t to)
{
	memmove(E->line.s + from, E->line.s + to, E->line.len - to);
	E->line.len -= to - from;
	E->line.s[E->line.len] = 0;
	E->cur = from;
}

static void
history(struct ed *E, int dir)
{
	int n = hist_count(), h = E->hist + dir;

	if (h < 0 || h > n)
		return;
	if (E->hist == n) {
		free(E->typed);
		E->typed = xstrndup(E->line.s ? E->line.s : "", E->line.len);
	}
	E->hist = h;
	set_line(E, h == n ? E->typed : hist_get(h));
}

static int
readc(void)
{
	unsigned char c;

	for (;;) {
		ssize_t n = read(0, &c, 1);

		if (n == 1)
			return c;
		if (n < 0 && intr_pending()) {
			intr_clear();
			return 3;
		}
		return -1;
	}
}

// An escape sequence: ESC [ X, ESC [ n ~, ESC O X.
static void
escape(struct ed *E)
{
	int c = readc(), num = 0;

	if (c != '[' && c != 'O')
		return;
	c = readc();
	while (c >= '0' && c <= '9') {
		num = num * 10 + (c - '0');
		c = readc();
	}
	if (c == 'A')
		history(E, -1);
	else if (c == 'B')
		history(E, 1);
	else if (c == 'C' && E->cur < E->line.len)
		E->cur++;
	else if (c == 'D' && E->cur > 0)
		E->cur--;
	else if (c == 'H' || (c == '~' && (num == 1 || num == 7)))
		E->cur = 0;
	else if (c == 'F' || (c == '~' && (num == 4 || num == 8)))
		E->cur = E->line.len;
	else if (c == '~' && num == 3 && E->cur < E->line.len)
		erase(E, E->cur, E->cur + 1);
}

static void
kill_word(struct ed *E)
{
	size_t from = E->cur;

	while (from > 0 && E->line.s[from - 1] == ' ')
		from--;
	while (from > 0 && E->line.s[from - 1] != ' ')
		from--;
	erase(E, from, E->cur);
}

// One key; returns 1 when the line is finished, -1 at end of input, -2
// on Ctrl-C, 0 to go on.
static int
key(struct ed *E, int c)
{
	switch (c) {
	case -1:
		return E->line.len ? 1 : -1;
	case '\r':
	case '\n':
		return 1;
	case 3:
		return -2;
	case 4:
		if (E->line.len == 0)
			return -1;
		if (E->cur < E->line.len)
			erase(E, E->cur, E->cur + 1);
		return 0;
	case 1:
		E->cur = 0;
		return 0;
	case 5:
		E->cur = E->line.len;
		return 0;
	case 2:
		if (E->cur > 0)
			E->cur--;
		return 0;
	case 6:
		if (E->cur < E->line.len)
			E->cur++;
		return 0;
	case 8:
	case 127:
		if (E->cur > 0)
			erase(E, E->cur - 1, E->cur);
		return 0;
	case 11:
		erase(E, E->cur, E->line.len);
		return 0;
	case 21:
		erase(E, 0, E->cur);
		return 0;
	case 23:
		kill_word(E);
		return 0;
	case 12:
		out("\x1b[H\x1b[2J", 7);
		return 0;
	case 14:
		history(E, 1);
		return 0;
	case 16:
		history(E, -1);
		return 0;
	case 27:
		escape(E);
		return 0;
	}
	if (c >= 32 || c == '\t')
		insert(E, (char)c);
	return 0;
}

// Without a terminal (or when raw mode fails): a plain line.
static char *
plain_line(const char *prompt)
{
	struct buf b = {0};
	int c;

	fd_puts(2, prompt);
	while ((c = readc()) >= 0 && c != '\n')
		buf_putc(&b, c);
	if (c < 0 && b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

char *
edit_line(const char *prompt, int *cancel)
{
	struct ed E = {.prompt = prompt, .hist = hist_count()};
	int r;

	*cancel = 0;
	if (tty_raw(0) < 0)
		return plain_line(prompt);
	buf_puts(&E.line, "");
	E.line.len = 0;
	redraw(&E);
	do {
		r = key(&E, readc());
		if (r == 0)
			redraw(&E);
	} while (r == 0);
	E.cur = E.line.len;
	redraw(&E);
	out(r == -2 ? "^C\r\n" : "\r\n", r == -2 ? 4 : 2);
	tty_restore(0);
	free(E.typed);
	if (r == -1) {
		buf_free(&E.line);
		return NULL;
	}
	if (r == -2) {
		*cancel = 1;
		buf_free(&E.line);
		return xstrdup("");
	}
	return buf_take(&E.line);
}
