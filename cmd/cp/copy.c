// cmd/cp/copy.c: copying files and trees. A file is copied through a
// buffer; a directory is made (if missing) and filled entry by entry. A
// tree is never copied into itself, and a file never onto itself.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy.h"

// Copy the bytes of fd in to fd out. Returns 0, or -1 with errno set and
// *which naming the side that failed.
static int
pump(int in, int out, const char **which)
{
	char buf[16384];
	ssize_t n, w;

	for (;;) {
		n = read(in, buf, sizeof buf);
		if (n == 0)
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*which = "read";
			return -1;
		}
		for (char *p = buf; n > 0; p += w, n -= w) {
			w = write(out, p, (size_t)n);
			if (w < 0 && errno == EINTR) {
				w = 0;
				continue;
			}
			if (w < 0) {
				*which = "write";
				return -1;
			}
		}
	}
}

static int
copyfile(const char *prog, const char *src, const char *dst, const struct stat *st)
{
	const char *which = "";
	int in, out, rc = 0;

	in = open(src, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, src, strerror(errno));
		return 1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, dst, strerror(errno));
		close(in);
		return 1;
	}
	if (pump(in, out, &which) < 0) {
		fprintf(stderr, "%s: %s: %s: %s\n", prog, which[0] == 'r' ? src : dst, which,
		        strerror(errno));
		rc = 1;
	}
	close(in);
	if (close(out) < 0 && rc == 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, dst, strerror(errno));
		rc = 1;
	}
	return rc;
}

// Whether dst is src or lies inside it, by name.
static int
inside(const char *src, const char *dst)
{
	size_t n = strlen(src);

	while (n > 1 && src[n - 1] == '/')
		n--;
	return strncmp(src, dst, n) == 0 && (dst[n] == '\0' || dst[n] == '/');
}

static int
copydir(const char *prog, const char *src, const char *dst, const struct stat *st)
{
	struct stat dt;
	struct dirent *e;
	DIR *d;
	int rc = 0;

	if (inside(src, dst)) {
		fprintf(stderr, "%s: cannot copy %s into itself (%s)\n", prog, src, dst);
		return 1;
	}
	if (mkdir(dst, (st->st_mode & 0777) | 0700) < 0 &&
	    !(errno == EEXIST && stat(dst, &dt) == 0 && S_ISDIR(dt.st_mode))) {
		fprintf(stderr, "%s: %s: %s\n", prog, dst, strerror(errno));
		return 1;
	}
	d = opendir(src);
	if (!d) {
		fprintf(stderr, "%s: %s: %s\n", prog, src, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t ls = strlen(src) + strlen(e->d_name) + 2,
		       ld = strlen(dst) + strlen(e->d_name) + 2;
		char *s, *t;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		s = malloc(ls);
		t = malloc(ld);
		if (!s || !t) {
			fprintf(stderr, "%s: %s: out of memory\n", prog, src);
			free(s);
			free(t);
			rc = 1;
			break;
		}
		snprintf(s, ls, "%s/%s", src, e->d_name);
		snprintf(t, ld, "%s/%s", dst, e->d_name);
		rc |= copy_path(prog, s, t, 1);
		free(s);
		free(t);
	}
	closedir(d);
	return rc;
}

int
copy_path(const char *prog, const char *src, const char *dst, int recursive)
{
	struct stat st, dt;

	if (stat(src, &st) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, src, strerror(errno));
		return 1;
	}
	if (stat(dst, &dt) == 0 && dt.st_dev == st.st_dev && dt.st_ino == st.st_ino) {
		fprintf(stderr, "%s: %s and %s are the same file\n", prog, src, dst);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			fprintf(stderr, "%s: %s: is a directory (-r copies it)\n", prog, src);
			return 1;
		}
		return copydir(prog, src, dst, &st);
	}
	return copyfile(prog, src, dst, &st);
}
