// cmd/sh/builtins.c: commands the shell runs itself, because they change
// the shell (cd, exit, set, ...) or for speed (echo, test, true).
// test and [ are in test.c, printf in printf.c.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static int
bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int
bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

static int
bi_echo(int argc, char **argv)
{
	struct buf b = {0};
	int i = 1, newline = 1;
	ssize_t w = 0;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		i++;
	}
	for (; i < argc; i++) {
		buf_puts(&b, argv[i]);
		if (i + 1 < argc)
			buf_putc(&b, ' ');
	}
	if (newline)
		buf_putc(&b, '\n');
	for (size_t off = 0; off < b.len; off += (size_t)w) {
		w = write(1, b.s + off, b.len - off);
		if (w <= 0)
			break;
	}
	buf_free(&b);
	return w < 0 ? 1 : 0;
}

static int
bi_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	char cwd[4096];
	char *old = var_get("PWD") ? xstrdup(var_get("PWD")) : NULL;
	int print = 0;

	if (dir && strcmp(dir, "-") == 0) {
		dir = var_get("OLDPWD");
		print = 1;
	}
	if (!dir || !*dir) {
		sh_error("cd: %s not set", argc > 1 ? "OLDPWD" : "HOME");
		free(old);
		return 1;
	}
	if (chdir(dir) < 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		free(old);
		return 1;
	}
	if (old)
		var_set("OLDPWD", old, 0);
	free(old);
	if (getcwd(cwd, sizeof cwd))
		var_set("PWD", cwd, 0);
	if (print) {
		fd_puts(1, cwd);
		fd_puts(1, "\n");
	}
	return 0;
}

static int
bi_pwd(int argc, char **argv)
{
	char cwd[4096];

	(void)argc;
	(void)argv;
	if (!getcwd(cwd, sizeof cwd)) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	fd_puts(1, cwd);
	fd_puts(1, "\n");
	return 0;
}

static int
bi_exit(int argc, char **argv)
{
	long n = sh.status;

	if (argc > 1 && parse_int(argv[1], &n) < 0) {
		sh_error("exit: %s: numeric argument required", argv[1]);
		sh_exit(2);
	}
	sh_exit((int)(n & 255));
}

static int
bi_export(int argc, char **argv)
{
	int st = 0;

	if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
		var_print(1);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		char *name = xstrndup(argv[i], n);

		if (!is_name(name, n)) {
			sh_error("export: %s: bad variable name", name);
			st = 1;
		} else
			var_set(name, eq ? eq + 1 : NULL, 1);
		free(name);
	}
	return st;
}

// local NAME[=VALUE]...: the variable gets its old value back when the
// function returns. Without a value it keeps the current one (as dash).
static int
bi_local(int argc, char **argv)
{
	int st = 0;

	if (!sh.funcs) {
		sh_error("local: not in a function");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		char *name = xstrndup(argv[i], n);

		if (!is_name(name, n)) {
			sh_error("local: %s: bad variable name", name);
			st = 1;
		} else {
			sh.locals = var_save(name, sh.locals);
			if (eq)
				var_set(name, eq + 1, 0);
		}
		free(name);
	}
	return st;
}

static int
bi_unset(int argc, char **argv)
{
	int i = 1, fn = 0;

	if (argc > 1 && (strcmp(argv[1], "-f") == 0 || strcmp(argv[1], "-v") == 0)) {
		fn = argv[1][1] == 'f';
		i++;
	}
	for (; i < argc; i++) {
		if (fn)
			func_define(argv[i], NULL);
		else
			var_unset(argv[i]);
	}
	return 0;
}

static int
set_option(const char *arg)
{
	int on = arg[0] == '-';

	for (const char *p = arg + 1; *p; p++) {
		if (*p == 'e')
			sh.opt_e = on;
		else if (*p == 'x')
			sh.opt_x = on;
		else {
			sh_error("set: -%c: unknown option (known: -e, -x)", *p);
			return -1;
		}
	}
	return 0;
}

