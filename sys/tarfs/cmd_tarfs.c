// sys/tarfs/cmd_tarfs.c: the tarfs command: load a ustar archive, validate
// it, and serve it read-only over 9P2000 on a pair of file descriptors
// (standard input and output unless -i/-o name others). -c only checks the
// archive. See docs/man/tarfs.8.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tarfs.h"

static void
usage(void)
{
	fprintf(stderr, "usage: tarfs [-c] [-i infd] [-o outfd] [-m msize] archive.tar\n");
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

// Read the whole file into memory.
static uint8_t *
slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	size_t cap = 1 << 16, n = 0;
	uint8_t *b = malloc(cap);
	ssize_t k;

	if (fd < 0 || b == NULL) {
		fprintf(stderr, "tarfs: cannot open %s\n", path);
		free(b);
		if (fd >= 0)
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

int
main(int argc, char **argv)
{
	int infd = 0, outfd = 1, check = 0, rc = 0, i;
	long msize = 0;
	const char *path = NULL;
	char err[512];
	uint8_t *buf;
	size_t len;
	Tarfs t;
	P9Srv s;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0)
			check = 1;
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
	if ((buf = slurp(path, &len)) == NULL)
		return 1;
	if (tarfs_load(&t, buf, len, err, sizeof err) < 0) {
		fprintf(stderr, "tarfs: %s: %s\n", path, err);
		free(buf);
		return 1;
	}
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
	return rc;
}
