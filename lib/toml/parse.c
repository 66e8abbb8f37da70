// lib/toml/parse.c: the TOML document grammar (keys, key/value pairs,
// [table] and [[array of tables]] headers, arrays, inline tables) and the
// rules about what may be defined more than once.
//
// Those rules rest on how each table came to be (its TF_* flag):
//   - a [header] defines its table; a table defined once (by a header, by a
//     dotted key or inline) cannot be defined again by a header;
//   - a table made only as the parent in a header ([a] made by [a.b]) is
//     TF_IMPLICIT: a later [a] may define it, once;
//   - dotted keys (a.b.c = 1) create and extend TF_DOTTED tables only: they
//     cannot add to a table defined by a header, nor to an implicit one;
//   - headers may pass through any table but an inline one; through an array
//     of tables they reach its last element;
//   - inline tables and arrays written as values are closed after their
//     closing bracket: nothing may be added to them.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml/internal.h"

struct keypart {
	struct buf s;
	uint32_t line, col;
};

// A key as written: one or more parts separated by dots.
struct key {
	struct keypart *v;
	size_t n, cap;
};

static toml_node *parse_value(struct parser *P);

static void
key_free(struct key *K)
{
	for (size_t i = 0; i < K->n; i++)
		free(K->v[i].s.p);
	free(K->v);
	K->v = NULL;
	K->n = K->cap = 0;
}

static int
is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

// The key parts up to and including part `upto`, as a user would write
// them, for messages: a.b."c d".
static const char *
key_text(const struct key *K, size_t upto, char *out, size_t size)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i <= upto && o + 1 < size; i++) {
		const struct buf *s = &K->v[i].s;
		int bare = s->n > 0;

		for (size_t j = 0; j < s->n; j++)
			bare = bare && is_bare((unsigned char)s->p[j]);
		o += (size_t)snprintf(out + o, size - o, bare ? "%s%.*s" : "%s'%.*s'",
		                      i > 0 ? "." : "", (int)s->n, s->p ? s->p : "");
		if (o >= size)
			o = size - 1;
	}
	return out;
}

static int
key_part(struct parser *P, struct key *K)
{
	struct keypart *kp;
	char what[32];

	if (K->n == TOML_MAX_DEPTH)
		return perr(P, P->line, P->col, "key has more than %d parts", TOML_MAX_DEPTH);
	if (K->n == K->cap) {
		size_t cap = K->cap ? K->cap * 2 : 4;
		struct keypart *v = realloc(K->v, cap * sizeof *v);

		if (v == NULL)
			return oom(P);
		K->v = v;
		K->cap = cap;
	}
	kp = &K->v[K->n++];
	memset(kp, 0, sizeof *kp);
	kp->line = P->line;
	kp->col = P->col;
	if (at_string(P))
		return parse_key_string(P, &kp->s);
	if (!is_bare(at(P, 0)))
		return perr(P, P->line, P->col, "expected a key, found %s",
		            describe(P, what, sizeof what));
	while (is_bare(at(P, 0))) {
		if (bputc(P, &kp->s, at(P, 0)) < 0)
			return -1;
		adv(P, 1);
	}
	return 0;
}

// key = simple-key *( ws '.' ws simple-key ), with whitespace around it.
static int
parse_key(struct parser *P, struct key *K)
{
	for (;;) {
		skip_ws(P);
		if (key_part(P, K) < 0)
			return -1;
		skip_ws(P);
		if (at(P, 0) != '.')
			return 0;
		adv(P, 1);
	}
}

// Where a node was first defined, for "(first defined at L:C)".
static void
first_pos(const toml_node *n, uint32_t *line, uint32_t *col)
{
	*line = n->kline ? n->kline : n->line;
	*col = n->kline ? n->kcol : n->col;
}

// A new empty table named by key part kp, added to t.
static toml_node *
add_table(struct parser *P, toml_node *t, struct keypart *kp, int flags)
{
	toml_node *c = node_new(P, TOML_TABLE, kp->line, kp->col);

	if (c == NULL)
		return NULL;
	c->flags = (uint8_t)flags;
	if (node_setkey(P, c, &kp->s, kp->line, kp->col) < 0) {
		node_free(c);
		return NULL;
	}
	if (table_add(P, t, c) < 0)
		return NULL;
	return c;
}

