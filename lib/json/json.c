// lib/json/json.c: the strict RFC 8259 parser (text to tree) and tree accessors.
#include "json/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	const unsigned char *s;
	size_t len, pos;
	int depth;
	struct json_error *err;
	int failed;
};

static void
fail(struct parser *p, size_t at, const char *msg)
{
	if (p->failed)
		return;
	p->failed = 1;
	if (!p->err)
		return;
	p->err->offset = at;
	p->err->line = 1;
	p->err->col = 1;
	for (size_t i = 0; i < at && i < p->len; i++) {
		if (p->s[i] == '\n') {
			p->err->line++;
			p->err->col = 1;
		} else {
			p->err->col++;
		}
	}
	snprintf(p->err->msg, sizeof p->err->msg, "%s", msg);
}

void
json_strerror(const struct json_error *err, char *buf, size_t n)
{
	snprintf(buf, n, "%d:%d (byte %zu): %s", err->line, err->col, err->offset, err->msg);
}

static void
skip_ws(struct parser *p)
{
	while (p->pos < p->len) {
		unsigned char c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		p->pos++;
	}
}

static struct json *
node(struct parser *p, enum json_type t)
{
	struct json *j = calloc(1, sizeof *j);
	if (!j)
		fail(p, p->pos, "out of memory");
	else
		j->type = t;
	return j;
}

void
json_free(struct json *j)
{
	if (!j)
		return;
	free(j->str);
	for (size_t i = 0; i < j->n; i++) {
		if (j->type == JSON_ARRAY)
			json_free(j->items[i]);
		else {
			free(j->members[i].key);
			json_free(j->members[i].val);
		}
	}
	free(j->items);
	free(j->members);
	free(j);
}

// A growable byte buffer for decoded strings.
struct sbuf {
	char *p;
	size_t len, cap;
};

static int
sbuf_put(struct sbuf *b, const void *d, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 16;
		while (c < b->len + n + 1)
			c *= 2;
		char *q = realloc(b->p, c);
		if (!q)
			return -1;
		b->p = q;
		b->cap = c;
	}
	memcpy(b->p + b->len, d, n);
	b->len += n;
	b->p[b->len] = 0;
	return 0;
}

// Length of the valid UTF-8 sequence at s[0..n), or 0 when it is invalid
// (overlong, surrogate, above U+10FFFF, truncated, or a stray continuation).
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n < need + 1)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i <= need; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return need + 1;
}

int
json_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t k = utf8_len(u + i, n - i);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

