// cmd/sh/exec.c: running the syntax tree: simple commands (builtins,
// functions, programs found on PATH), pipelines, lists, background jobs,
// subshells and the compound commands; and the read-parse-run loop.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

// fork, with the child set up as a shell subprocess.
pid_t
sh_fork(int background)
{
	pid_t pid = fork();

	if (pid < 0) {
		sh_error("cannot fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		intr_child(background);
		redir_child();
		sh.interactive = 0; // ($$ stays the parent shell's, as POSIX says)
	}
	return pid;
}

static void
trace(char **argv)
{
	struct buf b = {0};
	const char *ps4 = var_get("PS4");

	buf_puts(&b, ps4 ? ps4 : "+ ");
	for (int i = 0; argv[i]; i++) {
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, argv[i]);
	}
	buf_putc(&b, '\n');
	fd_puts(2, b.s);
	buf_free(&b);
}

static int
expand_failed(void)
{
	if (!sh.interactive)
		sh_exit(2);
	return 2;
}

// Set each NAME=value of the command. With save, the old values are
// recorded so that they can be put back.
static int
assign(struct node *n, int export, struct varsave **save)
{
	for (int i = 0; i < n->nassigns; i++) {
		char *eq = strchr(n->assigns[i], '=');
		char *name = xstrndup(n->assigns[i], (size_t)(eq - n->assigns[i]));
		char *val = expand_string(eq + 1);

		if (!val) {
			free(name);
			return -1;
		}
		if (save)
			*save = var_save(name, *save);
		var_set(name, val, export);
		free(name);
		free(val);
	}
	return 0;
}

// What to run in a child for a program: assignments exported,
// redirections applied, then exec.
static void
child_exec(struct node *n, char **argv)
{
	if (assign(n, 1, NULL) < 0 || redir_apply(n->redirs, NULL) < 0)
		_exit(1);
	exec_external(argv);
}

// A builtin or function in this shell, with its redirections and
// temporary (or, for special builtins, lasting) assignments.
static int
run_here(struct node *n, builtin_fn fn, int special, struct node *body, struct strv *argv,
         int flags)
{
	struct varsave *vs = NULL;
	struct fdsave *fs = NULL;
	int st;

	if (assign(n, 0, special ? NULL : &vs) < 0) {
		var_restore(vs);
		return expand_failed();
	}
	if (redir_apply(n->redirs, &fs) < 0) {
		redir_restore(fs);
		var_restore(vs);
		return 1;
	}
	if (fn)
		st = fn(argv->n, argv->v);
	else
		st = func_call(body, argv->v, argv->n, flags);
	if (sh.keep_redirs) {
		sh.keep_redirs = 0;
		redir_keep(fs);
	} else
		redir_restore(fs);
	var_restore(vs);
	return st;
}

// Only assignments and redirections: the assignments stay.
static int
assign_only(struct node *n)
{
	struct fdsave *fs = NULL;
	int st;

	if (assign(n, 0, NULL) < 0)
		return expand_failed();
	st = sh.subst_status;
	if (redir_apply(n->redirs, &fs) < 0)
		st = 1;
	redir_restore(fs);
	return st;
}

static int
exec_simple(struct node *n, int flags)
{
	struct strv argv = {0};
	builtin_fn fn;
	struct node *body;
	int special = 0, st;
	pid_t pid;

	sh.subst_status = 0;
	if (expand_words(n->words, n->nwords, &argv) < 0) {
		strv_free(&argv);
		return expand_failed();
	}
	if (argv.n == 0) {
		strv_free(&argv);
		return assign_only(n);
	}
	if (sh.opt_x)
		trace(argv.v);
	fn = builtin_find(argv.v[0], &special);
	body = fn ? NULL : func_find(argv.v[0]);
	if (fn || body) {
		st = run_here(n, fn, special, body, &argv, flags);
		strv_free(&argv);
		return st;
	}
	if (flags & EV_EXIT)
		child_exec(n, argv.v);
	pid = sh_fork(0);
	if (pid == 0)
		child_exec(n, argv.v);
	strv_free(&argv);
	if (pid < 0)
		return 2;
	st = job_wait(pid, 1);
	if (intr_pending() && sh.interactive)
		sh.jump = J_INTR;
	return st;
}

