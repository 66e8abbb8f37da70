// cmd/unmount/unmount.c: undo a bind or mount (Plan 9 unmount(1)): with
// one name, everything mounted or bound at old; with two, only new.
#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <string.h>

#include "unmountargs.h"

int
main(int argc, char **argv)
{
	struct unmountargs a;
	char err[ERRMAX];

	if (unmount_parse(argc, argv, &a, err, sizeof err) < 0) {
		fprintf(stderr, "unmount: %s\nusage: unmount [new] old\n", err);
		return 2;
	}
	if (unmount(a.new, a.old) < 0) {
		// The kernel's reason names the call and the name at fault.
		errstr(err, sizeof err);
		fprintf(stderr, "unmount: %s\n", err[0] ? err : strerror(errno));
		return 1;
	}
	return 0;
}
