// cmd/bind/bind.c: make old name what new names, in this process's
// namespace (Plan 9 bind(1)): -b and -a make old a union with new before or
// after what it held, -c lets files be created in new through it.
#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <string.h>

#include "bindargs.h"

int
main(int argc, char **argv)
{
	struct bindargs a;
	char err[ERRMAX];
	int flags = MREPL;

	if (bind_parse(argc, argv, &a, err, sizeof err) < 0) {
		fprintf(stderr, "bind: %s\nusage: bind [-a|-b] [-c] new old\n", err);
		return 2;
	}
	flags = a.before ? MBEFORE : a.after ? MAFTER : MREPL;
	if (a.create)
		flags |= MCREATE;
	if (bind(a.new, a.old, flags) < 0) {
		// The kernel's reason names the call and the name at fault.
		errstr(err, sizeof err);
		fprintf(stderr, "bind: %s\n", err[0] ? err : strerror(errno));
		return 1;
	}
	return 0;
}
