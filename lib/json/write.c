// lib/json/write.c: the streaming JSON writer (jw_*), producing compact RFC 8259 text.
#include "json/json.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
jw_init(struct json_writer *w)
{
	memset(w, 0, sizeof *w);
}

static void
put(struct json_writer *w, const char *s, size_t n)
{
	if (w->err)
		return;
	if (w->len + n + 1 > w->cap) {
		size_t c = w->cap ? w->cap : 64;
		while (c < w->len + n + 1)
			c *= 2;
		char *q = realloc(w->buf, c);
		if (!q) {
			w->err = 1;
			return;
		}
		w->buf = q;
		w->cap = c;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = 0;
}

// Called before every value: writes the separating comma, and checks that a
// value is allowed here (in an object only after a key).
static void
before_value(struct json_writer *w)
{
	if (w->depth == 0) {
		if (w->count[0])
			w->err = 1; // a second top-level value
		w->count[0] = 1;
		return;
	}
	if (w->is_obj[w->depth]) {
		if (!w->want_value)
			w->err = 1;
		w->want_value = 0;
		return;
	}
	if (w->count[w->depth])
		put(w, ",", 1);
	w->count[w->depth] = 1;
}

static void
open(struct json_writer *w, int obj)
{
	before_value(w);
	if (w->depth >= JSON_MAX_DEPTH) {
		w->err = 1;
		return;
	}
	w->depth++;
	w->count[w->depth] = 0;
	w->is_obj[w->depth] = obj;
	put(w, obj ? "{" : "[", 1);
}

static void
close_(struct json_writer *w, int obj)
{
	if (w->depth == 0 || w->is_obj[w->depth] != obj || w->want_value) {
		w->err = 1;
		return;
	}
	w->depth--;
	put(w, obj ? "}" : "]", 1);
}

void
jw_obj(struct json_writer *w)
{
	open(w, 1);
}

void
jw_obj_end(struct json_writer *w)
{
	close_(w, 1);
}

void
jw_arr(struct json_writer *w)
{
	open(w, 0);
}

void
jw_arr_end(struct json_writer *w)
{
	close_(w, 0);
}

static void
put_string(struct json_writer *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	put(w, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];
		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\r')
			esc = "\\r";
		else if (c == '\t')
			esc = "\\t";
		else if (c < 0x20) {
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			u[6] = 0;
			esc = u;
		}
		if (!esc)
			continue;
		put(w, s + run, i - run);
		put(w, esc, strlen(esc));
		run = i + 1;
	}
	put(w, s + run, n - run);
	put(w, "\"", 1);
}

void
jw_key(struct json_writer *w, const char *key)
{
	if (w->depth == 0 || !w->is_obj[w->depth] || w->want_value) {
		w->err = 1;
		return;
	}
	if (w->count[w->depth])
		put(w, ",", 1);
	w->count[w->depth] = 1;
	put_string(w, key, strlen(key));
	put(w, ":", 1);
	w->want_value = 1;
}

static void
key_n(struct json_writer *w, const char *key, size_t n)
{
	if (w->depth == 0 || !w->is_obj[w->depth] || w->want_value) {
		w->err = 1;
		return;
	}
	if (w->count[w->depth])
		put(w, ",", 1);
	w->count[w->depth] = 1;
	put_string(w, key, n);
	put(w, ":", 1);
	w->want_value = 1;
}

// Strings must be valid UTF-8 (anything parsed by json_parse is); invalid
// UTF-8 is an error, as it would make invalid JSON.
void
jw_strn(struct json_writer *w, const char *s, size_t n)
{
	if (!json_utf8_valid(s, n)) {
		w->err = 1;
		return;
	}
	before_value(w);
	put_string(w, s, n);
}

void
jw_str(struct json_writer *w, const char *s)
{
	jw_strn(w, s, strlen(s));
}

void
jw_num(struct json_writer *w, const char *text)
{
	size_t n = strlen(text);
	if (!json_valid_number(text, n)) {
		w->err = 1;
		return;
	}
	before_value(w);
	put(w, text, n);
}

void
jw_u64(struct json_writer *w, uint64_t v)
{
	char b[24];
	snprintf(b, sizeof b, "%" PRIu64, v);
	jw_num(w, b);
}

void
jw_i64(struct json_writer *w, int64_t v)
{
	char b[24];
	snprintf(b, sizeof b, "%" PRId64, v);
	jw_num(w, b);
}

void
jw_bool(struct json_writer *w, int v)
{
	before_value(w);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void
jw_null(struct json_writer *w)
{
	before_value(w);
	put(w, "null", 4);
}

void
jw_value(struct json_writer *w, const struct json *j)
{
	if (!j) {
		w->err = 1;
		return;
	}
	switch (j->type) {
	case JSON_NULL:
		jw_null(w);
		break;
	case JSON_FALSE:
		jw_bool(w, 0);
		break;
	case JSON_TRUE:
		jw_bool(w, 1);
		break;
	case JSON_NUMBER:
		jw_num(w, j->str);
		break;
	case JSON_STRING:
		jw_strn(w, j->str, j->len);
		break;
	case JSON_ARRAY:
		jw_arr(w);
		for (size_t i = 0; i < j->n; i++)
			jw_value(w, j->items[i]);
		jw_arr_end(w);
		break;
	case JSON_OBJECT:
		jw_obj(w);
		for (size_t i = 0; i < j->n; i++) {
			key_n(w, j->members[i].key, j->members[i].keylen);
			jw_value(w, j->members[i].val);
		}
		jw_obj_end(w);
		break;
	}
}

char *
jw_finish(struct json_writer *w, size_t *len)
{
	char *s = w->buf;
	if (w->err || w->depth != 0 || !w->count[0] || !s) {
		jw_discard(w);
		return NULL;
	}
	if (len)
		*len = w->len;
	w->buf = NULL;
	return s;
}

void
jw_discard(struct json_writer *w)
{
	free(w->buf);
	memset(w, 0, sizeof *w);
}
