// lib/eth/typedsign.c: `typed-hash FILE` and `typed-sign --key-file KEY
// FILE`: EIP-712 typed data in the JSON form of eth_signTypedData_v4
// ({"types", "primaryType", "domain", "message"}) turned into eip712.h's
// tables and values, then hashed or signed.
//
// Values: integers as JSON numbers or strings (decimal, 0x hex, or a leading
// "-" for intN); address, bytes and bytesN as 0x hex strings; bool as
// true/false; string as a string; structs as objects; arrays as arrays.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eth/eip712.h"
#include "eth/err.h"
#include "eth/hex.h"
#include "eth/secp.h"
#include "eth/txdecode.h"
#include "eth/txsign.h"
#include "json/json.h"

// Everything allocated for one document, freed together.
typedef struct Typed {
	Eip712Type *types;
	Eip712Field *fields;
	size_t ntypes, nfields;
	void **blocks; // values and byte strings
	size_t nblocks;
} Typed;

static void *
keep(Typed *t, size_t n)
{
	void **b = realloc(t->blocks, (t->nblocks + 1) * sizeof *b);
	void *p;

	if (b == NULL)
		return NULL;
	t->blocks = b;
	p = calloc(1, n ? n : 1);
	if (p != NULL)
		t->blocks[t->nblocks++] = p;
	return p;
}

static void
typed_free(Typed *t)
{
	size_t i;

	for (i = 0; i < t->nblocks; i++)
		free(t->blocks[i]);
	free(t->blocks);
	free(t->types);
	free(t->fields);
}

static const Eip712Type *
findtype(const Typed *t, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < t->ntypes; i++)
		if (strlen(t->types[i].name) == n && strncmp(t->types[i].name, name, n) == 0)
			return &t->types[i];
	return NULL;
}

// An integer from a JSON number or string, negative allowed when sign is set
// (two's complement in 256 bits).
static int
intval(const struct json *j, int sign, U256 *v, char *err)
{
	const char *s = j->str;
	int neg = 0;

	if (j->type != JSON_NUMBER && j->type != JSON_STRING)
		return eth_err(err, "typed data: expected an integer");
	if (sign && s[0] == '-') {
		neg = 1;
		s++;
	}
	if (u256_parse(v, s) < 0)
		return eth_err(err, "typed data: \"%.40s\" is not an integer below 2^256", j->str);
	if (neg) {
		U256 zero = {{0}};

		u256_sub(v, &zero, v);
	}
	return 0;
}

static int convert(Typed *t, const char *type, size_t n, const struct json *j, Eip712Value *v,
                   int depth, char *err);

static int
convert_struct(Typed *t, const Eip712Type *ty, const struct json *j, Eip712Value *v, int depth,
               char *err)
{
	size_t i;

	if (j->type != JSON_OBJECT)
		return eth_err(err, "typed data: a %s value must be an object", ty->name);
	v->items = keep(t, ty->nfields * sizeof *v->items);
	if (v->items == NULL)
		return eth_err(err, "out of memory");
	v->nitems = ty->nfields;
	for (i = 0; i < ty->nfields; i++) {
		const struct json *m = json_get(j, ty->fields[i].name);
		const char *ft = ty->fields[i].type;

		if (m == NULL)
			return eth_err(err, "typed data: %s value has no member \"%s\"", ty->name,
			               ty->fields[i].name);
		if (convert(t, ft, strlen(ft), m, (Eip712Value *)&v->items[i], depth + 1, err) < 0)
			return -1;
	}
	return 0;
}

