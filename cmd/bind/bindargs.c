// cmd/bind/bindargs.c: parsing bind's arguments (Plan 9's bind(1) flags).
#include <stdio.h>
#include <string.h>

#include "bindargs.h"

int
bind_parse(int argc, char **argv, struct bindargs *a, char *err, size_t errlen)
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
	if (argc - i != 2) {
		snprintf(err, errlen, "need two names (new and old), got %d", argc - i);
		return -1;
	}
	a->new = argv[i];
	a->old = argv[i + 1];
	return 0;
}