static int
hex4(const unsigned char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

static size_t
utf8_put(unsigned cp, unsigned char *o)
{
	if (cp < 0x80) {
		o[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = 0xC0 | (cp >> 6);
		o[1] = 0x80 | (cp & 0x3F);
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = 0xE0 | (cp >> 12);
		o[1] = 0x80 | ((cp >> 6) & 0x3F);
		o[2] = 0x80 | (cp & 0x3F);
		return 3;
	}
	o[0] = 0xF0 | (cp >> 18);
	o[1] = 0x80 | ((cp >> 12) & 0x3F);
	o[2] = 0x80 | ((cp >> 6) & 0x3F);
	o[3] = 0x80 | (cp & 0x3F);
	return 4;
}

// Decode one \uXXXX escape (p->pos just after the 'u'), pairing surrogates.
static int
parse_uescape(struct parser *p, struct sbuf *b)
{
	size_t at = p->pos - 2;
	unsigned cp, lo;
	unsigned char o[4];

	if (p->len - p->pos < 4 || hex4(p->s + p->pos, &cp) < 0) {
		fail(p, at, "\\u must be followed by four hex digits");
		return -1;
	}
	p->pos += 4;
	if (cp >= 0xDC00 && cp <= 0xDFFF) {
		fail(p, at, "lone low surrogate in \\u escape");
		return -1;
	}
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (p->len - p->pos < 6 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u' ||
		    hex4(p->s + p->pos + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF) {
			fail(p, at, "high surrogate not followed by a \\u low surrogate");
			return -1;
		}
		p->pos += 6;
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (sbuf_put(b, o, utf8_put(cp, o)) < 0) {
		fail(p, at, "out of memory");
		return -1;
	}
	return 0;
}

static int
parse_escape(struct parser *p, struct sbuf *b)
{
	size_t at = p->pos;
	char c;

	p->pos++; // the backslash
	if (p->pos >= p->len) {
		fail(p, at, "unterminated string");
		return -1;
	}
	switch (p->s[p->pos++]) {
	case '"':
		c = '"';
		break;
	case '\\':
		c = '\\';
		break;
	case '/':
		c = '/';
		break;
	case 'b':
		c = '\b';
		break;
	case 'f':
		c = '\f';
		break;
	case 'n':
		c = '\n';
		break;
	case 'r':
		c = '\r';
		break;
	case 't':
		c = '\t';
		break;
	case 'u':
		return parse_uescape(p, b);
	default:
		fail(p, at, "invalid escape sequence");
		return -1;
	}
	if (sbuf_put(b, &c, 1) < 0) {
		fail(p, at, "out of memory");
		return -1;
	}
	return 0;
}

// Parse a string starting at the opening quote into a malloc'd buffer.
static char *
parse_string_raw(struct parser *p, size_t *outlen)
{
	struct sbuf b = {0};
	size_t start = p->pos;

	p->pos++;
	if (sbuf_put(&b, "", 0) < 0) {
		fail(p, start, "out of memory");
		return NULL;
	}
	for (;;) {
		if (p->pos >= p->len) {
			fail(p, start, "unterminated string");
			break;
		}
		unsigned char c = p->s[p->pos];
		if (c == '"') {
			p->pos++;
			*outlen = b.len;
			return b.p;
		}
		if (c == '\\') {
			if (parse_escape(p, &b) < 0)
				break;
			continue;
		}
		if (c < 0x20) {
			fail(p, p->pos, "control character in string must be escaped");
			break;
		}
		size_t n = utf8_len(p->s + p->pos, p->len - p->pos);
		if (n == 0) {
			fail(p, p->pos, "invalid UTF-8 in string");
			break;
		}
		if (sbuf_put(&b, p->s + p->pos, n) < 0) {
			fail(p, p->pos, "out of memory");
			break;
		}
		p->pos += n;
	}
	free(b.p);
	return NULL;
}

static size_t
digits(const unsigned char *s, size_t n, size_t i)
{
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

// Length of the longest RFC number prefix of s[0..n), or 0 if none, with
// *bad set to the offset of the first offending byte when the grammar breaks.
static size_t
scan_number(const unsigned char *s, size_t n, size_t *bad, const char **why)
{
	size_t i = 0, j;

	if (i < n && s[i] == '-')
		i++;
	if (i >= n || s[i] < '0' || s[i] > '9') {
		*bad = i;
		*why = "number needs a digit";
		return 0;
	}
	if (s[i] == '0') {
		i++;
		if (i < n && s[i] >= '0' && s[i] <= '9') {
			*bad = i;
			*why = "leading zero in number";
			return 0;
		}
	} else
		i = digits(s, n, i);
	if (i < n && s[i] == '.') {
		j = digits(s, n, i + 1);
		if (j == i + 1) {
			*bad = j;
			*why = "digit required after decimal point";
			return 0;
		}
		i = j;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		j = digits(s, n, i);
		if (j == i) {
			*bad = j;
			*why = "digit required in exponent";
			return 0;
		}
		i = j;
	}
	return i;
}

int
json_valid_number(const char *text, size_t n)
{
	size_t bad;
	const char *why;
	return n > 0 && scan_number((const unsigned char *)text, n, &bad, &why) == n;
}

static struct json *parse_value(struct parser *p);

static struct json *
parse_number(struct parser *p)
{
	size_t bad = 0;
	const char *why = "";
	size_t n = scan_number(p->s + p->pos, p->len - p->pos, &bad, &why);
	if (n == 0) {
		fail(p, p->pos + bad, why);
		return NULL;
	}
	struct json *j = node(p, JSON_NUMBER);
	if (!j)
		return NULL;
	j->str = malloc(n + 1);
	if (!j->str) {
		fail(p, p->pos, "out of memory");
		free(j);
		return NULL;
	}
	memcpy(j->str, p->s + p->pos, n);
	j->str[n] = 0;
	j->len = n;
	p->pos += n;
	return j;
}

static struct json *
parse_literal(struct parser *p, const char *word, enum json_type t)
{
	size_t n = strlen(word);
	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0) {
		fail(p, p->pos, "invalid literal (expected true, false or null)");
		return NULL;
	}
	p->pos += n;
	return node(p, t);
}

static int
push_item(struct parser *p, struct json *arr, struct json *v, size_t *cap)
{
	if (arr->n == *cap) {
		size_t c = *cap ? *cap * 2 : 4;
		struct json **q = realloc(arr->items, c * sizeof *q);
		if (!q) {
			fail(p, p->pos, "out of memory");
			return -1;
		}
		arr->items = q;
		*cap = c;
	}
	arr->items[arr->n++] = v;
	return 0;
}

static struct json *
parse_array(struct parser *p)
{
	struct json *a = node(p, JSON_ARRAY);
	size_t cap = 0;

	if (!a)
		return NULL;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		return a;
	}
	for (;;) {
		skip_ws(p);
		struct json *v = parse_value(p);
		if (!v || push_item(p, a, v, &cap) < 0) {
			json_free(v);
			break;
		}
		skip_ws(p);
		if (p->pos >= p->len) {
			fail(p, p->pos, "unterminated array (expected , or ])");
			break;
		}
		if (p->s[p->pos] == ']') {
			p->pos++;
			return a;
		}
		if (p->s[p->pos] != ',') {
			fail(p, p->pos, "expected , or ] in array");
			break;
		}
		p->pos++;
	}
	json_free(a);
	return NULL;
}

static int
has_key(const struct json *o, const char *k, size_t n)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->members[i].keylen == n && memcmp(o->members[i].key, k, n) == 0)
			return 1;
	return 0;
}

