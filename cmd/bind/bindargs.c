// cmd/bind/bindargs.c: parsing bind's arguments (flags in mflags.c).
#include <stdio.h>
#include <string.h>

#include "mflags.h"
#include "bindargs.h"

int
bind_parse(int argc, char **argv, struct bindargs *a, char *err, size_t errlen)
{
	struct mflags f;
	int i = mflags_parse(argc, argv, &f, err, errlen);

	memset(a, 0, sizeof *a);
	if (i < 0)
		return -1;
	a->before = f.before;
	a->after = f.after;
	a->create = f.create;
	if (argc - i != 2) {
		snprintf(err, errlen, "need two names (new and old), got %d", argc - i);
		return -1;
	}
	a->new = argv[i];
	a->old = argv[i + 1];
	return 0;
}
