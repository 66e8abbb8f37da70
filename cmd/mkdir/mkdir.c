// cmd/mkdir/mkdir.c: make directories; -p makes missing parents too and
// does not mind directories that already exist.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

// Make path and its missing parents. Returns 0 or 1 after saying why not.
static int
parents(char *path)
{
	struct stat st;

	if (path[0] == '\0') {
		fprintf(stderr, "mkdir: empty name\n");
		return 1;
	}
	for (char *p = path + 1;; p++) {
		char save = *p;

		if (*p != '/' && *p != '\0')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
			*p = save;
			return 1;
		}
		if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "mkdir: %s: exists and is not a directory\n", path);
			*p = save;
			return 1;
		}
		*p = save;
		if (save == '\0')
			return 0;
	}
}

int
main(int argc, char **argv)
{
	int i = 1, p = 0, rc = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-p") != 0) {
			fprintf(stderr, "mkdir: unknown flag %s\nusage: mkdir [-p] dir ...\n",
			        argv[i]);
			return 2;
		}
		p = 1;
	}
	if (i == argc) {
		fprintf(stderr, "usage: mkdir [-p] dir ...\n");
		return 2;
	}
	for (; i < argc; i++) {
		if (p) {
			rc |= parents(argv[i]);
			continue;
		}
		if (mkdir(argv[i], 0777) < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
