// lib/c/unistd/file.c: file and namespace calls over Gremlin's file system
// calls (abi/syscall.h 25-42): positioned I/O, seeking, creating and
// removing, descriptors, the working directory, pipes, and Plan 9's bind,
// mount, unmount and fd2path. stat and directories are in stat.c and dir.c.
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../internal.h"

#define SYS(n, a, b, c, d, e)                                                                      \
	__sysret(rawsyscall(n, (int64_t)(a), (int64_t)(b), (int64_t)(c), (int64_t)(d),             \
	                    (int64_t)(e), 0))

// O_CREAT: open the file if it exists, else create it (SYS_create). With
// O_EXCL the kernel's create alone decides (it fails if the file exists).
int
open(const char *path, int flags, ...)
{
	unsigned mode = 0;
	va_list ap;
	int64_t r;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, unsigned);
		va_end(ap);
	}
	if (!(flags & O_CREAT))
		return (int)SYS(SYS_open, path, flags, 0, 0, 0);
	if (!(flags & O_EXCL)) {
		r = rawsyscall(SYS_open, (int64_t)path, flags & ~(O_CREAT | O_EXCL), 0, 0, 0, 0);
		if (r != -ENOENT)
			return (int)__sysret(r);
	}
	return (int)SYS(SYS_create, path, flags & ~O_CREAT, mode & 0777, 0, 0);
}

int
creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int
close(int fd)
{
	return (int)SYS(SYS_close, fd, 0, 0, 0, 0);
}

ssize_t
pread(int fd, void *buf, size_t n, off_t off)
{
	return SYS(SYS_pread, fd, buf, n, off, 0);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return SYS(SYS_pwrite, fd, buf, n, off, 0);
}

off_t
lseek(int fd, off_t off, int whence)
{
	return SYS(SYS_seek, fd, off, whence, 0, 0);
}

int
dup(int fd)
{
	return (int)SYS(SYS_dup, fd, 0, 0, 0, 0);
}

int
dup2(int fd, int newfd)
{
	return (int)SYS(SYS_dup2, fd, newfd, 0, 0, 0);
}

int
pipe(int fd[2])
{
	int32_t p[2];
	int r = (int)SYS(SYS_pipe, p, 0, 0, 0, 0);

	if (r == 0) {
		fd[0] = p[0];
		fd[1] = p[1];
	}
	return r;
}

int
chdir(const char *path)
{
	return (int)SYS(SYS_chdir, path, 0, 0, 0, 0);
}

char *
getcwd(char *buf, size_t n)
{
	if (buf == NULL || n == 0) {
		errno = buf == NULL ? EINVAL : ERANGE;
		return NULL;
	}
	return SYS(SYS_getcwd, buf, n, 0, 0, 0) < 0 ? NULL : buf;
}

int
fd2path(int fd, char *buf, size_t n)
{
	return (int)SYS(SYS_fd2path, fd, buf, n, 0, 0);
}

// Plan 9 remove: files and empty directories alike.
int
remove(const char *path)
{
	return (int)SYS(SYS_remove, path, 0, 0, 0, 0);
}

int
unlink(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	return remove(path);
}

int
rmdir(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return remove(path);
}

int
mkdir(const char *path, mode_t mode)
{
	int fd = (int)SYS(SYS_create, path, O_RDONLY, DMDIR | (mode & 0777), 0, 0);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int
bind(const char *new, const char *old, int flags)
{
	return (int)SYS(SYS_bind, new, old, flags, 0, 0);
}

int
mount(int fd, int afd, const char *old, int flags, const char *aname)
{
	return (int)SYS(SYS_mount, fd, afd, old, flags, aname);
}

int
unmount(const char *new, const char *old)
{
	return (int)SYS(SYS_unmount, new, old, 0, 0, 0);
}

// A terminal is the console. Until the kernel has fd2path, descriptors 0,
// 1 and 2 are taken to be the console (they always are before
// namespaces exist) and every other one not.
int
isatty(int fd)
{
	char path[256];
	int64_t r = rawsyscall(SYS_fd2path, fd, (int64_t)path, sizeof path, 0, 0, 0);
	const char *base;

	if (r == -ENOSYS)
		return fd >= 0 && fd <= 2;
	if (r < 0) {
		__sysret(r);
		return 0;
	}
	path[sizeof path - 1] = '\0';
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strcmp(base, "cons") == 0 || strcmp(base, "console") == 0)
		return 1;
	errno = ENOTTY;
	return 0;
}
