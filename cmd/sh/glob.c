// cmd/sh/glob.c: shell patterns (*, ?, [...], with backslash quoting) and
// pathname expansion over opendir/readdir. Our own matcher: no glob() or
// fnmatch() from libc.
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

// Match one bracket expression at *pp against c; advance *pp past it.
// Returns 1 match, 0 no match, -1 not a valid bracket (treat '[' literally).
static int
match_bracket(const char **pp, unsigned char c)
{
	const char *p = *pp + 1;
	int negate = 0, ok = 0;

	if (*p == '!' || *p == '^') {
		negate = 1;
		p++;
	}
	if (*p == ']') {
		ok |= c == ']';
		p++;
	}
	while (*p && *p != ']') {
		unsigned char lo = (unsigned char)*p, hi;

		if (lo == '\\' && p[1])
			lo = (unsigned char)*++p;
		p++;
		hi = lo;
		if (*p == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && p[1])
				p++;
			hi = (unsigned char)*p++;
		}
		if (c >= lo && c <= hi)
			ok = 1;
	}
	if (*p != ']')
		return -1;
	*pp = p + 1;
	return ok != negate;
}

// Does s match the whole pattern? Backtracks only to the last '*'.
int
pat_match(const char *pat, const char *s)
{
	const char *star = NULL, *star_s = NULL;

	for (;;) {
		if (*pat == '*') {
			while (*pat == '*')
				pat++;
			star = pat;
			star_s = s;
			continue;
		}
		if (!*s) {
			if (!*pat)
				return 1;
			goto backtrack;
		}
		if (*pat == '?') {
			pat++;
			s++;
			continue;
		}
		if (*pat == '[') {
			const char *p = pat;
			int r = match_bracket(&p, (unsigned char)*s);

			if (r == 1) {
				pat = p;
				s++;
				continue;
			}
			if (r == 0)
				goto backtrack;
		}
		if (*pat == '\\' && pat[1])
			pat++;
		if (*pat && *pat == *s) {
			pat++;
			s++;
			continue;
		}
	backtrack:
		if (!star || !*star_s)
			return 0;
		pat = star;
		s = ++star_s;
	}
}

// Does the pattern have a *, ? or a complete [...] (so it may match
// other names than itself)?
int
pat_has_magic(const char *pat)
{
	for (; *pat; pat++) {
		const char *p = pat;

		if (*pat == '\\' && pat[1])
			pat++;
		else if (*pat == '*' || *pat == '?')
			return 1;
		else if (*pat == '[' && match_bracket(&p, 'a') >= 0)
			return 1;
	}
	return 0;
}

static char *
unescape(const char *p, size_t n)
{
	struct buf b = {0};

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n)
			i++;
		buf_putc(&b, p[i]);
	}
	return buf_take(&b);
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static void glob_from(struct buf *prefix, const char *rest, struct strv *out);

// Match the pattern segment seg against the entries of directory prefix.
static void
glob_segment(struct buf *prefix, const char *seg, const char *rest, struct strv *out)
{
	DIR *d = opendir(prefix->len ? prefix->s : ".");
	struct dirent *e;
	size_t keep = prefix->len;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && seg[0] != '.')
			continue;
		if (!pat_match(seg, e->d_name))
			continue;
		buf_puts(prefix, e->d_name);
		if (*rest) {
			buf_putc(prefix, '/');
			glob_from(prefix, rest, out);
		} else
			strv_push(out, xstrdup(prefix->s));
		prefix->len = keep;
		if (prefix->s)
			prefix->s[keep] = 0;
	}
	closedir(d);
}

// Expand rest (a pattern relative to prefix) into out.
static void
glob_from(struct buf *prefix, const char *rest, struct strv *out)
{
	const char *slash = strchr(rest, '/');
	size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
	const char *next = slash ? slash + 1 : "";
	char *seg = xstrndup(rest, n);
	size_t keep = prefix->len;

	while (*next == '/')
		next++;
	if (pat_has_magic(seg)) {
		glob_segment(prefix, seg, next, out);
	} else {
		char *lit = unescape(seg, n);

		buf_puts(prefix, lit);
		free(lit);
		if (*next) {
			buf_putc(prefix, '/');
			glob_from(prefix, next, out);
		} else if (exists(prefix->s))
			strv_push(out, xstrdup(prefix->s));
	}
	prefix->len = keep;
	if (prefix->s)
		prefix->s[keep] = 0;
	free(seg);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

// Append the sorted pathnames matching pat to out; returns how many.
int
glob_expand(const char *pat, struct strv *out)
{
	struct buf prefix = {0};
	int before = out->n;

	if (*pat == '/') {
		buf_putc(&prefix, '/');
		while (*pat == '/')
			pat++;
	}
	glob_from(&prefix, pat, out);
	buf_free(&prefix);
	if (out->n - before > 1)
		qsort(out->v + before, (size_t)(out->n - before), sizeof *out->v, cmp_str);
	return out->n - before;
}
