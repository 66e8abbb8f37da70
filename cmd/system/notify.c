// cmd/system/notify.c: system_notify_init (notify.h). The request goes
// through snapctl, the one client of init's control protocol
// (cmd/init/control.c): `snapctl apply` with its output read here and
// copied to out.
#include <errno.h>
#include <gremlin.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "notify.h"

#define SNAPCTL "/bin/snapctl"

int
system_notify_init(const char *request, FILE *out)
{
	char buf[4096];
	struct waitmsg w;
	ssize_t n;
	int p[2];
	pid_t pid;

	if (pipe(p) < 0) {
		fprintf(stderr, "system: pipe: %s\n", strerror(errno));
		return 1;
	}
	fflush(out);
	pid = fork();
	if (pid == 0) {
		char *argv[] = {SNAPCTL, (char *)request, NULL};

		close(p[0]);
		dup2(p[1], 1);
		close(p[1]);
		execve(SNAPCTL, argv, NULL);
		fprintf(stderr, "system: cannot run %s: %s\n", SNAPCTL, strerror(errno));
		_exit(2);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof buf)) > 0)
		fwrite(buf, 1, (size_t)n, out);
	close(p[0]);
	if (pid < 0 || waitmsg(pid, &w, 0) != pid) {
		fprintf(stderr, "system: cannot ask init: %s\n", strerror(errno));
		return 1;
	}
	return w.status;
}