static int
bi_set(int argc, char **argv)
{
	int i = 1;

	if (argc == 1) {
		var_print(0);
		return 0;
	}
	for (; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if ((argv[i][0] != '-' && argv[i][0] != '+') || !argv[i][1])
			break;
		if (set_option(argv[i]) < 0)
			return 2;
	}
	if (i < argc || (i > 1 && strcmp(argv[i - 1], "--") == 0))
		pos_set(argv + i, argc - i);
	return 0;
}

static int
bi_shift(int argc, char **argv)
{
	long n = 1;

	if (argc > 1 && (parse_int(argv[1], &n) < 0 || n < 0)) {
		sh_error("shift: %s: not a count", argv[1]);
		return 2;
	}
	if (n > sh.npos) {
		sh_error("shift: cannot shift %ld, there are %d parameters", n, sh.npos);
		return 2;
	}
	pos_set(sh.pos + n, sh.npos - (int)n);
	return 0;
}

// Split line into the named variables: each takes one field, the last
// takes the rest.
static void
read_assign(char **names, int n, const char *line)
{
	const char *ifs = var_get("IFS") ? var_get("IFS") : " \t\n";
	const char *p = line;

	for (int i = 0; i < n; i++) {
		const char *end;
		char *val;

		while (*p && strchr(ifs, *p) && strchr(" \t\n", *p))
			p++;
		if (i == n - 1) {
			size_t len = strlen(p);

			while (len > 0 && strchr(ifs, p[len - 1]) && strchr(" \t\n", p[len - 1]))
				len--;
			val = xstrndup(p, len);
			p += len;
		} else {
			end = p;
			while (*end && !strchr(ifs, *end))
				end++;
			val = xstrndup(p, (size_t)(end - p));
			p = *end ? end + 1 : end;
		}
		var_set(names[i], val, 0);
		free(val);
	}
}

static int
bi_read(int argc, char **argv)
{
	struct buf b = {0};
	int raw = 0, i = 1, eof = 0;
	char *def[] = {"REPLY", NULL};

	if (argc > 1 && strcmp(argv[1], "-r") == 0) {
		raw = 1;
		i++;
	}
	for (;;) {
		char c;
		ssize_t n = read(0, &c, 1);

		if (n < 0 && errno == EINTR && !intr_pending())
			continue;
		if (n <= 0) {
			eof = 1;
			break;
		}
		if (c == '\\' && !raw) {
			if (read(0, &c, 1) != 1)
				break;
			if (c != '\n')
				buf_putc(&b, c);
			continue;
		}
		if (c == '\n')
			break;
		buf_putc(&b, c);
	}
	for (int k = i; k < argc; k++) {
		if (!is_name(argv[k], strlen(argv[k]))) {
			sh_error("read: %s: bad variable name", argv[k]);
			buf_free(&b);
			return 2;
		}
	}
	if (i < argc)
		read_assign(argv + i, argc - i, b.s ? b.s : "");
	else
		read_assign(def, 1, b.s ? b.s : "");
	buf_free(&b);
	return eof ? 1 : 0;
}

static int
bi_wait(int argc, char **argv)
{
	int st = 0;

	if (argc == 1)
		return job_wait_all();
	for (int i = 1; i < argc; i++) {
		long pid;

		if (parse_int(argv[i], &pid) < 0) {
			sh_error("wait: %s: not a process id", argv[i]);
			return 2;
		}
		st = job_wait_one((pid_t)pid);
	}
	return st;
}

// Run an input in this shell (for "." and eval). A return ends a "."
// file; in eval it belongs to the enclosing function or file.
static int
run_here_input(struct input *in, int is_dot)
{
	int st;

	if (sh.funcs + sh.sourcing >= MAX_CALL_NESTING) {
		sh_error(". or eval: calls nested too deep (the limit is %d)", MAX_CALL_NESTING);
		return 2;
	}
	sh.sourcing++;
	st = run_source(in);
	sh.sourcing--;
	if (sh.jump == J_RETURN && is_dot) {
		sh.jump = J_NONE;
		st = sh.jumpn;
	}
	if (st < 0) {
		if (!sh.interactive)
			sh_exit(2);
		st = 2;
	}
	return st;
}

