// lib/config/gen_text.c: the resolved file of a generation (its format is
// in gen.h): writing a struct resolved as text and reading it back
// strictly, so that a damaged file is refused rather than half-believed.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/check.h"
#include "config/gen.h"

// A growing text buffer; ok turns 0 when memory runs out.
struct buf {
	char *p;
	size_t n, cap;
	int ok;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	if (!b->ok)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (b->n + n + 1 > cap)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->ok = 0;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

// One value: " " and the value percent-encoded; NULL is "-".
static void
value(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	put(b, " ", 1);
	if (s == NULL || strcmp(s, "-") == 0) {
		puts_(b, s == NULL ? "-" : "%2D");
		return;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char e[3] = {'%', hex[c >> 4], hex[c & 15]};

		if (c <= 0x20 || c == '%' || c == 0x7F)
			put(b, e, 3);
		else
			put(b, s, 1);
	}
}

static void
line(struct buf *b, const char *key, const char *v)
{
	puts_(b, key);
	value(b, v);
	put(b, "\n", 1);
}

static void
list(struct buf *b, const char *key, const struct config_strlist *l)
{
	puts_(b, key);
	for (size_t i = 0; i < l->n; i++)
		value(b, l->v[i]);
	put(b, "\n", 1);
}

static const char *const restart_names[] = {NULL, "never", "on-failure", "always"};
static const char *const encryption_names[] = {NULL, "none", "homomorphic"};

static const char *
bool_name(int v)
{
	return v < 0 ? NULL : v ? "true" : "false";
}

static void
snap(struct buf *b, const struct config_snap *s)
{
	char mem[24];

	line(b, "snap", s->name);
	line(b, "path", s->path);
	line(b, "entry", s->entry);
	list(b, "syscalls", &s->syscalls);
	list(b, "capabilities", &s->capabilities);
	line(b, "ethereum", bool_name(s->ethereum));
	line(b, "compute", bool_name(s->compute));
	line(b, "encryption", encryption_names[s->encryption]);
	line(b, "restart", restart_names[s->restart]);
	snprintf(mem, sizeof mem, "%llu", (unsigned long long)s->memory);
	line(b, "memory", s->memory != 0 ? mem : NULL);
	snprintf(mem, sizeof mem, "%u", (unsigned)s->processes);
	line(b, "processes", s->processes != 0 ? mem : NULL);
	puts_(b, "environment");
	for (size_t i = 0; i < s->environment.n; i++) {
		char *kv;
		size_t n = strlen(s->environment.v[i].name) + strlen(s->environment.v[i].value) + 2;

		if ((kv = malloc(n)) == NULL) {
			b->ok = 0;
			break;
		}
		snprintf(kv, n, "%s=%s", s->environment.v[i].name, s->environment.v[i].value);
		value(b, kv);
		free(kv);
	}
	puts_(b, "\nend\n");
}

char *
resolved_format(const struct resolved *r, size_t *len)
{
	struct buf b = {NULL, 0, 0, 1};
	char head[64];

	snprintf(head, sizeof head, "%s %d\n", GEN_RESOLVED_MAGIC, GEN_RESOLVED_VERSION);
	puts_(&b, head);
	line(&b, "hostname", r->hostname);
	line(&b, "timezone", r->timezone);
	list(&b, "boot_snaps", &r->boot_snaps);
	for (size_t i = 0; i < r->nsnaps; i++)
		snap(&b, &r->snaps[i]);
	if (!b.ok) {
		free(b.p);
		return NULL;
	}
	*len = b.n;
	return b.p;
}

// Reading. A line is split into its key and its decoded values.
#define MAXVALS 256

struct rline {
	char *key;
	char *v[MAXVALS];
	int unset[MAXVALS]; // the value was "-"
	size_t n;
};

struct rd {
	struct resolved *r;
	struct gen_err *e;
	size_t lineno;
	struct config_snap *cur; // the snap block being read
	unsigned seen;           // its fields so far (bits of field_names)
	int version;             // of the file: 1 or GEN_RESOLVED_VERSION
};

static int rfail(struct rd *R, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
rfail(struct rd *R, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(R->e->msg, sizeof R->e->msg, "line %zu: %s", R->lineno, msg);
	return -1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

// Decode a value in place (s is NUL-terminated, a token of the line).
static int
decode(struct rd *R, char *s)
{
	char *w = s;

	for (char *p = s; *p; p++) {
		int hi, lo;

		if (*p != '%') {
			*w++ = *p;
			continue;
		}
		if ((hi = hexval(p[1])) < 0 || (lo = hexval(p[2])) < 0)
			return rfail(R, "bad %%-escape");
		if (hi == 0 && lo == 0)
			return rfail(R, "a value holds a NUL byte");
		*w++ = (char)(hi << 4 | lo);
		p += 2;
	}
	*w = '\0';
	return 0;
}

// Split line s (without its newline) into its key and decoded values.
static int
split(struct rd *R, char *s, struct rline *L)
{
	char *sp = strchr(s, ' ');

	L->key = s;
	L->n = 0;
	if (sp == s || *s == '\0')
		return rfail(R, "no key");
	while (sp != NULL) {
		char *v = sp + 1;

		*sp = '\0';
		if ((sp = strchr(v, ' ')) != NULL)
			*sp = '\0';
		if (*v == '\0')
			return rfail(R, "empty value after \"%s\"", L->key);
		if (L->n == MAXVALS)
			return rfail(R, "more than %d values", MAXVALS);
		L->unset[L->n] = strcmp(v, "-") == 0;
		if (decode(R, v) < 0)
			return -1;
		L->v[L->n++] = v;
	}
	return 0;
}

// A key with exactly one value; *out is a copy of it (NULL for "-").
static int
one(struct rd *R, const struct rline *L, char **out)
{
	if (L->n != 1)
		return rfail(R, "%s takes one value, not %zu", L->key, L->n);
	if (*out != NULL)
		return rfail(R, "%s given twice", L->key);
	if (L->unset[0])
		return 0;
	if ((*out = dupstr(L->v[0])) == NULL)
		return rfail(R, "out of memory");
	return 0;
}

static int
strings(struct rd *R, const struct rline *L, struct config_strlist *l)
{
	if (l->v != NULL)
		return rfail(R, "%s given twice", L->key);
	if ((l->v = calloc(L->n ? L->n : 1, sizeof *l->v)) == NULL)
		return rfail(R, "out of memory");
	for (size_t i = 0; i < L->n; i++) {
		if (L->unset[i])
			return rfail(R, "\"-\" in the list %s", L->key);
		if ((l->v[i] = dupstr(L->v[i])) == NULL)
			return rfail(R, "out of memory");
		l->n++;
	}
	return 0;
}

// A value from a fixed set of names (index 0 is unset, "-").
static int
named(struct rd *R, const struct rline *L, const char *const *names, size_t nnames, int *out)
{
	if (L->n != 1)
		return rfail(R, "%s takes one value, not %zu", L->key, L->n);
	if (L->unset[0]) {
		*out = 0;
		return 0;
	}
	for (size_t i = 1; i < nnames; i++)
		if (strcmp(L->v[0], names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	return rfail(R, "bad value \"%s\" for %s", L->v[0], L->key);
}

static const char *const bool_names[] = {NULL, "false", "true"};

static int
field_syscalls(struct rd *R, const struct rline *L, struct config_snap *s)
{
	if (strings(R, L, &s->syscalls) < 0)
		return -1;
	for (size_t i = 0; i < s->syscalls.n; i++) {
		int k = config_syscall(s->syscalls.v[i]);

		if (k < 0)
			return rfail(R, "unknown syscall \"%s\"", s->syscalls.v[i]);
		if (s->syscall_mask & (uint64_t)1 << k)
			return rfail(R, "syscall \"%s\" listed twice", s->syscalls.v[i]);
		s->syscall_mask |= (uint64_t)1 << k;
	}
	return 0;
}

// A positive decimal number without leading zeros, at most max; "-" is 0.
// what names it in messages.
static int
number(struct rd *R, const struct rline *L, const char *what, uint64_t max, uint64_t *out)
{
	uint64_t m = 0;
	const char *p;

	if (L->n != 1)
		return rfail(R, "%s takes one value, not %zu", L->key, L->n);
	*out = 0;
	if (L->unset[0])
		return 0;
	for (p = L->v[0]; *p >= '0' && *p <= '9'; p++) {
		uint64_t d = (uint64_t)(*p - '0');

		if (m > (max - d) / 10)
			return rfail(R, "%s \"%s\" is too large", what, L->v[0]);
		m = m * 10 + d;
	}
	if (*p != '\0' || p == L->v[0] || m == 0 || L->v[0][0] == '0')
		return rfail(R, "bad %s \"%s\"", what, L->v[0]);
	*out = m;
	return 0;
}

static int
field_environment(struct rd *R, const struct rline *L, struct config_snap *s)
{
	struct config_pairs *e = &s->environment;

	if ((e->v = calloc(L->n ? L->n : 1, sizeof *e->v)) == NULL)
		return rfail(R, "out of memory");
	for (size_t i = 0; i < L->n; i++) {
		const char *eq = strchr(L->v[i], '=');

		if (eq == NULL || eq == L->v[i])
			return rfail(R, "environment value \"%s\" is not NAME=VALUE", L->v[i]);
		e->v[i].name = malloc((size_t)(eq - L->v[i]) + 1);
		e->v[i].value = dupstr(eq + 1);
		e->n++;
		if (e->v[i].name == NULL || e->v[i].value == NULL)
			return rfail(R, "out of memory");
		memcpy(e->v[i].name, L->v[i], (size_t)(eq - L->v[i]));
		e->v[i].name[eq - L->v[i]] = '\0';
	}
	return 0;
}

// The fields of a snap block, in the order they are written; every one
// must be there exactly once. Version 1 files have no processes line.
enum {
	F_PATH,
	F_ENTRY,
	F_SYSCALLS,
	F_CAPABILITIES,
	F_ETHEREUM,
	F_COMPUTE,
	F_ENCRYPTION,
	F_RESTART,
	F_MEMORY,
	F_PROCESSES,
	F_ENVIRONMENT,
	NFIELDS
};
static const char *const field_names[NFIELDS] = {
        "path",       "entry",   "syscalls", "capabilities", "ethereum",    "compute",
        "encryption", "restart", "memory",   "processes",    "environment",
};

// The fields a block of this file's version must have.
static unsigned
fields_of(const struct rd *R)
{
	unsigned all = (1u << NFIELDS) - 1;

	return R->version == 1 ? all & ~(1u << F_PROCESSES) : all;
}

static int
snap_field(struct rd *R, const struct rline *L)
{
	struct config_snap *s = R->cur;
	uint64_t n;
	size_t f;
	int v = 0, rc;

	for (f = 0; f < NFIELDS && strcmp(field_names[f], L->key) != 0; f++)
		;
	if (f == NFIELDS || !(fields_of(R) & 1u << f))
		return rfail(R, "unknown key \"%s\" in snap %s", L->key, s->name);
	if (R->seen & 1u << f)
		return rfail(R, "%s given twice in snap %s", L->key, s->name);
	R->seen |= 1u << f;
	switch (f) {
	case F_PATH:
		return one(R, L, &s->path);
	case F_ENTRY:
		return one(R, L, &s->entry);
	case F_SYSCALLS:
		return field_syscalls(R, L, s);
	case F_CAPABILITIES:
		return strings(R, L, &s->capabilities);
	case F_ETHEREUM:
	case F_COMPUTE:
		rc = named(R, L, bool_names, 3, &v);
		*(f == F_ETHEREUM ? &s->ethereum : &s->compute) = v - 1;
		return rc;
	case F_ENCRYPTION:
		rc = named(R, L, encryption_names, 3, &v);
		s->encryption = (enum config_encryption)v;
		return rc;
	case F_RESTART:
		rc = named(R, L, restart_names, 4, &v);
		s->restart = (enum config_restart)v;
		return rc;
	case F_MEMORY:
		rc = number(R, L, "memory size", UINT64_MAX, &n);
		s->memory = n;
		return rc;
	case F_PROCESSES:
		rc = number(R, L, "process count", CONFIG_PROCESSES_MAX, &n);
		s->processes = (uint32_t)n;
		return rc;
	default:
		return field_environment(R, L, s);
	}
}

// "snap NAME" starts a block; the previous one must have ended.
static int
snap_start(struct rd *R, const struct rline *L)
{
	struct config_snap *v, *s;

	if (L->n != 1 || L->unset[0] || !valid_snap_name(L->v[0]))
		return rfail(R, "snap needs one valid snap name");
	if (resolved_snap(R->r, L->v[0]) != NULL)
		return rfail(R, "snap %s described twice", L->v[0]);
	if ((v = realloc(R->r->snaps, (R->r->nsnaps + 1) * sizeof *v)) == NULL)
		return rfail(R, "out of memory");
	R->r->snaps = v;
	s = &v[R->r->nsnaps++];
	memset(s, 0, sizeof *s);
	s->compute = s->ethereum = -1;
	R->cur = s;
	R->seen = 0;
	if ((s->name = dupstr(L->v[0])) == NULL)
		return rfail(R, "out of memory");
	return 0;
}

static int
snap_end(struct rd *R, const struct rline *L)
{
	if (L->n != 0)
		return rfail(R, "end takes no value");
	if (R->seen != fields_of(R))
		return rfail(R, "snap %s is missing fields", R->cur->name);
	if (R->cur->entry == NULL || R->cur->path == NULL)
		return rfail(R, "snap %s has no entry or no path", R->cur->name);
	R->cur = NULL;
	return 0;
}

// The three system lines come first, in order; then the snap blocks.
static int
one_line(struct rd *R, char *s)
{
	static const char *const head[] = {"hostname", "timezone", "boot_snaps"};
	struct rline L;
	size_t k = R->lineno - 2;

	if (split(R, s, &L) < 0)
		return -1;
	if (k < 3) {
		if (strcmp(L.key, head[k]) != 0)
			return rfail(R, "expected %s, not \"%s\"", head[k], L.key);
		if (k == 0)
			return one(R, &L, &R->r->hostname);
		if (k == 1)
			return one(R, &L, &R->r->timezone);
		return strings(R, &L, &R->r->boot_snaps);
	}
	if (R->cur == NULL) {
		if (strcmp(L.key, "snap") != 0)
			return rfail(R, "expected snap, not \"%s\"", L.key);
		return snap_start(R, &L);
	}
	if (strcmp(L.key, "end") == 0)
		return snap_end(R, &L);
	return snap_field(R, &L);
}

// Every boot snap is described, none twice.
static int
check_boot(struct rd *R)
{
	const struct config_strlist *b = &R->r->boot_snaps;

	for (size_t i = 0; i < b->n; i++) {
		if (resolved_snap(R->r, b->v[i]) == NULL)
			return rfail(R, "boot snap %s is not described", b->v[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(b->v[i], b->v[j]) == 0)
				return rfail(R, "boot snap %s listed twice", b->v[i]);
	}
	return 0;
}

// The first line: the magic and a version this reader knows.
static int
header(struct rd *R, const char *s)
{
	size_t n = strlen(GEN_RESOLVED_MAGIC);

	if (strncmp(s, GEN_RESOLVED_MAGIC, n) == 0 && s[n] == ' ' && s[n + 1] >= '1' &&
	    s[n + 1] <= '0' + GEN_RESOLVED_VERSION && s[n + 2] == '\0') {
		R->version = s[n + 1] - '0';
		return 0;
	}
	return rfail(R, "not a resolved file of version 1 to %d (\"%s %d\" expected)",
	             GEN_RESOLVED_VERSION, GEN_RESOLVED_MAGIC, GEN_RESOLVED_VERSION);
}

static int
parse_lines(struct rd *R, char *text, size_t len)
{
	char *s = text, *nl;

	if (len == 0 || text[len - 1] != '\n' || memchr(text, '\0', len) != NULL)
		return rfail(R, "not a resolved file (empty, NUL bytes or no final newline)");
	for (R->lineno = 1; s < text + len; R->lineno++, s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(text + len - s));
		*nl = '\0';
		if (R->lineno == 1 && header(R, s) < 0)
			return -1;
		if (R->lineno > 1 && one_line(R, s) < 0)
			return -1;
	}
	if (R->lineno < 5)
		return rfail(R, "the file ends before boot_snaps");
	if (R->cur != NULL)
		return rfail(R, "snap %s has no end", R->cur->name);
	return check_boot(R);
}

int
resolved_parse(const char *buf, size_t len, struct resolved *r, struct gen_err *e)
{
	struct rd R = {r, e, 0, NULL, 0, 0};
	char *text = malloc(len + 1);
	int rc;

	memset(r, 0, sizeof *r);
	if (text == NULL) {
		snprintf(e->msg, sizeof e->msg, "out of memory");
		return -1;
	}
	memcpy(text, buf, len);
	text[len] = '\0';
	rc = parse_lines(&R, text, len);
	free(text);
	if (rc < 0)
		resolved_free(r);
	return rc;
}

const struct config_snap *
resolved_snap(const struct resolved *r, const char *name)
{
	for (size_t i = 0; i < r->nsnaps; i++)
		if (strcmp(r->snaps[i].name, name) == 0)
			return &r->snaps[i];
	return NULL;
}

void
resolved_free(struct resolved *r)
{
	free(r->hostname);
	free(r->timezone);
	config_strlist_free(&r->boot_snaps);
	for (size_t i = 0; i < r->nsnaps; i++)
		config_snap_free(&r->snaps[i]);
	free(r->snaps);
	memset(r, 0, sizeof *r);
}
