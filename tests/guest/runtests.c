// tests/guest/runtests.c: the in-guest test runner, /bin/test/runtests. It
// runs every other program of /bin/test (the list is baked in at image build
// time); their TAP lines go straight to the console, unprefixed, and each
// test hands its counts back in its exit string ("tap ok=N notok=M", see
// guest.h). A test
// that dies, or exits non-zero without reporting a failed check, counts as
// one failure of its own and gets a "not ok" line, so a crash cannot pass as
// silence. Ends with "N passed, N failed"; exit status 0 only if all passed.
//
// Usage: runtests [NAME...]   (programs of /bin/test; default: all of them)
#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const tests[] = {
#include "testlist.h"
        NULL,
};

static int passed, failed;

// Parse "tap ok=N notok=M"; returns 0 if msg has that form.
static int
parse_counts(const char *msg, int *ok, int *notok)
{
	char *end;

	if (strncmp(msg, "tap ok=", 7) != 0)
		return -1;
	*ok = (int)strtol(msg + 7, &end, 10);
	if (strncmp(end, " notok=", 7) != 0)
		return -1;
	*notok = (int)strtol(end + 7, &end, 10);
	return *end == '\0' && *ok >= 0 && *notok >= 0 ? 0 : -1;
}

static void
run(const char *path)
{
	char *argv[] = {(char *)path, NULL};
	struct waitmsg w;
	int ok = 0, notok = 0;
	pid_t pid;

	printf("# %s\n", path);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("not ok - %s: fork: %s\n", path, strerror(errno));
		failed++;
		return;
	}
	if (pid == 0) {
		execve(path, argv, environ);
		char why[ERRMAX];
		dprintf(1, "# %s: execve: %s\n", path, errstr(why, sizeof why));
		exits(127, "execve failed");
	}
	if (waitmsg(pid, &w, 0) != pid) {
		printf("not ok - %s: wait: %s\n", path, strerror(errno));
		failed++;
		return;
	}
	if (parse_counts(w.msg, &ok, &notok) == 0) {
		passed += ok;
		failed += notok;
		if (w.status != 0 && notok == 0) {
			printf("not ok - %s exited %d but reported no failed check\n", path,
			       w.status);
			failed++;
		}
		return;
	}
	// No counts: the program died or did not finish through guest_done.
	if (w.status == 0) {
		printf("not ok - %s exited 0 without reporting its counts\n", path);
	} else {
		printf("not ok - %s ended with status %d%s%s\n", path, w.status,
		       w.msg[0] ? ": " : "", w.msg);
	}
	failed++;
}

int
main(int argc, char **argv)
{
	char path[128];
	int i;

	for (i = 1; i < argc; i++) {
		snprintf(path, sizeof path, "%s%s", strchr(argv[i], '/') ? "" : "/bin/test/",
		         argv[i]);
		run(path);
	}
	for (i = 0; argc == 1 && tests[i]; i++)
		run(tests[i]);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
