// cmd/cp/cp.c: copy files: "cp [-r] src dst" or "cp [-r] src ... dir";
// -r copies directories and what they hold.
#include <stdio.h>
#include <string.h>

#include "copy.h"
#include "target.h"

int
main(int argc, char **argv)
{
	int i = 1, recursive = 0, rc = 0, intodir;
	char buf[4096];

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-r") != 0 && strcmp(argv[i], "-R") != 0) {
			fprintf(stderr,
			        "cp: unknown flag %s\nusage: cp [-r] src dst | cp [-r] src ... "
			        "dir\n",
			        argv[i]);
			return 2;
		}
		recursive = 1;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: cp [-r] src dst | cp [-r] src ... dir\n");
		return 2;
	}
	intodir = isdir(argv[argc - 1]);
	if (argc - i > 2 && !intodir) {
		fprintf(stderr, "cp: %s: not a directory (needed for several sources)\n",
		        argv[argc - 1]);
		return 1;
	}
	for (; i < argc - 1; i++) {
		const char *dst = argv[argc - 1];

		if (intodir && !(dst = target_in(argv[argc - 1], argv[i], buf, sizeof buf))) {
			fprintf(stderr, "cp: %s: name too long in %s\n", argv[i], argv[argc - 1]);
			rc = 1;
			continue;
		}
		rc |= copy_path("cp", argv[i], dst, recursive);
	}
	return rc;
}
