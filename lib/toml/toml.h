// lib/toml/toml.h: a TOML 1.0.0 parser (https://toml.io/en/v1.0.0).
//
// toml_parse reads a whole document from a buffer into a tree of nodes. Every
// node remembers where it was written (1-based line and column, columns
// counted in Unicode characters), so a caller can say "config.toml:12:5: ..."
// about any value or key. A document that breaks the specification yields no
// tree and one error: "LINE:COL: what is wrong".
//
// The tree is read-only for callers. Tables and arrays keep document order;
// toml_len/toml_at iterate both. The parser has no global state, never reads
// outside the buffer, and limits nesting (TOML_MAX_DEPTH) so hostile input
// cannot exhaust the stack. It needs only malloc, string.h, vsnprintf and
// strtod from libc.
#ifndef TOML_TOML_H
#define TOML_TOML_H

#include <stddef.h>
#include <stdint.h>

// The limit on nested arrays and inline tables, and on the parts of one key.
#define TOML_MAX_DEPTH 64

enum toml_type {
	TOML_TABLE = 1,
	TOML_ARRAY,
	TOML_STRING,
	TOML_INTEGER,
	TOML_FLOAT,
	TOML_BOOL,
	TOML_DATETIME,       // offset date-time: 1979-05-27T07:32:00Z
	TOML_DATETIME_LOCAL, // local date-time: 1979-05-27T07:32:00
	TOML_DATE_LOCAL,     // local date: 1979-05-27
	TOML_TIME_LOCAL,     // local time: 07:32:00
};

// A date, a time or both. Fields that the value's type does not have are 0.
// Fractional seconds beyond nanoseconds are truncated.
struct toml_datetime {
	int year, month, day;
	int hour, minute, second;
	uint32_t nanosecond;
	int offset_minutes; // TOML_DATETIME only: east of UTC; Z is 0
};

// Why a parse failed. line and col are 0 only when memory ran out.
struct toml_error {
	uint32_t line, col;
	char msg[200]; // what is wrong, without the position
};

typedef struct toml_node toml_node;

// Parse len bytes of UTF-8 TOML. Returns the root table, or NULL with *err
// filled in. The result is freed with toml_free.
toml_node *toml_parse(const char *buf, size_t len, struct toml_error *err);
void toml_free(toml_node *root);

// Write "LINE:COL: msg" (or just msg without a position) into out; returns
// what snprintf returns.
int toml_error_format(const struct toml_error *err, char *out, size_t n);

// The type of n; 0 (no type) for NULL, so toml_type(toml_get(t, k)) is safe.
enum toml_type toml_type(const toml_node *n);
// "table", "array", "string", "integer", "float", "boolean", "offset
// date-time", "local date-time", "local date", "local time".
const char *toml_type_name(enum toml_type t);

// Where the value starts, and where its key starts (for a member of a table;
// for a table defined by [header] the key is the header's last key). Array
// elements and the root have key position 0:0.
uint32_t toml_line(const toml_node *n);
uint32_t toml_col(const toml_node *n);
uint32_t toml_key_line(const toml_node *n);
uint32_t toml_key_col(const toml_node *n);

// The key of a member of a table (NULL for array elements and the root).
// Keys may contain NUL (from "\u0000"); *len, if given, is its length. The key
// is also NUL-terminated.
const char *toml_key(const toml_node *n, size_t *len);

// Members of a table or elements of an array, in document order; 0 / NULL
// for other types or out of range.
size_t toml_len(const toml_node *n);
const toml_node *toml_at(const toml_node *n, size_t i);

// The member of a table with this key (one key, not a dotted path), or NULL.
const toml_node *toml_get(const toml_node *table, const char *key);
const toml_node *toml_getn(const toml_node *table, const char *key, size_t keylen);
// Follow a path of bare keys separated by '.' ("snaps.ethnode.syscalls"),
// through tables only. NULL if any step is missing.
const toml_node *toml_path(const toml_node *table, const char *path);

// Typed getters: 0 and the value, or -1 when n is NULL or of another type.
// A string is NUL-terminated; *len (if given) counts embedded NULs.
int toml_string(const toml_node *n, const char **s, size_t *len);
int toml_int(const toml_node *n, int64_t *v);
int toml_float(const toml_node *n, double *v);
int toml_bool(const toml_node *n, int *v);
// Any of the four date and time types.
int toml_datetime(const toml_node *n, struct toml_datetime *v);

// Write a date/time value as RFC 3339 text (fraction without trailing
// zeros, offset as Z or +HH:MM) into out; returns what snprintf returns.
int toml_datetime_format(const toml_node *n, char *out, size_t size);

#endif
