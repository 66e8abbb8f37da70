// lib/eth/rlp.c: RLP encoding and strict decoding (see rlp.h for the format).
#include <stdlib.h>
#include <string.h>

#include "eth/err.h"
#include "eth/rlp.h"

void
rlp_init(RlpBuf *b)
{
	memset(b, 0, sizeof *b);
}

void
rlp_free(RlpBuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

// Make room for n more bytes; 0 or -1 (and oom set).
static int
grow(RlpBuf *b, size_t n)
{
	size_t cap;
	uint8_t *p;

	if (b->oom)
		return -1;
	if (b->len + n <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + n)
		cap *= 2;
	p = realloc(b->p, cap);
	if (p == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

// The header for a payload of n bytes; base is 0x80 (string) or 0xc0 (list).
static size_t
header(uint8_t h[9], uint8_t base, size_t n)
{
	size_t k = 0, i;

	if (n <= 55) {
		h[0] = (uint8_t)(base + n);
		return 1;
	}
	for (i = n; i > 0; i >>= 8)
		k++;
	h[0] = (uint8_t)(base + 55 + k);
	for (i = 0; i < k; i++)
		h[1 + i] = (uint8_t)(n >> (8 * (k - 1 - i)));
	return 1 + k;
}

void
rlp_put_raw(RlpBuf *b, const uint8_t *item, size_t n)
{
	if (grow(b, n) < 0)
		return;
	if (n > 0)
		memcpy(b->p + b->len, item, n);
	b->len += n;
}

void
rlp_put_bytes(RlpBuf *b, const uint8_t *s, size_t n)
{
	uint8_t h[9];

	// A single byte below 0x80 is its own encoding.
	if (n == 1 && s[0] < 0x80) {
		rlp_put_raw(b, s, 1);
		return;
	}
	rlp_put_raw(b, h, header(h, 0x80, n));
	rlp_put_raw(b, s, n);
}

void
rlp_put_str(RlpBuf *b, const char *s)
{
	rlp_put_bytes(b, (const uint8_t *)s, strlen(s));
}

void
rlp_put_u64(RlpBuf *b, uint64_t v)
{
	U256 x;

	u256_from_u64(&x, v);
	rlp_put_u256(b, &x);
}

void
rlp_put_u256(RlpBuf *b, const U256 *v)
{
	uint8_t be[32];
	size_t n = u256_min_be(v, be);

	rlp_put_bytes(b, be, n);
}

size_t
rlp_list_begin(RlpBuf *b)
{
	return b->len;
}

// Insert the list header in front of the items written since mark.
void
rlp_list_end(RlpBuf *b, size_t mark)
{
	uint8_t h[9];
	size_t hn, n;

	if (b->oom || mark > b->len)
		return;
	n = b->len - mark;
	hn = header(h, 0xc0, n);
	if (grow(b, hn) < 0)
		return;
	memmove(b->p + mark + hn, b->p + mark, n);
	memcpy(b->p + mark, h, hn);
	b->len += hn;
}

// Read a k-byte big-endian length at p (k <= 8) that must be canonical: no
// leading zero byte and above 55.
static int
longlen(const uint8_t *p, size_t k, size_t *n, char *err)
{
	size_t v = 0, i;

	if (k > sizeof(size_t))
		return eth_err(err, "rlp: length of length %zu is too large", k);
	if (p[0] == 0)
		return eth_err(err, "rlp: length has a leading zero byte");
	for (i = 0; i < k; i++)
		v = v << 8 | p[i];
	if (v <= 55)
		return eth_err(err, "rlp: long form used for a payload of %zu bytes", v);
	*n = v;
	return 0;
}

int
rlp_item(const uint8_t *in, size_t len, RlpItem *it, size_t *used, char *err)
{
	uint8_t b;
	size_t hn, n = 0, k;

	if (len == 0)
		return eth_err(err, "rlp: input ends where an item should start");
	b = in[0];
	it->raw = in;
	it->list = b >= 0xc0;
	if (b < 0x80) {
		it->p = in;
		it->len = 1;
		it->rawlen = 1;
		*used = 1;
		return 0;
	}
	if (b <= 0xb7 || (b >= 0xc0 && b <= 0xf7)) {
		hn = 1;
		n = b - (it->list ? 0xc0 : 0x80);
	} else {
		k = b - (it->list ? 0xf7 : 0xb7);
		if (len < 1 + k)
			return eth_err(err,
			               "rlp: truncated: %zu-byte length needs %zu bytes, %zu left",
			               k, k, len - 1);
		if (longlen(in + 1, k, &n, err) < 0)
			return -1;
		hn = 1 + k;
	}
	if (n > len - hn)
		return eth_err(err, "rlp: truncated: %s of %zu bytes, only %zu left",
		               it->list ? "list" : "string", n, len - hn);
	// A one-byte string below 0x80 must be written as that byte.
	if (!it->list && n == 1 && in[hn] < 0x80)
		return eth_err(err, "rlp: byte 0x%02x encoded as a string (non-canonical)", in[hn]);
	it->p = in + hn;
	it->len = n;
	it->rawlen = hn + n;
	*used = hn + n;
	return 0;
}

int
rlp_decode(const uint8_t *in, size_t len, RlpItem *it, char *err)
{
	size_t used;

	if (rlp_item(in, len, it, &used, err) < 0)
		return -1;
	if (used != len)
		return eth_err(err, "rlp: %zu trailing bytes after the item", len - used);
	return 0;
}

void
rlp_iter(RlpIter *i, const RlpItem *list)
{
	i->p = list->p;
	i->end = list->p + list->len;
}

int
rlp_next(RlpIter *i, RlpItem *it, char *err)
{
	size_t used;

	if (i->p == i->end)
		return 0;
	if (rlp_item(i->p, (size_t)(i->end - i->p), it, &used, err) < 0)
		return -1;
	i->p += used;
	return 1;
}

int
rlp_count(const RlpItem *list, char *err)
{
	RlpIter i;
	RlpItem it;
	int n = 0, r;

	rlp_iter(&i, list);
	while ((r = rlp_next(&i, &it, err)) > 0)
		n++;
	return r < 0 ? -1 : n;
}

// Validate nested lists to a bounded depth so hostile input cannot exhaust
// the stack. Errors say at which byte of the input the bad item starts.
static int
validate(const RlpItem *it, const uint8_t *base, int depth, char *err)
{
	char why[ETH_ERRLEN];
	RlpIter i;
	RlpItem sub;
	int r;

	if (!it->list)
		return 0;
	if (depth > 1024)
		return eth_err(err, "rlp: at byte %zu: lists nested deeper than 1024",
		               (size_t)(it->raw - base));
	rlp_iter(&i, it);
	for (;;) {
		const uint8_t *at = i.p;

		r = rlp_next(&i, &sub, why);
		if (r == 0)
			return 0;
		if (r < 0)
			return eth_err(err, "%s (item at byte %zu)", why, (size_t)(at - base));
		if (validate(&sub, base, depth + 1, err) < 0)
			return -1;
	}
}

int
rlp_validate(const uint8_t *in, size_t len, char *err)
{
	RlpItem it;

	if (rlp_decode(in, len, &it, err) < 0)
		return -1;
	return validate(&it, in, 0, err);
}

int
rlp_to_u64(const RlpItem *it, uint64_t *v, char *err)
{
	U256 x;

	if (rlp_to_u256(it, &x, err) < 0)
		return -1;
	if (!u256_to_u64(&x, v))
		return eth_err(err, "integer of %zu bytes does not fit in 64 bits", it->len);
	return 0;
}

int
rlp_to_u256(const RlpItem *it, U256 *v, char *err)
{
	if (it->list)
		return eth_err(err, "expected an integer, found a list");
	if (it->len > 0 && it->p[0] == 0)
		return eth_err(err, "integer has a leading zero byte");
	if (it->len > 32)
		return eth_err(err, "integer of %zu bytes is larger than 256 bits", it->len);
	return u256_from_be(v, it->p, it->len);
}
