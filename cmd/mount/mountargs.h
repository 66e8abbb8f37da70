// cmd/mount/mountargs.h: mount's argument parsing, apart from the system
// call so the host can test it (tests/cmd/gr_test.c).
#ifndef MOUNTARGS_H
#define MOUNTARGS_H

#include <stddef.h>

struct mountargs {
	int before, after, create; // -b, -a, -c
	const char *srv;           // a file that speaks 9P (a /srv entry)
	const char *old;
	const char *aname; // the attach name; "" if not given
};

// Parse "mount [-abc] srv old [aname]". Returns 0, or -1 with a message in
// err.
int mount_parse(int argc, char **argv, struct mountargs *a, char *err, size_t errlen);

#endif
