// cmd/init/ns.c: the part of DESIGN section 3's boot namespace that can be
// built so far, on top of what the kernel binds (docs/namespaces.md): an
// in-memory ramfs on /tmp and another on /writable, each served by
// /bin/ramfs on a pipe, posted in /srv (/srv/tmp, /srv/writable) and
// mounted with MCREATE. Every program init starts shares this namespace.
#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "init.h"

#define RAMFS "/bin/ramfs"

static int64_t
sys(int64_t n, int64_t a, int64_t b, int64_t c, int64_t d)
{
	return rawsyscall(n, a, b, c, d, 0, 0);
}

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
	int32_t p[2] = {-1, -1};
	int64_t fd;
	pid_t pid;

	if (sys(SYS_pipe, (int64_t)(uintptr_t)p, 0, 0, 0) < 0)
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
	fd = sys(SYS_create, (int64_t)(uintptr_t)srv, O_WRONLY, 0666, 0);
	if (fd < 0 || write((int)fd, num, strlen(num)) != (ssize_t)strlen(num))
		complain("posting the ramfs", where);
	if (fd >= 0)
		close((int)fd);
	if (rawsyscall(SYS_mount, p[0], -1, (int64_t)(uintptr_t)where, MREPL | MCREATE,
	               (int64_t)(uintptr_t) "", 0) < 0)
		complain("mounting the ramfs", where);
	close(p[0]);
}

void
boot_namespace(int verbose)
{
	uint8_t st[128];

	if (sys(SYS_stat, (int64_t)(uintptr_t)RAMFS, (int64_t)(uintptr_t)st, sizeof st, 0) <= 0) {
		if (verbose)
			printf("init: %s is not in the image: /tmp and /writable stay empty\n",
			       RAMFS);
		return;
	}
	ramfs("/tmp", "tmp");
	ramfs("/writable", "writable");
}
