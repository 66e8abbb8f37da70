// cmd/grep/grep.c: print the lines of files that match a regular
// expression. Exit status 0 if a line was selected, 1 if none, 2 on error.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regex.h"

enum {
	OPT_V = 1 << 0, // select lines that do not match
	OPT_N = 1 << 1, // line numbers
	OPT_C = 1 << 2, // only a count
	OPT_L = 1 << 3, // only the names of files with a match
	OPT_Q = 1 << 4, // nothing: the exit status says
	OPT_S = 1 << 5, // no messages about unreadable files
};

// A buffered reader of lines from a file descriptor.
struct reader {
	int fd;
	char buf[8192];
	size_t at, len;
	char *line; // the current line, without its newline
	size_t cap;
};

// Read the next line into r->line (length in *n). Returns 1, 0 at the end,
// or -1 with errno set.
static int
nextline(struct reader *r, size_t *n)
{
	size_t used = 0;
	ssize_t got;

	for (;;) {
		if (r->at == r->len) {
			got = read(r->fd, r->buf, sizeof r->buf);
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0)
				return -1;
			if (got == 0) {
				*n = used;
				return used > 0;
			}
			r->at = 0;
			r->len = (size_t)got;
		}
		if (used + 1 >= r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 256;
			char *bigger = realloc(r->line, cap);

			if (!bigger)
				return -1;
			r->line = bigger;
			r->cap = cap;
		}
		char ch = r->buf[r->at++];

		if (ch == '\n') {
			*n = used;
			return 1;
		}
		r->line[used++] = ch;
	}
}

// Search one file. Returns 1 if a line was selected, 0 if not, -1 on error.
static int
search(const struct re *re, int opts, int fd, const char *name, int prefix)
{
	struct reader r = {.fd = fd};
	unsigned long long lineno = 0, count = 0;
	size_t n;
	int got;

	while ((got = nextline(&r, &n)) > 0) {
		lineno++;
		if (re_match(re, r.line, n) == !(opts & OPT_V)) {
			count++;
			if (opts & (OPT_Q | OPT_L))
				break;
			if (opts & OPT_C)
				continue;
			if (prefix)
				printf("%s:", name);
			if (opts & OPT_N)
				printf("%llu:", lineno);
			fwrite(r.line, 1, n, stdout);
			putchar('\n');
		}
	}
	free(r.line);
	if (got < 0) {
		if (!(opts & OPT_S))
			fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
		return -1;
	}
	if ((opts & OPT_C) && !(opts & OPT_Q)) {
		if (prefix)
			printf("%s:", name);
		printf("%llu\n", count);
	}
	if ((opts & OPT_L) && count && !(opts & OPT_Q))
		printf("%s\n", name);
	return count > 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: grep [-cEilnqsv] [-e] pattern [file ...]\n");
	return 2;
}

// Parse the flags. Returns the index of the first operand after the
// pattern (*pat), or -1.
static int
parse(int argc, char **argv, int *opts, int *reflags, const char **pat)
{
	static const char letters[] = "vnclqs";
	int i;

	*pat = NULL;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] && !*pat; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *f = argv[i] + 1; *f; f++) {
			const char *l = strchr(letters, *f);

			if (*f == 'i')
				*reflags |= RE_ICASE;
			else if (*f == 'E')
				*reflags |= RE_EXTENDED;
			else if (*f == 'e') {
				*pat = f[1] ? f + 1 : argv[++i];
				if (!*pat)
					return usage(), -1;
				break;
			} else if (l)
				*opts |= 1 << (l - letters);
			else {
				fprintf(stderr, "grep: unknown flag -%c\n", *f);
				return usage(), -1;
			}
		}
	}
	if (!*pat) {
		if (i == argc)
			return usage(), -1;
		*pat = argv[i++];
	}
	return i;
}

int
main(int argc, char **argv)
{
	int opts = 0, reflags = 0, found = 0, failed = 0, i, fd, r;
	const char *pat;
	char err[128];
	struct re re;

	i = parse(argc, argv, &opts, &reflags, &pat);
	if (i < 0)
		return 2;
	if (re_compile(&re, pat, reflags, err, sizeof err) < 0) {
		fprintf(stderr, "grep: bad pattern '%s': %s\n", pat, err);
		return 2;
	}
	if (i == argc) {
		r = search(&re, opts, STDIN_FILENO, "(standard input)", 0);
		found = r > 0;
		failed = r < 0;
	}
	for (int first = i; i < argc && !(found && (opts & OPT_Q)); i++) {
		int stdinput = strcmp(argv[i], "-") == 0;
		const char *name = stdinput ? "(standard input)" : argv[i];

		fd = stdinput ? STDIN_FILENO : open(argv[i], O_RDONLY);
		if (fd < 0) {
			if (!(opts & OPT_S))
				fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			failed = 1;
			continue;
		}
		r = search(&re, opts, fd, name, argc - first > 1 && !(opts & OPT_L));
		found |= r > 0;
		failed |= r < 0;
		if (!stdinput)
			close(fd);
	}
	re_free(&re);
	if (fflush(stdout) != 0)
		failed = 1;
	if (found && (opts & OPT_Q))
		return 0;
	return failed ? 2 : !found;
}
