// lib/eth/eip712.c: EIP-712 hashStruct, encodeType and the signing digest
// (see eip712.h).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "eth/eip712.h"
#include "eth/err.h"

enum {
	MAXTYPES = 64, // struct types one encodeType may reference
	MAXDEPTH = 64, // nesting of values
};

static const Eip712Type *
find(const Eip712Types *t, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < t->ntypes; i++)
		if (strlen(t->types[i].name) == n && strncmp(t->types[i].name, name, n) == 0)
			return &t->types[i];
	return NULL;
}

// Length of the base name of a type: "Person[][2]" -> 6.
static size_t
baselen(const char *type)
{
	const char *b = strchr(type, '[');

	return b ? (size_t)(b - type) : strlen(type);
}

// Collect the struct types that name references, depth first, without repeats.
static int
deps(const Eip712Types *t, const Eip712Type *ty, const Eip712Type **seen, size_t *n, char *err)
{
	size_t i, j;

	for (i = 0; i < *n; i++)
		if (seen[i] == ty)
			return 0;
	if (*n == MAXTYPES)
		return eth_err(err, "eip712: more than %d struct types referenced", MAXTYPES);
	seen[(*n)++] = ty;
	for (i = 0; i < ty->nfields; i++) {
		const char *ft = ty->fields[i].type;
		const Eip712Type *sub = find(t, ft, baselen(ft));

		if (sub == NULL)
			continue;
		for (j = 0; j < *n && seen[j] != sub; j++)
			;
		if (j == *n && deps(t, sub, seen, n, err) < 0)
			return -1;
	}
	return 0;
}

static int
byname(const void *a, const void *b)
{
	return strcmp((*(const Eip712Type *const *)a)->name, (*(const Eip712Type *const *)b)->name);
}

// Append "Name(type name,...)" for ty.
static int
append_type(const Eip712Type *ty, char *out, size_t cap, size_t *len)
{
	size_t i;
	int n;

	n = snprintf(out + *len, cap - *len, "%s(", ty->name);
	if (n < 0 || (size_t)n >= cap - *len)
		return -1;
	*len += (size_t)n;
	for (i = 0; i < ty->nfields; i++) {
		n = snprintf(out + *len, cap - *len, "%s%s %s", i ? "," : "", ty->fields[i].type,
		             ty->fields[i].name);
		if (n < 0 || (size_t)n >= cap - *len)
			return -1;
		*len += (size_t)n;
	}
	if (*len + 1 >= cap)
		return -1;
	out[(*len)++] = ')';
	out[*len] = 0;
	return 0;
}

int
eip712_encode_type(const Eip712Types *t, const char *primary, char *out, size_t cap, char *err)
{
	const Eip712Type *seen[MAXTYPES], *ty = find(t, primary, strlen(primary));
	size_t n = 0, len = 0, i;

	if (ty == NULL)
		return eth_err(err, "eip712: no struct type named \"%s\"", primary);
	if (deps(t, ty, seen, &n, err) < 0)
		return -1;
	// The primary type first, then the others sorted by name.
	qsort(seen + 1, n - 1, sizeof seen[0], byname);
	for (i = 0; i < n; i++)
		if (append_type(seen[i], out, cap, &len) < 0)
			return eth_err(err, "eip712: encodeType of \"%s\" is longer than %zu bytes",
			               primary, cap);
	return (int)len;
}

int
eip712_type_hash(const Eip712Types *t, const char *primary, uint8_t out[32], char *err)
{
	char buf[4096];
	int n = eip712_encode_type(t, primary, buf, sizeof buf, err);

	if (n < 0)
		return -1;
	keccak256(buf, (size_t)n, out);
	return 0;
}

static int hash_struct(const Eip712Types *t, const Eip712Type *ty, const Eip712Value *v,
                       uint8_t out[32], int depth, char *err);