// Parse one "key": value member and append it to o.
static int
parse_member(struct parser *p, struct json *o, size_t *cap)
{
	size_t at = p->pos, klen;
	char *key;
	struct json *v;

	if (p->pos >= p->len || p->s[p->pos] != '"') {
		fail(p, p->pos, "expected a string key in object");
		return -1;
	}
	if (!(key = parse_string_raw(p, &klen)))
		return -1;
	if (has_key(o, key, klen)) {
		free(key);
		fail(p, at, "duplicate key in object");
		return -1;
	}
	skip_ws(p);
	if (p->pos >= p->len || p->s[p->pos] != ':') {
		free(key);
		fail(p, p->pos, "expected : after object key");
		return -1;
	}
	p->pos++;
	skip_ws(p);
	if (!(v = parse_value(p))) {
		free(key);
		return -1;
	}
	if (o->n == *cap) {
		size_t c = *cap ? *cap * 2 : 4;
		struct json_member *q = realloc(o->members, c * sizeof *q);
		if (!q) {
			free(key);
			json_free(v);
			fail(p, p->pos, "out of memory");
			return -1;
		}
		o->members = q;
		*cap = c;
	}
	o->members[o->n++] = (struct json_member){key, klen, v};
	return 0;
}

static struct json *
parse_object(struct parser *p)
{
	struct json *o = node(p, JSON_OBJECT);
	size_t cap = 0;

	if (!o)
		return NULL;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		return o;
	}
	for (;;) {
		skip_ws(p);
		if (parse_member(p, o, &cap) < 0)
			break;
		skip_ws(p);
		if (p->pos >= p->len) {
			fail(p, p->pos, "unterminated object (expected , or })");
			break;
		}
		if (p->s[p->pos] == '}') {
			p->pos++;
			return o;
		}
		if (p->s[p->pos] != ',') {
			fail(p, p->pos, "expected , or } in object");
			break;
		}
		p->pos++;
	}
	json_free(o);
	return NULL;
}

