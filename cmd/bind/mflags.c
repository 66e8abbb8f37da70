// cmd/bind/mflags.c: the -a -b -c flags of bind and mount (mount includes
// this file: every command builds from its own directory).
#include <stdio.h>
#include <string.h>

#include "mflags.h"

int
mflags_parse(int argc, char **argv, struct mflags *fl, char *err, size_t errlen)
{
	int i;

	memset(fl, 0, sizeof *fl);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *f = argv[i] + 1; *f; f++) {
			if (*f == 'a')
				fl->after = 1;
			else if (*f == 'b')
				fl->before = 1;
			else if (*f == 'c')
				fl->create = 1;
			else {
				snprintf(err, errlen, "unknown flag -%c", *f);
				return -1;
			}
		}
	}
	if (fl->after && fl->before) {
		snprintf(err, errlen,
		         "-a and -b both given: a union member goes either after or before");
		return -1;
	}
	return i;
}