// "command NAME ...": a program from PATH, in a child, ignoring functions.
int
exec_program(char **argv)
{
	pid_t pid = sh_fork(0);
	int st;

	if (pid == 0)
		exec_external(argv);
	if (pid < 0)
		return 2;
	st = job_wait(pid, 1);
	if (intr_pending() && sh.interactive)
		sh.jump = J_INTR;
	return st;
}

static int
count_pipe(struct node *n)
{
	return n->type == N_PIPE ? count_pipe(n->a) + 1 : 1;
}

static void
fill_pipe(struct node *n, struct node **cmds, int i)
{
	if (n->type == N_PIPE) {
		cmds[i] = n->b;
		fill_pipe(n->a, cmds, i - 1);
	} else
		cmds[i] = n;
}

static void
move_fd(int from, int to)
{
	if (from == to)
		return;
	dup2(from, to);
	close(from);
}

static int
exec_pipe(struct node *n, int flags)
{
	int k = count_pipe(n), prev = -1, st = 0, started = 0;
	struct node **cmds = xmalloc((size_t)k * sizeof *cmds);
	pid_t *pids = xmalloc((size_t)k * sizeof *pids);

	fill_pipe(n, cmds, k - 1);
	for (int i = 0; i < k; i++) {
		int fds[2] = {-1, -1};

		if (i < k - 1 && pipe(fds) < 0) {
			sh_error("cannot make a pipe: %s", strerror(errno));
			st = 2;
			break;
		}
		pids[i] = sh_fork(0);
		if (pids[i] == 0) {
			if (fds[0] >= 0)
				close(fds[0]);
			if (prev >= 0)
				move_fd(prev, 0);
			if (fds[1] >= 0)
				move_fd(fds[1], 1);
			_exit(exec_node(cmds[i], EV_EXIT | (flags & EV_TESTED)));
		}
		if (prev >= 0)
			close(prev);
		if (fds[1] >= 0)
			close(fds[1]);
		prev = fds[0];
		if (pids[i] < 0) {
			st = 2;
			break;
		}
		started++;
	}
	if (prev >= 0)
		close(prev);
	for (int i = 0; i < started; i++) {
		int s = job_wait(pids[i], i == k - 1);

		if (i == k - 1)
			st = s;
	}
	free(cmds);
	free(pids);
	if (intr_pending() && sh.interactive)
		sh.jump = J_INTR;
	return st;
}

static int
exec_bg(struct node *n)
{
	int interactive = sh.interactive;
	pid_t pid = sh_fork(1);

	if (pid == 0) {
		if (!interactive) {
			int fd = open("/dev/null", O_RDONLY);

			if (fd >= 0)
				move_fd(fd, 0);
		}
		_exit(exec_node(n, EV_EXIT));
	}
	if (pid < 0)
		return 2;
	job_add(pid);
	return 0;
}

static int
exec_subshell(struct node *n, int flags)
{
	pid_t pid;

	if (flags & EV_EXIT)
		return exec_node(n->a, flags);
	pid = sh_fork(0);
	if (pid == 0)
		_exit(exec_node(n->a, EV_EXIT | (flags & EV_TESTED)));
	if (pid < 0)
		return 2;
	return job_wait(pid, 1);
}

// After a loop's condition or body: 0 go on, 1 next round, 2 leave.
static int
loop_jump(void)
{
	if (sh.jump == J_BREAK || sh.jump == J_CONTINUE) {
		int cont = sh.jump == J_CONTINUE;

		if (--sh.jumpn > 0)
			return 2;
		sh.jump = J_NONE;
		return cont ? 1 : 2;
	}
	return sh.jump ? 2 : 0;
}

static int
exec_loop(struct node *n, int flags, int until)
{
	int st = 0, j;

	flags &= ~EV_EXIT;
	sh.loops++;
	for (;;) {
		int c = exec_node(n->a, flags | EV_TESTED);

		if ((j = loop_jump()) == 2)
			break;
		if (j == 1)
			continue;
		if ((c == 0) == until)
			break;
		st = exec_node(n->b, flags);
		if (loop_jump() == 2)
			break;
	}
	sh.loops--;
	return st;
}

