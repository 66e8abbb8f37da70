// cmd/rm/remove.c: removing files and trees. Entries "." and ".." of a
// directory read are skipped; symbolic links (on hosts that have them) are
// removed, never followed.
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "remove.h"

// Remove everything inside directory path. Returns 0 or 1.
static int
emptydir(const char *prog, const char *path, int force)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char *child;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(path) + strlen(e->d_name) + 2;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		child = malloc(len);
		if (!child) {
			fprintf(stderr, "%s: %s: out of memory\n", prog, path);
			rc = 1;
			break;
		}
		snprintf(child, len, "%s/%s", path, e->d_name);
		rc |= remove_path(prog, child, 1, force);
		free(child);
	}
	closedir(d);
	return rc;
}

int
remove_path(const char *prog, const char *path, int recursive, int force)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == 0)
			return 0;
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return 1;
	}
	if (!recursive) {
		fprintf(stderr, "%s: %s: is a directory (-r removes it and what it holds)\n", prog,
		        path);
		return 1;
	}
	if (emptydir(prog, path, force) != 0)
		return 1;
	if (rmdir(path) == 0)
		return 0;
	fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
	return 1;
}
