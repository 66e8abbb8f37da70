// cmd/bind/bindargs.h: bind's argument parsing, apart from the system call
// so the host can test it (tests/cmd/gr_test.c).
#ifndef BINDARGS_H
#define BINDARGS_H

#include <stddef.h>

struct bindargs {
	int before, after, create; // -b, -a, -c
	const char *new, *old;
};

// Parse "bind [-abc] new old". Returns 0, or -1 with a message in err.
int bind_parse(int argc, char **argv, struct bindargs *a, char *err, size_t errlen);

#endif
