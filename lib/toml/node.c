// lib/toml/node.c: the document tree: making and freeing nodes, tables (in
// document order, with a hash index once they grow), arrays, and the public
// accessors and typed getters of toml.h.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml/internal.h"

// Tables with fewer members than this are searched linearly.
#define HASH_MIN 8

toml_node *
node_new(struct parser *P, int type, uint32_t line, uint32_t col)
{
	toml_node *n = calloc(1, sizeof *n);

	if (n == NULL) {
		oom(P);
		return NULL;
	}
	n->type = (uint8_t)type;
	n->line = line;
	n->col = col;
	return n;
}

void
node_free(toml_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	if (n->type == TOML_TABLE || n->type == TOML_ARRAY) {
		for (i = 0; i < n->u.kids.n; i++)
			node_free(n->u.kids.v[i]);
		free(n->u.kids.v);
		free(n->u.kids.slot);
	} else if (n->type == TOML_STRING) {
		free(n->u.str.s);
	}
	free(n->key);
	free(n);
}

// Give n the key held in *key (which is emptied: n owns the text now).
int
node_setkey(struct parser *P, toml_node *n, struct buf *key, uint32_t line, uint32_t col)
{
	if (key->p == NULL && bput(P, key, "", 0) < 0)
		return -1;
	n->key = key->p;
	n->keylen = key->n;
	n->kline = line;
	n->kcol = col;
	key->p = NULL;
	key->n = key->cap = 0;
	return 0;
}

static uint32_t
hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
same_key(const toml_node *n, const char *key, size_t len)
{
	return n->keylen == len && memcmp(n->key, key, len) == 0;
}

toml_node *
table_find(const toml_node *t, const char *key, size_t len)
{
	size_t i, mask;

	if (t->u.kids.slot == NULL) {
		for (i = 0; i < t->u.kids.n; i++)
			if (same_key(t->u.kids.v[i], key, len))
				return t->u.kids.v[i];
		return NULL;
	}
	mask = t->u.kids.nslot - 1;
	for (i = hash(key, len) & mask; t->u.kids.slot[i] != 0; i = (i + 1) & mask) {
		toml_node *c = t->u.kids.v[t->u.kids.slot[i] - 1];

		if (same_key(c, key, len))
			return c;
	}
	return NULL;
}

static void
slot_put(toml_node *t, size_t idx)
{
	size_t mask = t->u.kids.nslot - 1;
	const toml_node *c = t->u.kids.v[idx];
	size_t i;

	for (i = hash(c->key, c->keylen) & mask; t->u.kids.slot[i] != 0; i = (i + 1) & mask)
		;
	t->u.kids.slot[i] = (uint32_t)(idx + 1);
}

// Rebuild the hash index with room for twice the members, once a table is
// big enough to need one.
static int
reindex(struct parser *P, toml_node *t)
{
	size_t nslot = 16, i;
	uint32_t *slot;

	while (nslot < t->u.kids.n * 2)
		nslot *= 2;
	slot = calloc(nslot, sizeof *slot);
	if (slot == NULL)
		return oom(P);
	free(t->u.kids.slot);
	t->u.kids.slot = slot;
	t->u.kids.nslot = nslot;
	for (i = 0; i < t->u.kids.n; i++)
		slot_put(t, i);
	return 0;
}

static int
kids_add(struct parser *P, toml_node *t, toml_node *child)
{
	if (t->u.kids.n == t->u.kids.cap) {
		size_t cap = t->u.kids.cap ? t->u.kids.cap * 2 : 4;
		toml_node **v = realloc(t->u.kids.v, cap * sizeof *v);

		if (v == NULL)
			return oom(P);
		t->u.kids.v = v;
		t->u.kids.cap = cap;
	}
	if (t->u.kids.n >= UINT32_MAX - 1)
		return perr(P, child->line, child->col, "too many members");
	t->u.kids.v[t->u.kids.n++] = child;
	return 0;
}

