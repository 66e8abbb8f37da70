// cmd/init/ns.c: the part of DESIGN section 3's boot namespace that can be
// built so far, on top of what the kernel binds (docs/namespaces.md):
// /bin/devfs mounted on /dev after the kernel's '#c' (which keeps cons,
// consctl, kmsg and reboot; devfs adds null, zero and random), an
// in-memory ramfs on /tmp and another on /writable (mounted with MCREATE),
// /bin/tarfs serving the raw boot archive ('#braw/archive') on /base in
// place of the kernel's '#b', '#b/apps' on /apps, and the root union: '#/'
// (the mount points), then /writable (which takes new files), then /base.
// Each server runs on a pipe and is posted in /srv (/srv/devfs, /srv/tmp,
// /srv/writable, /srv/base). Every program init starts shares this
// namespace.
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "init.h"
#include "snap.h"

#define RAMFS "/bin/ramfs"
#define DEVFS "/bin/devfs"
#define TARFS "/bin/tarfs"
#define ARCHIVE "#braw/archive"

static void
complain(const char *what, const char *where)
{
	char why[ERRMAX];

	errstr(why, sizeof why);
	fprintf(stderr, "init: %s for %s: %s\n", what, where, why);
}

// The child: open what devfs proxies (the kernel's console and log) and
// exec the server with the 9P pipe end fd.
static _Noreturn void
execsrv(const char *prog, int fd)
{
	char num[16], cons[16], kmsg[16];

	snprintf(num, sizeof num, "%d", fd);
	if (strcmp(prog, DEVFS) == 0) {
		int c = open("#c/cons", O_RDWR), k = open("#c/kmsg", O_RDONLY);
		char *argv[] = {DEVFS, "-i", num,  "-o",      num,  "-c", cons,
		                "-k",  kmsg, "-u", "gremlin", "-q", NULL};

		char err[256];

		snprintf(cons, sizeof cons, "%d", c);
		snprintf(kmsg, sizeof kmsg, "%d", k);
		if (c < 0 || k < 0)
			exits(127, "cannot open #c/cons or #c/kmsg for " DEVFS);
		// The snap devfs.d describes this server: its syscalls bound it.
		if (snap_filter_self("devfs.d", err, sizeof err) < 0)
			fprintf(stderr, "init: devfs runs unfiltered: %s\n", err);
		execve(DEVFS, argv, NULL);
	} else if (strcmp(prog, TARFS) == 0) {
		char *argv[] = {TARFS, "-i", num, "-o", num, ARCHIVE, NULL};

		execve(TARFS, argv, NULL);
	} else {
		char *argv[] = {(char *)prog, "-i", num, "-o", num, NULL};

		execve(prog, argv, NULL);
	}
	exits(127, "cannot exec the server");
}

// Start the 9P server prog on a pipe, post its end as /srv/name and mount
// it on where with flags. Returns 0 once mounted, -1 (said why) if not.
static int
serve(const char *prog, const char *where, const char *name, int flags)
{
	char num[16], srv[64];
	int p[2] = {-1, -1}, fd, r;
	pid_t pid;

	if (pipe(p) < 0)
		return complain("pipe", where), -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		// Its own note group: Ctrl-C at the console must not stop it.
		rfork(RFNOTEG);
		close(p[0]);
		execsrv(prog, p[1]);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return complain("fork", where), -1;
	}
	snprintf(srv, sizeof srv, "/srv/%s", name);
	snprintf(num, sizeof num, "%d", p[0]);
	fd = open(srv, O_WRONLY | O_CREAT, 0666);
	if (fd < 0 || write(fd, num, strlen(num)) != (ssize_t)strlen(num))
		complain("posting the server", where);
	if (fd >= 0)
		close(fd);
	r = mount(p[0], -1, where, flags, "");
	if (r < 0)
		complain("mounting the server", where);
	close(p[0]);
	return r < 0 ? -1 : 0;
}

// The root union of DESIGN section 3: the kernel's '#/' first, so its
// mount-point directories (/bin, /dev, /proc, ...) keep resolving to what
// is mounted on them; then /writable, where creating a new file at /
// goes; then /base, the system image. A name '#/' lacks is looked up in
// /writable, then /base. It replaces the kernel's '#b' after '#/'.
static void
root_union(int writable)
{
	if (unmount("#b", "/") < 0)
		return complain("unmounting the kernel's '#b'", "/");
	if (writable && bind("/writable", "/", MAFTER | MCREATE) < 0)
		complain("binding /writable", "/");
	if (bind("/base", "/", MAFTER) < 0)
		complain("binding /base", "/");
}

void
boot_namespace(int verbose)
{
	int writable = 0;

	if (access(DEVFS, X_OK) == 0)
		serve(DEVFS, "/dev", "devfs", MAFTER);
	else if (verbose)
		printf("init: %s is not in the image: /dev has only the kernel's '#c'\n", DEVFS);
	if (access(RAMFS, X_OK) == 0) {
		serve(RAMFS, "/tmp", "tmp", MREPL | MCREATE);
		writable = serve(RAMFS, "/writable", "writable", MREPL | MCREATE) == 0;
	} else if (verbose) {
		printf("init: %s is not in the image: /tmp and /writable stay empty\n", RAMFS);
	}
	// /bin (bound by the kernel) and /apps are '#b', not /base: execve
	// runs a file of '#b' in place, without reading it through a server.
	if (access("#b/apps", F_OK) == 0 && bind("#b/apps", "/apps", MREPL) < 0)
		complain("binding '#b/apps'", "/apps");
	// /base: tarfs replaces the kernel's '#b' there.
	if (access(TARFS, X_OK) != 0) {
		if (verbose)
			printf("init: %s is not in the image: /base stays the kernel's '#b'\n",
			       TARFS);
	} else if (serve(TARFS, "/base", "base", MREPL) < 0) {
		fprintf(stderr, "init: /base stays the kernel's '#b'\n");
	}
	root_union(writable);
}