// Say why key part i cannot be a table that dotted keys (or a header,
// when header is set) add to.
static int
not_extendable(struct parser *P, const struct key *K, size_t i, const toml_node *c, int header)
{
	char name[100];
	uint32_t l, cl;

	key_text(K, i, name, sizeof name);
	first_pos(c, &l, &cl);
	if (c->type == TOML_TABLE && (c->flags & TF_INLINE))
		return perr(P, K->v[i].line, K->v[i].col,
		            "cannot add to inline table \"%s\" (defined at %u:%u)", name, l, cl);
	if (c->type == TOML_TABLE && !header)
		return perr(P, K->v[i].line, K->v[i].col,
		            "cannot add to table \"%s\" with a dotted key: it is defined by a "
		            "[header] (at %u:%u)",
		            name, l, cl);
	if (c->type == TOML_ARRAY)
		return perr(P, K->v[i].line, K->v[i].col,
		            "cannot add to array \"%s\" (defined at %u:%u)", name, l, cl);
	return perr(P, K->v[i].line, K->v[i].col,
	            "key \"%s\" is already %s %s (defined at %u:%u), not a table", name,
	            c->type == TOML_INTEGER ? "an" : "a", toml_type_name(c->type), l, cl);
}

static int
duplicate(struct parser *P, const struct key *K, const toml_node *c)
{
	char name[100];
	uint32_t l, cl;
	const struct keypart *kp = &K->v[K->n - 1];

	first_pos(c, &l, &cl);
	return perr(P, kp->line, kp->col, "duplicate key \"%s\" (first defined at %u:%u)",
	            key_text(K, K->n - 1, name, sizeof name), l, cl);
}

// Walk the dotted parts of K (all but the last) down from table t,
// creating tables as needed. Returns the table that gets the last part.
static toml_node *
walk_dotted(struct parser *P, toml_node *t, struct key *K)
{
	for (size_t i = 0; i + 1 < K->n; i++) {
		toml_node *c = table_find(t, K->v[i].s.p ? K->v[i].s.p : "", K->v[i].s.n);

		if (c != NULL && (c->type != TOML_TABLE || !(c->flags & TF_DOTTED))) {
			not_extendable(P, K, i, c, 0);
			return NULL;
		}
		if (c == NULL)
			c = add_table(P, t, &K->v[i], TF_DOTTED);
		if (c == NULL)
			return NULL;
		t = c;
	}
	return t;
}

// key = value, added to table t.
static int
keyval(struct parser *P, toml_node *t)
{
	struct key K = {0};
	struct keypart *last;
	toml_node *v = NULL;
	char what[32];
	int r = -1;

	if (parse_key(P, &K) < 0)
		goto out;
	if (at(P, 0) != '=') {
		perr(P, P->line, P->col, "expected '=' after key, found %s",
		     describe(P, what, sizeof what));
		goto out;
	}
	adv(P, 1);
	skip_ws(P);
	t = walk_dotted(P, t, &K);
	if (t == NULL)
		goto out;
	last = &K.v[K.n - 1];
	v = table_find(t, last->s.p ? last->s.p : "", last->s.n);
	if (v != NULL) {
		duplicate(P, &K, v);
		goto out;
	}
	v = parse_value(P);
	if (v == NULL)
		goto out;
	if (node_setkey(P, v, &last->s, last->line, last->col) < 0) {
		node_free(v);
		goto out;
	}
	r = table_add(P, t, v);
out:
	key_free(&K);
	return r;
}

static int
depth_in(struct parser *P)
{
	if (P->depth >= TOML_MAX_DEPTH)
		return perr(P, P->line, P->col, "arrays and inline tables nested more than %d deep",
		            TOML_MAX_DEPTH);
	P->depth++;
	return 0;
}

// [ value, value, ... ] with newlines and comments allowed between values
// and an optional trailing comma.
static toml_node *
parse_array(struct parser *P)
{
	toml_node *a = node_new(P, TOML_ARRAY, P->line, P->col), *v;
	char what[32];

	if (a == NULL || depth_in(P) < 0)
		goto fail;
	adv(P, 1);
	for (;;) {
		if (skip_blank(P) < 0)
			goto fail;
		if (at(P, 0) == ']')
			break;
		v = parse_value(P);
		if (v == NULL || array_add(P, a, v) < 0 || skip_blank(P) < 0)
			goto fail;
		if (at(P, 0) == ']')
			break;
		if (at(P, 0) != ',') {
			perr(P, P->line, P->col, "expected ',' or ']' in array, found %s",
			     describe(P, what, sizeof what));
			goto fail;
		}
		adv(P, 1);
	}
	adv(P, 1);
	P->depth--;
	return a;
fail:
	node_free(a);
	return NULL;
}