static struct json *
parse_value(struct parser *p)
{
	struct json *j = NULL;

	if (p->pos >= p->len) {
		fail(p, p->pos, "unexpected end of input (expected a value)");
		return NULL;
	}
	unsigned char c = p->s[p->pos];
	if (c == '{' || c == '[') {
		if (++p->depth > JSON_MAX_DEPTH) {
			fail(p, p->pos, "nesting deeper than JSON_MAX_DEPTH");
			return NULL;
		}
		j = c == '{' ? parse_object(p) : parse_array(p);
		p->depth--;
		return j;
	}
	if (c == '"') {
		size_t at = p->pos;
		j = node(p, JSON_STRING);
		if (j && !(j->str = parse_string_raw(p, &j->len))) {
			free(j);
			j = NULL;
			(void)at;
		}
		return j;
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(p);
	if (c == 't')
		return parse_literal(p, "true", JSON_TRUE);
	if (c == 'f')
		return parse_literal(p, "false", JSON_FALSE);
	if (c == 'n')
		return parse_literal(p, "null", JSON_NULL);
	if (c == 0xEF && p->pos == 0)
		fail(p, p->pos, "byte order mark is not allowed");
	else
		fail(p, p->pos, "unexpected character (expected a value)");
	return NULL;
}

struct json *
json_parse(const char *text, size_t len, struct json_error *err)
{
	struct parser p = {(const unsigned char *)text, len, 0, 0, err, 0};
	struct json *j;

	if (err)
		memset(err, 0, sizeof *err);
	skip_ws(&p);
	j = parse_value(&p);
	if (!j)
		return NULL;
	skip_ws(&p);
	if (p.pos != p.len) {
		fail(&p, p.pos, "trailing data after the JSON value");
		json_free(j);
		return NULL;
	}
	return j;
}

const struct json *
json_get(const struct json *obj, const char *key)
{
	size_t n;

	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	n = strlen(key);
	for (size_t i = 0; i < obj->n; i++)
		if (obj->members[i].keylen == n && memcmp(obj->members[i].key, key, n) == 0)
			return obj->members[i].val;
	return NULL;
}

const struct json *
json_at(const struct json *arr, size_t i)
{
	if (!arr || arr->type != JSON_ARRAY || i >= arr->n)
		return NULL;
	return arr->items[i];
}

const char *
json_string(const struct json *j)
{
	return j && j->type == JSON_STRING ? j->str : NULL;
}

int
json_is(const struct json *j, enum json_type t)
{
	return j && j->type == t;
}

int
json_u64(const struct json *j, uint64_t *out)
{
	uint64_t v = 0;

	if (!j || j->type != JSON_NUMBER || j->len == 0 || j->len > 20)
		return 0;
	for (size_t i = 0; i < j->len; i++) {
		unsigned d = (unsigned char)j->str[i] - '0';
		if (d > 9)
			return 0;
		if (v > (UINT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	*out = v;
	return 1;
}

int
json_i64(const struct json *j, int64_t *out)
{
	struct json t;
	uint64_t v;

	if (!j || j->type != JSON_NUMBER)
		return 0;
	if (j->len > 0 && j->str[0] == '-') {
		t = *j;
		t.str = j->str + 1;
		t.len = j->len - 1;
		if (!json_u64(&t, &v) || v > (uint64_t)INT64_MAX + 1)
			return 0;
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
		return 1;
	}
	if (!json_u64(j, &v) || v > INT64_MAX)
		return 0;
	*out = (int64_t)v;
	return 1;
}
