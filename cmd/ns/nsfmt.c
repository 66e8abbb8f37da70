// cmd/ns/nsfmt.c: parsing the lines of /proc/N/ns and printing them as
// shell commands. The file's words are separated by blanks; a word holding a
// blank or a quote is single-quoted, a quote inside doubled (Plan 9's
// quote(2) rule). See docs/procfs.md.
#include <stdio.h>
#include <string.h>

#include "nsfmt.h"

// Split line into words. Returns the number, or -1 with a message in err.
static int
words(const char *p, char w[][NS_LINEMAX], int max, char *err, size_t errlen)
{
	int n = 0;

	for (;;) {
		size_t len = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return n;
		if (n == max) {
			snprintf(err, errlen, "more than %d words", max);
			return -1;
		}
		while (*p && *p != ' ' && *p != '\t') {
			if (len + 1 >= NS_LINEMAX) {
				snprintf(err, errlen, "word %d is too long", n + 1);
				return -1;
			}
			if (*p != '\'') {
				w[n][len++] = *p++;
				continue;
			}
			// A quoted stretch: up to the next lone quote.
			for (p++;; p++) {
				if (*p == '\0') {
					snprintf(err, errlen, "unterminated quote in word %d",
					         n + 1);
					return -1;
				}
				if (*p == '\'' && p[1] != '\'')
					break;
				if (*p == '\'')
					p++;
				if (len + 1 >= NS_LINEMAX) {
					snprintf(err, errlen, "word %d is too long", n + 1);
					return -1;
				}
				w[n][len++] = *p;
			}
			p++;
		}
		w[n++][len] = '\0';
	}
}

// Check the words after the verb: flags first, then operands.
static int
check(struct ns_line *l, char w[][NS_LINEMAX], int n, char *err, size_t errlen)
{
	int i = 1, min = 2, max = 2;

	if (strcmp(l->verb, "cd") == 0)
		min = max = 1;
	else if (strcmp(l->verb, "mount") == 0)
		max = 3;
	else if (strcmp(l->verb, "bind") != 0) {
		snprintf(err, errlen, "unknown verb '%.32s'", l->verb);
		return -1;
	}
	l->flags[0] = '\0';
	if (i < n && w[i][0] == '-' && w[i][1] && min > 1) {
		if (strlen(w[i]) >= sizeof l->flags ||
		    strspn(w[i] + 1, "abcC") != strlen(w[i] + 1)) {
			snprintf(err, errlen, "bad flags '%.32s' (only -a -b -c -C)", w[i]);
			return -1;
		}
		strcpy(l->flags, w[i] + 1);
		i++;
	}
	l->nargs = n - i;
	if (l->nargs < min || l->nargs > max) {
		snprintf(err, errlen, "%s needs %d%s operands, not %d", l->verb, min,
		         max > min ? " or 3" : "", l->nargs);
		return -1;
	}
	for (int k = 0; k < l->nargs; k++)
		strcpy(l->args[k], w[i + k]);
	return 1;
}

int
ns_parse(const char *line, struct ns_line *l, char *err, size_t errlen)
{
	static char w[NS_MAXWORDS][NS_LINEMAX];
	int n = words(line, w, NS_MAXWORDS, err, errlen);

	if (n <= 0)
		return n;
	if (strlen(w[0]) >= sizeof l->verb) {
		snprintf(err, errlen, "unknown verb '%.32s'", w[0]);
		return -1;
	}
	strcpy(l->verb, w[0]);
	return check(l, w, n, err, errlen);
}

// Append s to buf[*at..n) quoted for sh if it needs it. Returns 0 or -1.
static int
put(char *buf, size_t n, size_t *at, const char *s)
{
	int plain = *s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                            "0123456789/._-+:,@%=") == strlen(s);

	if (*at + 1 >= n)
		return -1;
	if (*at > 0)
		buf[(*at)++] = ' ';
	if (!plain)
		buf[(*at)++] = '\'';
	for (; *s; s++) {
		const char *piece = *s == '\'' ? "'\\''" : NULL;
		size_t len = piece ? 4 : 1;

		if (*at + len + 2 >= n)
			return -1;
		memcpy(buf + *at, piece ? piece : s, len);
		*at += len;
	}
	if (!plain)
		buf[(*at)++] = '\'';
	buf[*at] = '\0';
	return 0;
}

int
ns_format(const struct ns_line *l, char *buf, size_t n)
{
	size_t at = 0;
	char flags[10];

	if (n == 0 || put(buf, n, &at, l->verb) < 0)
		return -1;
	if (l->flags[0]) {
		snprintf(flags, sizeof flags, "-%s", l->flags);
		if (put(buf, n, &at, flags) < 0)
			return -1;
	}
	for (int k = 0; k < l->nargs; k++)
		if (put(buf, n, &at, l->args[k]) < 0)
			return -1;
	return (int)at;
}