// { key = value, ... } on one line, without a trailing comma.
static toml_node *
parse_inline(struct parser *P)
{
	toml_node *t = node_new(P, TOML_TABLE, P->line, P->col);
	char what[32];

	if (t == NULL || depth_in(P) < 0)
		goto fail;
	adv(P, 1);
	skip_ws(P);
	while (at(P, 0) != '}') {
		int c = at(P, 0);

		if (c == '\n' || c == '\r' || c == '#' || c == -1) {
			perr(P, P->line, P->col,
			     "unterminated inline table: it must close on the same line");
			goto fail;
		}
		if (keyval(P, t) < 0)
			goto fail;
		skip_ws(P);
		if (at(P, 0) == '}')
			break;
		if (at(P, 0) != ',') {
			perr(P, P->line, P->col, "expected ',' or '}' in inline table, found %s",
			     describe(P, what, sizeof what));
			goto fail;
		}
		adv(P, 1);
		skip_ws(P);
		if (at(P, 0) == '}') {
			perr(P, P->line, P->col, "trailing comma not allowed in inline table");
			goto fail;
		}
	}
	adv(P, 1);
	t->flags = TF_INLINE;
	P->depth--;
	return t;
fail:
	node_free(t);
	return NULL;
}

static toml_node *
parse_bool(struct parser *P)
{
	int v = at(P, 0) == 't';
	size_t n = v ? 4 : 5;
	toml_node *b;

	if ((size_t)(P->end - P->p) < n || memcmp(P->p, v ? "true" : "false", n) != 0)
		return NULL;
	b = node_new(P, TOML_BOOL, P->line, P->col);
	if (b != NULL) {
		b->u.b = v;
		adv(P, n);
	}
	return b;
}

// A word that is no value: say what it is.
static toml_node *
bad_value(struct parser *P)
{
	char what[32];
	size_t n = 0;

	while (is_bare(at(P, n)) || at(P, n) == '.')
		n++;
	if (n == 0)
		perr(P, P->line, P->col, "expected a value, found %s",
		     describe(P, what, sizeof what));
	else
		perr(P, P->line, P->col, "invalid value \"%.*s\" (a string needs quotes)",
		     (int)(n < 40 ? n : 40), P->p);
	return NULL;
}

static toml_node *
parse_value(struct parser *P)
{
	int c = at(P, 0);
	toml_node *v;

	if (c == '"' || c == '\'')
		return parse_string(P);
	if (c == '[')
		return parse_array(P);
	if (c == '{')
		return parse_inline(P);
	if (c == 't' || c == 'f') {
		v = parse_bool(P);
		return v != NULL || P->err->msg[0] != '\0' ? v : bad_value(P);
	}
	if (c >= '0' && c <= '9' && at_datetime(P))
		return parse_datetime(P);
	if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
	    (c == 'i' && at(P, 1) == 'n' && at(P, 2) == 'f') ||
	    (c == 'n' && at(P, 1) == 'a' && at(P, 2) == 'n'))
		return parse_number(P);
	return bad_value(P);
}

// One step of a header's path: key part i, under table t.
static toml_node *
header_step(struct parser *P, toml_node *t, struct key *K, size_t i)
{
	toml_node *c = table_find(t, K->v[i].s.p ? K->v[i].s.p : "", K->v[i].s.n);

	if (c == NULL)
		return add_table(P, t, &K->v[i], TF_IMPLICIT);
	if (c->type == TOML_TABLE && !(c->flags & TF_INLINE))
		return c;
	if (c->type == TOML_ARRAY && (c->flags & AF_TABLES))
		return c->u.kids.v[c->u.kids.n - 1];
	not_extendable(P, K, i, c, 1);
	return NULL;
}

static const char *
a_or_an(const char *noun)
{
	return strchr("aeiou", noun[0]) != NULL ? "an" : "a";
}

// Why the last part of a [header] cannot be (re)defined as a table.
static toml_node *
redefined(struct parser *P, struct key *K, const toml_node *c, int aot)
{
	char name[100];
	const struct keypart *kp = &K->v[K->n - 1];
	uint32_t l, cl;
	const char *how = toml_type_name(c->type);

	key_text(K, K->n - 1, name, sizeof name);
	first_pos(c, &l, &cl);
	if (!aot && c->type == TOML_TABLE && (c->flags & TF_HEADER)) {
		perr(P, kp->line, kp->col, "table [%s] defined twice (first defined at %u:%u)",
		     name, l, cl);
		return NULL;
	}
	if (c->type == TOML_TABLE && (c->flags & TF_INLINE))
		how = "inline table";
	else if (c->type == TOML_TABLE && (c->flags & TF_DOTTED))
		how = "table (by dotted keys)";
	else if (c->type == TOML_ARRAY && (c->flags & AF_TABLES))
		how = "array of tables";
	perr(P, kp->line, kp->col, "cannot define %s \"%s\": already defined as %s %s at %u:%u",
	     aot ? "array of tables" : "table", name, a_or_an(how), how, l, cl);
	return NULL;
}

