// lib/eth/testjson.h: a minimal JSON reader for lib/eth's tests only (test
// vector files). Header-only, all static; the library itself does not use
// it (lib/json is the project's JSON library).
//
// Values become a tree of TJ nodes. Strings keep their length (they may hold
// NUL from \u0000); numbers keep their text. Malformed input returns NULL.
#ifndef ETH_TESTJSON_H
#define ETH_TESTJSON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TJ_NULL, TJ_BOOL, TJ_NUM, TJ_STR, TJ_ARR, TJ_OBJ };

typedef struct TJ {
	int type;
	char *s; // TJ_STR and TJ_NUM text, NUL-terminated; TJ_BOOL "true"/"false"
	size_t slen;
	struct TJ **kids; // TJ_ARR and TJ_OBJ members in order
	char **keys;      // TJ_OBJ keys
	size_t n;
} TJ;

typedef struct TJParser {
	const char *p, *end;
	int depth;
} TJParser;

static TJ *tj_value(TJParser *ps);

static void
tj_ws(TJParser *ps)
{
	while (ps->p < ps->end &&
	       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static TJ *
tj_new(int type)
{
	TJ *j = calloc(1, sizeof *j);

	if (j == NULL)
		abort();
	j->type = type;
	return j;
}

static __attribute__((unused)) void
tj_free(TJ *j)
{
	size_t i;

	if (j == NULL)
		return;
	for (i = 0; i < j->n; i++) {
		tj_free(j->kids[i]);
		if (j->keys != NULL)
			free(j->keys[i]);
	}
	free(j->kids);
	free(j->keys);
	free(j->s);
	free(j);
}

static void
tj_push(TJ *j, TJ *kid, char *key)
{
	j->kids = realloc(j->kids, (j->n + 1) * sizeof *j->kids);
	if (j->kids == NULL)
		abort();
	if (j->type == TJ_OBJ) {
		j->keys = realloc(j->keys, (j->n + 1) * sizeof *j->keys);
		if (j->keys == NULL)
			abort();
		j->keys[j->n] = key;
	}
	j->kids[j->n++] = kid;
}

static int
tj_hex4(const char *p)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

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
	return v;
}

// A string after its opening quote; returns the bytes (UTF-8) and length.
static char *
tj_string(TJParser *ps, size_t *len)
{
	size_t cap = 16, n = 0;
	char *s = malloc(cap);

	if (s == NULL)
		abort();
	while (ps->p < ps->end && *ps->p != '"') {
		unsigned long c = (unsigned char)*ps->p++;

		if (c == '\\') {
			if (ps->p >= ps->end)
				goto bad;
			c = (unsigned char)*ps->p++;
			switch (c) {
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			case 'r':
				c = '\r';
				break;
			case 'b':
				c = '\b';
				break;
			case 'f':
				c = '\f';
				break;
			case 'u': {
				int v = ps->end - ps->p >= 4 ? tj_hex4(ps->p) : -1;

				if (v < 0)
					goto bad;
				ps->p += 4;
				c = (unsigned long)v;
				// A surrogate pair.
				if (c >= 0xd800 && c < 0xdc00 && ps->end - ps->p >= 6 &&
				    ps->p[0] == '\\' && ps->p[1] == 'u') {
					int lo = tj_hex4(ps->p + 2);

					if (lo >= 0xdc00 && lo < 0xe000) {
						c = 0x10000 + ((c - 0xd800) << 10) +
						    (unsigned long)(lo - 0xdc00);
						ps->p += 6;
					}
				}
				break;
			}
			default:
				break;
			}
			if (c >= 0x80) {
				// Encode the code point as UTF-8.
				char u[4];
				int k = 0, i;

				if (c < 0x800) {
					u[k++] = (char)(0xc0 | c >> 6);
				} else if (c < 0x10000) {
					u[k++] = (char)(0xe0 | c >> 12);
					u[k++] = (char)(0x80 | (c >> 6 & 63));
				} else {
					u[k++] = (char)(0xf0 | c >> 18);
					u[k++] = (char)(0x80 | (c >> 12 & 63));
					u[k++] = (char)(0x80 | (c >> 6 & 63));
				}
				u[k++] = (char)(0x80 | (c & 63));
				for (i = 0; i < k; i++) {
					if (n + 2 > cap && (s = realloc(s, cap *= 2)) == NULL)
						abort();
					s[n++] = u[i];
				}
				continue;
			}
		}
		if (n + 2 > cap && (s = realloc(s, cap *= 2)) == NULL)
			abort();
		s[n++] = (char)c;
	}
	if (ps->p >= ps->end)
		goto bad;
	ps->p++;
	s[n] = 0;
	*len = n;
	return s;
bad:
	free(s);
	return NULL;
}

static TJ *
tj_value(TJParser *ps)
{
	TJ *j;

	tj_ws(ps);
	if (ps->p >= ps->end || ++ps->depth > 200)
		return NULL;
	if (*ps->p == '{' || *ps->p == '[') {
		int obj = *ps->p == '{';
		char close = obj ? '}' : ']';

		ps->p++;
		j = tj_new(obj ? TJ_OBJ : TJ_ARR);
		tj_ws(ps);
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			ps->depth--;
			return j;
		}
		for (;;) {
			char *key = NULL;
			size_t kl;
			TJ *kid;

			if (obj) {
				tj_ws(ps);
				if (ps->p >= ps->end || *ps->p != '"')
					goto bad;
				ps->p++;
				if ((key = tj_string(ps, &kl)) == NULL)
					goto bad;
				tj_ws(ps);
				if (ps->p >= ps->end || *ps->p != ':') {
					free(key);
					goto bad;
				}
				ps->p++;
			}
			if ((kid = tj_value(ps)) == NULL) {
				free(key);
				goto bad;
			}
			tj_push(j, kid, key);
			tj_ws(ps);
			if (ps->p < ps->end && *ps->p == ',') {
				ps->p++;
				continue;
			}
			if (ps->p < ps->end && *ps->p == close) {
				ps->p++;
				ps->depth--;
				return j;
			}
			goto bad;
		}
	}
	if (*ps->p == '"') {
		ps->p++;
		j = tj_new(TJ_STR);
		if ((j->s = tj_string(ps, &j->slen)) == NULL)
			goto bad;
		ps->depth--;
		return j;
	}
	{
		const char *st = ps->p;

		while (ps->p < ps->end && strchr("0123456789+-.eEtruefalsn", *ps->p) != NULL)
			ps->p++;
		if (ps->p == st)
			return NULL;
		j = tj_new(*st == 'n' ? TJ_NULL : (*st == 't' || *st == 'f') ? TJ_BOOL : TJ_NUM);
		j->slen = (size_t)(ps->p - st);
		j->s = malloc(j->slen + 1);
		if (j->s == NULL)
			abort();
		memcpy(j->s, st, j->slen);
		j->s[j->slen] = 0;
		ps->depth--;
		return j;
	}
bad:
	tj_free(j);
	return NULL;
}

// Parse a whole file; NULL if it cannot be read or is not JSON.
static __attribute__((unused)) TJ *
tj_parse_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	TJParser ps;
	TJ *j;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	ps.p = buf;
	ps.end = buf + n;
	ps.depth = 0;
	j = tj_value(&ps);
	free(buf);
	return j;
}

// The member called key of an object, or NULL.
static __attribute__((unused)) TJ *
tj_get(const TJ *j, const char *key)
{
	size_t i;

	if (j == NULL || j->type != TJ_OBJ)
		return NULL;
	for (i = 0; i < j->n; i++)
		if (strcmp(j->keys[i], key) == 0)
			return j->kids[i];
	return NULL;
}

static __attribute__((unused)) const char *
tj_str(const TJ *j)
{
	return j != NULL && j->type == TJ_STR ? j->s : NULL;
}

#endif