// Add child (which has its key) to table t. On failure child is freed, so
// the caller never holds a node that is in no tree.
int
table_add(struct parser *P, toml_node *t, toml_node *child)
{
	if (kids_add(P, t, child) < 0) {
		node_free(child);
		return -1;
	}
	if (t->u.kids.n < HASH_MIN)
		return 0;
	if (t->u.kids.slot == NULL || t->u.kids.n * 2 > t->u.kids.nslot)
		return reindex(P, t);
	slot_put(t, t->u.kids.n - 1);
	return 0;
}

int
array_add(struct parser *P, toml_node *a, toml_node *child)
{
	if (kids_add(P, a, child) < 0) {
		node_free(child);
		return -1;
	}
	return 0;
}

void
toml_free(toml_node *root)
{
	node_free(root);
}

int
toml_error_format(const struct toml_error *err, char *out, size_t n)
{
	if (err->line == 0)
		return snprintf(out, n, "%s", err->msg);
	return snprintf(out, n, "%u:%u: %s", (unsigned)err->line, (unsigned)err->col, err->msg);
}

enum toml_type
toml_type(const toml_node *n)
{
	return n != NULL ? (enum toml_type)n->type : (enum toml_type)0;
}

const char *
toml_type_name(enum toml_type t)
{
	static const char *const names[] = {
	        [TOML_TABLE] = "table",
	        [TOML_ARRAY] = "array",
	        [TOML_STRING] = "string",
	        [TOML_INTEGER] = "integer",
	        [TOML_FLOAT] = "float",
	        [TOML_BOOL] = "boolean",
	        [TOML_DATETIME] = "offset date-time",
	        [TOML_DATETIME_LOCAL] = "local date-time",
	        [TOML_DATE_LOCAL] = "local date",
	        [TOML_TIME_LOCAL] = "local time",
	};

	if ((int)t < TOML_TABLE || (int)t > TOML_TIME_LOCAL)
		return "unknown";
	return names[t];
}

uint32_t
toml_line(const toml_node *n)
{
	return n->line;
}

uint32_t
toml_col(const toml_node *n)
{
	return n->col;
}

uint32_t
toml_key_line(const toml_node *n)
{
	return n->kline;
}

uint32_t
toml_key_col(const toml_node *n)
{
	return n->kcol;
}

const char *
toml_key(const toml_node *n, size_t *len)
{
	if (len != NULL)
		*len = n->keylen;
	return n->key;
}

size_t
toml_len(const toml_node *n)
{
	if (n == NULL || (n->type != TOML_TABLE && n->type != TOML_ARRAY))
		return 0;
	return n->u.kids.n;
}

const toml_node *
toml_at(const toml_node *n, size_t i)
{
	if (i >= toml_len(n))
		return NULL;
	return n->u.kids.v[i];
}

const toml_node *
toml_getn(const toml_node *table, const char *key, size_t keylen)
{
	if (table == NULL || table->type != TOML_TABLE)
		return NULL;
	return table_find(table, key, keylen);
}

const toml_node *
toml_get(const toml_node *table, const char *key)
{
	return toml_getn(table, key, strlen(key));
}

const toml_node *
toml_path(const toml_node *table, const char *path)
{
	const char *dot;

	while ((dot = strchr(path, '.')) != NULL) {
		table = toml_getn(table, path, (size_t)(dot - path));
		path = dot + 1;
	}
	return toml_get(table, path);
}

int
toml_string(const toml_node *n, const char **s, size_t *len)
{
	if (n == NULL || n->type != TOML_STRING)
		return -1;
	*s = n->u.str.s;
	if (len != NULL)
		*len = n->u.str.len;
	return 0;
}

int
toml_int(const toml_node *n, int64_t *v)
{
	if (n == NULL || n->type != TOML_INTEGER)
		return -1;
	*v = n->u.i;
	return 0;
}

int
toml_float(const toml_node *n, double *v)
{
	if (n == NULL || n->type != TOML_FLOAT)
		return -1;
	*v = n->u.f;
	return 0;
}

int
toml_bool(const toml_node *n, int *v)
{
	if (n == NULL || n->type != TOML_BOOL)
		return -1;
	*v = n->u.b;
	return 0;
}

int
toml_datetime(const toml_node *n, struct toml_datetime *v)
{
	if (n == NULL || n->type < TOML_DATETIME || n->type > TOML_TIME_LOCAL)
		return -1;
	*v = n->u.dt;
	return 0;
}
