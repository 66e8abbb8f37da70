// lib/eth/rlp_test.c: RLP against ethereum/tests RLPTests ($VECTORS), plus
// encoder and strictness cases of our own.
//
// Every *.json under RLPTests is read. A case whose "in" is "INVALID" must
// be rejected by the strict decoder; "VALID" must decode; otherwise "in"
// (strings, integers, "#bigint" decimal strings, nested lists) must encode to
// "out", and "out" must decode to the same structure.
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "eth/err.h"
#include "eth/hex.h"
#include "eth/rlp.h"
#include "eth/testjson.h"
#include "tap/tap.h"

// Decimal digits to minimal big-endian bytes, any size (the "#bigint" cases
// include 2^256, which a U256 cannot hold).
static size_t
dec_to_be(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0, i;

	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned carry = (unsigned)(*s - '0');

		// out holds n bytes little-endian while we build; multiply by 10 and add.
		for (i = 0; i < n; i++) {
			unsigned v = out[i] * 10u + carry;

			out[i] = (uint8_t)v;
			carry = v >> 8;
		}
		if (carry != 0 && n < cap)
			out[n++] = (uint8_t)carry;
	}
	for (i = 0; i < n / 2; i++) {
		uint8_t t = out[i];

		out[i] = out[n - 1 - i];
		out[n - 1 - i] = t;
	}
	return n;
}

// The bytes a JSON scalar stands for: a string's bytes, or an integer's
// minimal big-endian form.
static uint8_t *
scalar(const TJ *j, size_t *n)
{
	uint8_t *b = malloc(j->slen + 64);

	if (b == NULL)
		abort();
	if (j->type == TJ_STR && j->s[0] == '#') {
		*n = dec_to_be(j->s + 1, b, j->slen + 64);
	} else if (j->type == TJ_NUM) {
		*n = dec_to_be(j->s, b, j->slen + 64);
	} else {
		memcpy(b, j->s, j->slen);
		*n = j->slen;
	}
	return b;
}

static void
encode(RlpBuf *b, const TJ *j)
{
	size_t i, n, mark;
	uint8_t *s;

	if (j->type == TJ_ARR) {
		mark = rlp_list_begin(b);
		for (i = 0; i < j->n; i++)
			encode(b, j->kids[i]);
		rlp_list_end(b, mark);
		return;
	}
	s = scalar(j, &n);
	rlp_put_bytes(b, s, n);
	free(s);
}

// Does the decoded item have the structure and bytes of j?
static int
match(const RlpItem *it, const TJ *j)
{
	RlpIter i;
	RlpItem sub;
	size_t k = 0, n;
	uint8_t *s;
	int ok;

	if (j->type == TJ_ARR) {
		if (!it->list)
			return 0;
		rlp_iter(&i, it);
		while (rlp_next(&i, &sub, NULL) > 0) {
			if (k >= j->n || !match(&sub, j->kids[k]))
				return 0;
			k++;
		}
		return k == j->n;
	}
	if (it->list)
		return 0;
	s = scalar(j, &n);
	ok = n == it->len && (n == 0 || memcmp(s, it->p, n) == 0);
	free(s);
	return ok;
}

static void
runcase(const char *file, const char *name, const TJ *c)
{
	const TJ *in = tj_get(c, "in"), *out = tj_get(c, "out");
	const char *outs = tj_str(out), *ins = tj_str(in);
	char err[ETH_ERRLEN] = "";
	uint8_t *want;
	size_t wn;
	RlpItem it;
	RlpBuf b;

	if (in == NULL || outs == NULL) {
		tap_ok(0, "%s %s: case has no in/out", file, name);
		return;
	}
	want = malloc(strlen(outs) / 2 + 1);
	if (want == NULL)
		abort();
	if (hex_decode(outs, want, strlen(outs) / 2 + 1, &wn) < 0) {
		tap_ok(0, "%s %s: bad hex in out", file, name);
		free(want);
		return;
	}
	if (ins != NULL && strcmp(ins, "INVALID") == 0) {
		int r = rlp_validate(want, wn, err);

		tap_ok(r < 0, "%s %s: rejected (%s)", file, name, r < 0 ? err : "accepted!");
	} else if (ins != NULL && strcmp(ins, "VALID") == 0) {
		tap_ok(rlp_validate(want, wn, err) == 0, "%s %s: decodes %s", file, name, err);
	} else {
		rlp_init(&b);
		encode(&b, in);
		tap_ok(!b.oom && b.len == wn && memcmp(b.p, want, wn) == 0, "%s %s: encodes to out",
		       file, name);
		tap_ok(rlp_validate(want, wn, err) == 0 && rlp_decode(want, wn, &it, err) == 0 &&
		               match(&it, in),
		       "%s %s: out decodes to in %s", file, name, err);
		rlp_free(&b);
	}
	free(want);
}

