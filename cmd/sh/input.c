// cmd/sh/input.c: sources of commands. A string or a file is read whole;
// standard input is read one line at a time (a byte at a time, so that a
// command started by the shell reads what follows its own line), through
// the line editor when interactive.
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

void
input_string(struct input *in, const char *s, const char *name)
{
	memset(in, 0, sizeof *in);
	in->len = strlen(s);
	in->cap = in->len + 1;
	in->buf = xstrndup(s, in->len);
	in->fd = -1;
	in->eof = 1;
	in->name = name;
}

// Read the whole file; -1 (errno set) if it cannot be opened or read.
int
input_file(struct input *in, const char *path)
{
	struct buf b = {0};
	char chunk[4096];
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);

		if (n < 0) {
			close(fd);
			buf_free(&b);
			return -1;
		}
		if (n == 0)
			break;
		buf_putn(&b, chunk, (size_t)n);
	}
	close(fd);
	memset(in, 0, sizeof *in);
	in->len = b.len;
	in->buf = buf_take(&b);
	in->cap = in->len + 1;
	in->fd = -1;
	in->eof = 1;
	in->name = path;
	return 0;
}

void
input_fd(struct input *in, int fd, int interactive)
{
	memset(in, 0, sizeof *in);
	in->fd = fd;
	in->interactive = interactive;
	in->name = NULL;
}

static void
input_append(struct input *in, const char *s, size_t n)
{
	if (in->len + n + 1 > in->cap) {
		in->cap = (in->len + n + 1) * 2;
		in->buf = xrealloc(in->buf, in->cap);
	}
	memcpy(in->buf + in->len, s, n);
	in->len += n;
	in->buf[in->len] = 0;
}

static int
more_editor(struct input *in)
{
	const char *prompt = in->cont ? var_get("PS2") : var_get("PS1");
	int cancel = 0;
	char *line;

	if (!prompt)
		prompt = in->cont ? "> " : "gremlin% ";
	job_report();
	line = edit_line(prompt, &cancel);
	if (!line) {
		in->eof = 1;
		return 0;
	}
	if (cancel) {
		free(line);
		in->cancel = 1;
		in->eof = 1;
		return 0;
	}
	hist_add(line);
	input_append(in, line, strlen(line));
	input_append(in, "\n", 1);
	free(line);
	in->cont = 1;
	return 1;
}

static int
more_fd(struct input *in)
{
	char c;
	size_t start = in->len;

	for (;;) {
		ssize_t n = read(in->fd, &c, 1);

		if (n < 0 && intr_pending())
			continue;
		if (n <= 0) {
			in->eof = 1;
			return in->len > start;
		}
		input_append(in, &c, 1);
		if (c == '\n')
			return 1;
	}
}

// Append the next line to the buffer; 0 at end of input.
int
input_more(struct input *in)
{
	if (in->eof || in->fd < 0)
		return 0;
	if (in->interactive)
		return more_editor(in);
	return more_fd(in);
}

// Forget what has been read (after a command ran, or after an error).
void
input_discard(struct input *in)
{
	if (in->fd < 0)
		return;
	in->len = in->pos = 0;
	in->cont = 0;
	in->cancel = 0;
	if (in->interactive)
		in->eof = 0;
}

void
input_free(struct input *in)
{
	free(in->buf);
	in->buf = NULL;
}
