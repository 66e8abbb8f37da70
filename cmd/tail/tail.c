// cmd/tail/tail.c: print the last lines of a file (10 unless -n says), or
// from line N on with -n +N. -f keeps reading as the file grows, checking
// once a second. The input is read whole into memory.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct opts {
	unsigned long long n;
	int fromstart; // -n +N: n is the first line to print (1-based)
	int follow;
};

// Read fd to its end into a new buffer. Returns it (size in *len) or NULL
// with errno set.
static char *
slurp(int fd, size_t *len)
{
	size_t cap = 8192, used = 0;
	char *buf = malloc(cap), *bigger;
	ssize_t got;

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
			*len = used;
			return buf;
		}
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		used += (size_t)got;
	}
	free(buf);
	return NULL;
}

// Where the output starts in buf[0..len).
static size_t
start(const char *buf, size_t len, const struct opts *o)
{
	size_t i = 0, lines;

	if (o->fromstart) {
		for (lines = 1; i < len && lines < o->n; i++)
			if (buf[i] == '\n')
				lines++;
		return i;
	}
	if (o->n == 0)
		return len;
	// Count newlines backwards; a last line without one still counts.
	i = len;
	lines = 0;
	if (i > 0 && buf[i - 1] == '\n')
		i--;
	for (; i > 0; i--)
		if (buf[i - 1] == '\n' && ++lines == o->n)
			return i;
	return 0;
}

// Copy what is appended to fd from now on, forever. Returns only on an
// error (errno set).
static int
follow(int fd)
{
	char buf[8192];
	ssize_t got;

	for (;;) {
		got = read(fd, buf, sizeof buf);
		if (got < 0 && errno != EINTR)
			return -1;
		if (got <= 0) {
			sleep(1);
			continue;
		}
		if (fwrite(buf, 1, (size_t)got, stdout) != (size_t)got || fflush(stdout) != 0)
			return -1;
	}
}

static int
usage(void)
{
	fprintf(stderr, "usage: tail [-f] [-n [+]N] [file]\n");
	return 2;
}

// Parse the flags; returns the index of the file argument, or -1.
static int
parse(int argc, char **argv, struct opts *o)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i], *num;
		char *end;

		if (strcmp(a, "--") == 0)
			return i + 1;
		if (strcmp(a, "-f") == 0) {
			o->follow = 1;
			continue;
		}
		if (strncmp(a, "-n", 2) != 0 || (a[2] == '\0' && ++i == argc))
			return usage(), -1;
		num = a[2] ? a + 2 : argv[i];
		o->fromstart = *num == '+';
		if (*num == '+' || *num == '-')
			num++;
		errno = 0;
		if (*num < '0' || *num > '9' || (o->n = strtoull(num, &end, 10), *end) || errno) {
			fprintf(stderr, "tail: '%s' is not a number of lines\n", num);
			return -1;
		}
	}
	return i;
}

int
main(int argc, char **argv)
{
	struct opts o = {10, 0, 0};
	int i = parse(argc, argv, &o), fd = STDIN_FILENO;
	const char *name = "standard input";
	size_t len, at;
	char *buf;

	if (i < 0)
		return 2;
	if (argc - i > 1)
		return usage();
	if (i < argc && strcmp(argv[i], "-") != 0) {
		name = argv[i];
		fd = open(name, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
			return 1;
		}
	}
	buf = slurp(fd, &len);
	if (!buf) {
		fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
		return 1;
	}
	at = start(buf, len, &o);
	fwrite(buf + at, 1, len - at, stdout);
	free(buf);
	if (fflush(stdout) != 0)
		return 1;
	if (o.follow && follow(fd) < 0) {
		fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}
