// cmd/init/init.c: process 1. Prints the boot banner, then either runs the
// one program named on the kernel command line ("exec PROG ARGS...", used by
// tools/gremlin exec and the tests) and powers off with its exit status, or
// boots the configured snaps and supervises them (snap.c), powering off
// when the last one ends (the seed's: the shell on the console; the
// minimal boot console, console.c, stands in when nothing else can run).
// Either way it first mounts what it can of the boot namespace (ns.c) and
// reaps every child, including orphans the kernel hands to it.
#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"
#include "snap.h"

static char *default_env[] = {"PATH=/bin", "HOME=/", NULL};

// The environment for programs init starts: its own, or a minimal one.
static char **
child_env(void)
{
	return environ && environ[0] ? environ : default_env;
}

// "/bin/NAME" for a bare name, the word itself for a path.
static const char *
resolve(const char *word, char *buf, size_t n)
{
	if (strchr(word, '/'))
		return word;
	snprintf(buf, n, "/bin/%s", word);
	return buf;
}

pid_t
spawn(char **argv)
{
	char path[256], why[ERRMAX];
	const char *p = resolve(argv[0], path, sizeof path);
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	execve(p, argv, child_env());
	errstr(why, sizeof why);
	fprintf(stderr, "init: cannot run %s: %s\n", p, why[0] ? why : strerror(errno));
	exit(127);
}

// Wait for pid, reaping every other child that ends meanwhile.
int
await_child(pid_t pid, struct waitmsg *w)
{
	pid_t r;

	for (;;) {
		r = waitmsg(-1, w, 0);
		if (r == pid)
			return 0;
		if (r < 0 && errno == EINTR)
			check_request();
		if (r < 0 && errno != EINTR) {
			fprintf(stderr, "init: wait: %s\n", strerror(errno));
			return -1;
		}
	}
}

// exec mode: the host passed "exec PROG ARGS..." (percent-encoded words).
// The last line is the status trailer tools/gremlin reads (and hides): the
// QEMU exit code carries only 7 bits of the status.
static int
exec_mode(int argc, char **argv)
{
	struct waitmsg w;
	pid_t pid;
	int i, status;

	if (argc < 1) {
		fprintf(stderr, "init: exec: no program named on the kernel command line\n");
		status = 127;
	} else {
		for (i = 0; i < argc; i++)
			percent_decode(argv[i]);
		pid = spawn(argv);
		if (pid < 0) {
			fprintf(stderr, "init: fork: %s\n", strerror(errno));
			status = 126;
		} else if (await_child(pid, &w) < 0) {
			status = 126;
		} else {
			status = w.status;
		}
	}
	printf("%s%d\n", EXEC_TRAILER, status);
	fflush(stdout);
	reboot(REBOOT_POWEROFF, status);
	fprintf(stderr, "init: reboot(POWEROFF) failed: %s\n", strerror(errno));
	return status;
}

// The interactive machine: the boot snaps of the configuration (snap.c;
// the seed's is the shell on the console), supervised until none is left.
// If none could start (no snaprun, no usable configuration, every snap
// failing to fork), /bin/sh runs on the console directly, so a bad
// configuration never leaves the machine without a shell. Either way the
// shell's exit ends the session, so 'exit N' powers off with status N, as
// does poweroff(1) from anywhere (power.c).
static int
interactive(int argc, char **av)
{
	char *argv[] = {"/bin/sh", NULL};
	struct waitmsg w;
	pid_t pid;

	if (access(SNAPRUN, X_OK) == 0 && snap_boot(argc, av) > 0)
		snap_supervise();
	printf("init: no snap could start; running /bin/sh on the console\n");
	if (access(argv[0], X_OK) != 0)
		return console();
	pid = spawn(argv);
	if (pid < 0 || await_child(pid, &w) < 0) {
		fprintf(stderr, "init: cannot run /bin/sh: %s\n", strerror(errno));
		return console();
	}
	printf("init: shell exited with status %d%s%s; powering off\n", w.status,
	       w.msg[0] ? ": " : "", w.msg);
	fflush(stdout);
	reboot(REBOOT_POWEROFF, w.status);
	fprintf(stderr, "init: reboot(POWEROFF) failed: %s\n", strerror(errno));
	return w.status;
}

int
main(int argc, char **argv)
{
	printf("init: Gremlin OS started\n");
	fflush(stdout);
	if (getpid() != 1)
		fprintf(stderr, "init: warning: running as pid %d, not 1\n", getpid());
	boot_namespace(!(argc >= 2 && strcmp(argv[1], "exec") == 0));
	init_exec_mode = argc >= 2 && strcmp(argv[1], "exec") == 0;
	if (init_exec_mode)
		return exec_mode(argc - 2, argv + 2);
	return interactive(argc, argv);
}
