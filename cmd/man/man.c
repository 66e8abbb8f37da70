// cmd/man/man.c: print a manual page. Pages are mdoc files named
// NAME.SECTION in the directories of $MANPATH (default /man:/base/man, where
// the image carries docs/man), rendered to text by mdoc.c.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mdoc.h"

static const char *const sections[] = {"1", "8", "2", "3", "4", "5", "6", "7", "9", NULL};

// Read a whole file into a new buffer. Returns it (size in *n), or NULL
// with errno set.
static char *
slurp(const char *path, size_t *n)
{
	int fd = open(path, O_RDONLY);
	size_t cap = 16384, used = 0;
	char *buf, *bigger;
	ssize_t got;

	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	while (buf) {
		if (used == cap) {
			bigger = realloc(buf, cap * 2);
			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		}
		got = read(fd, buf + used, cap - used);
		if (got == 0) {
			close(fd);
			*n = used;
			return buf;
		}
		if (got < 0 && errno != EINTR)
			break;
		if (got > 0)
			used += (size_t)got;
	}
	free(buf);
	close(fd);
	return NULL;
}

// Find name's page (in section sec, or the first section that has it) and
// read it. Returns the text, or NULL (path holds the last name tried).
static char *
find(const char *name, const char *sec, char *path, size_t pathlen, size_t *n)
{
	const char *mp = getenv("MANPATH");
	char *text;

	if (!mp || !*mp)
		mp = "/man:/base/man";
	for (int s = 0; sec ? s == 0 : sections[s] != NULL; s++) {
		for (const char *d = mp;; d++) {
			size_t len = strcspn(d, ":");

			snprintf(path, pathlen, "%.*s/%s.%s", (int)len, d, name,
			         sec ? sec : sections[s]);
			text = slurp(path, n);
			if (text || errno != ENOENT)
				return text;
			d += len;
			if (*d == '\0')
				break;
		}
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	const char *name, *sec = NULL;
	char path[1024];
	size_t n = 0;
	char *text;

	if (argc == 3) {
		sec = argv[1];
		name = argv[2];
	} else if (argc == 2) {
		name = argv[1];
	} else {
		fprintf(stderr, "usage: man [section] name\n       man ./file.N\n");
		return 2;
	}
	if (strchr(name, '/')) {
		snprintf(path, sizeof path, "%s", name);
		text = slurp(path, &n);
	} else {
		text = find(name, sec, path, sizeof path, &n);
	}
	if (!text) {
		if (errno == ENOENT)
			fprintf(stderr, "man: no page for %s%s%s (looked in %s)\n", name,
			        sec ? " in section " : "", sec ? sec : "",
			        getenv("MANPATH") ? getenv("MANPATH") : "/man:/base/man");
		else
			fprintf(stderr, "man: %s: %s\n", path, strerror(errno));
		return 1;
	}
	mdoc_render(text, n, 78, stdout, stderr);
	free(text);
	return fflush(stdout) == 0 ? 0 : 1;
}
