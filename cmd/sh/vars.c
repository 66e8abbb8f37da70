// cmd/sh/vars.c: shell variables. Each has a value and an export flag;
// the environment of a started command is built from the exported ones.
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct var {
	char *name, *val;
	int exported;
	struct var *next;
};

#define NBUCKET 64
static struct var *table[NBUCKET];

static unsigned
hash(const char *s)
{
	unsigned h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % NBUCKET;
}

static struct var *
lookup(const char *name)
{
	for (struct var *v = table[hash(name)]; v; v = v->next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

const char *
var_get(const char *name)
{
	struct var *v = lookup(name);

	return v && v->val ? v->val : NULL;
}

// Set name to val (NULL: declared without a value). export: 1 marks it
// exported, 0 leaves the flag as it is.
void
var_set(const char *name, const char *val, int export)
{
	struct var *v = lookup(name);

	if (!v) {
		unsigned h = hash(name);

		v = xmalloc(sizeof *v);
		memset(v, 0, sizeof *v);
		v->name = xstrdup(name);
		v->next = table[h];
		table[h] = v;
	}
	if (val) {
		char *copy = xstrdup(val);

		free(v->val);
		v->val = copy;
	}
	if (export)
		v->exported = 1;
}

void
var_unset(const char *name)
{
	struct var **pp = &table[hash(name)];

	for (; *pp; pp = &(*pp)->next) {
		struct var *v = *pp;

		if (strcmp(v->name, name) == 0) {
			*pp = v->next;
			free(v->name);
			free(v->val);
			free(v);
			return;
		}
	}
}

void
var_export(const char *name)
{
	var_set(name, NULL, 1);
}

// A malloc'd NULL-terminated "NAME=value" array (free with strv_free).
char **
var_environ(void)
{
	struct strv env = {0};

	for (int i = 0; i < NBUCKET; i++) {
		for (struct var *v = table[i]; v; v = v->next) {
			struct buf b = {0};

			if (!v->exported || !v->val)
				continue;
			buf_puts(&b, v->name);
			buf_putc(&b, '=');
			buf_puts(&b, v->val);
			strv_push(&env, buf_take(&b));
		}
	}
	if (!env.v)
		strv_push(&env, NULL);
	return env.v;
}

void
var_init(char **envp)
{
	for (; envp && *envp; envp++) {
		const char *eq = strchr(*envp, '=');
		char *name;

		if (!eq || !is_name(*envp, (size_t)(eq - *envp)))
			continue;
		name = xstrndup(*envp, (size_t)(eq - *envp));
		var_set(name, eq + 1, 1);
		free(name);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

// Print variables sorted, quoted so that the output can be read back.
void
var_print(int exported)
{
	struct strv out = {0};

	for (int i = 0; i < NBUCKET; i++) {
		for (struct var *v = table[i]; v; v = v->next) {
			struct buf b = {0};

			if (exported && !v->exported)
				continue;
			if (exported)
				buf_puts(&b, "export ");
			buf_puts(&b, v->name);
			if (v->val) {
				buf_puts(&b, "='");
				for (const char *s = v->val; *s; s++) {
					if (*s == '\'')
						buf_puts(&b, "'\\''");
					else
						buf_putc(&b, *s);
				}
				buf_putc(&b, '\'');
			}
			buf_putc(&b, '\n');
			strv_push(&out, buf_take(&b));
		}
	}
	if (out.n)
		qsort(out.v, (size_t)out.n, sizeof *out.v, cmp_str);
	for (int i = 0; i < out.n; i++)
		fd_puts(1, out.v[i]);
	strv_free(&out);
}

// Saved state of one variable, to put back after a command that had
// temporary assignments ("x=1 cmd") or a function's locals.
struct varsave {
	char *name, *val;
	int existed, exported;
	struct varsave *next;
};

struct varsave *
var_save(const char *name, struct varsave *next)
{
	struct varsave *s = xmalloc(sizeof *s);
	struct var *v = lookup(name);

	s->name = xstrdup(name);
	s->existed = v != NULL;
	s->val = v && v->val ? xstrdup(v->val) : NULL;
	s->exported = v ? v->exported : 0;
	s->next = next;
	return s;
}

void
var_restore(struct varsave *s)
{
	while (s) {
		struct varsave *next = s->next;

		var_unset(s->name);
		if (s->existed) {
			var_set(s->name, s->val, s->exported);
			if (!s->val)
				var_set(s->name, NULL, s->exported);
		}
		free(s->name);
		free(s->val);
		free(s);
		s = next;
	}
}
