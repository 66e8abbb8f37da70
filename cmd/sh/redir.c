// cmd/sh/redir.c: redirections. In a child they are simply applied; in
// the shell itself (builtins, functions, compound commands) the old
// descriptors are saved on high numbers and put back afterwards.
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

// Saved descriptors live at SAVE_BASE and up, one per saved fd, as a stack.
#define SAVE_BASE 50
#define SAVE_MAX 200

struct fdsave {
	int fd;    // the descriptor that was redirected
	int saved; // where its old self is, or -1 if it was closed
	struct fdsave *next;
};

static int save_top = SAVE_BASE;

static int
save_fd(int fd, struct fdsave **list)
{
	struct fdsave *s;

	for (s = *list; s; s = s->next)
		if (s->fd == fd)
			return 0;
	if (save_top >= SAVE_MAX) {
		sh_error("too many nested redirections");
		return -1;
	}
	s = xmalloc(sizeof *s);
	s->fd = fd;
	s->saved = dup2(fd, save_top) < 0 ? -1 : save_top++;
	s->next = *list;
	*list = s;
	return 0;
}

static int
open_target(struct redir *r, const char *path)
{
	int flags = O_RDONLY;

	if (r->op == R_OUT)
		flags = O_WRONLY | O_CREAT | O_TRUNC;
	else if (r->op == R_APPEND)
		flags = O_WRONLY | O_CREAT | O_APPEND;
	else if (r->op == R_RDWR)
		flags = O_RDWR | O_CREAT;
	return open(path, flags, 0666);
}

// Write all of text to fd.
static void
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

// A here-document becomes the read end of a pipe holding its text. Text
// that may not fit in the pipe is written by a grandchild (so nobody has
// to wait for it) while the command reads.
static int
heredoc(struct redir *r)
{
	char *text = r->quoted ? xstrdup(r->body ? r->body : "")
	                       : expand_heredoc(r->body ? r->body : "");
	size_t n;
	int fds[2];

	if (!text)
		return -1;
	n = strlen(text);
	if (pipe(fds) < 0) {
		sh_error("line %d: cannot make a pipe for a here-document: %s", r->line,
		         strerror(errno));
		free(text);
		return -1;
	}
	if (n <= 4096) {
		write_all(fds[1], text, n);
	} else {
		pid_t pid = fork();

		if (pid == 0) {
			close(fds[0]);
			if (fork() == 0)
				write_all(fds[1], text, n);
			_exit(0);
		}
		if (pid > 0)
			job_wait(pid, 0);
	}
	free(text);
	close(fds[1]);
	if (fds[0] != r->fd) {
		dup2(fds[0], r->fd);
		close(fds[0]);
	}
	return 0;
}

static int
apply_one(struct redir *r)
{
	char *word = expand_string(r->word);
	int fd;
	long n;

	if (r->op == R_HEREDOC) {
		free(word);
		return heredoc(r);
	}
	if (!word)
		return -1;
	if (r->op == R_DUPIN || r->op == R_DUPOUT) {
		if (strcmp(word, "-") == 0) {
			close(r->fd);
			free(word);
			return 0;
		}
		if (parse_int(word, &n) < 0 || n < 0 || n > 1000) {
			sh_error("line %d: %s: bad file descriptor number", r->line, word);
			free(word);
			return -1;
		}
		free(word);
		if (n != r->fd && dup2((int)n, r->fd) < 0) {
			sh_error("line %d: %ld: %s", r->line, n, strerror(errno));
			return -1;
		}
		return 0;
	}
	fd = open_target(r, word);
	if (fd < 0) {
		sh_error("cannot open %s: %s", word, strerror(errno));
		free(word);
		return -1;
	}
	free(word);
	if (fd != r->fd) {
		dup2(fd, r->fd);
		close(fd);
	}
	return 0;
}

// Apply the list; with save, record what to put back. On failure the
// redirections applied so far stay recorded in *save for the caller to
// restore.
int
redir_apply(struct redir *r, struct fdsave **save)
{
	for (; r; r = r->next) {
		if (save && save_fd(r->fd, save) < 0)
			return -1;
		if (apply_one(r) < 0)
			return -1;
	}
	return 0;
}

void
redir_restore(struct fdsave *s)
{
	while (s) {
		struct fdsave *next = s->next;

		if (s->saved >= 0) {
			dup2(s->saved, s->fd);
			close(s->saved);
			save_top--;
		} else
			close(s->fd);
		free(s);
		s = next;
	}
}

// In a new child: the saved descriptors belong to the parent's shell.
void
redir_child(void)
{
	for (int fd = SAVE_BASE; fd < save_top; fd++)
		close(fd);
	save_top = SAVE_BASE;
}

// "exec" without a command: the redirections stay; drop the saved copies.
void
redir_keep(struct fdsave *s)
{
	while (s) {
		struct fdsave *next = s->next;

		if (s->saved >= 0) {
			close(s->saved);
			save_top--;
		}
		free(s);
		s = next;
	}
}
