// lib/eth/abi_type.c: ABI types and signatures: parsing Solidity spellings, canonical
// forms, selectors.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "eth/abi.h"

enum { MAX_TYPE_DEPTH = 32, MAX_FARRAY = 1 << 20 };

struct tparser {
	const char *s;
	size_t pos;
	int depth;
	int allow_indexed; // top-level tuple of an event signature
	char *err;
};

void
abi_type_free(struct abi_type *t)
{
	if (!t)
		return;
	abi_type_free(t->elem);
	for (size_t i = 0; i < t->nsub; i++)
		abi_type_free(t->sub[i]);
	free(t->sub);
	free(t->indexed);
	free(t);
}

static void
skip_sp(struct tparser *p)
{
	while (p->s[p->pos] == ' ')
		p->pos++;
}

static int
terr(struct tparser *p, const char *why)
{
	return eth_err(p->err, "type at char %zu of \"%s\": %s", p->pos + 1, p->s, why);
}

// An optional decimal size right after a base name ("uint256" -> 256).
// Returns -1 when absent, -2 when malformed.
static long
type_size(struct tparser *p)
{
	long v = 0;
	size_t start = p->pos;

	while (isdigit((unsigned char)p->s[p->pos])) {
		if (p->pos - start > 4)
			return -2;
		v = v * 10 + (p->s[p->pos++] - '0');
	}
	if (p->pos == start)
		return -1;
	if (p->s[start] == '0')
		return -2;
	return v;
}

static struct abi_type *
new_type(enum abi_kind k, int size)
{
	struct abi_type *t = calloc(1, sizeof *t);
	if (t) {
		t->kind = k;
		t->size = size;
	}
	return t;
}

static struct abi_type *parse_type(struct tparser *p);

static int
add_field(struct abi_type *t, struct abi_type *f, int indexed)
{
	struct abi_type **q = realloc(t->sub, (t->nsub + 1) * sizeof *q);
	if (!q)
		return -1;
	t->sub = q;
	int *ix = realloc(t->indexed, (t->nsub + 1) * sizeof *ix);
	if (!ix)
		return -1;
	t->indexed = ix;
	t->sub[t->nsub] = f;
	t->indexed[t->nsub++] = indexed;
	return 0;
}

// After a field of an event's parameter list: " indexed", and/or a name.
static int
field_suffix(struct tparser *p, int *indexed)
{
	*indexed = 0;
	skip_sp(p);
	if (p->allow_indexed && strncmp(p->s + p->pos, "indexed", 7) == 0 &&
	    !isalnum((unsigned char)p->s[p->pos + 7]) && p->s[p->pos + 7] != '_') {
		*indexed = 1;
		p->pos += 7;
		skip_sp(p);
	}
	// A parameter name is allowed and ignored.
	while (isalnum((unsigned char)p->s[p->pos]) || p->s[p->pos] == '_')
		p->pos++;
	skip_sp(p);
	return 0;
}

static struct abi_type *
parse_tuple(struct tparser *p)
{
	struct abi_type *t = new_type(ABI_TUPLE, 0);
	int ev = p->allow_indexed, indexed;

	if (!t)
		return terr(p, "out of memory"), NULL;
	p->pos++; // '('
	skip_sp(p);
	if (p->s[p->pos] == ')') {
		p->pos++;
		return t;
	}
	for (;;) {
		p->allow_indexed = 0;
		struct abi_type *f = parse_type(p);
		p->allow_indexed = ev;
		if (!f)
			break;
		field_suffix(p, &indexed);
		if (add_field(t, f, indexed) < 0) {
			abi_type_free(f);
			terr(p, "out of memory");
			break;
		}
		if (p->s[p->pos] == ')') {
			p->pos++;
			return t;
		}
		if (p->s[p->pos] != ',') {
			terr(p, "expected ',' or ')' in tuple");
			break;
		}
		p->pos++;
		skip_sp(p);
	}
	abi_type_free(t);
	return NULL;
}

static struct abi_type *
parse_base(struct tparser *p)
{
	static const struct {
		const char *name;
		enum abi_kind kind;
	} names[] = {
	        {"address", ABI_ADDRESS}, {"bool", ABI_BOOL}, {"string", ABI_STRING},
	        {"uint", ABI_UINT},       {"int", ABI_INT},   {"bytes", ABI_BYTES},
	};
	const char *s = p->s + p->pos;

	if (*s == '(')
		return parse_tuple(p);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		size_t n = strlen(names[i].name);
		if (strncmp(s, names[i].name, n) != 0)
			continue;
		p->pos += n;
		long sz = type_size(p);
		if (sz == -2)
			return terr(p, "malformed size"), NULL;
		enum abi_kind k = names[i].kind;
		if (k == ABI_UINT || k == ABI_INT) {
			if (sz == -1)
				sz = 256;
			if (sz < 8 || sz > 256 || sz % 8)
				return terr(p, "integer size must be 8..256 in steps of 8"), NULL;
		} else if (k == ABI_BYTES && sz != -1) {
			if (sz < 1 || sz > 32)
				return terr(p, "bytesN needs 1 <= N <= 32"), NULL;
			k = ABI_FBYTES;
		} else if (sz != -1)
			return terr(p, "this type takes no size"), NULL;
		if (isalnum((unsigned char)p->s[p->pos]) || p->s[p->pos] == '_')
			return terr(p, "unknown type name"), NULL;
		struct abi_type *t = new_type(k, (int)sz);
		if (!t)
			terr(p, "out of memory");
		return t;
	}
	if (strncmp(s, "fixed", 5) == 0 || strncmp(s, "ufixed", 6) == 0 ||
	    strncmp(s, "function", 8) == 0)
		return terr(p, "fixed-point and function types are not supported"), NULL;
	return terr(p, "unknown type name"), NULL;
}