static int
convert(Typed *t, const char *type, size_t n, const struct json *j, Eip712Value *v, int depth,
        char *err)
{
	const Eip712Type *ty;

	if (depth > 64)
		return eth_err(err, "typed data: nested deeper than 64");
	if (n > 0 && type[n - 1] == ']') {
		size_t open = n - 1, i;
		Eip712Value *items;

		while (open > 0 && type[open] != '[')
			open--;
		if (j->type != JSON_ARRAY)
			return eth_err(err, "typed data: a %.*s value must be an array", (int)n,
			               type);
		items = keep(t, j->n * sizeof *items);
		if (items == NULL)
			return eth_err(err, "out of memory");
		for (i = 0; i < j->n; i++)
			if (convert(t, type, open, j->items[i], &items[i], depth + 1, err) < 0)
				return -1;
		v->items = items;
		v->nitems = j->n;
		return 0;
	}
	if ((ty = findtype(t, type, n)) != NULL)
		return convert_struct(t, ty, j, v, depth, err);
	if (n == 4 && strncmp(type, "bool", 4) == 0) {
		if (j->type != JSON_TRUE && j->type != JSON_FALSE)
			return eth_err(err, "typed data: a bool value must be true or false");
		u256_from_u64(&v->num, j->type == JSON_TRUE);
		return 0;
	}
	if (n == 6 && strncmp(type, "string", 6) == 0) {
		if (j->type != JSON_STRING)
			return eth_err(err, "typed data: a string value must be a JSON string");
		v->bytes = (const uint8_t *)j->str;
		v->len = j->len;
		return 0;
	}
	if (strncmp(type, "uint", 4) == 0 || strncmp(type, "int", 3) == 0)
		return intval(j, type[0] == 'i', &v->num, err);
	if (strncmp(type, "bytes", 5) == 0 || (n == 7 && strncmp(type, "address", 7) == 0)) {
		uint8_t *b;

		if (j->type != JSON_STRING)
			return eth_err(err, "typed data: a %.*s value must be a 0x hex string",
			               (int)n, type);
		b = keep(t, j->len / 2 + 1);
		if (b == NULL)
			return eth_err(err, "out of memory");
		if (hex_decode(j->str, b, j->len / 2 + 1, &v->len) < 0)
			return eth_err(err, "typed data: \"%.40s\" is not hex bytes", j->str);
		v->bytes = b;
		return 0;
	}
	return eth_err(err, "typed data: unknown type \"%.*s\"", (int)n, type);
}

// Tables from "types" (EIP712Domain, if listed, is derived from "domain" instead).
static int
load_types(Typed *t, const struct json *types, char *err)
{
	size_t i, k, nf = 0, fi = 0;

	if (types == NULL || types->type != JSON_OBJECT)
		return eth_err(err, "typed data: \"types\" must be an object");
	for (i = 0; i < types->n; i++) {
		if (types->members[i].val->type != JSON_ARRAY)
			return eth_err(err, "typed data: types.%s must be an array",
			               types->members[i].key);
		nf += types->members[i].val->n;
	}
	t->types = calloc(types->n + 1, sizeof *t->types);
	t->fields = calloc(nf + 1, sizeof *t->fields);
	if (t->types == NULL || t->fields == NULL)
		return eth_err(err, "out of memory");
	for (i = 0; i < types->n; i++) {
		const struct json *arr = types->members[i].val;
		Eip712Type *ty;

		if (strcmp(types->members[i].key, "EIP712Domain") == 0)
			continue;
		ty = &t->types[t->ntypes++];
		ty->name = types->members[i].key;
		ty->fields = &t->fields[fi];
		for (k = 0; k < arr->n; k++) {
			const char *name = json_string(json_get(arr->items[k], "name"));
			const char *type = json_string(json_get(arr->items[k], "type"));

			if (name == NULL || type == NULL)
				return eth_err(err, "typed data: types.%s[%zu] needs name and type",
				               ty->name, k);
			t->fields[fi++] = (Eip712Field){name, type};
		}
		ty->nfields = arr->n;
	}
	return 0;
}

