// cmd/wc/wc.c: count lines, words and bytes of files or standard input.
// A word is a maximal run of bytes that are not white space (isspace in the
// C locale).
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long long lines, words, bytes;
};

enum { LINES = 1, WORDS = 2, BYTES = 4 };

// Count fd into *c. Returns 0, or -1 with errno set.
static int
count(int fd, struct counts *c)
{
	unsigned char buf[8192];
	int inword = 0;
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c->bytes += (unsigned long long)n;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c->lines++;
			if (isspace(buf[i])) {
				inword = 0;
			} else if (!inword) {
				inword = 1;
				c->words++;
			}
		}
	}
}

// Print the selected counts, then the name if there is one.
static void
show(const struct counts *c, int what, const char *name)
{
	const char *sep = "";

	if (what & LINES) {
		printf("%llu", c->lines);
		sep = " ";
	}
	if (what & WORDS) {
		printf("%s%llu", sep, c->words);
		sep = " ";
	}
	if (what & BYTES)
		printf("%s%llu", sep, c->bytes);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

// Parse -lwc flags from argv; returns the index of the first file, or -1.
static int
flags(int argc, char **argv, int *what)
{
	int i;

	*what = 0;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		for (const char *f = argv[i] + 1; *f; f++) {
			if (*f == 'l')
				*what |= LINES;
			else if (*f == 'w')
				*what |= WORDS;
			else if (*f == 'c')
				*what |= BYTES;
			else {
				fprintf(stderr,
				        "wc: unknown flag -%c\nusage: wc [-lwc] [file ...]\n", *f);
				return -1;
			}
		}
	}
	if (*what == 0)
		*what = LINES | WORDS | BYTES;
	return i;
}

int
main(int argc, char **argv)
{
	struct counts total = {0, 0, 0};
	int what, rc = 0, i = flags(argc, argv, &what), fd;

	if (i < 0)
		return 2;
	if (i == argc) {
		struct counts c = {0, 0, 0};

		if (count(STDIN_FILENO, &c) < 0) {
			fprintf(stderr, "wc: standard input: %s\n", strerror(errno));
			return 1;
		}
		show(&c, what, NULL);
		return 0;
	}
	for (int first = i; i < argc; i++) {
		struct counts c = {0, 0, 0};

		fd = strcmp(argv[i], "-") == 0 ? STDIN_FILENO : open(argv[i], O_RDONLY);
		if (fd < 0 || count(fd, &c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		} else {
			show(&c, what, argv[i]);
		}
		if (fd > STDIN_FILENO)
			close(fd);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
		if (i == argc - 1 && i > first)
			show(&total, what, "total");
	}
	return rc;
}
