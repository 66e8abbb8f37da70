// lib/config/gen_fs.c: the POSIX file calls of the generation store (and
// nothing else): open/read/write/fsync/close, rename, mkdir, rmdir, unlink,
// opendir/readdir, stat and time. The rest of gen*.c and plan*.c use only
// gen_fs.h, malloc and string functions, so this is the one file a port
// would rewrite. Gremlin's lib/c has every call, so it compiles there
// unchanged (its fsync only checks the descriptor: writes are synchronous).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config/gen_fs.h"

static int
fail(char *err, size_t errlen, const char *what, const char *path)
{
	snprintf(err, errlen, "%s: cannot %s: %s", path, what, strerror(errno));
	return -1;
}

char *
genfs_read(const char *path, size_t max, size_t *len, int *missing, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY);
	size_t n = 0, cap = 4096;
	char *buf = NULL, *p;
	ssize_t r;

	*missing = 0;
	if (fd < 0) {
		*missing = errno == ENOENT;
		fail(err, errlen, "open", path);
		return NULL;
	}
	for (;;) {
		if (n + 1 >= cap || buf == NULL) {
			if (buf != NULL)
				cap *= 2;
			if ((p = realloc(buf, cap)) == NULL) {
				snprintf(err, errlen, "%s: out of memory", path);
				break;
			}
			buf = p;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fail(err, errlen, "read", path);
			break;
		}
		if (r == 0) {
			close(fd);
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		n += (size_t)r;
		if (n > max) {
			snprintf(err, errlen, "%s: larger than %zu bytes", path, max);
			break;
		}
	}
	close(fd);
	free(buf);
	return NULL;
}

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

// Flush the directory that holds path, so that a rename in it is on the
// disk. Systems that cannot open or flush a directory are left alone.
static void
sync_parent(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	size_t n = slash == NULL ? 0 : (size_t)(slash - path);
	int fd;

	if (n == 0 || n >= sizeof dir)
		return;
	memcpy(dir, path, n);
	dir[n] = '\0';
	if ((fd = open(dir, O_RDONLY)) < 0)
		return;
	fsync(fd);
	close(fd);
}

int
genfs_write_atomic(const char *path, const void *buf, size_t len, unsigned mode, char *err,
                   size_t errlen)
{
	char tmp[4096];
	int fd;

	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0)
		return fail(err, errlen, "create", tmp);
	if (write_all(fd, buf, len) < 0 || fsync(fd) < 0) {
		fail(err, errlen, "write", tmp);
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) < 0) {
		fail(err, errlen, "write", tmp);
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) < 0) {
		fail(err, errlen, "rename into place", path);
		unlink(tmp);
		return -1;
	}
	sync_parent(path);
	return 0;
}

int
genfs_mkdir(const char *path, int *exists, char *err, size_t errlen)
{
	if (exists != NULL)
		*exists = 0;
	if (mkdir(path, 0755) == 0) {
		sync_parent(path);
		return 0;
	}
	if (errno == EEXIST && exists != NULL && genfs_isdir(path)) {
		*exists = 1;
		return 0;
	}
	return fail(err, errlen, "make the directory", path);
}

int
genfs_list(const char *path, char ***names, size_t *n, char *err, size_t errlen)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **v = NULL, **nv;
	size_t k = 0;

	*names = NULL;
	*n = 0;
	if (d == NULL)
		return fail(err, errlen, "open the directory", path);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((nv = realloc(v, (k + 1) * sizeof *v)) == NULL)
			goto oom;
		v = nv;
		if ((v[k] = strdup(e->d_name)) == NULL)
			goto oom;
		k++;
	}
	closedir(d);
	*names = v;
	*n = k;
	return 0;
oom:
	closedir(d);
	while (k > 0)
		free(v[--k]);
	free(v);
	snprintf(err, errlen, "%s: out of memory", path);
	return -1;
}

int
genfs_isdir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
genfs_remove_dir(const char *path, char *err, size_t errlen)
{
	char **names, file[4096];
	size_t n;
	int rc = 0;

	if (genfs_list(path, &names, &n, err, errlen) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		snprintf(file, sizeof file, "%s/%s", path, names[i]);
		if (rc == 0 && unlink(file) < 0 && errno != ENOENT)
			rc = fail(err, errlen, "remove", file);
		free(names[i]);
	}
	free(names);
	if (rc == 0 && rmdir(path) < 0)
		rc = fail(err, errlen, "remove the directory", path);
	if (rc == 0)
		sync_parent(path);
	return rc;
}

int
genfs_unlink(const char *path, char *err, size_t errlen)
{
	if (unlink(path) < 0 && errno != ENOENT)
		return fail(err, errlen, "remove", path);
	return 0;
}

int64_t
genfs_now(void)
{
	return (int64_t)time(NULL);
}
