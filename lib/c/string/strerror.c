// lib/c/string/strerror.c: the text of each errno value (abi/errno.h).
#include <errno.h>
#include <string.h>

static const char *const messages[] = {
        [0] = "Success",
        [EPERM] = "Operation not permitted",
        [ENOENT] = "No such file or directory",
        [ESRCH] = "No such process",
        [EINTR] = "Interrupted system call",
        [EIO] = "Input/output error",
        [E2BIG] = "Argument list too long",
        [ENOEXEC] = "Exec format error",
        [EBADF] = "Bad file descriptor",
        [ECHILD] = "No child processes",
        [EAGAIN] = "Resource temporarily unavailable",
        [ENOMEM] = "Cannot allocate memory",
        [EACCES] = "Permission denied",
        [EFAULT] = "Bad address",
        [EBUSY] = "Device or resource busy",
        [EEXIST] = "File exists",
        [ENOTDIR] = "Not a directory",
        [EISDIR] = "Is a directory",
        [EINVAL] = "Invalid argument",
        [ENFILE] = "Too many open files in system",
        [EMFILE] = "Too many open files",
        [ENOTTY] = "Inappropriate ioctl for device",
        [EFBIG] = "File too large",
        [ENOSPC] = "No space left on device",
        [ESPIPE] = "Illegal seek",
        [EROFS] = "Read-only file system",
        [EPIPE] = "Broken pipe",
        [ERANGE] = "Numerical result out of range",
        [ENAMETOOLONG] = "File name too long",
        [ENOSYS] = "Function not implemented",
        [ENOTEMPTY] = "Directory not empty",
        [ETIMEDOUT] = "Connection timed out",
};

char *
strerror(int e)
{
	if (e >= 0 && (size_t)e < sizeof messages / sizeof messages[0] && messages[e])
		return (char *)messages[e];
	return "Unknown error";
}