// Parse the bit or byte size after a prefix: "uint256" -> 256. 0 if absent.
static int
typesize(const char *type, size_t n, const char *prefix, int *size)
{
	size_t pl = strlen(prefix), i;
	int v = 0;

	if (n < pl || strncmp(type, prefix, pl) != 0)
		return 0;
	if (n == pl) {
		*size = 0;
		return 1;
	}
	for (i = pl; i < n; i++) {
		if (type[i] < '0' || type[i] > '9' || v > 1000)
			return 0;
		v = v * 10 + (type[i] - '0');
	}
	*size = v;
	return 1;
}

// encodeData's 32-byte word for one member value of the given type (the
// first n characters of type).
static int
encode_value(const Eip712Types *t, const char *type, size_t n, const Eip712Value *v,
             uint8_t out[32], int depth, char *err)
{
	const Eip712Type *sub;
	int size;

	if (depth > MAXDEPTH)
		return eth_err(err, "eip712: values nested deeper than %d", MAXDEPTH);
	// Arrays: the hash of the concatenated encodings of the elements.
	if (n > 0 && type[n - 1] == ']') {
		size_t open = n - 1, i, want = 0;
		Keccak k;

		while (open > 0 && type[open] != '[')
			open--;
		if (type[open] != '[')
			return eth_err(err, "eip712: malformed type \"%.*s\"", (int)n, type);
		if (open + 2 < n) {
			for (i = open + 1; i < n - 1; i++) {
				if (type[i] < '0' || type[i] > '9' || want > 100000)
					return eth_err(err, "eip712: bad array size in \"%.*s\"",
					               (int)n, type);
				want = want * 10 + (size_t)(type[i] - '0');
			}
			if (v->nitems != want)
				return eth_err(err, "eip712: %.*s needs %zu elements, has %zu",
				               (int)n, type, want, v->nitems);
		}
		keccak256_init(&k);
		for (i = 0; i < v->nitems; i++) {
			uint8_t w[32];

			if (encode_value(t, type, open, &v->items[i], w, depth + 1, err) < 0)
				return -1;
			keccak_update(&k, w, 32);
		}
		keccak_final(&k, out, 32);
		return 0;
	}
	if ((sub = find(t, type, n)) != NULL)
		return hash_struct(t, sub, v, out, depth + 1, err);
	memset(out, 0, 32);
	if ((n == 5 && strncmp(type, "bytes", 5) == 0) ||
	    (n == 6 && strncmp(type, "string", 6) == 0)) {
		keccak256(v->bytes, v->len, out);
		return 0;
	}
	if (n == 7 && strncmp(type, "address", 7) == 0) {
		if (v->len != 20 || v->bytes == NULL)
			return eth_err(err, "eip712: address value of %zu bytes, need 20", v->len);
		memcpy(out + 12, v->bytes, 20);
		return 0;
	}
	if (n == 4 && strncmp(type, "bool", 4) == 0) {
		if (v->num.w[0] > 1 || v->num.w[1] || v->num.w[2] || v->num.w[3])
			return eth_err(err, "eip712: bool value is not 0 or 1");
		out[31] = (uint8_t)v->num.w[0];
		return 0;
	}
	if (typesize(type, n, "bytes", &size)) {
		if (size < 1 || size > 32 || v->len != (size_t)size || v->bytes == NULL)
			return eth_err(err, "eip712: %.*s value of %zu bytes", (int)n, type,
			               v->len);
		memcpy(out, v->bytes, (size_t)size);
		return 0;
	}
	if (typesize(type, n, "uint", &size) || typesize(type, n, "int", &size)) {
		int sign = type[0] == 'i';

		if (size == 0)
			size = 256;
		if (size % 8 != 0 || size > 256)
			return eth_err(err, "eip712: unknown type \"%.*s\"", (int)n, type);
		// The value must fit: unsigned below 2^size; signed sign-extended from size bits.
		if (!sign && u256_bits(&v->num) > size)
			return eth_err(err, "eip712: value does not fit %.*s", (int)n, type);
		if (sign && size < 256) {
			int neg = (int)(v->num.w[(size - 1) / 64] >> ((size - 1) % 64) & 1), b;

			for (b = size; b < 256; b++)
				if ((int)(v->num.w[b / 64] >> (b % 64) & 1) != neg)
					return eth_err(err, "eip712: value does not fit %.*s",
					               (int)n, type);
		}
		u256_to_be(&v->num, out);
		return 0;
	}
	return eth_err(err, "eip712: unknown type \"%.*s\"", (int)n, type);
}

