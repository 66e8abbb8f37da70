// cmd/head/head.c: print the first lines of files (10 unless -n says).
// Several files get "==> name <==" headers, as in other Unix heads.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Copy the first n lines of fd to standard output. Returns 0, or -1 with
// errno set.
static int
head(int fd, unsigned long long n)
{
	char buf[8192];
	ssize_t got;

	while (n > 0) {
		size_t len;

		got = read(fd, buf, sizeof buf);
		if (got == 0)
			return 0;
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (len = 0; len < (size_t)got && n > 0; len++)
			if (buf[len] == '\n')
				n--;
		if (fwrite(buf, 1, len, stdout) != len)
			return -1;
	}
	return 0;
}

// A count: digits only. Returns 0, or -1 after saying what is wrong.
static int
number(const char *s, unsigned long long *n)
{
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9' || (*n = strtoull(s, &end, 10), *end) || errno) {
		fprintf(stderr, "head: '%s' is not a number of lines\n", s);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned long long n = 10;
	int i = 1, rc = 0, fd, many;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strncmp(a, "-n", 2) == 0) {
			if (a[2] == '\0' && ++i == argc) {
				fprintf(stderr,
				        "head: -n needs a number\nusage: head [-n N] [file ...]\n");
				return 2;
			}
			if (number(a[2] ? a + 2 : argv[i], &n) < 0)
				return 2;
		} else if (a[1] >= '0' && a[1] <= '9') {
			if (number(a + 1, &n) < 0)
				return 2;
		} else {
			fprintf(stderr, "head: unknown flag %s\nusage: head [-n N] [file ...]\n",
			        a);
			return 2;
		}
	}
	if (i == argc) {
		if (head(STDIN_FILENO, n) < 0) {
			fprintf(stderr, "head: standard input: %s\n", strerror(errno));
			rc = 1;
		}
		return fflush(stdout) == 0 ? rc : 1;
	}
	many = argc - i > 1;
	for (int first = i; i < argc; i++) {
		fd = strcmp(argv[i], "-") == 0 ? STDIN_FILENO : open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		if (many)
			printf("%s==> %s <==\n", i > first ? "\n" : "",
			       fd == STDIN_FILENO ? "standard input" : argv[i]);
		if (head(fd, n) < 0) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
		if (fd != STDIN_FILENO)
			close(fd);
	}
	return fflush(stdout) == 0 ? rc : 1;
}