static void
runfile(const char *path, const char *rel)
{
	TJ *j = tj_parse_file(path);
	size_t i;

	if (!tap_ok(j != NULL && j->type == TJ_OBJ, "%s: read", rel)) {
		tj_free(j);
		return;
	}
	for (i = 0; i < j->n; i++)
		runcase(rel, j->keys[i], j->kids[i]);
	tj_free(j);
}

// Every .json file below dir, in name order.
static void
walk(const char *dir, const char *rel)
{
	struct dirent **ents;
	int n, i;

	n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0) {
		tap_ok(0, "read directory %s", dir);
		return;
	}
	for (i = 0; i < n; i++) {
		char path[2048], r[1024];
		const char *nm = ents[i]->d_name;
		size_t l = strlen(nm);

		if (nm[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", dir, nm);
			snprintf(r, sizeof r, "%s%s%s", rel, *rel ? "/" : "", nm);
			if (l > 5 && strcmp(nm + l - 5, ".json") == 0)
				runfile(path, r);
			else if (ents[i]->d_type == DT_DIR)
				walk(path, r);
		}
		free(ents[i]);
	}
	free(ents);
}

// Hand-written strictness and encoder cases.
static void
ours(void)
{
	static const struct {
		const char *hex, *why;
	} bad[] = {
	        {"", "empty input"},
	        {"81", "string header with no byte"},
	        {"8100", "0x00 as a one-byte string"},
	        {"817f", "0x7f as a one-byte string"},
	        {"b800", "long form with length 0"},
	        {"b837"
	         "000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	         "00000000000000000000000000000",
	         "long form for 55 bytes"},
	        {"b90038", "length with a leading zero byte"},
	        {"c3", "list header with nothing after"},
	        {"c28201", "item truncated inside its list"},
	        {"c10080", "trailing byte after a list"},
	        {"8080", "trailing byte after a string"},
	        {"c4c28081", "nested string truncated inside a list"},
	        {"bfffffffffffffffff", "length of 2^64-1"},
	        {"f9000100", "list length with a leading zero"},
	        {"f838c0", "list length 56 with 1 byte"},
	};
	char err[ETH_ERRLEN] = "";
	uint8_t buf[128];
	size_t i, n;
	RlpBuf b;
	RlpItem it;
	uint64_t v;
	U256 x;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		hex_decode(bad[i].hex, buf, sizeof buf, &n);
		tap_ok(rlp_validate(buf, n, err) < 0, "rejects %s: %s", bad[i].why, err);
	}
	rlp_init(&b);
	rlp_put_u64(&b, 0);
	rlp_put_u64(&b, 0x7f);
	rlp_put_u64(&b, 0x80);
	rlp_put_u64(&b, 0x0102030405060708ULL);
	tap_ok(b.len == 1 + 1 + 2 + 9 && b.p[0] == 0x80 && b.p[1] == 0x7f && b.p[2] == 0x81 &&
	               b.p[4] == 0x88,
	       "integers 0, 0x7f, 0x80, 8 bytes encode minimally");
	rlp_free(&b);
	hex_decode("8200ff", buf, sizeof buf, &n);
	rlp_decode(buf, n, &it, NULL);
	tap_ok(rlp_to_u64(&it, &v, err) < 0, "integer with a leading zero byte refused: %s", err);
	hex_decode("89010000000000000000", buf, sizeof buf, &n);
	rlp_decode(buf, n, &it, NULL);
	tap_ok(rlp_to_u64(&it, &v, err) < 0 && rlp_to_u256(&it, &x, NULL) == 0,
	       "2^64 does not fit u64 but fits u256: %s", err);
	hex_decode("c0", buf, sizeof buf, &n);
	rlp_decode(buf, n, &it, NULL);
	tap_ok(rlp_to_u256(&it, &x, err) < 0, "a list is not an integer: %s", err);
}

int
main(void)
{
	const char *vec = getenv("VECTORS");
	char dir[1024];

	ours();
	if (vec == NULL) {
		tap_ok(0, "VECTORS is not set");
		return tap_done();
	}
	snprintf(dir, sizeof dir, "%s/ethereum-tests/RLPTests", vec);
	walk(dir, "");
	return tap_done();
}
