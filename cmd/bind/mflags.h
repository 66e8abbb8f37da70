// cmd/bind/mflags.h: the flags bind(1) and mount(1) share (Plan 9's -a -b
// -c), parsed once for both.
#ifndef MFLAGS_H
#define MFLAGS_H

#include <stddef.h>

struct mflags {
	int before, after, create; // -b, -a, -c
};

// Parse the leading flag words of argv[1..argc). Returns the index of the
// first word that is not a flag, or -1 with a message in err.
int mflags_parse(int argc, char **argv, struct mflags *f, char *err, size_t errlen);

#endif
