// cmd/mount/mount.c: attach the 9P server on the other end of a file (a
// /srv entry) at a name in this process's namespace (Plan 9 mount(1)).
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mountargs.h"

int
main(int argc, char **argv)
{
	struct mountargs a;
	char err[ERRMAX];
	int flags, fd;

	if (mount_parse(argc, argv, &a, err, sizeof err) < 0) {
		fprintf(stderr, "mount: %s\nusage: mount [-a|-b] [-c] srvfile old [aname]\n", err);
		return 2;
	}
	flags = a.before ? MBEFORE : a.after ? MAFTER : MREPL;
	if (a.create)
		flags |= MCREATE;
	fd = open(a.srv, O_RDWR);
	if (fd < 0) {
		// The kernel's reason names the call and the name at fault.
		errstr(err, sizeof err);
		if (err[0])
			fprintf(stderr, "mount: %s\n", err);
		else
			fprintf(stderr, "mount: %s: %s\n", a.srv, strerror(errno));
		return 1;
	}
	if (mount(fd, -1, a.old, flags, a.aname) < 0) {
		errstr(err, sizeof err);
		fprintf(stderr, "mount: %s\n", err[0] ? err : strerror(errno));
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}