static int
bi_dot(int argc, char **argv)
{
	struct input in;
	char **saved = NULL;
	int nsaved = 0, st;

	if (argc < 2) {
		sh_error("%s: a file name is needed", argv[0]);
		return 2;
	}
	if (input_file(&in, argv[1]) < 0) {
		sh_error("%s: cannot open %s: %s", argv[0], argv[1], strerror(errno));
		if (!sh.interactive)
			sh_exit(2);
		return 2;
	}
	if (argc > 2) {
		saved = sh.pos;
		nsaved = sh.npos;
		sh.pos = NULL;
		sh.npos = 0;
		pos_set(argv + 2, argc - 2);
	}
	st = run_here_input(&in, 1);
	input_free(&in);
	if (saved) {
		pos_set(NULL, 0);
		free(sh.pos);
		sh.pos = saved;
		sh.npos = nsaved;
	}
	return st;
}

static int
bi_eval(int argc, char **argv)
{
	struct buf b = {0};
	struct input in;
	int st;

	for (int i = 1; i < argc; i++) {
		if (i > 1)
			buf_putc(&b, ' ');
		buf_puts(&b, argv[i]);
	}
	input_string(&in, b.s ? b.s : "", NULL);
	buf_free(&b);
	st = run_here_input(&in, 0);
	input_free(&in);
	return st;
}

static int
bi_exec(int argc, char **argv)
{
	if (argc == 1) {
		sh.keep_redirs = 1;
		return 0;
	}
	exec_external(argv + 1);
}

static int
bi_return(int argc, char **argv)
{
	long n = sh.status;

	if (!sh.funcs && !sh.sourcing) {
		sh_error("return: not in a function or a sourced file");
		return 1;
	}
	if (argc > 1 && parse_int(argv[1], &n) < 0) {
		sh_error("return: %s: numeric argument required", argv[1]);
		n = 2;
	}
	sh.jump = J_RETURN;
	sh.jumpn = (int)(n & 255);
	return sh.jumpn;
}

static int
loop_control(int argc, char **argv, int jump)
{
	long n = 1;

	if (argc > 1 && (parse_int(argv[1], &n) < 0 || n < 1)) {
		sh_error("%s: %s: not a loop count", argv[0], argv[1]);
		return 1;
	}
	if (!sh.loops)
		return 0;
	sh.jump = jump;
	sh.jumpn = n > sh.loops ? sh.loops : (int)n;
	return 0;
}

static int
bi_break(int argc, char **argv)
{
	return loop_control(argc, argv, J_BREAK);
}

static int
bi_continue(int argc, char **argv)
{
	return loop_control(argc, argv, J_CONTINUE);
}

static int
bi_history(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (int i = 0; i < hist_count(); i++) {
		char num[16];

		snprintf(num, sizeof num, "%5d  ", i + 1);
		fd_puts(1, num);
		fd_puts(1, hist_get(i));
		fd_puts(1, "\n");
	}
	return 0;
}

static int bi_help(int argc, char **argv);

// What a name runs: 0 and a description, or 1 if nothing.
static int
describe(const char *name, int verbose)
{
	int special;
	char *path;

	if (builtin_find(name, &special) || func_find(name)) {
		fd_puts(1, name);
		if (verbose)
			fd_puts(1, func_find(name) && !builtin_find(name, &special)
			                   ? " is a function"
			                   : " is a shell builtin");
		fd_puts(1, "\n");
		return 0;
	}
	path = path_find(name);
	if (!path) {
		if (verbose)
			sh_error("%s: not found", name);
		return 1;
	}
	if (verbose) {
		fd_puts(1, name);
		fd_puts(1, " is ");
	}
	fd_puts(1, path);
	fd_puts(1, "\n");
	free(path);
	return 0;
}

static int
bi_type(int argc, char **argv)
{
	int st = 0;

	for (int i = 1; i < argc; i++)
		st |= describe(argv[i], 1);
	return st;
}