static int
load_domain(const struct json *d, Eip712Domain *dom, char *err)
{
	const struct json *v;
	size_t n;

	memset(dom, 0, sizeof *dom);
	if (d == NULL || d->type != JSON_OBJECT)
		return eth_err(err, "typed data: \"domain\" must be an object");
	dom->name = json_string(json_get(d, "name"));
	dom->version = json_string(json_get(d, "version"));
	if ((v = json_get(d, "chainId")) != NULL) {
		if (intval(v, 0, &dom->chain_id, err) < 0)
			return -1;
		dom->has_chain_id = 1;
	}
	if ((v = json_get(d, "verifyingContract")) != NULL) {
		if (v->type != JSON_STRING || hex_decode(v->str, dom->contract, 20, &n) < 0 ||
		    n != 20)
			return eth_err(err,
			               "typed data: domain.verifyingContract is not an address");
		dom->has_contract = 1;
	}
	if ((v = json_get(d, "salt")) != NULL) {
		if (v->type != JSON_STRING || hex_decode(v->str, dom->salt, 32, &n) < 0 || n != 32)
			return eth_err(err, "typed data: domain.salt is not 32 hex bytes");
		dom->has_salt = 1;
	}
	return 0;
}

// Read FILE and compute its EIP-712 digest.
static int
typed_digest(const char *path, uint8_t digest[32], char *err)
{
	struct json_error je;
	struct json *root;
	Typed t = {0};
	Eip712Domain dom;
	Eip712Types types;
	Eip712Value msg = {0};
	const char *primary;
	char *text, jmsg[128];
	size_t len;
	int r = -1;

	if (eth_read_file(path, 16 << 20, &text, &len, err) < 0)
		return -1;
	root = json_parse(text, len, &je);
	free(text);
	if (root == NULL) {
		json_strerror(&je, jmsg, sizeof jmsg);
		return eth_err(err, "%s:%s", path, jmsg);
	}
	primary = json_string(json_get(root, "primaryType"));
	if (primary == NULL) {
		eth_err(err, "%s: \"primaryType\" must be a string", path);
		goto out;
	}
	if (load_types(&t, json_get(root, "types"), err) < 0 ||
	    load_domain(json_get(root, "domain"), &dom, err) < 0)
		goto out;
	if (findtype(&t, primary, strlen(primary)) == NULL) {
		eth_err(err, "%s: primaryType \"%s\" is not in types", path, primary);
		goto out;
	}
	if (json_get(root, "message") == NULL) {
		eth_err(err, "%s: no \"message\"", path);
		goto out;
	}
	if (convert(&t, primary, strlen(primary), json_get(root, "message"), &msg, 0, err) < 0)
		goto out;
	types = (Eip712Types){t.types, t.ntypes};
	r = eip712_digest(&dom, &types, primary, &msg, digest, err);
out:
	typed_free(&t);
	json_free(root);
	return r;
}

int
eth_cmd_typed_hash(int argc, char **argv)
{
	char err[ETH_ERRLEN], h[65];
	uint8_t d[32];

	if (argc != 2) {
		fprintf(stderr, "usage: %s typed-hash TYPED.json\n", eth_progname);
		return 1;
	}
	if (typed_digest(argv[1], d, err) < 0) {
		fprintf(stderr, "%s typed-hash: %s\n", eth_progname, err);
		return 1;
	}
	hex_encode(d, 32, h);
	printf("0x%s\n", h);
	return 0;
}

int
eth_cmd_typed_sign(int argc, char **argv)
{
	char err[ETH_ERRLEN], h[131];
	uint8_t d[32], key[32], sig[65];
	int r;

	if (argc != 4 || strcmp(argv[1], "--key-file") != 0) {
		fprintf(stderr, "usage: %s typed-sign --key-file FILE TYPED.json\n", eth_progname);
		return 1;
	}
	if (typed_digest(argv[3], d, err) < 0 || eth_read_key_file(argv[2], key, err) < 0) {
		fprintf(stderr, "%s typed-sign: %s\n", eth_progname, err);
		return 1;
	}
	r = eip712_sign(key, d, sig);
	secp_wipe(key, sizeof key);
	if (r < 0) {
		fprintf(stderr, "%s typed-sign: signing failed\n", eth_progname);
		return 1;
	}
	hex_encode(sig, 65, h);
	printf("0x%s\n", h);
	return 0;
}
