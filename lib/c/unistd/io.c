// lib/c/unistd/io.c: the system-call result convention (__sysret), read
// and write. open, close and the other file calls are in file.c.
#include <errno.h>
#include <gremlin.h>
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
