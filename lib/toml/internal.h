// lib/toml/internal.h: what the parser's files share: the node layout, the
// parser's cursor, and the functions each file offers the others.
//
//   scan.c     cursor, whitespace, comments, newlines, UTF-8 check, errors
//   node.c     the tree: tables (with a hash index), arrays, public getters
//   string.c   the four string forms and their escapes
//   number.c   integers and floats
//   datetime.c the four date and time forms, and their formatting
//   parse.c    the document: keys, headers, arrays, inline tables, and the
//              rules about what may be defined twice
#ifndef TOML_INTERNAL_H
#define TOML_INTERNAL_H

#include "toml/toml.h"

// Node flags. A table's flags say how it came to be, which decides what may
// later add to it (see parse.c).
enum {
	TF_IMPLICIT = 1 << 0, // made as a parent by [a.b.c]; [a] may still define it once
	TF_HEADER = 1 << 1,   // defined by [header] or as an element of [[header]]
	TF_DOTTED = 1 << 2,   // made by a dotted key a.b = 1
	TF_INLINE = 1 << 3,   // inline table { }: closed to everything after its '}'
	AF_TABLES = 1 << 4,   // array made by [[header]]; other arrays are closed
};

struct toml_node {
	uint8_t type, flags;
	uint32_t line, col;   // where the value starts
	uint32_t kline, kcol; // where its key starts
	char *key;
	size_t keylen;
	union {
		struct {
			toml_node **v;
			size_t n, cap;
			uint32_t *slot; // hash index of a big table: 0 empty, else index+1
			size_t nslot;
		} kids;
		struct {
			char *s;
			size_t len;
		} str;
		int64_t i;
		double f;
		int b;
		struct toml_datetime dt;
	} u;
};

// A growing byte string.
struct buf {
	char *p;
	size_t n, cap;
};

struct parser {
	const char *base, *p, *end;
	uint32_t line, col; // of *p
	int depth;          // of arrays and inline tables being read
	toml_node *root, *cur;
	struct toml_error *err;
};

// The byte k ahead of the cursor, or -1 past the end.
static inline int
at(const struct parser *P, size_t k)
{
	return (size_t)(P->end - P->p) > k ? (unsigned char)P->p[k] : -1;
}

// scan.c
int perr(struct parser *P, uint32_t line, uint32_t col, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
int oom(struct parser *P);
void adv(struct parser *P, size_t n);
void skip_ws(struct parser *P);
int skip_comment(struct parser *P);
int eat_newline(struct parser *P);
int skip_blank(struct parser *P);
int check_utf8(struct parser *P);
int is_control(int c);
const char *describe(const struct parser *P, char *out, size_t n);
int bput(struct parser *P, struct buf *b, const void *d, size_t n);
int bputc(struct parser *P, struct buf *b, int c);

// node.c
toml_node *node_new(struct parser *P, int type, uint32_t line, uint32_t col);
void node_free(toml_node *n);
int node_setkey(struct parser *P, toml_node *n, struct buf *key, uint32_t line, uint32_t col);
toml_node *table_find(const toml_node *t, const char *key, size_t len);
int table_add(struct parser *P, toml_node *t, toml_node *child);
int array_add(struct parser *P, toml_node *a, toml_node *child);

// string.c
int at_string(const struct parser *P);
toml_node *parse_string(struct parser *P);
int parse_key_string(struct parser *P, struct buf *out);

// number.c, datetime.c
toml_node *parse_number(struct parser *P);
int at_datetime(const struct parser *P);
toml_node *parse_datetime(struct parser *P);

#endif
