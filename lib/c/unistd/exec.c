// lib/c/unistd/exec.c: the exec family over execve: execvp searches PATH
// (default "/bin") for a name without a '/'; execl and execlp collect
// their arguments into an array.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

int
execvp(const char *file, char *const argv[])
{
	const char *path, *p;
	char buf[PATH_MAX];
	int saw_eacces = 0;

	if (*file == '\0') {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, environ);
	path = getenv("PATH");
	if (path == NULL)
		path = "/bin";
	for (p = path;; p++) {
		const char *end = strchrnul(p, ':');
		size_t dl = (size_t)(end - p), fl = strlen(file);
		if (dl == 0) {
			buf[0] = '.';
			dl = 1;
		} else if (dl < sizeof buf) {
			memcpy(buf, p, dl);
		}
		if (dl + 1 + fl < sizeof buf) {
			buf[dl] = '/';
			memcpy(buf + dl + 1, file, fl + 1);
			execve(buf, argv, environ);
			// Keep looking after "not here"; stop on anything else.
			if (errno == EACCES)
				saw_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (*end == '\0')
			break;
		p = end;
	}
	errno = saw_eacces ? EACCES : ENOENT;
	return -1;
}

// Count the variadic arguments after arg, up to the NULL.
static int
collect(const char *arg, va_list ap, char ***out)
{
	va_list aq;
	int n = 1;
	char **v;

	va_copy(aq, ap);
	while (va_arg(aq, char *) != NULL)
		n++;
	va_end(aq);
	v = malloc((size_t)(n + 1) * sizeof *v);
	if (v == NULL)
		return -1;
	v[0] = (char *)arg;
	for (int i = 1; i <= n; i++)
		v[i] = va_arg(ap, char *);
	*out = v;
	return 0;
}

int
execl(const char *path, const char *arg, ...)
{
	va_list ap;
	char **v;
	int e;

	va_start(ap, arg);
	e = collect(arg, ap, &v);
	va_end(ap);
	if (e < 0)
		return -1;
	execve(path, v, environ);
	e = errno;
	free(v);
	errno = e;
	return -1;
}

int
execlp(const char *file, const char *arg, ...)
{
	va_list ap;
	char **v;
	int e;

	va_start(ap, arg);
	e = collect(arg, ap, &v);
	va_end(ap);
	if (e < 0)
		return -1;
	execvp(file, v);
	e = errno;
	free(v);
	errno = e;
	return -1;
}

// Gremlin has no permission checks of its own to ask about: access says
// whether the file exists (F_OK and every other mode alike).
int
access(const char *path, int mode)
{
	int fd;

	(void)mode;
	fd = open(path, 0);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

long
sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return 4096;
	case _SC_CLK_TCK:
		return 100;
	}
	errno = EINVAL;
	return -1;
}

int
getpagesize(void)
{
	return 4096;
}
