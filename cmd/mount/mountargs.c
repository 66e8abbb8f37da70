// cmd/mount/mountargs.c: parsing mount's arguments (flags in ../bind/mflags.c).
#include <stdio.h>
#include <string.h>

#include "../bind/mflags.h"
#include "mountargs.h"

int
mount_parse(int argc, char **argv, struct mountargs *a, char *err, size_t errlen)
{
	struct mflags f;
	int i = mflags_parse(argc, argv, &f, err, errlen);

	memset(a, 0, sizeof *a);
	if (i < 0)
		return -1;
	a->before = f.before;
	a->after = f.after;
	a->create = f.create;
	if (argc - i != 2 && argc - i != 3) {
		snprintf(err, errlen,
		         "need a server file, a name and maybe an attach name, got %d words",
		         argc - i);
		return -1;
	}
	a->srv = argv[i];
	a->old = argv[i + 1];
	a->aname = argc - i == 3 ? argv[i + 2] : "";
	return 0;
}
