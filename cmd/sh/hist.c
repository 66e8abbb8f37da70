// cmd/sh/hist.c: command history, in memory, and appended to
// $HOME/.sh_history when HOME is set (loaded from it at start).
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

#define HIST_MAX 500

static char *lines[HIST_MAX];
static int count;

static void
remember(const char *line, size_t n)
{
	if (count == HIST_MAX) {
		free(lines[0]);
		memmove(lines, lines + 1, (HIST_MAX - 1) * sizeof lines[0]);
		count--;
	}
	lines[count++] = xstrndup(line, n);
}

static char *
hist_path(void)
{
	const char *home = var_get("HOME");
	struct buf b = {0};

	if (!home || !*home)
		return NULL;
	buf_puts(&b, home);
	buf_puts(&b, "/.sh_history");
	return buf_take(&b);
}

void
hist_init(void)
{
	char *path = hist_path();
	struct input in;

	if (!path)
		return;
	if (input_file(&in, path) == 0) {
		char *p = in.buf, *end = in.buf + in.len;

		while (p < end) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

			if (n > 0)
				remember(p, n);
			p += n + 1;
		}
		input_free(&in);
	}
	free(path);
}

void
hist_add(const char *line)
{
	char *path;
	int fd;

	if (!*line || (count > 0 && strcmp(lines[count - 1], line) == 0))
		return;
	remember(line, strlen(line));
	path = hist_path();
	if (!path)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	free(path);
	if (fd < 0)
		return;
	if (write(fd, line, strlen(line)) >= 0 && write(fd, "\n", 1) >= 0) {
		// Saved; a failure to save history is not worth a message.
	}
	close(fd);
}

int
hist_count(void)
{
	return count;
}

// Entry i, 0 being the oldest.
const char *
hist_get(int i)
{
	return i >= 0 && i < count ? lines[i] : NULL;
}