static struct abi_type *
parse_type(struct tparser *p)
{
	struct abi_type *t;

	if (++p->depth > MAX_TYPE_DEPTH)
		return terr(p, "type nested too deeply"), NULL;
	t = parse_base(p);
	while (t && p->s[p->pos] == '[') {
		struct abi_type *a;
		p->pos++;
		long k = type_size(p);
		if (k == -2 || p->s[p->pos] != ']' || k > MAX_FARRAY) {
			abi_type_free(t);
			terr(p, "malformed array length");
			t = NULL;
			break;
		}
		p->pos++;
		a = new_type(k == -1 ? ABI_ARRAY : ABI_FARRAY, 0);
		if (!a) {
			abi_type_free(t);
			terr(p, "out of memory");
			t = NULL;
			break;
		}
		a->len = k == -1 ? 0 : (size_t)k;
		a->elem = t;
		t = a;
	}
	p->depth--;
	return t;
}

struct abi_type *
abi_type_parse(const char *s, char *err)
{
	struct tparser p = {s, 0, 0, 0, err};
	struct abi_type *t = parse_type(&p);

	if (t && s[p.pos] != 0) {
		terr(&p, "trailing characters after the type");
		abi_type_free(t);
		return NULL;
	}
	return t;
}

int
abi_type_is_dynamic(const struct abi_type *t)
{
	switch (t->kind) {
	case ABI_BYTES:
	case ABI_STRING:
	case ABI_ARRAY:
		return 1;
	case ABI_FARRAY:
		return abi_type_is_dynamic(t->elem);
	case ABI_TUPLE:
		for (size_t i = 0; i < t->nsub; i++)
			if (abi_type_is_dynamic(t->sub[i]))
				return 1;
		return 0;
	default:
		return 0;
	}
}

struct cbuf {
	char *p;
	size_t n, len;
	int over;
};

static void
cput(struct cbuf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->n) {
		b->over = 1;
		return;
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
}

static void
canon(const struct abi_type *t, struct cbuf *b)
{
	char tmp[32];

	switch (t->kind) {
	case ABI_UINT:
		snprintf(tmp, sizeof tmp, "uint%d", t->size);
		break;
	case ABI_INT:
		snprintf(tmp, sizeof tmp, "int%d", t->size);
		break;
	case ABI_ADDRESS:
		snprintf(tmp, sizeof tmp, "address");
		break;
	case ABI_BOOL:
		snprintf(tmp, sizeof tmp, "bool");
		break;
	case ABI_FBYTES:
		snprintf(tmp, sizeof tmp, "bytes%d", t->size);
		break;
	case ABI_BYTES:
		snprintf(tmp, sizeof tmp, "bytes");
		break;
	case ABI_STRING:
		snprintf(tmp, sizeof tmp, "string");
		break;
	case ABI_ARRAY:
	case ABI_FARRAY:
		canon(t->elem, b);
		if (t->kind == ABI_ARRAY)
			snprintf(tmp, sizeof tmp, "[]");
		else
			snprintf(tmp, sizeof tmp, "[%zu]", t->len);
		break;
	case ABI_TUPLE:
		cput(b, "(");
		for (size_t i = 0; i < t->nsub; i++) {
			if (i)
				cput(b, ",");
			canon(t->sub[i], b);
		}
		snprintf(tmp, sizeof tmp, ")");
		break;
	}
	cput(b, tmp);
}

int
abi_type_canonical(const struct abi_type *t, char *buf, size_t n)
{
	struct cbuf b = {buf, n, 0, 0};
	if (n)
		buf[0] = 0;
	canon(t, &b);
	return b.over ? -1 : 0;
}

int
abi_sig_parse(const char *s, struct abi_sig *sig, char *err)
{
	struct tparser p = {s, 0, 0, 1, err};
	size_t n = 0;

	memset(sig, 0, sizeof *sig);
	while (isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == '$')
		n++;
	if (n == 0 || n >= sizeof sig->name || isdigit((unsigned char)s[0]))
		return eth_err(err, "signature \"%s\": expected a name then '('", s);
	if (s[n] != '(')
		return eth_err(err, "signature \"%s\": expected '(' after the name", s);
	memcpy(sig->name, s, n);
	p.pos = n;
	if (!(sig->in = parse_tuple(&p)))
		return -1;
	p.allow_indexed = 0;
	skip_sp(&p);
	if (s[p.pos] == '(') {
		if (!(sig->out = parse_tuple(&p)))
			goto fail;
	}
	if (s[p.pos] != 0) {
		terr(&p, "trailing characters after the signature");
		goto fail;
	}
	memcpy(sig->canonical, sig->name, n);
	if (abi_type_canonical(sig->in, sig->canonical + n, sizeof sig->canonical - n) < 0) {
		eth_err(err, "signature \"%s\" too long", s);
		goto fail;
	}
	return 0;
fail:
	abi_sig_free(sig);
	return -1;
}

void
abi_sig_free(struct abi_sig *sig)
{
	abi_type_free(sig->in);
	abi_type_free(sig->out);
	sig->in = sig->out = NULL;
}

void
abi_sig_hash(const struct abi_sig *sig, uint8_t out[32])
{
	keccak256(sig->canonical, strlen(sig->canonical), out);
}

int
abi_selector(const char *s, uint8_t out[4], char *err)
{
	struct abi_sig sig;
	uint8_t h[32];

	if (abi_sig_parse(s, &sig, err) < 0)
		return -1;
	abi_sig_hash(&sig, h);
	memcpy(out, h, 4);
	abi_sig_free(&sig);
	return 0;
}
