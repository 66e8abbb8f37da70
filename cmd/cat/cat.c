// cmd/cat/cat.c: copy files (or standard input, also named "-") to standard
// output, in order.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Write all n bytes of buf to fd. Returns 0, or -1 with errno set.
static int
writeall(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

// Copy fd to standard output. Returns 0, or 1 after saying what failed.
static int
copy(int fd, const char *name)
{
	char buf[8192];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: read: %s\n", name, strerror(errno));
			return 1;
		}
		if (writeall(STDOUT_FILENO, buf, (size_t)n) < 0) {
			fprintf(stderr, "cat: write: %s\n", strerror(errno));
			return 1;
		}
	}
}

int
main(int argc, char **argv)
{
	int i = 1, rc = 0, fd;

	if (i < argc && strcmp(argv[i], "-u") == 0)
		i++; // Unbuffered is all cat does anyway.
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i == argc)
		return copy(STDIN_FILENO, "standard input");
	for (; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			rc |= copy(STDIN_FILENO, "standard input");
			continue;
		}
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		rc |= copy(fd, argv[i]);
		close(fd);
	}
	return rc;
}
