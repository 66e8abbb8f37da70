// cmd/grep/regex.c: compiling and matching grep's regular expressions. A
// compiled branch is a list of atoms (a byte set with a repeat count), so a
// match is a backtracking walk over that list. There are no groups, so the
// state of a walk is just (atom, position): failed states are remembered,
// which bounds a match by atoms x positions x line length steps even for
// patterns like .*.*.*x.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regex.h"

struct compiler {
	const char *pat; // the whole pattern, for positions in messages
	const char *p;   // the next byte to read
	int flags;
	char *err;
	size_t errlen;
};

static void
setbit(struct re_node *n, int c)
{
	n->set[(unsigned char)c >> 3] |= (unsigned char)(1u << (c & 7));
}

static int
hasbit(const struct re_node *n, unsigned char c)
{
	return n->set[c >> 3] >> (c & 7) & 1;
}

static int
fail(struct compiler *c, const char *what)
{
	snprintf(c->err, c->errlen, "%s at offset %d of the pattern", what, (int)(c->p - c->pat));
	return -1;
}

// Add c to the set, both cases if case is ignored.
static void
addbyte(struct compiler *c, struct re_node *n, int ch)
{
	setbit(n, ch);
	if (c->flags & RE_ICASE) {
		setbit(n, tolower(ch));
		setbit(n, toupper(ch));
	}
}