// The last part of [header]: a new table, or an implicit one made explicit.
static toml_node *
header_table(struct parser *P, toml_node *t, struct key *K, uint32_t line, uint32_t col)
{
	struct keypart *kp = &K->v[K->n - 1];
	toml_node *c = table_find(t, kp->s.p ? kp->s.p : "", kp->s.n);

	if (c == NULL)
		c = add_table(P, t, kp, TF_HEADER);
	else if (c->type == TOML_TABLE && c->flags == TF_IMPLICIT)
		c->flags = TF_HEADER;
	else
		return redefined(P, K, c, 0);
	if (c != NULL) {
		c->line = line;
		c->col = col;
		c->kline = kp->line;
		c->kcol = kp->col;
	}
	return c;
}

// The last part of [[header]]: one more table in an array of tables.
static toml_node *
header_array(struct parser *P, toml_node *t, struct key *K, uint32_t line, uint32_t col)
{
	struct keypart *kp = &K->v[K->n - 1];
	toml_node *a = table_find(t, kp->s.p ? kp->s.p : "", kp->s.n), *e;

	if (a != NULL && (a->type != TOML_ARRAY || !(a->flags & AF_TABLES)))
		return redefined(P, K, a, 1);
	if (a == NULL) {
		a = node_new(P, TOML_ARRAY, line, col);
		if (a == NULL)
			return NULL;
		a->flags = AF_TABLES;
		if (node_setkey(P, a, &kp->s, kp->line, kp->col) < 0) {
			node_free(a);
			return NULL;
		}
		if (table_add(P, t, a) < 0)
			return NULL;
	}
	e = node_new(P, TOML_TABLE, line, col);
	if (e == NULL)
		return NULL;
	e->flags = TF_HEADER;
	if (array_add(P, a, e) < 0)
		return NULL;
	return e;
}

// [a.b.c] or [[a.b.c]]: makes the named table the current one.
static int
header(struct parser *P)
{
	uint32_t line = P->line, col = P->col;
	int aot = at(P, 1) == '[';
	struct key K = {0};
	toml_node *t = P->root;
	char what[32];

	adv(P, aot ? 2 : 1);
	if (parse_key(P, &K) < 0)
		goto fail;
	if (at(P, 0) != ']' || (aot && at(P, 1) != ']')) {
		perr(P, P->line, P->col, "expected '%s' to close the header, found %s",
		     aot ? "]]" : "]", describe(P, what, sizeof what));
		goto fail;
	}
	adv(P, aot ? 2 : 1);
	for (size_t i = 0; i + 1 < K.n && t != NULL; i++)
		t = header_step(P, t, &K, i);
	if (t != NULL)
		t = aot ? header_array(P, t, &K, line, col) : header_table(P, t, &K, line, col);
	if (t == NULL)
		goto fail;
	P->cur = t;
	key_free(&K);
	return 0;
fail:
	key_free(&K);
	return -1;
}

// After a key/value pair or a header only a comment may follow on the line.
static int
end_of_line(struct parser *P, const char *after)
{
	char what[32];
	int r;

	skip_ws(P);
	if (skip_comment(P) < 0)
		return -1;
	if (at(P, 0) == -1)
		return 0;
	r = eat_newline(P);
	if (r != 0)
		return r < 0 ? -1 : 0;
	return perr(P, P->line, P->col, "expected end of line after %s, found %s", after,
	            describe(P, what, sizeof what));
}

static int
document(struct parser *P)
{
	if (at(P, 0) == 0xEF && at(P, 1) == 0xBB && at(P, 2) == 0xBF) {
		adv(P, 3);
		P->col = 1;
	}
	for (;;) {
		int r;

		skip_ws(P);
		if (skip_comment(P) < 0)
			return -1;
		r = eat_newline(P);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (at(P, 0) == -1)
			return 0;
		if (at(P, 0) == '[')
			r = header(P) < 0 ? -1 : end_of_line(P, "the table header");
		else
			r = keyval(P, P->cur) < 0 ? -1 : end_of_line(P, "the value");
		if (r < 0)
			return -1;
	}
}

toml_node *
toml_parse(const char *buf, size_t len, struct toml_error *err)
{
	struct parser P = {buf, buf, buf + len, 1, 1, 0, NULL, NULL, err};

	memset(err, 0, sizeof *err);
	if (check_utf8(&P) < 0)
		return NULL;
	P.root = node_new(&P, TOML_TABLE, 1, 1);
	if (P.root == NULL)
		return NULL;
	P.root->flags = TF_HEADER;
	P.cur = P.root;
	if (document(&P) < 0) {
		node_free(P.root);
		return NULL;
	}
	return P.root;
}
