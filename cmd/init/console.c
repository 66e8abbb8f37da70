// cmd/init/console.c: the minimal boot console init runs when the kernel
// command line names no program. It is not the shell (that comes with the
// next issue): one command a line, words split on blanks, no quoting, no
// pipes, no redirection.
#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "init.h"

#define MAXWORDS 64

static void
help(void)
{
	printf("This is Gremlin's minimal boot console, not the shell: it runs one\n"
	       "program a line, words split on blanks (no quotes, pipes or redirection).\n"
	       "  NAME ARGS...   run /bin/NAME (or a path such as /bin/test/runtests)\n"
	       "  help           this text\n"
	       "  poweroff [N]   power off (QEMU exits with status N, default 0)\n"
	       "  reboot         restart the machine\n"
	       "Programs: echo, uname, sleep, true, false; tests in /bin/test/.\n");
}

static int
split(char *line, char **words)
{
	int n = 0;
	char *save, *w;

	for (w = strtok_r(line, " \t\r\n", &save); w && n < MAXWORDS;
	     w = strtok_r(NULL, " \t\r\n", &save))
		words[n++] = w;
	words[n] = NULL;
	return n;
}

// Run one program and say how it ended if that was not a plain success.
static void
run(char **words)
{
	struct waitmsg w;
	pid_t pid = spawn(words);

	if (pid < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return;
	}
	if (await_child(pid, &w) < 0 || w.status == 0)
		return;
	if (w.msg[0])
		printf("[%s: exit status %d: %s]\n", words[0], w.status, w.msg);
	else
		printf("[%s: exit status %d]\n", words[0], w.status);
}

// Collect children that ended in the background (orphans included).
static void
reap(void)
{
	struct waitmsg w;

	while (waitmsg(-1, &w, WNOHANG) > 0)
		;
}

int
console(void)
{
	char line[512], *words[MAXWORDS + 1], *got;
	int n;

	printf("Minimal boot console (not the shell). Type 'help'.\n");
	for (;;) {
		reap();
		printf("gremlin%% ");
		fflush(stdout);
		errno = 0;
		got = fgets(line, sizeof line, stdin);
		if (got == NULL && ferror(stdin) && errno == EINTR) {
			// A note woke init: a poweroff/reboot request, or nothing.
			clearerr(stdin);
			check_request();
			printf("\n");
			continue;
		}
		if (got == NULL) {
			printf("\ninit: console input ended (%s); powering off\n",
			       ferror(stdin) ? strerror(errno) : "end of file");
			reboot(REBOOT_POWEROFF, ferror(stdin) ? 1 : 0);
			return 1;
		}
		n = split(line, words);
		if (n == 0)
			continue;
		if (strcmp(words[0], "help") == 0)
			help();
		else if (strcmp(words[0], "poweroff") == 0)
			reboot(REBOOT_POWEROFF, n > 1 ? atoi(words[1]) : 0);
		else if (strcmp(words[0], "reboot") == 0)
			reboot(REBOOT_RESTART, 0);
		else
			run(words);
		if (strcmp(words[0], "poweroff") == 0 || strcmp(words[0], "reboot") == 0)
			fprintf(stderr, "init: %s failed: %s\n", words[0], strerror(errno));
	}
}
