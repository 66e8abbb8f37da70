// lib/config/problem.c: the list of problems found in configuration files
// ("FILE:LINE:COL: what is wrong"), and the small string helpers the
// checkers share.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/check.h"

char *
dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

static void
vproblem(struct config_problems *pr, const char *file, uint32_t line, uint32_t col, const char *fmt,
         va_list ap)
{
	struct config_problem *p;
	char msg[512];

	if (pr->n == pr->cap) {
		size_t cap = pr->cap ? pr->cap * 2 : 8;
		struct config_problem *v = realloc(pr->v, cap * sizeof *v);

		if (v == NULL)
			return;
		pr->v = v;
		pr->cap = cap;
	}
	vsnprintf(msg, sizeof msg, fmt, ap);
	p = &pr->v[pr->n];
	p->file = dupstr(file);
	p->msg = dupstr(msg);
	if (p->file == NULL || p->msg == NULL) {
		free(p->file);
		free(p->msg);
		return;
	}
	p->line = line;
	p->col = col;
	pr->n++;
}

void
config_problem(struct config_problems *pr, const char *file, uint32_t line, uint32_t col,
               const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(pr, file, line, col, fmt, ap);
	va_end(ap);
}

void
bad(struct ctx *C, const toml_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(C->pr, C->file, toml_line(n), toml_col(n), fmt, ap);
	va_end(ap);
	C->count++;
}

// At the key when the node has one (members of tables), else at the value.
void
bad_key(struct ctx *C, const toml_node *n, const char *fmt, ...)
{
	uint32_t line = toml_key_line(n), col = toml_key_col(n);
	va_list ap;

	if (line == 0) {
		line = toml_line(n);
		col = toml_col(n);
	}
	va_start(ap, fmt);
	vproblem(C->pr, C->file, line, col, fmt, ap);
	va_end(ap);
	C->count++;
}

static int
before(const struct config_problem *a, const struct config_problem *b)
{
	int f = strcmp(a->file, b->file);

	if (f != 0)
		return f < 0;
	if (a->line != b->line)
		return a->line < b->line;
	return a->col < b->col;
}

// Insertion sort: stable, and problem lists are short.
void
config_problems_sort(struct config_problems *pr)
{
	for (size_t i = 1; i < pr->n; i++) {
		struct config_problem p = pr->v[i];
		size_t j = i;

		for (; j > 0 && before(&p, &pr->v[j - 1]); j--)
			pr->v[j] = pr->v[j - 1];
		pr->v[j] = p;
	}
}

void
config_problems_free(struct config_problems *pr)
{
	for (size_t i = 0; i < pr->n; i++) {
		free(pr->v[i].file);
		free(pr->v[i].msg);
	}
	free(pr->v);
	pr->v = NULL;
	pr->n = pr->cap = 0;
}

void
config_strlist_free(struct config_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
pairs_free(struct config_pairs *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].name);
		free(p->v[i].value);
	}
	free(p->v);
	p->v = NULL;
	p->n = 0;
}
