// lib/c/unistd/dir.c: opendir, readdir, rewinddir, closedir. Reading a
// directory descriptor returns a whole number of 9P stat entries; they are
// buffered and decoded with lib/9p's codec one at a time. A malformed entry
// ends the listing with errno EIO rather than being guessed at.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "9p/fcall.h"

enum { DIRBUF = 8192 };

struct DIR {
	int fd;
	size_t pos, len;
	off_t off; // entries returned so far (d_off)
	struct dirent ent;
	uint8_t buf[DIRBUF];
};

DIR *
fdopendir(int fd)
{
	struct stat st;
	DIR *d;

	if (fstat(fd, &st) < 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	d = malloc(sizeof *d);
	if (d == NULL)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	d->off = 0;
	return d;
}

DIR *
opendir(const char *path)
{
	int fd = open(path, O_RDONLY);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (d == NULL) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

struct dirent *
readdir(DIR *d)
{
	P9Dir e;
	P9Error err;
	size_t used, n;

	if (d->pos == d->len) {
		ssize_t r = read(d->fd, d->buf, sizeof d->buf);
		if (r <= 0)
			return NULL; // end (errno untouched) or error (errno set)
		d->pos = 0;
		d->len = (size_t)r;
	}
	if (p9_dir_unpack(d->buf + d->pos, d->len - d->pos, &e, &used, &err) != P9_OK) {
		d->pos = d->len;
		errno = EIO;
		return NULL;
	}
	d->pos += used;
	n = e.name.len < sizeof d->ent.d_name ? e.name.len : sizeof d->ent.d_name - 1;
	memcpy(d->ent.d_name, e.name.p, n);
	d->ent.d_name[n] = '\0';
	d->ent.d_ino = e.qid.path;
	d->ent.d_off = ++d->off;
	d->ent.d_reclen = sizeof d->ent;
	d->ent.d_type = e.mode & DMDIR ? DT_DIR : DT_REG;
	return &d->ent;
}

void
rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
	d->off = 0;
}

int
dirfd(DIR *d)
{
	return d->fd;
}

int
closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}
