// cmd/sh/func.c: shell functions: the table of definitions and calling
// one with its own positional parameters.
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct func {
	char *name;
	struct node *body; // lives in an arena that is never freed
	struct func *next;
};

static struct func *funcs;

void
func_define(const char *name, struct node *body)
{
	struct func *f;

	for (f = funcs; f; f = f->next) {
		if (strcmp(f->name, name) == 0) {
			f->body = body;
			return;
		}
	}
	f = xmalloc(sizeof *f);
	f->name = xstrdup(name);
	f->body = body;
	f->next = funcs;
	funcs = f;
}

struct node *
func_find(const char *name)
{
	for (struct func *f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->body;
	return NULL;
}

// Replace the positional parameters with copies of v[0..n-1].
void
pos_set(char **v, int n)
{
	char **nv = xmalloc((size_t)(n + 1) * sizeof *nv);

	for (int i = 0; i < n; i++)
		nv[i] = xstrdup(v[i]);
	nv[n] = NULL;
	for (int i = 0; i < sh.npos; i++)
		free(sh.pos[i]);
	free(sh.pos);
	sh.pos = nv;
	sh.npos = n;
}

int
func_call(struct node *body, char **argv, int argc, int flags)
{
	char **saved = sh.pos;
	struct varsave *outer = sh.locals;
	int nsaved = sh.npos, st;

	if (sh.funcs + sh.sourcing >= MAX_CALL_NESTING) {
		sh_error("%s: calls nested too deep (the limit is %d)", argv[0], MAX_CALL_NESTING);
		return 2;
	}
	sh.pos = NULL;
	sh.npos = 0;
	pos_set(argv + 1, argc - 1);
	sh.funcs++;
	sh.locals = NULL;
	st = exec_node(body, flags & ~EV_EXIT);
	var_restore(sh.locals);
	sh.locals = outer;
	sh.funcs--;
	if (sh.jump == J_RETURN) {
		sh.jump = J_NONE;
		st = sh.jumpn;
	}
	for (int i = 0; i < sh.npos; i++)
		free(sh.pos[i]);
	free(sh.pos);
	sh.pos = saved;
	sh.npos = nsaved;
	return st;
}
