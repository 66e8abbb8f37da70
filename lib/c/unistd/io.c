// lib/c/unistd/io.c: file-descriptor calls: read, write, open, close.
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdarg.h>
#include <unistd.h>

#include "../internal.h"

int64_t
__sysret(int64_t r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

ssize_t
read(int fd, void *buf, size_t n)
{
	return __sysret(rawsyscall(SYS_read, fd, (int64_t)buf, (int64_t)n, 0, 0, 0));
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	return __sysret(rawsyscall(SYS_write, fd, (int64_t)buf, (int64_t)n, 0, 0, 0));
}

int
open(const char *path, int flags, ...)
{
	unsigned mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, unsigned);
		va_end(ap);
	}
	return (int)__sysret(rawsyscall(SYS_open, (int64_t)path, flags, mode, 0, 0, 0));
}

int
close(int fd)
{
	return (int)__sysret(rawsyscall(SYS_close, fd, 0, 0, 0, 0, 0));
}
