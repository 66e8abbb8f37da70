// cmd/sh/main.c: the shell's entry: options, the global state, and where
// commands come from (a terminal, a script file, -c, standard input).
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct shell sh;

static void
usage(void)
{
	fd_puts(2, "usage: sh [-eix] [-c COMMAND [NAME [ARG...]] | FILE [ARG...]]\n");
	exit(2);
}

void
sh_exit(int status)
{
	if (getpid() != sh.rootpid)
		_exit(status);
	tty_restore(0);
	exit(status);
}

// The path that starts this shell again, for scripts without "#!".
static char *
self_path(const char *argv0)
{
	char cwd[4096];
	struct buf b = {0};

	if (!strchr(argv0, '/'))
		return xstrdup("/bin/sh");
	if (argv0[0] == '/' || !getcwd(cwd, sizeof cwd))
		return xstrdup(argv0);
	buf_puts(&b, cwd);
	buf_putc(&b, '/');
	buf_puts(&b, argv0);
	return buf_take(&b);
}

static int
run_interactive(void)
{
	struct input in;
	int st;

	sh.interactive = 1;
	intr_init(1);
	hist_init();
	input_fd(&in, 0, 1);
	st = run_source(&in);
	input_free(&in);
	fd_puts(2, "\n");
	return st < 0 ? 2 : sh.status;
}

static int
run_stdin(void)
{
	struct input in;
	int st;

	input_fd(&in, 0, 0);
	st = run_source(&in);
	input_free(&in);
	return st < 0 ? 2 : st;
}

static int
run_script(const char *path)
{
	struct input in;
	int st;

	if (input_file(&in, path) < 0) {
		sh_error("cannot open %s: %s", path, strerror(errno));
		return 127;
	}
	st = run_source(&in);
	input_free(&in);
	return st < 0 ? 2 : st;
}

// PWD names the working directory, whatever the parent said.
static void
set_pwd(void)
{
	char cwd[4096];
	const char *pwd = var_get("PWD");

	if (getcwd(cwd, sizeof cwd) && (!pwd || strcmp(pwd, cwd) != 0))
		var_set("PWD", cwd, 1);
}

int
main(int argc, char **argv)
{
	extern char **environ;
	const char *cmd = NULL;
	int i = 1, st, force_interactive = 0;

	sh.pid = sh.rootpid = getpid();
	sh.self = self_path(argv[0]);
	sh.arg0 = argv[0];
	var_init(environ);
	set_pwd();
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'c')
				cmd = "";
			else if (*p == 'e')
				sh.opt_e = 1;
			else if (*p == 'x')
				sh.opt_x = 1;
			else if (*p == 'i')
				force_interactive = 1;
			else if (*p != 's')
				usage();
		}
	}
	if (cmd) {
		if (i >= argc)
			usage();
		cmd = argv[i++];
		if (i < argc)
			sh.arg0 = argv[i++];
		pos_set(argv + i, argc - i);
		sh_exit(run_string(cmd, NULL));
	}
	if (i < argc) {
		sh.arg0 = argv[i];
		pos_set(argv + i + 1, argc - i - 1);
		st = run_script(argv[i]);
		sh_exit(st);
	}
	pos_set(NULL, 0);
	if (force_interactive || (isatty(0) && isatty(2)))
		sh_exit(run_interactive());
	sh_exit(run_stdin());
}
