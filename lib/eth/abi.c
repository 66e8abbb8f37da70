// lib/eth/abi.c: ABI encoding (heads and tails) and strict decoding with bounds checks.
#include "eth/abi.h"

#include <stdlib.h>
#include <string.h>

enum {
	// Decoding budget: at most this many values per abi_decode call, so that
	// data whose offsets all point at one big array cannot blow up memory.
	MAX_DECODE_VALUES = 1 << 20,
	MAX_DECODE_DEPTH = 64,
};

void
abi_buf_put(struct abi_buf *b, const void *d, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n > b->cap) {
		size_t c = b->cap ? b->cap : 256;
		while (c < b->len + n)
			c *= 2;
		uint8_t *q = realloc(b->p, c);
		if (!q) {
			b->oom = 1;
			return;
		}
		b->p = q;
		b->cap = c;
	}
	if (n)
		memcpy(b->p + b->len, d, n);
	b->len += n;
}

void
abi_buf_free(struct abi_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

static void
put_word_u64(struct abi_buf *b, uint64_t v)
{
	uint8_t w[32] = {0};
	for (int i = 0; i < 8; i++)
		w[31 - i] = (uint8_t)(v >> (8 * i));
	abi_buf_put(b, w, 32);
}

// Static size of a type's head: 32 for dynamic types and scalars, the sum of
// the parts for static arrays and tuples.
static size_t
head_size(const struct abi_type *t)
{
	size_t n = 0;
	if (abi_type_is_dynamic(t))
		return 32;
	if (t->kind == ABI_FARRAY)
		return t->len * head_size(t->elem);
	if (t->kind == ABI_TUPLE) {
		for (size_t i = 0; i < t->nsub; i++)
			n += head_size(t->sub[i]);
		return n;
	}
	return 32;
}

static int encode(const struct abi_type *t, const struct abi_value *v, struct abi_buf *out,
                  char *err);

// Encode a sequence of n values: heads first (static values in place,
// offsets for dynamic ones), then the tails of the dynamic ones.
static int
encode_seq(const struct abi_type *const *types, const struct abi_type *same,
           const struct abi_value *vals, size_t n, struct abi_buf *out, char *err)
{
	struct abi_buf tail = {0};
	size_t heads = 0;

	for (size_t i = 0; i < n; i++)
		heads += head_size(same ? same : types[i]);
	for (size_t i = 0; i < n; i++) {
		const struct abi_type *t = same ? same : types[i];
		if (!abi_type_is_dynamic(t)) {
			if (encode(t, &vals[i], out, err) < 0)
				goto fail;
			continue;
		}
		put_word_u64(out, heads + tail.len);
		if (encode(t, &vals[i], &tail, err) < 0)
			goto fail;
	}
	abi_buf_put(out, tail.p, tail.len);
	abi_buf_free(&tail);
	return 0;
fail:
	abi_buf_free(&tail);
	return -1;
}

static int
encode(const struct abi_type *t, const struct abi_value *v, struct abi_buf *out, char *err)
{
	static const uint8_t zero[32];

	switch (t->kind) {
	case ABI_UINT:
	case ABI_INT:
	case ABI_ADDRESS:
	case ABI_BOOL:
	case ABI_FBYTES:
		abi_buf_put(out, v->word, 32);
		break;
	case ABI_BYTES:
	case ABI_STRING:
		put_word_u64(out, v->len);
		abi_buf_put(out, v->bytes, v->len);
		abi_buf_put(out, zero, (32 - v->len % 32) % 32);
		break;
	case ABI_ARRAY:
		put_word_u64(out, v->n);
		return encode_seq(NULL, t->elem, v->items, v->n, out, err);
	case ABI_FARRAY:
		if (v->n != t->len)
			return eth_err(err, "abi: fixed array needs %zu items, got %zu", t->len,
			               v->n);
		return encode_seq(NULL, t->elem, v->items, v->n, out, err);
	case ABI_TUPLE:
		if (v->n != t->nsub)
			return eth_err(err, "abi: tuple needs %zu values, got %zu", t->nsub, v->n);
		return encode_seq((const struct abi_type *const *)t->sub, NULL, v->items, v->n, out,
		                  err);
	}
	return 0;
}

int
abi_encode(const struct abi_type *t, const struct abi_value *v, struct abi_buf *out, char *err)
{
	if (encode(t, v, out, err) < 0)
		return -1;
	if (out->oom)
		return eth_err(err, "abi: out of memory");
	return 0;
}

int
abi_encode_call(const struct abi_sig *sig, const struct abi_value *args, struct abi_buf *out,
                char *err)
{
	uint8_t h[32];
	abi_sig_hash(sig, h);
	abi_buf_put(out, h, 4);
	return abi_encode(sig->in, args, out, err);
}

void
abi_value_free(struct abi_value *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++)
		abi_value_free(&v->items[i]);
	free(v->items);
	free(v->bytes);
	memset(v, 0, sizeof *v);
}

struct dec {
	const uint8_t *d;
	size_t len;
	size_t budget;
	int depth;
	char *err;
};

// A 32-byte word at off read as a length or offset; it must fit in size_t
// and be at most len.
static int
read_size(struct dec *c, size_t off, size_t *out)
{
	const uint8_t *w = c->d + off;
	uint64_t v = 0;
	for (int i = 0; i < 24; i++)
		if (w[i])
			return eth_err(c->err, "abi: byte %zu: offset or length too large", off);
	for (int i = 24; i < 32; i++)
		v = v << 8 | w[i];
	if (v > c->len)
		return eth_err(c->err, "abi: byte %zu: offset or length %llu beyond the data (%zu)",
		               off, (unsigned long long)v, c->len);
	*out = (size_t)v;
	return 0;
}

