// lib/eth/abi_value.c: ABI values from text and JSON, values to JSON, event logs and
// revert reasons.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eth/abi.h"
#include "eth/address.h"
#include "eth/hex.h"
#include "eth/u256.h"

// Two's complement negation of a 256-bit big-endian word.
static void
negate(uint8_t w[32])
{
	int carry = 1;
	for (int i = 31; i >= 0; i--) {
		int v = (uint8_t)~w[i] + carry;
		w[i] = (uint8_t)v;
		carry = v >> 8;
	}
}

static int
int_from_text(const struct abi_type *t, const char *s, uint8_t w[32], char *err)
{
	int neg = t->kind == ABI_INT && s[0] == '-';
	U256 x, lim;

	if (u256_parse(&x, s + neg) < 0)
		return eth_err(err, "\"%s\" is not a %s integer (decimal or 0x hex)", s,
		               t->kind == ABI_INT ? "signed" : "unsigned");
	int bits = u256_bits(&x);
	if (t->kind == ABI_UINT && bits > t->size)
		return eth_err(err, "%s does not fit in uint%d", s, t->size);
	if (t->kind == ABI_INT) {
		// Positive values need bits <= M-1; negative ones may reach -2^(M-1).
		u256_from_u64(&lim, 0);
		lim.w[(t->size - 1) / 64] = 1ull << ((t->size - 1) % 64);
		if (neg ? u256_cmp(&x, &lim) > 0 : bits > t->size - 1)
			return eth_err(err, "%s does not fit in int%d", s, t->size);
	}
	u256_to_be(&x, w);
	if (neg && !u256_is_zero(&x))
		negate(w);
	return 0;
}

static int
scalar_from_text(const struct abi_type *t, const char *s, struct abi_value *v, char *err)
{
	uint8_t a[20], b[32];
	size_t n;

	memset(v->word, 0, 32);
	switch (t->kind) {
	case ABI_UINT:
	case ABI_INT:
		return int_from_text(t, s, v->word, err);
	case ABI_ADDRESS:
		if (addr_parse(s, a, err) < 0)
			return -1;
		memcpy(v->word + 12, a, 20);
		return 0;
	case ABI_BOOL:
		if (strcmp(s, "true") == 0)
			v->word[31] = 1;
		else if (strcmp(s, "false") != 0)
			return eth_err(err, "\"%s\" is not a bool (true or false)", s);
		return 0;
	case ABI_FBYTES:
		if (hex_decode(s, b, 32, &n) < 0 || n != (size_t)t->size)
			return eth_err(err, "\"%s\" is not bytes%d (0x and %d hex digits)", s,
			               t->size, 2 * t->size);
		memcpy(v->word, b, n);
		return 0;
	case ABI_STRING:
		n = strlen(s);
		v->bytes = malloc(n + 1);
		if (!v->bytes)
			return eth_err(err, "out of memory");
		memcpy(v->bytes, s, n + 1);
		v->len = n;
		return 0;
	case ABI_BYTES:
		n = strlen(s);
		v->bytes = malloc(n / 2 + 1);
		if (!v->bytes)
			return eth_err(err, "out of memory");
		if (hex_decode(s, v->bytes, n / 2 + 1, &v->len) < 0)
			return eth_err(err,
			               "\"%.40s\" is not bytes (0x and an even number of hex "
			               "digits)",
			               s);
		return 0;
	default:
		return eth_err(err, "internal: not a scalar type");
	}
}

int
abi_value_from_json(const struct abi_type *t, const struct json *j, struct abi_value *v, char *err)
{
	char canon[128];

	memset(v, 0, sizeof *v);
	if (t->kind == ABI_ARRAY || t->kind == ABI_FARRAY || t->kind == ABI_TUPLE) {
		abi_type_canonical(t, canon, sizeof canon);
		if (!json_is(j, JSON_ARRAY))
			return eth_err(err, "%s needs a JSON array", canon);
		if (t->kind == ABI_FARRAY && j->n != t->len)
			return eth_err(err, "%s needs %zu items, got %zu", canon, t->len, j->n);
		if (t->kind == ABI_TUPLE && j->n != t->nsub)
			return eth_err(err, "%s needs %zu values, got %zu", canon, t->nsub, j->n);
		v->items = calloc(j->n ? j->n : 1, sizeof *v->items);
		if (!v->items)
			return eth_err(err, "out of memory");
		v->n = j->n;
		for (size_t i = 0; i < j->n; i++) {
			const struct abi_type *et = t->kind == ABI_TUPLE ? t->sub[i] : t->elem;
			if (abi_value_from_json(et, j->items[i], &v->items[i], err) < 0) {
				abi_value_free(v);
				return -1;
			}
		}
		return 0;
	}
	if (json_is(j, JSON_TRUE) || json_is(j, JSON_FALSE))
		return scalar_from_text(t, j->type == JSON_TRUE ? "true" : "false", v, err);
	if (!json_is(j, JSON_STRING) && !json_is(j, JSON_NUMBER))
		return eth_err(err, "expected a string, number or bool for a scalar");
	if (scalar_from_text(t, j->str, v, err) < 0) {
		abi_value_free(v);
		return -1;
	}
	return 0;
}

