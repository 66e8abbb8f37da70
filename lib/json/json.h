// lib/json/json.h: strict RFC 8259 JSON, a parser to a tree and a streaming writer.
//
// Parsing is strict: the whole input must be exactly one JSON text (any value,
// surrounded only by space, tab, CR and LF), strings must be valid UTF-8 with
// no raw control characters, \u escapes must pair surrogates correctly (a lone
// surrogate is rejected), numbers follow the RFC grammar exactly, nesting is
// limited to JSON_MAX_DEPTH, and an object with a repeated key is rejected.
// Numbers keep their text, so integers wider than 64 bits are not lost.
// Errors carry the byte offset and line:column of the first bad byte.
#ifndef JSON_JSON_H
#define JSON_JSON_H

#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 256

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json;

struct json_member {
	char *key; // decoded, NUL-terminated (may also contain NUL: see keylen)
	size_t keylen;
	struct json *val;
};

struct json {
	enum json_type type;
	// JSON_STRING: the decoded UTF-8 bytes; JSON_NUMBER: the number's text.
	// Always NUL-terminated; len excludes the NUL.
	char *str;
	size_t len;
	// JSON_ARRAY: items[0..n); JSON_OBJECT: members[0..n) in input order.
	struct json **items;
	struct json_member *members;
	size_t n;
};

struct json_error {
	size_t offset; // byte offset of the problem
	int line, col; // 1-based; col counts bytes
	char msg[96];
};

// Parse len bytes of text. Returns the tree, or NULL with *err filled in
// (err may be NULL). Free the tree with json_free.
struct json *json_parse(const char *text, size_t len, struct json_error *err);
void json_free(struct json *j);

// Format an error as "LINE:COL (byte OFFSET): MSG" into buf.
void json_strerror(const struct json_error *err, char *buf, size_t n);

// Accessors; each returns NULL/0 when j is NULL or of another type.
const struct json *json_get(const struct json *obj, const char *key);
const struct json *json_at(const struct json *arr, size_t i);
const char *json_string(const struct json *j);
int json_is(const struct json *j, enum json_type t);
// A JSON number that is a non-negative integer fitting in 64 bits.
int json_u64(const struct json *j, uint64_t *out);
// A JSON number that is an integer fitting in int64_t.
int json_i64(const struct json *j, int64_t *out);

// Streaming writer. Calls never fail individually; running out of memory or
// misuse (a value where a key is required, unbalanced ends) is recorded and
// reported by jw_finish.
struct json_writer {
	char *buf;
	size_t len, cap;
	int err;
	int depth;
	uint8_t count[JSON_MAX_DEPTH + 1]; // 0: nothing yet at this level, 1: something
	uint8_t is_obj[JSON_MAX_DEPTH + 1];
	int want_value; // a key was just written
};

void jw_init(struct json_writer *w);
void jw_obj(struct json_writer *w);
void jw_obj_end(struct json_writer *w);
void jw_arr(struct json_writer *w);
void jw_arr_end(struct json_writer *w);
void jw_key(struct json_writer *w, const char *key);
void jw_str(struct json_writer *w, const char *s);
// Strings must be valid UTF-8 (an error otherwise).
void jw_strn(struct json_writer *w, const char *s, size_t n);
// Write a number from its text; the text must match the RFC number grammar.
void jw_num(struct json_writer *w, const char *text);
void jw_u64(struct json_writer *w, uint64_t v);
void jw_i64(struct json_writer *w, int64_t v);
void jw_bool(struct json_writer *w, int v);
void jw_null(struct json_writer *w);
// Write a whole parsed tree as a value.
void jw_value(struct json_writer *w, const struct json *j);
// Returns the NUL-terminated text (caller frees) and its length, or NULL when
// the writer saw an error or the document is incomplete. Frees on failure.
char *jw_finish(struct json_writer *w, size_t *len);
void jw_discard(struct json_writer *w);

// Whether s[0..n) is valid UTF-8 (no overlongs, surrogates or code points
// above U+10FFFF).
int json_utf8_valid(const char *s, size_t n);

// Whether text[0..n) is exactly a JSON number.
int json_valid_number(const char *text, size_t n);

#endif
