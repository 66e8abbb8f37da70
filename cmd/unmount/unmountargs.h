// cmd/unmount/unmountargs.h: unmount's argument parsing, apart from the
// system call so the host can test it (tests/cmd/gr_test.c).
#ifndef UNMOUNTARGS_H
#define UNMOUNTARGS_H

#include <stddef.h>

struct unmountargs {
	const char *new; // NULL: everything at old
	const char *old;
};

// Parse "unmount [new] old". Returns 0, or -1 with a message in err.
int unmount_parse(int argc, char **argv, struct unmountargs *a, char *err, size_t errlen);

#endif