// The classes of [[:name:]].
static const struct {
	const char *name;
	int (*is)(int);
} classes[] = {
        {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
        {"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
        {"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
};

// [:name:] at c->p (just after the "[:"); adds the class.
static int
addclass(struct compiler *c, struct re_node *n)
{
	const char *end = strstr(c->p, ":]");
	size_t len;

	if (!end)
		return fail(c, "unterminated [: class");
	len = (size_t)(end - c->p);
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
		if (strlen(classes[i].name) != len || strncmp(classes[i].name, c->p, len) != 0)
			continue;
		for (int ch = 0; ch < 256; ch++)
			if (classes[i].is(ch))
				addbyte(c, n, ch);
		c->p = end + 2;
		return 0;
	}
	return fail(c, "unknown character class");
}

// A bracket expression; c->p is just after the '['.
static int
bracket(struct compiler *c, struct re_node *n)
{
	int negate = 0, first = 1;

	if (*c->p == '^') {
		negate = 1;
		c->p++;
	}
	for (; *c->p != ']' || first; first = 0) {
		int lo = (unsigned char)*c->p, hi;

		if (lo == '\0')
			return fail(c, "unterminated [");
		if (lo == '[' && c->p[1] == ':') {
			c->p += 2;
			if (addclass(c, n) < 0)
				return -1;
			continue;
		}
		c->p++;
		hi = lo;
		if (*c->p == '-' && c->p[1] != ']' && c->p[1] != '\0') {
			hi = (unsigned char)c->p[1];
			c->p += 2;
			if (hi < lo)
				return fail(c, "range out of order in [");
		}
		for (int ch = lo; ch <= hi; ch++)
			addbyte(c, n, ch);
	}
	c->p++;
	if (negate) {
		for (int i = 0; i < 32; i++)
			n->set[i] = (unsigned char)~n->set[i];
		n->set['\n' >> 3] &= (unsigned char)~(1u << ('\n' & 7));
	}
	return 0;
}

// One atom at c->p into n. Returns 0 or -1.
static int
atom(struct compiler *c, struct re_node *n)
{
	int ch = (unsigned char)*c->p++;

	memset(n, 0, sizeof *n);
	n->min = 1;
	if (ch == '.') {
		memset(n->set, 0xff, sizeof n->set);
		return 0;
	}
	if (ch == '[')
		return bracket(c, n);
	if ((c->flags & RE_EXTENDED) && (ch == '(' || ch == ')' || ch == '{'))
		return c->p--, fail(c, "groups and intervals ( ) { } are not supported");
	if (ch == '\\') {
		ch = (unsigned char)*c->p++;
		if (ch == '\0')
			return c->p--, fail(c, "trailing backslash");
		if (isalnum(ch) || ch == '(' || ch == ')' || ch == '{' || ch == '}' || ch == '<' ||
		    ch == '>' || ch == '|')
			return c->p -= 2, fail(c, "this backslash sequence is not supported");
	}
	addbyte(c, n, ch);
	return 0;
}

// Whether the byte at c->p is a repeat operator.
static int
isrepeat(const struct compiler *c)
{
	char ch = *c->p;

	return ch == '*' || ((c->flags & RE_EXTENDED) && (ch == '+' || ch == '?'));
}

// One branch, up to the end or (extended) an unescaped '|'.
static int
branch(struct compiler *c, struct re_branch *b)
{
	size_t cap = strlen(c->p) + 1;

	b->nodes = calloc(cap, sizeof *b->nodes);
	if (!b->nodes)
		return fail(c, "out of memory");
	if (*c->p == '^') {
		b->bol = 1;
		c->p++;
	}
	// A leading '*' (or + ?) is an ordinary byte.
	if (isrepeat(c)) {
		memset(&b->nodes[0], 0, sizeof b->nodes[0]);
		b->nodes[0].min = 1;
		addbyte(c, &b->nodes[b->nnodes++], *c->p++);
	}
	while (*c->p && !((c->flags & RE_EXTENDED) && *c->p == '|')) {
		if (*c->p == '$' &&
		    (c->p[1] == '\0' || ((c->flags & RE_EXTENDED) && c->p[1] == '|'))) {
			b->eol = 1;
			c->p++;
			break;
		}
		if ((c->flags & RE_EXTENDED) && *c->p == '^')
			return fail(c, "^ is only supported at the start of a branch");
		if (atom(c, &b->nodes[b->nnodes]) < 0)
			return -1;
		for (; isrepeat(c); c->p++) {
			struct re_node *n = &b->nodes[b->nnodes];

			if (*c->p != '+')
				n->min = 0;
			if (*c->p != '?')
				n->many = 1;
		}
		b->nnodes++;
	}
	return 0;
}

int
re_compile(struct re *re, const char *pat, int flags, char *err, size_t errlen)
{
	struct compiler c = {pat, pat, flags, err, errlen};
	size_t cap = 1;

	for (const char *s = pat; *s; s++)
		cap += *s == '|';
	re->nbranches = 0;
	re->branches = calloc(cap, sizeof *re->branches);
	if (!re->branches)
		return fail(&c, "out of memory");
	for (;;) {
		if (branch(&c, &re->branches[re->nbranches++]) < 0) {
			re_free(re);
			return -1;
		}
		if (*c.p != '|')
			return 0;
		c.p++;
	}
}

// One match attempt: the branch, the line, and which (atom, position)
// pairs are known not to match (a bit each), so no pair is tried twice and
// a match costs at most atoms x positions x line length steps.
struct attempt {
	const struct re_branch *b;
	const unsigned char *s;
	size_t n;
	unsigned char *failed; // NULL if there was no memory for it
};

static int here(struct attempt *a, int i, size_t at);

// Whether nodes[i..] match s[at..n) (to the end if eol).
static int
walk(struct attempt *a, int i, size_t at)
{
	const struct re_branch *b = a->b;

	for (; i < b->nnodes; i++) {
		const struct re_node *nd = &b->nodes[i];
		size_t k = 0, max = nd->many ? a->n - at : 1;

		if (nd->min == 1 && !nd->many) {
			if (at >= a->n || !hasbit(nd, a->s[at]))
				return 0;
			at++;
			continue;
		}
		// A repeat: take as many as match, then give back one by one.
		while (k < max && at + k < a->n && hasbit(nd, a->s[at + k]))
			k++;
		for (;; k--) {
			if (k >= nd->min && here(a, i + 1, at + k))
				return 1;
			if (k == 0)
				return 0;
		}
	}
	return !b->eol || at == a->n;
}

// walk, remembering failures.
static int
here(struct attempt *a, int i, size_t at)
{
	size_t bit = (size_t)i * (a->n + 1) + at;

	if (a->failed && (a->failed[bit >> 3] >> (bit & 7) & 1))
		return 0;
	if (walk(a, i, at))
		return 1;
	if (a->failed)
		a->failed[bit >> 3] |= (unsigned char)(1u << (bit & 7));
	return 0;
}

int
re_match(const struct re *re, const char *s, size_t n)
{
	struct attempt a = {NULL, (const unsigned char *)s, n, NULL};
	int found = 0;

	for (int j = 0; j < re->nbranches && !found; j++) {
		a.b = &re->branches[j];
		a.failed = calloc(((size_t)a.b->nnodes + 1) * (n + 1) / 8 + 1, 1);
		for (size_t at = 0; at <= n && !found; at++) {
			found = here(&a, 0, at);
			if (a.b->bol)
				break;
		}
		free(a.failed);
	}
	return found;
}

void
re_free(struct re *re)
{
	for (int j = 0; j < re->nbranches; j++)
		free(re->branches[j].nodes);
	free(re->branches);
	re->branches = NULL;
	re->nbranches = 0;
}
