// sys/tarfs/cmd_tarfs.c: the tarfs command: load a ustar archive, validate
// it, and serve it read-only over 9P2000 on a pair of file descriptors
// (standard input and output unless -i/-o name others). -c only checks the
// archive. The archive is read on demand with pread (only its headers are
// read at start); -M, or a file that cannot seek (a pipe), reads it all
// into memory first. See docs/man/tarfs.8.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tarfs.h"

static void
usage(void)
{
	fprintf(stderr, "usage: tarfs [-cM] [-i infd] [-o outfd] [-m msize] archive.tar\n");
	exit(2);
}

static int
number(const char *s, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > max) {
		fprintf(stderr, "tarfs: bad number \"%s\" (0..%ld)\n", s, max);
		exit(2);
	}
	return (int)v;
}

// Read the whole file (open as fd, which is closed) into memory.
static uint8_t *
slurp(const char *path, int fd, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	uint8_t *b = malloc(cap);
	ssize_t k;

	if (b == NULL) {
		fprintf(stderr, "tarfs: %s: out of memory\n", path);
		close(fd);
		return NULL;
	}
	while ((k = read(fd, b + n, cap - n)) > 0) {
		n += (size_t)k;
		if (n == cap) {
			uint8_t *c = realloc(b, cap * 2);

			if (c == NULL) {
				fprintf(stderr, "tarfs: %s: out of memory\n", path);
				free(b);
				close(fd);
				return NULL;
			}
			b = c;
			cap *= 2;
		}
	}
	close(fd);
	if (k < 0) {
		fprintf(stderr, "tarfs: %s: read error\n", path);
		free(b);
		return NULL;
	}
	*len = n;
	return b;
}

// Load the archive at path: indexed in place with pread when the file can
// seek, else (or with inmem) read into memory (*buf, to free). *fdp is the
// open file in the first case, -1 in the second.
static int
loadpath(Tarfs *t, const char *path, int inmem, uint8_t **buf, int *fdp)
{
	char err[512];
	int fd = open(path, O_RDONLY);
	off_t end;
	size_t len;

	*buf = NULL;
	*fdp = -1;
	if (fd < 0) {
		fprintf(stderr, "tarfs: cannot open %s\n", path);
		return -1;
	}
	end = inmem ? -1 : lseek(fd, 0, SEEK_END);
	if (end >= 0) {
		if (tarfs_loadfd(t, fd, (uint64_t)end, err, sizeof err) < 0) {
			fprintf(stderr, "tarfs: %s: %s\n", path, err);
			close(fd);
			return -1;
		}
		*fdp = fd;
		return 0;
	}
	if ((*buf = slurp(path, fd, &len)) == NULL)
		return -1;
	if (tarfs_load(t, *buf, len, err, sizeof err) < 0) {
		fprintf(stderr, "tarfs: %s: %s\n", path, err);
		free(*buf);
		*buf = NULL;
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int infd = 0, outfd = 1, check = 0, inmem = 0, rc = 0, fd, i;
	long msize = 0;
	const char *path = NULL;
	uint8_t *buf;
	Tarfs t;
	P9Srv s;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0)
			check = 1;
		else if (strcmp(argv[i], "-M") == 0)
			inmem = 1;
		else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
			infd = number(argv[++i], 1 << 20);
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			outfd = number(argv[++i], 1 << 20);
		else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
			msize = number(argv[++i], 1 << 24);
		else if (argv[i][0] == '-' || path != NULL)
			usage();
		else
			path = argv[i];
	}
	if (path == NULL)
		usage();
	if (msize != 0 && msize < P9_MINMSIZE) {
		fprintf(stderr, "tarfs: msize %ld is below the minimum %d\n", msize, P9_MINMSIZE);
		return 2;
	}
	if (loadpath(&t, path, inmem, &buf, &fd) < 0)
		return 1;
	if (check) {
		printf("%s: %llu files, %llu directories, %llu bytes of data\n", path,
		       (unsigned long long)t.nfiles, (unsigned long long)t.ndirs,
		       (unsigned long long)t.nbytes);
	} else {
		p9_srv_init(&s, &tarfs_ops, &t);
		if (msize > 0)
			s.maxmsize = (uint32_t)msize;
		if (p9_srv_serve(&s, infd, outfd) < 0) {
			fprintf(stderr, "tarfs: %s\n", s.lasterr);
			rc = 1;
		}
	}
	tarfs_free(&t);
	free(buf);
	if (fd >= 0)
		close(fd);
	return rc;
}