// command -v NAME: what NAME runs. command NAME ARGS: run a builtin or
// program, skipping functions of that name.
static int
bi_command(int argc, char **argv)
{
	int special, st = 0;
	builtin_fn fn;

	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		for (int i = 2; i < argc; i++)
			st |= describe(argv[i], 0);
		return st ? 127 : 0;
	}
	if (argc < 2)
		return 0;
	fn = builtin_find(argv[1], &special);
	if (fn)
		return fn(argc - 1, argv + 1);
	return exec_program(argv + 1);
}

static const struct builtin {
	const char *name;
	builtin_fn fn;
	int special;
	const char *help;
} builtins[] = {
        {":", bi_true, 1, "do nothing, successfully"},
        {".", bi_dot, 1, "FILE [ARG...]: run FILE's commands in this shell"},
        {"[", builtin_test, 0, "EXPR ]: same as test"},
        {"break", bi_break, 1, "[N]: leave N enclosing loops"},
        {"cd", bi_cd, 0, "[DIR|-]: change the working directory (default $HOME)"},
        {"command", bi_command, 0,
         "[-v] NAME [ARG...]: run NAME skipping functions; -v: what it is"},
        {"continue", bi_continue, 1, "[N]: next round of the Nth enclosing loop"},
        {"echo", bi_echo, 0, "[-n] [ARG...]: print the arguments"},
        {"eval", bi_eval, 1, "[ARG...]: run the arguments as a command"},
        {"exec", bi_exec, 1, "[CMD [ARG...]]: replace the shell, or keep redirections"},
        {"exit", bi_exit, 1, "[N]: leave the shell with status N"},
        {"export", bi_export, 1, "[NAME[=VALUE]...]: give variables to started programs"},
        {"false", bi_false, 0, "fail"},
        {"help", bi_help, 0, "[NAME...]: the commands (help(1)), then these builtins"},
        {"history", bi_history, 0, "list the commands typed"},
        {"local", bi_local, 0, "NAME[=VALUE]...: variables of the running function"},
        {"printf", builtin_printf, 0,
         "FORMAT [ARG...]: formatted output (%s %b %c %d %i %u %o %x)"},
        {"pwd", bi_pwd, 0, "print the working directory"},
        {"read", bi_read, 0, "[-r] [NAME...]: read a line into variables"},
        {"return", bi_return, 1, "[N]: leave a function or sourced file"},
        {"set", bi_set, 1, "[-e|+e] [-x|+x] [--] [ARG...]: options, positional parameters"},
        {"shift", bi_shift, 1, "[N]: drop the first N positional parameters"},
        {"source", bi_dot, 1, "FILE [ARG...]: same as ."},
        {"test", builtin_test, 0, "EXPR: check files, strings and integers"},
        {"true", bi_true, 0, "succeed"},
        {"type", bi_type, 0, "NAME...: say what each name runs"},
        {"unset", bi_unset, 1, "[-f|-v] NAME...: remove variables or functions"},
        {"wait", bi_wait, 0, "[PID...]: wait for background jobs"},
};

// The commands' help program (help(1): the manual's one-line
// descriptions), where the system has one.
#define HELP_PROG "/bin/help"

// help: the commands (help(1)), then the builtins; help NAME... asks
// help(1) about those names.
static int
bi_help(int argc, char **argv)
{
	if (access(HELP_PROG, X_OK) == 0) {
		pid_t pid = sh_fork(0);
		int status;

		if (pid == 0) {
			argv[0] = "help";
			execv(HELP_PROG, argv);
			_exit(127);
		}
		status = pid < 0 ? 1 : job_wait(pid, 1);
		if (argc > 1)
			return status;
		fd_puts(1, "\n");
	}
	builtin_help();
	return 0;
}

void
builtin_help(void)
{
	struct buf b = {0};

	buf_puts(&b, "sh builtins (see sh(1)):\n");
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
		buf_puts(&b, "  ");
		buf_puts(&b, builtins[i].name);
		buf_puts(&b, " ");
		buf_puts(&b, builtins[i].help);
		buf_putc(&b, '\n');
	}
	fd_puts(1, b.s);
	buf_free(&b);
}

builtin_fn
builtin_find(const char *name, int *special)
{
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
		if (strcmp(builtins[i].name, name) == 0) {
			*special = builtins[i].special;
			return builtins[i].fn;
		}
	}
	return NULL;
}
