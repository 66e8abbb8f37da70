// cmd/rm/rm.c: remove files; -r directories and what they hold, -f no
// complaint about files that do not exist (and exit status 0 for them).
#include <stdio.h>
#include <string.h>

#include "remove.h"

// Whether path's last element is "." or "..", which rm refuses (POSIX).
static int
dotty(const char *path)
{
	size_t n = strlen(path);
	const char *last;

	while (n > 1 && path[n - 1] == '/')
		n--;
	last = path + n;
	while (last > path && last[-1] != '/')
		last--;
	return (path + n - last == 1 && last[0] == '.') ||
	       (path + n - last == 2 && last[0] == '.' && last[1] == '.');
}

int
main(int argc, char **argv)
{
	int i = 1, recursive = 0, force = 0, rc = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *f = argv[i] + 1; *f; f++) {
			if (*f == 'r' || *f == 'R')
				recursive = 1;
			else if (*f == 'f')
				force = 1;
			else {
				fprintf(stderr, "rm: unknown flag -%c\nusage: rm [-rf] file ...\n",
				        *f);
				return 2;
			}
		}
	}
	if (i == argc && !force) {
		fprintf(stderr, "usage: rm [-rf] file ...\n");
		return 2;
	}
	for (; i < argc; i++) {
		if (dotty(argv[i])) {
			fprintf(stderr, "rm: %s: refusing to remove . or ..\n", argv[i]);
			rc = 1;
			continue;
		}
		rc |= remove_path("rm", argv[i], recursive, force);
	}
	return rc;
}
