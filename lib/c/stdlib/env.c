// lib/c/stdlib/env.c: the environment passed to main (environ, getenv).
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char **environ;

char *
getenv(const char *name)
{
	size_t n = strlen(name);
	char **e;

	if (environ == NULL || n == 0 || strchr(name, '='))
		return NULL;
	for (e = environ; *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}
