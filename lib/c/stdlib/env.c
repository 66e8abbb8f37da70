// lib/c/stdlib/env.c: the environment passed to main (environ) and its
// editing: getenv, setenv, unsetenv, putenv, clearenv. The first change
// copies the array to the heap; strings made by setenv are heap copies
// (never freed while they may still be referenced by a caller, as in
// other libcs), putenv's strings are the caller's own.
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char **environ;

static char **owned; // environ, when it is our heap copy
static size_t cap;

static size_t
count(void)
{
	size_t n = 0;

	while (environ && environ[n])
		n++;
	return n;
}

// Index of name (length n) in environ, or -1.
static long
find(const char *name, size_t n)
{
	for (size_t i = 0; environ && environ[i]; i++)
		if (strncmp(environ[i], name, n) == 0 && environ[i][n] == '=')
			return (long)i;
	return -1;
}

char *
getenv(const char *name)
{
	size_t n = strlen(name);
	long i;

	if (n == 0 || strchr(name, '='))
		return NULL;
	i = find(name, n);
	return i < 0 ? NULL : environ[i] + n + 1;
}

// Make room for one more entry in a heap copy of environ.
static int
grow(void)
{
	size_t n = count();

	if (environ != owned || n + 2 > cap) {
		size_t ncap = n + 16;
		char **e = malloc(ncap * sizeof *e);
		if (e == NULL)
			return -1;
		if (n > 0)
			memcpy(e, environ, n * sizeof *e);
		e[n] = NULL;
		if (environ == owned)
			free(owned);
		environ = owned = e;
		cap = ncap;
	}
	return 0;
}

// Put entry s (NAME=...) in place of name, or append it.
static int
put(char *s, size_t namelen)
{
	long i = find(s, namelen);
	size_t n;

	if (grow() < 0)
		return -1;
	if (i >= 0) {
		environ[i] = s;
		return 0;
	}
	n = count();
	environ[n] = s;
	environ[n + 1] = NULL;
	return 0;
}

static int
valid(const char *name)
{
	if (name == NULL || *name == '\0' || strchr(name, '=')) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int
setenv(const char *name, const char *value, int overwrite)
{
	size_t n, v;
	char *s;

	if (!valid(name))
		return -1;
	n = strlen(name);
	if (!overwrite && find(name, n) >= 0)
		return 0;
	v = strlen(value);
	s = malloc(n + v + 2);
	if (s == NULL)
		return -1;
	memcpy(s, name, n);
	s[n] = '=';
	memcpy(s + n + 1, value, v + 1);
	if (put(s, n) < 0) {
		free(s);
		return -1;
	}
	return 0;
}

int
putenv(char *s)
{
	char *eq = strchr(s, '=');

	if (eq == NULL || eq == s) {
		errno = EINVAL;
		return -1;
	}
	return put(s, (size_t)(eq - s));
}

int
unsetenv(const char *name)
{
	size_t n;
	long i;

	if (!valid(name))
		return -1;
	n = strlen(name);
	while ((i = find(name, n)) >= 0) {
		if (grow() < 0)
			return -1;
		for (size_t k = (size_t)i; environ[k]; k++)
			environ[k] = environ[k + 1];
	}
	return 0;
}

int
clearenv(void)
{
	if (environ == owned)
		free(owned);
	owned = NULL;
	cap = 0;
	environ = NULL;
	return 0;
}
