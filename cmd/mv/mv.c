// cmd/mv/mv.c: move (rename) files: "mv src dst" or "mv src ... dir". When
// the file servers cannot rename between the two places (EXDEV), the tree is
// copied and then removed.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../cp/copy.h"
#include "../cp/target.h"
#include "../rm/remove.h"

static int
move(const char *src, const char *dst)
{
	struct stat st;

	if (rename(src, dst) == 0)
		return 0;
	if (errno != EXDEV) {
		fprintf(stderr, "mv: %s to %s: %s\n", src, dst, strerror(errno));
		return 1;
	}
	if (copy_path("mv", src, dst, 1) != 0) {
		if (lstat(dst, &st) == 0)
			fprintf(stderr, "mv: %s was not moved; %s may hold part of it\n", src, dst);
		return 1;
	}
	return remove_path("mv", src, 1, 0);
}

int
main(int argc, char **argv)
{
	int i = 1, rc = 0, intodir;
	char buf[4096];

	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		fprintf(stderr, "mv: unknown flag %s\nusage: mv src dst | mv src ... dir\n",
		        argv[i]);
		return 2;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: mv src dst | mv src ... dir\n");
		return 2;
	}
	intodir = isdir(argv[argc - 1]);
	if (argc - i > 2 && !intodir) {
		fprintf(stderr, "mv: %s: not a directory (needed for several sources)\n",
		        argv[argc - 1]);
		return 1;
	}
	for (; i < argc - 1; i++) {
		const char *dst = argv[argc - 1];

		if (intodir && !(dst = target_in(argv[argc - 1], argv[i], buf, sizeof buf))) {
			fprintf(stderr, "mv: %s: name too long in %s\n", argv[i], argv[argc - 1]);
			rc = 1;
			continue;
		}
		rc |= move(argv[i], dst);
	}
	return rc;
}
