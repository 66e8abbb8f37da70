// cmd/mount/mountargs.c: parsing mount's arguments (Plan 9's mount(1) flags).
#include <stdio.h>
#include <string.h>

#include "mountargs.h"

int
mount_parse(int argc, char **argv, struct mountargs *a, char *err, size_t errlen)
{
	int i;

	memset(a, 0, sizeof *a);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *f = argv[i] + 1; *f; f++) {
			if (*f == 'a')
				a->after = 1;
			else if (*f == 'b')
				a->before = 1;
			else if (*f == 'c')
				a->create = 1;
			else {
				snprintf(err, errlen, "unknown flag -%c", *f);
				return -1;
			}
		}
	}
	if (a->after && a->before) {
		snprintf(err, errlen,
		         "-a and -b both given: a union member goes either after or before");
		return -1;
	}
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
