// cmd/unmount/unmountargs.c: parsing unmount's arguments.
#include <stdio.h>
#include <string.h>

#include "unmountargs.h"

int
unmount_parse(int argc, char **argv, struct unmountargs *a, char *err, size_t errlen)
{
	int i = 1;

	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		snprintf(err, errlen, "unknown flag %s", argv[i]);
		return -1;
	}
	if (argc - i != 1 && argc - i != 2) {
		snprintf(err, errlen, "need one or two names, got %d", argc - i);
		return -1;
	}
	a->new = argc - i == 2 ? argv[i] : NULL;
	a->old = argv[argc - 1];
	return 0;
}