// Check a scalar word against its type's range.
static int
check_word(struct dec *c, const struct abi_type *t, const uint8_t *w, size_t off)
{
	int pad;
	switch (t->kind) {
	case ABI_UINT:
	case ABI_ADDRESS:
		pad = t->kind == ABI_ADDRESS ? 12 : 32 - t->size / 8;
		for (int i = 0; i < pad; i++)
			if (w[i])
				return eth_err(c->err, "abi: byte %zu: value out of range for %s",
				               off, t->kind == ABI_ADDRESS ? "address" : "uint");
		return 0;
	case ABI_INT:
		pad = 32 - t->size / 8;
		for (int i = 0; i < pad; i++)
			if (w[i] != ((w[pad] & 0x80) ? 0xff : 0))
				return eth_err(c->err, "abi: byte %zu: int%d not sign-extended",
				               off, t->size);
		return 0;
	case ABI_BOOL:
		for (int i = 0; i < 31; i++)
			if (w[i])
				return eth_err(c->err, "abi: byte %zu: bool is not 0 or 1", off);
		if (w[31] > 1)
			return eth_err(c->err, "abi: byte %zu: bool is not 0 or 1", off);
		return 0;
	case ABI_FBYTES:
		for (int i = t->size; i < 32; i++)
			if (w[i])
				return eth_err(c->err, "abi: byte %zu: bytes%d padding not zero",
				               off, t->size);
		return 0;
	default:
		return 0;
	}
}

static int decode_at(struct dec *c, const struct abi_type *t, size_t off, struct abi_value *v);

// Decode n values laid out as a sequence starting at base (offsets inside are
// relative to base).
static int
decode_seq(struct dec *c, const struct abi_type *const *types, const struct abi_type *same,
           size_t n, size_t base, struct abi_value *v)
{
	size_t pos = base;

	if (n > c->budget)
		return eth_err(c->err, "abi: too many values to decode");
	c->budget -= n;
	v->items = calloc(n ? n : 1, sizeof *v->items);
	if (!v->items)
		return eth_err(c->err, "abi: out of memory");
	v->n = n;
	for (size_t i = 0; i < n; i++) {
		const struct abi_type *t = same ? same : types[i];
		size_t hs = head_size(t);
		if (pos > c->len || c->len - pos < hs)
			return eth_err(c->err, "abi: byte %zu: data too short for item %zu", pos,
			               i);
		if (abi_type_is_dynamic(t)) {
			size_t rel;
			if (read_size(c, pos, &rel) < 0)
				return -1;
			if (rel > c->len - base)
				return eth_err(c->err, "abi: byte %zu: offset beyond the data",
				               pos);
			if (decode_at(c, t, base + rel, &v->items[i]) < 0)
				return -1;
		} else if (decode_at(c, t, pos, &v->items[i]) < 0)
			return -1;
		pos += hs;
	}
	return 0;
}

static int
decode_inner(struct dec *c, const struct abi_type *t, size_t off, struct abi_value *v)
{
	size_t n;

	switch (t->kind) {
	case ABI_UINT:
	case ABI_INT:
	case ABI_ADDRESS:
	case ABI_BOOL:
	case ABI_FBYTES:
		if (off > c->len || c->len - off < 32)
			return eth_err(c->err, "abi: byte %zu: data too short for a word", off);
		if (check_word(c, t, c->d + off, off) < 0)
			return -1;
		memcpy(v->word, c->d + off, 32);
		return 0;
	case ABI_BYTES:
	case ABI_STRING:
		if (off > c->len || c->len - off < 32)
			return eth_err(c->err, "abi: byte %zu: data too short for a length", off);
		if (read_size(c, off, &n) < 0)
			return -1;
		if (c->len - off - 32 < n)
			return eth_err(c->err, "abi: byte %zu: %zu bytes run past the end", off, n);
		v->bytes = malloc(n + 1);
		if (!v->bytes)
			return eth_err(c->err, "abi: out of memory");
		memcpy(v->bytes, c->d + off + 32, n);
		v->bytes[n] = 0;
		v->len = n;
		return 0;
	case ABI_ARRAY:
		if (off > c->len || c->len - off < 32)
			return eth_err(c->err, "abi: byte %zu: data too short for a length", off);
		if (read_size(c, off, &n) < 0)
			return -1;
		// Each element takes at least its head; reject lengths the data cannot hold.
		if (head_size(t->elem) && n > (c->len - off - 32) / head_size(t->elem))
			return eth_err(c->err, "abi: byte %zu: array length %zu exceeds the data",
			               off, n);
		return decode_seq(c, NULL, t->elem, n, off + 32, v);
	case ABI_FARRAY:
		return decode_seq(c, NULL, t->elem, t->len, off, v);
	case ABI_TUPLE:
		return decode_seq(c, (const struct abi_type *const *)t->sub, NULL, t->nsub, off, v);
	}
	return 0;
}

static int
decode_at(struct dec *c, const struct abi_type *t, size_t off, struct abi_value *v)
{
	int rc;
	if (++c->depth > MAX_DECODE_DEPTH)
		return eth_err(c->err, "abi: nested too deeply");
	rc = decode_inner(c, t, off, v);
	c->depth--;
	return rc;
}

int
abi_decode(const struct abi_type *t, const uint8_t *data, size_t len, struct abi_value *v,
           char *err)
{
	struct dec c = {data, len, MAX_DECODE_VALUES, 0, err};

	memset(v, 0, sizeof *v);
	if (decode_at(&c, t, 0, v) < 0) {
		abi_value_free(v);
		return -1;
	}
	return 0;
}
