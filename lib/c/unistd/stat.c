// lib/c/unistd/stat.c: stat, fstat, lstat, chmod: the kernel's 9P stat
// entries (decoded with lib/9p's codec, compiled into lib/c) converted to
// and from struct stat (conversion rules in sys/stat.h).
#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../internal.h"
#include "9p/fcall.h"

static void
stat_from_dir(const P9Dir *d, struct stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_dev = (uint64_t)d->type << 32 | d->dev;
	st->st_ino = d->qid.path;
	st->st_mode = (d->mode & DMDIR ? S_IFDIR : S_IFREG) | (d->mode & 0777);
	st->st_nlink = 1;
	st->st_size = (off_t)d->length;
	st->st_blksize = 4096;
	st->st_blocks = (blkcnt_t)((d->length + 511) / 512);
	st->st_atim.tv_sec = d->atime;
	st->st_mtim.tv_sec = d->mtime;
	st->st_ctim.tv_sec = d->mtime;
}

// Call SYS_stat or SYS_fstat (arg is the path or the fd) and convert. A
// first 512-byte buffer fits any ordinary entry; a bigger one is retried
// at the size the kernel says it needs.
static int
statcall(int nr, int64_t arg, struct stat *st)
{
	uint8_t small[512], *buf = small;
	int64_t r = rawsyscall(nr, arg, (int64_t)buf, sizeof small, 0, 0, 0);
	P9Dir d;
	P9Error err;
	size_t used;
	int ok;

	if (r < 0)
		return (int)__sysret(r);
	if ((uint64_t)r > sizeof small) {
		size_t need = (size_t)r;
		buf = malloc(need);
		if (buf == NULL)
			return -1;
		r = rawsyscall(nr, arg, (int64_t)buf, (int64_t)need, 0, 0, 0);
		if (r < 0 || (uint64_t)r > need) {
			free(buf);
			if (r < 0)
				return (int)__sysret(r);
			errno = EIO;
			return -1;
		}
	}
	ok = p9_dir_unpack(buf, (size_t)r, &d, &used, &err) == P9_OK;
	if (ok)
		stat_from_dir(&d, st);
	if (buf != small)
		free(buf);
	if (!ok) {
		errno = EIO; // the kernel passed a malformed stat entry
		return -1;
	}
	return 0;
}

int
stat(const char *restrict path, struct stat *restrict st)
{
	return statcall(SYS_stat, (int64_t)path, st);
}

int
fstat(int fd, struct stat *st)
{
	return statcall(SYS_fstat, fd, st);
}

int
lstat(const char *restrict path, struct stat *restrict st)
{
	return stat(path, st);
}

// A wstat entry that changes nothing (9P: all ones and empty strings),
// for the caller to fill in what it changes.
static void
nulldir(P9Dir *d)
{
	memset(d, 0xff, sizeof *d);
	d->name = p9_str("");
	d->uid = p9_str("");
	d->gid = p9_str("");
	d->muid = p9_str("");
}

// Send d with SYS_wstat (path) or SYS_fwstat (fd).
static int
wstat_call(int nr, int64_t arg, const P9Dir *d)
{
	uint8_t buf[512];
	P9Error err;
	long n = p9_dir_pack(d, buf, sizeof buf, &err);

	if (n < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return (int)__sysret(rawsyscall(nr, arg, (int64_t)buf, n, 0, 0, 0));
}

// The permission bits change; the DMDIR bit must be resent as it is.
static int
chmod_call(int nr, int64_t arg, int isdir, mode_t mode)
{
	P9Dir d;

	nulldir(&d);
	d.mode = (isdir ? DMDIR : 0) | (mode & 0777);
	return wstat_call(nr, arg, &d);
}

int
chmod(const char *path, mode_t mode)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return chmod_call(SYS_wstat, (int64_t)path, S_ISDIR(st.st_mode), mode);
}

int
fchmod(int fd, mode_t mode)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	return chmod_call(SYS_fwstat, fd, S_ISDIR(st.st_mode), mode);
}

// There is no umask in Gremlin: creation modes are used as given.
mode_t
umask(mode_t mask)
{
	(void)mask;
	return 0;
}

// rename: a 9P wstat of the name. 9P renames within a directory only, so
// both paths must name the same directory; otherwise EXDEV (callers such
// as mv then copy).
int
rename(const char *from, const char *to)
{
	const char *fs = strrchr(from, '/'), *ts = strrchr(to, '/');
	size_t fl = fs ? (size_t)(fs - from) : 0, tl = ts ? (size_t)(ts - to) : 0;
	const char *name = ts ? ts + 1 : to;
	struct stat st;
	P9Dir d;

	if (fl != tl || (fl > 0 && memcmp(from, to, fl) != 0) || (fs == NULL) != (ts == NULL)) {
		errno = EXDEV;
		return -1;
	}
	if (*name == '\0') {
		errno = EINVAL;
		return -1;
	}
	if (strcmp(from, to) == 0)
		return stat(from, &st);
	// POSIX rename replaces an existing target; 9P refuses, so remove it.
	if (stat(to, &st) == 0 && remove(to) < 0)
		return -1;
	nulldir(&d);
	d.name = p9_str(name);
	return wstat_call(SYS_wstat, (int64_t)from, &d);
}