int
abi_value_from_text(const struct abi_type *t, const char *text, struct abi_value *v, char *err)
{
	struct json_error je;
	char where[128];

	memset(v, 0, sizeof *v);
	if (t->kind != ABI_ARRAY && t->kind != ABI_FARRAY && t->kind != ABI_TUPLE) {
		if (scalar_from_text(t, text, v, err) < 0) {
			abi_value_free(v);
			return -1;
		}
		return 0;
	}
	struct json *j = json_parse(text, strlen(text), &je);
	if (!j) {
		json_strerror(&je, where, sizeof where);
		return eth_err(err, "array/tuple argument is not JSON: %s", where);
	}
	int rc = abi_value_from_json(t, j, v, err);
	json_free(j);
	return rc;
}

int
abi_args_from_text(const struct abi_type *t, int argc, char **argv, struct abi_value *v, char *err)
{
	char e[ETH_ERRLEN];

	memset(v, 0, sizeof *v);
	if ((size_t)argc != t->nsub)
		return eth_err(err, "expected %zu arguments, got %d", t->nsub, argc);
	v->items = calloc(t->nsub ? t->nsub : 1, sizeof *v->items);
	if (!v->items)
		return eth_err(err, "out of memory");
	v->n = t->nsub;
	for (size_t i = 0; i < t->nsub; i++) {
		if (abi_value_from_text(t->sub[i], argv[i], &v->items[i], e) < 0) {
			abi_value_free(v);
			return eth_err(err, "argument %zu: %s", i + 1, e);
		}
	}
	return 0;
}

static void
put_hex(struct json_writer *w, const uint8_t *b, size_t n)
{
	char *s = malloc(2 * n + 3);
	if (!s) {
		w->err = 1;
		return;
	}
	s[0] = '0';
	s[1] = 'x';
	hex_encode(b, n, s + 2);
	jw_str(w, s);
	free(s);
}

void
abi_value_to_json(const struct abi_type *t, const struct abi_value *v, struct json_writer *w)
{
	char dec[U256_DEC_MAX + 1], addr[ADDR_TEXT_MAX];
	uint8_t word[32];
	U256 x;

	switch (t->kind) {
	case ABI_UINT:
	case ABI_INT:
		memcpy(word, v->word, 32);
		dec[0] = '-';
		int neg = t->kind == ABI_INT && (word[0] & 0x80);
		if (neg)
			negate(word);
		u256_from_be(&x, word, 32);
		u256_to_dec(&x, dec + 1);
		jw_num(w, neg ? dec : dec + 1);
		break;
	case ABI_ADDRESS:
		jw_str(w, addr_to_checksum(v->word + 12, addr));
		break;
	case ABI_BOOL:
		jw_bool(w, v->word[31]);
		break;
	case ABI_FBYTES:
		put_hex(w, v->word, (size_t)t->size);
		break;
	case ABI_BYTES:
		put_hex(w, v->bytes, v->len);
		break;
	case ABI_STRING:
		// Not UTF-8 cannot be a JSON string: show the bytes instead.
		if (json_utf8_valid((const char *)v->bytes, v->len))
			jw_strn(w, (const char *)v->bytes, v->len);
		else
			put_hex(w, v->bytes, v->len);
		break;
	case ABI_ARRAY:
	case ABI_FARRAY:
	case ABI_TUPLE:
		jw_arr(w);
		for (size_t i = 0; i < v->n; i++)
			abi_value_to_json(t->kind == ABI_TUPLE ? t->sub[i] : t->elem, &v->items[i],
			                  w);
		jw_arr_end(w);
		break;
	}
}

