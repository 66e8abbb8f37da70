// lib/c/string/strerror.c: the text of each errno value (abi/errno.h and
// the extra ones of errno.h) and of each signal number.
#include <errno.h>
#include <stdio.h>
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
        [ENXIO] = "No such device or address",
        [EXDEV] = "Invalid cross-device link",
        [ENODEV] = "No such device",
        [ETXTBSY] = "Text file busy",
        [EMLINK] = "Too many links",
        [EDOM] = "Numerical argument out of domain",
        [EDEADLK] = "Resource deadlock avoided",
        [ENOLCK] = "No locks available",
        [ELOOP] = "Too many levels of symbolic links",
        [EPROTO] = "Protocol error",
        [EBADMSG] = "Bad message",
        [EOVERFLOW] = "Value too large for defined data type",
        [EILSEQ] = "Invalid or incomplete multibyte or wide character",
        [ENOTSUP] = "Operation not supported",
        [ECANCELED] = "Operation canceled",
};

// Unknown numbers get "Unknown error N" in a static buffer.
char *
strerror(int e)
{
	static char unknown[32];

	if (e >= 0 && (size_t)e < sizeof messages / sizeof messages[0] && messages[e])
		return (char *)messages[e];
	snprintf(unknown, sizeof unknown, "Unknown error %d", e);
	return unknown;
}

int
strerror_r(int e, char *buf, size_t n)
{
	const char *m = strerror(e);

	if (n == 0)
		return ERANGE;
	strlcpy(buf, m, n);
	return strlen(m) >= n ? ERANGE : 0;
}

static const char *const signames[] = {
        [1] = "Hangup",
        [2] = "Interrupt",
        [3] = "Quit",
        [4] = "Illegal instruction",
        [5] = "Trace/breakpoint trap",
        [6] = "Aborted",
        [7] = "Bus error",
        [8] = "Floating point exception",
        [9] = "Killed",
        [10] = "User defined signal 1",
        [11] = "Segmentation fault",
        [12] = "User defined signal 2",
        [13] = "Broken pipe",
        [14] = "Alarm clock",
        [15] = "Terminated",
        [17] = "Child exited",
        [18] = "Continued",
        [19] = "Stopped (signal)",
        [20] = "Stopped",
};

char *
strsignal(int sig)
{
	static char unknown[32];

	if (sig > 0 && (size_t)sig < sizeof signames / sizeof signames[0] && signames[sig])
		return (char *)signames[sig];
	snprintf(unknown, sizeof unknown, "Unknown signal %d", sig);
	return unknown;
}