static int
exec_for(struct node *n, int flags)
{
	struct strv words = {0};
	int st = 0;

	if (n->has_in) {
		if (expand_words(n->words, n->nwords, &words) < 0) {
			strv_free(&words);
			return expand_failed();
		}
	} else {
		for (int i = 0; i < sh.npos; i++)
			strv_push(&words, xstrdup(sh.pos[i]));
	}
	sh.loops++;
	for (int i = 0; i < words.n; i++) {
		var_set(n->name, words.v[i], 0);
		st = exec_node(n->b, flags & ~EV_EXIT);
		if (loop_jump() == 2)
			break;
	}
	sh.loops--;
	strv_free(&words);
	return st;
}

static int
exec_case(struct node *n, int flags)
{
	char *subject = expand_string(n->words[0]);

	if (!subject)
		return expand_failed();
	for (struct caseitem *it = n->items; it; it = it->next) {
		for (int i = 0; i < it->npats; i++) {
			char *pat = expand_pattern(it->pats[i]);
			int ok = pat && pat_match(pat, subject);

			free(pat);
			if (ok) {
				free(subject);
				return it->body ? exec_node(it->body, flags) : 0;
			}
		}
	}
	free(subject);
	return 0;
}

static int
exec_if(struct node *n, int flags)
{
	int c = exec_node(n->a, (flags | EV_TESTED) & ~EV_EXIT);

	if (sh.jump)
		return c;
	if (c == 0)
		return exec_node(n->b, flags);
	return n->c ? exec_node(n->c, flags) : 0;
}

static int
exec_compound(struct node *n, int flags)
{
	switch (n->type) {
	case N_GROUP:
		return exec_node(n->a, flags);
	case N_IF:
		return exec_if(n, flags);
	case N_WHILE:
		return exec_loop(n, flags, 0);
	case N_UNTIL:
		return exec_loop(n, flags, 1);
	case N_FOR:
		return exec_for(n, flags);
	case N_CASE:
		return exec_case(n, flags);
	default:
		return exec_subshell(n, flags);
	}
}

// Compound commands in this shell, with their own redirections.
static int
exec_redirected(struct node *n, int flags)
{
	struct fdsave *fs = NULL;
	int st;

	if (n->type == N_SUBSHELL && !(flags & EV_EXIT) && n->redirs) {
		pid_t pid = sh_fork(0);

		if (pid == 0) {
			if (redir_apply(n->redirs, NULL) < 0)
				_exit(1);
			_exit(exec_node(n->a, EV_EXIT | (flags & EV_TESTED)));
		}
		return pid < 0 ? 2 : job_wait(pid, 1);
	}
	if (redir_apply(n->redirs, &fs) < 0) {
		redir_restore(fs);
		return 1;
	}
	st = exec_compound(n, flags);
	redir_restore(fs);
	return st;
}

static int
exec_type(struct node *n, int flags)
{
	int st;

	switch (n->type) {
	case N_SIMPLE:
		return exec_simple(n, flags);
	case N_PIPE:
		return exec_pipe(n, flags);
	case N_AND:
	case N_OR:
		st = exec_node(n->a, (flags | EV_TESTED) & ~EV_EXIT);
		if (sh.jump || (st == 0) != (n->type == N_AND))
			return st;
		return exec_node(n->b, flags);
	case N_SEQ:
		st = exec_node(n->a, flags & ~EV_EXIT);
		return sh.jump ? st : exec_node(n->b, flags);
	case N_BG:
		return exec_bg(n->a);
	case N_NOT:
		st = exec_node(n->a, (flags | EV_TESTED) & ~EV_EXIT);
		return sh.jump ? st : !st;
	case N_FUNC:
		func_define(n->name, n->b);
		return 0;
	default:
		return exec_redirected(n, flags);
	}
}

// Run n; its status becomes $?. With -e, a failure outside a condition
// ends the shell.
int
exec_node(struct node *n, int flags)
{
	int st;

	if (!n)
		return sh.status = 0;
	if (intr_pending() && sh.interactive) {
		sh.jump = J_INTR;
		return sh.status = 130;
	}
	st = exec_type(n, flags);
	sh.status = st;
	if (sh.opt_e && st != 0 && !(flags & EV_TESTED) && !sh.jump &&
	    (n->type == N_SIMPLE || n->type == N_PIPE || n->type == N_SUBSHELL))
		sh_exit(st);
	return st;
}
