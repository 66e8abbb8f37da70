// cmd/init/power.c: poweroff and reboot on request. poweroff(1) and
// reboot(1) post init the note "poweroff N" or "reboot"; the kernel records
// it and wakes init, whose wait then fails with EINTR (docs/kernel.md,
// "Asking init"). The note "snapctl" (a control request, control.c) comes
// the same way. init reads the request from '#c/reboot', posts "kill" to
// every other process, reaps them (for at most GRACE_MS), says what it does
// and calls reboot.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "init.h"
#include "snap.h"

#define GRACE_MS 2000

int init_exec_mode;

// Post "kill" to every process in '#p' but init. Returns how many took it.
static int
killall(void)
{
	DIR *d = opendir("#p");
	struct dirent *e;
	int n = 0;

	if (d == NULL) {
		fprintf(stderr, "init: cannot list processes in '#p': %s\n", strerror(errno));
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);

		if (*end == '\0' && pid > 1 && postnote((int)pid, "kill") == 0)
			n++;
	}
	closedir(d);
	return n;
}

// Reap children until there are none, or GRACE_MS passed.
static void
reapall(void)
{
	struct timespec tick = {0, 10 * 1000 * 1000};
	struct waitmsg w;

	for (int ms = 0; ms < GRACE_MS; ms += 10) {
		pid_t r;

		while ((r = waitmsg(-1, &w, WNOHANG)) > 0)
			;
		if (r < 0 && errno == ECHILD)
			return;
		nanosleep(&tick, NULL);
	}
	fprintf(stderr, "init: some processes did not end within %d ms\n", GRACE_MS);
}

static _Noreturn void
shutdown_machine(const char *req)
{
	int restart = strcmp(req, "reboot") == 0;
	int status = restart || req[8] == '\0' ? 0 : atoi(req + 9);

	snap_shutdown();
	killall();
	reapall();
	if (restart)
		printf("init: reboot\n");
	else
		printf("init: poweroff (status %d)\n", status);
	if (init_exec_mode && !restart)
		printf("%s%d\n", EXEC_TRAILER, status);
	fflush(stdout);
	reboot(restart ? REBOOT_RESTART : REBOOT_POWEROFF, status);
	fprintf(stderr, "init: reboot: %s\n", strerror(errno));
	exit(status);
}

// After a wait or read failed with EINTR: act on a pending request, if
// there is one. Returns only when there is none.
void
check_request(void)
{
	char req[32];
	ssize_t n;

	for (;;) {
		int fd = open("#c/reboot", O_RDONLY);

		if (fd < 0) {
			fprintf(stderr, "init: cannot open '#c/reboot': %s\n", strerror(errno));
			return;
		}
		n = read(fd, req, sizeof req - 1);
		close(fd);
		if (n <= 0)
			return;
		req[n] = '\0';
		if (strcmp(req, "snapctl") == 0)
			snap_control();
		else
			shutdown_machine(req);
	}
}
