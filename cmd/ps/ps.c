// cmd/ps/ps.c: list the processes: one line each from /proc/N/status
// (docs/procfs.md), in pid order.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "psparse.h"

static int
bypid(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

// The pids in /proc (names that are all digits), sorted, into a new array.
static long *
pids(size_t *n)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	long *v = NULL, *bigger;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (!e->d_name[0] || strspn(e->d_name, "0123456789") != strlen(e->d_name))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			bigger = realloc(v, cap * sizeof *v);
			if (!bigger)
				break;
			v = bigger;
		}
		v[(*n)++] = atol(e->d_name);
	}
	closedir(d);
	if (!v)
		v = malloc(sizeof *v);
	if (v)
		qsort(v, *n, sizeof *v, bypid);
	return v;
}

// Print pid's line. A process that ended meanwhile is skipped quietly.
static int
show(long pid)
{
	char path[64], buf[2048], err[128], line[160];
	struct psinfo p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%ld/status", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return errno == ENOENT
		               ? 0
		               : (fprintf(stderr, "ps: %s: %s\n", path, strerror(errno)), 1);
	n = read(fd, buf, sizeof buf);
	close(fd);
	if (n < 0) {
		fprintf(stderr, "ps: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (ps_parse(buf, (size_t)n, &p, err, sizeof err) < 0) {
		fprintf(stderr, "ps: %s: %s\n", path, err);
		return 1;
	}
	ps_format(&p, line, sizeof line);
	puts(line);
	return 0;
}

int
main(int argc, char **argv)
{
	char line[160];
	size_t n;
	long *v;
	int rc = 0;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: ps\n");
		return 2;
	}
	v = pids(&n);
	if (!v) {
		fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	ps_heading(line, sizeof line);
	puts(line);
	for (size_t i = 0; i < n; i++)
		rc |= show(v[i]);
	free(v);
	return fflush(stdout) == 0 ? rc : 1;
}
