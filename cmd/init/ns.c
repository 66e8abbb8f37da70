// cmd/init/ns.c: the part of DESIGN section 3's boot namespace that can be
// built so far, on top of what the kernel binds (docs/namespaces.md): an
// in-memory ramfs on /tmp and another on /writable, each served by
// /bin/ramfs on a pipe, posted in /srv (/srv/tmp, /srv/writable) and
// mounted with MCREATE. Every program init starts shares this namespace.
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "init.h"

#define RAMFS "/bin/ramfs"

static void
complain(const char *what, const char *where)
{
	char why[ERRMAX];

	errstr(why, sizeof why);
	fprintf(stderr, "init: %s for %s: %s\n", what, where, why);
}

// Start a ramfs on a pipe, post its end as /srv/name and mount it on where.
static void
ramfs(const char *where, const char *name)
{
	char num[16], srv[64];
	int p[2] = {-1, -1}, fd;
	pid_t pid;

	if (pipe(p) < 0)
		return complain("pipe", where);
	snprintf(num, sizeof num, "%d", p[1]);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = {RAMFS, "-i", num, "-o", num, NULL};

		// Its own note group: Ctrl-C at the console must not stop it.
		rfork(RFNOTEG);
		close(p[0]);
		execve(RAMFS, argv, NULL);
		exits(127, "cannot exec " RAMFS);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return complain("fork", where);
	}
	snprintf(srv, sizeof srv, "/srv/%s", name);
	snprintf(num, sizeof num, "%d", p[0]);
	fd = open(srv, O_WRONLY | O_CREAT, 0666);
	if (fd < 0 || write(fd, num, strlen(num)) != (ssize_t)strlen(num))
		complain("posting the ramfs", where);
	if (fd >= 0)
		close(fd);
	if (mount(p[0], -1, where, MREPL | MCREATE, "") < 0)
		complain("mounting the ramfs", where);
	close(p[0]);
}

void
boot_namespace(int verbose)
{
	if (access(RAMFS, X_OK) != 0) {
		if (verbose)
			printf("init: %s is not in the image: /tmp and /writable stay empty\n",
			       RAMFS);
		return;
	}
	ramfs("/tmp", "tmp");
	ramfs("/writable", "writable");
}