int
abi_decode_log(const struct abi_sig *ev, const uint8_t (*topics)[32], size_t ntopics,
               const uint8_t *data, size_t len, struct abi_value *v, char *err)
{
	const struct abi_type *in = ev->in;
	struct abi_type plain = {.kind = ABI_TUPLE};
	struct abi_value body;
	uint8_t h[32];
	size_t nidx = 0, ti = 1, bi = 0;
	int rc = -1;

	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < in->nsub; i++)
		nidx += in->indexed[i] != 0;
	abi_sig_hash(ev, h);
	if (ntopics == 0 || memcmp(topics[0], h, 32) != 0)
		return eth_err(err, "log topic 0 is not the hash of %s", ev->canonical);
	if (ntopics != nidx + 1)
		return eth_err(err, "log has %zu topics, %s needs %zu", ntopics, ev->canonical,
		               nidx + 1);
	plain.sub = calloc(in->nsub ? in->nsub : 1, sizeof *plain.sub);
	v->items = calloc(in->nsub ? in->nsub : 1, sizeof *v->items);
	if (!plain.sub || !v->items) {
		eth_err(err, "out of memory");
		goto out;
	}
	v->n = in->nsub;
	for (size_t i = 0; i < in->nsub; i++)
		if (!in->indexed[i])
			plain.sub[plain.nsub++] = in->sub[i];
	if (abi_decode(&plain, data, len, &body, err) < 0)
		goto out;
	for (size_t i = 0; i < in->nsub; i++) {
		const struct abi_type *t = in->sub[i];
		if (!in->indexed[i]) {
			v->items[i] = body.items[bi];
			memset(&body.items[bi++], 0, sizeof *body.items);
			continue;
		}
		// Indexed dynamic values are stored as their hash: keep the topic.
		if (abi_type_is_dynamic(t) || t->kind == ABI_TUPLE || t->kind == ABI_FARRAY) {
			memcpy(v->items[i].word, topics[ti++], 32);
			continue;
		}
		if (abi_decode(t, topics[ti], 32, &v->items[i], err) < 0) {
			abi_value_free(&body);
			goto out;
		}
		ti++;
	}
	abi_value_free(&body);
	rc = 0;
out:
	free(plain.sub);
	if (rc < 0)
		abi_value_free(v);
	return rc;
}

static const char *
panic_meaning(uint64_t code)
{
	switch (code) {
	case 0x00:
		return "generic compiler panic";
	case 0x01:
		return "assert failed";
	case 0x11:
		return "arithmetic overflow or underflow";
	case 0x12:
		return "division or modulo by zero";
	case 0x21:
		return "invalid enum value";
	case 0x22:
		return "corrupt storage byte array";
	case 0x31:
		return "pop() on an empty array";
	case 0x32:
		return "array index out of bounds";
	case 0x41:
		return "out of memory";
	case 0x51:
		return "call to a zero-initialised function";
	default:
		return "unknown panic code";
	}
}

void
abi_revert_reason(const uint8_t *data, size_t len, char *msg, size_t n)
{
	static const uint8_t error_sel[4] = {0x08, 0xc3, 0x79, 0xa0}; // Error(string)
	static const uint8_t panic_sel[4] = {0x4e, 0x48, 0x7b, 0x71}; // Panic(uint256)
	struct abi_type str = {.kind = ABI_STRING}, u = {.kind = ABI_UINT, .size = 256};
	struct abi_type *f = &str;
	struct abi_type tup = {.kind = ABI_TUPLE, .sub = &f, .nsub = 1};
	struct abi_value v;
	uint64_t code;
	U256 x;

	if (len == 0) {
		snprintf(msg, n, "no revert reason given");
		return;
	}
	if (len >= 4 && memcmp(data, error_sel, 4) == 0 &&
	    abi_decode(&tup, data + 4, len - 4, &v, NULL) == 0) {
		const struct abi_value *s = &v.items[0];
		if (json_utf8_valid((const char *)s->bytes, s->len))
			snprintf(msg, n, "%.*s", (int)s->len, (const char *)s->bytes);
		else
			snprintf(msg, n, "(reason is not UTF-8, %zu bytes)", s->len);
		abi_value_free(&v);
		return;
	}
	if (len == 36 && memcmp(data, panic_sel, 4) == 0 &&
	    abi_decode(&u, data + 4, 32, &v, NULL) == 0) {
		u256_from_be(&x, v.word, 32);
		if (u256_to_u64(&x, &code))
			snprintf(msg, n, "panic 0x%02llx: %s", (unsigned long long)code,
			         panic_meaning(code));
		else
			snprintf(msg, n, "panic with an out-of-range code");
		return;
	}
	if (len >= 4) {
		snprintf(msg, n, "custom error 0x%02x%02x%02x%02x (%zu bytes of data)", data[0],
		         data[1], data[2], data[3], len);
		return;
	}
	snprintf(msg, n, "malformed revert data (%zu bytes)", len);
}
