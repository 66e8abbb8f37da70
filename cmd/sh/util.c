// cmd/sh/util.c: memory helpers, growable strings and vectors, the arena
// that holds a parsed command, and error output.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fd_puts(2, "sh: out of memory\n");
		_exit(2);
	}
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q) {
		fd_puts(2, "sh: out of memory\n");
		_exit(2);
	}
	return q;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

static void
buf_grow(struct buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	b->cap = (b->len + more + 1) * 2;
	b->s = xrealloc(b->s, b->cap);
}

void
buf_putn(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void
buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_putn(b, &ch, 1);
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_putn(b, s, strlen(s));
}

// Hand over the string (never NULL) and leave the buffer empty.
char *
buf_take(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
strv_push(struct strv *v, char *s)
{
	if (v->n + 2 > v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->v = xrealloc(v->v, (size_t)v->cap * sizeof *v->v);
	}
	v->v[v->n++] = s;
	v->v[v->n] = NULL;
}

void
strv_free(struct strv *v)
{
	for (int i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}

// An arena is a list of blocks; a parsed command lives in one and is
// freed at once after it ran.
struct ablock {
	struct ablock *next;
	size_t used, size;
	_Alignas(16) char data[];
};

struct arena *
arena_new(void)
{
	struct arena *a = xmalloc(sizeof *a);

	memset(a, 0, sizeof *a);
	return a;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct ablock *b = a->blocks;

	n = (n + 15) & ~(size_t)15;
	if (!b || b->used + n > b->size) {
		size_t size = n > 4000 ? n : 4000;

		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

// Arenas holding a function body are kept for the life of the shell.
static struct arena *kept;

void
arena_release(struct arena *a)
{
	if (!a)
		return;
	if (a->keep) {
		a->next = kept;
		kept = a;
		return;
	}
	while (a->blocks) {
		struct ablock *b = a->blocks;

		a->blocks = b->next;
		free(b);
	}
	free(a);
}

void
fd_puts(int fd, const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

// Print "sh: " and the message and a newline on standard error, in one
// write so that messages from several processes do not mix.
void
sh_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int n = snprintf(msg, sizeof msg, "sh: ");

	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n - 1, fmt, ap);
	va_end(ap);
	n = (int)strlen(msg);
	msg[n] = '\n';
	msg[n + 1] = 0;
	fd_puts(2, msg);
}

// A name is a letter or underscore followed by letters, digits, underscores.
int
is_name(const char *s, size_t n)
{
	if (n == 0 ||
	    !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];

		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return 0;
	}
	return 1;
}

// A whole decimal integer with optional sign and surrounding blanks.
int
parse_int(const char *s, long *out)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -1;
	*out = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	return *end || end == s ? -1 : 0;
}
