// cmd/sh/path.c: starting a program: search PATH, execve, and when the
// kernel says the file is not an executable (ENOEXEC) run it as a script
// ourselves: with the interpreter its "#!" line names, or with this shell.
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

// Read the "#!" line: interpreter and optional single argument.
static int
shebang(const char *path, char *interp, size_t n, char *arg, size_t an)
{
	char head[256];
	int fd = open(path, O_RDONLY);
	ssize_t r;
	char *p, *end;

	*interp = *arg = 0;
	if (fd < 0)
		return -1;
	r = read(fd, head, sizeof head - 1);
	close(fd);
	if (r < 2 || head[0] != '#' || head[1] != '!')
		return 0;
	head[r] = 0;
	p = head + 2;
	end = strchr(p, '\n');
	if (end)
		*end = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strcspn(p, " \t");
	if ((size_t)(end - p) >= n)
		return 0;
	memcpy(interp, p, (size_t)(end - p));
	interp[end - p] = 0;
	p = end + strspn(end, " \t");
	end = p + strcspn(p, " \t");
	if (end > p && (size_t)(end - p) < an) {
		memcpy(arg, p, (size_t)(end - p));
		arg[end - p] = 0;
	}
	return 1;
}

static int
is_shell(const char *interp)
{
	const char *base = strrchr(interp, '/');

	base = base ? base + 1 : interp;
	return strcmp(base, "sh") == 0;
}

// The kernel would not run path: use its #! interpreter or this shell.
static void
run_script(const char *path, char **argv, char **env)
{
	char interp[200], arg[200];
	struct strv v = {0};
	const char *prog = interp;
	int have = shebang(path, interp, sizeof interp, arg, sizeof arg);

	if (have < 0)
		return;
	if (have == 0 || is_shell(interp)) {
		strv_push(&v, xstrdup("sh"));
		prog = sh.self;
	} else {
		strv_push(&v, xstrdup(interp));
		if (*arg)
			strv_push(&v, xstrdup(arg));
	}
	strv_push(&v, xstrdup(path));
	for (int i = 1; argv[i]; i++)
		strv_push(&v, xstrdup(argv[i]));
	execve(prog, v.v, env);
	strv_free(&v);
	errno = ENOEXEC;
}

static int
try_exec(const char *path, char **argv, char **env)
{
	execve(path, argv, env);
	if (errno == ENOEXEC)
		run_script(path, argv, env);
	return errno;
}

// The file PATH finds for name (a regular file with an execute bit),
// malloc'd, or NULL.
char *
path_find(const char *name)
{
	const char *path = var_get("PATH");
	struct stat st;

	if (strchr(name, '/'))
		return stat(name, &st) == 0 && (st.st_mode & 0111) ? xstrdup(name) : NULL;
	if (!path)
		path = "/bin:/usr/bin";
	for (;;) {
		size_t n = strcspn(path, ":");
		struct buf b = {0};

		buf_putn(&b, n ? path : ".", n ? n : 1);
		buf_putc(&b, '/');
		buf_puts(&b, name);
		if (stat(b.s, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111))
			return buf_take(&b);
		buf_free(&b);
		if (!path[n])
			return NULL;
		path += n + 1;
	}
}

// Run argv[0] in place of this process; on failure say why and exit 127
// (not found) or 126 (found but not runnable).
void
exec_external(char **argv)
{
	char **env = var_environ();
	const char *name = argv[0], *path = var_get("PATH");
	int err = ENOENT, seen = 0;

	if (strchr(name, '/')) {
		err = try_exec(name, argv, env);
	} else {
		if (!path)
			path = "/bin:/usr/bin";
		while (*name) {
			size_t n = strcspn(path, ":");
			struct buf b = {0};
			int e;

			buf_putn(&b, n ? path : ".", n ? n : 1);
			buf_putc(&b, '/');
			buf_puts(&b, name);
			e = try_exec(b.s, argv, env);
			buf_free(&b);
			if (e != ENOENT && e != ENOTDIR && !seen) {
				err = e;
				seen = 1;
			}
			if (!path[n])
				break;
			path += n + 1;
		}
	}
	if (err == ENOENT || !*name) {
		sh_error("%s: not found", name);
		_exit(127);
	}
	sh_error("%s: %s", name, err == EACCES ? "permission denied" : strerror(err));
	_exit(126);
}