static int
hash_struct(const Eip712Types *t, const Eip712Type *ty, const Eip712Value *v, uint8_t out[32],
            int depth, char *err)
{
	uint8_t w[32];
	Keccak k;
	size_t i;

	if (v->nitems != ty->nfields)
		return eth_err(err, "eip712: %s value has %zu members, the type has %zu", ty->name,
		               v->nitems, ty->nfields);
	if (eip712_type_hash(t, ty->name, w, err) < 0)
		return -1;
	keccak256_init(&k);
	keccak_update(&k, w, 32);
	for (i = 0; i < ty->nfields; i++) {
		const char *ft = ty->fields[i].type;

		if (encode_value(t, ft, strlen(ft), &v->items[i], w, depth, err) < 0)
			return -1;
		keccak_update(&k, w, 32);
	}
	keccak_final(&k, out, 32);
	return 0;
}

int
eip712_hash_struct(const Eip712Types *t, const char *primary, const Eip712Value *v, uint8_t out[32],
                   char *err)
{
	const Eip712Type *ty = find(t, primary, strlen(primary));

	if (ty == NULL)
		return eth_err(err, "eip712: no struct type named \"%s\"", primary);
	return hash_struct(t, ty, v, out, 0, err);
}

int
eip712_domain_separator(const Eip712Domain *d, uint8_t out[32], char *err)
{
	Eip712Field f[5];
	Eip712Value vals[5];
	Eip712Value dv;
	Eip712Type ty;
	Eip712Types t;
	size_t n = 0;

	memset(vals, 0, sizeof vals);
	// Members in the order EIP-712 lists them, only those present.
	if (d->name != NULL) {
		f[n] = (Eip712Field){"name", "string"};
		vals[n].bytes = (const uint8_t *)d->name;
		vals[n++].len = strlen(d->name);
	}
	if (d->version != NULL) {
		f[n] = (Eip712Field){"version", "string"};
		vals[n].bytes = (const uint8_t *)d->version;
		vals[n++].len = strlen(d->version);
	}
	if (d->has_chain_id) {
		f[n] = (Eip712Field){"chainId", "uint256"};
		vals[n++].num = d->chain_id;
	}
	if (d->has_contract) {
		f[n] = (Eip712Field){"verifyingContract", "address"};
		vals[n].bytes = d->contract;
		vals[n++].len = 20;
	}
	if (d->has_salt) {
		f[n] = (Eip712Field){"salt", "bytes32"};
		vals[n].bytes = d->salt;
		vals[n++].len = 32;
	}
	ty = (Eip712Type){"EIP712Domain", f, n};
	t = (Eip712Types){&ty, 1};
	dv = (Eip712Value){.items = vals, .nitems = n};
	return eip712_hash_struct(&t, "EIP712Domain", &dv, out, err);
}

int
eip712_digest(const Eip712Domain *d, const Eip712Types *t, const char *primary,
              const Eip712Value *msg, uint8_t out[32], char *err)
{
	uint8_t buf[66];

	buf[0] = 0x19;
	buf[1] = 0x01;
	if (eip712_domain_separator(d, buf + 2, err) < 0 ||
	    eip712_hash_struct(t, primary, msg, buf + 34, err) < 0)
		return -1;
	keccak256(buf, sizeof buf, out);
	return 0;
}

int
eip712_sign(const uint8_t key[32], const uint8_t digest[32], uint8_t sig[65])
{
	EthSig s;

	if (secp_sign(key, digest, &s) < 0)
		return -1;
	memcpy(sig, s.r, 32);
	memcpy(sig + 32, s.s, 32);
	sig[64] = (uint8_t)(27 + s.v);
	return 0;
}
