// lib/eth/eip712_test.c: EIP-712 on the specification's "Mail" example
// (the known type hash, domain separator, struct hash, digest and the
// signature by keccak256("cow")), type and value errors, EIP-191
// personal_sign, and EIP-55 on the addresses listed in EIP-55.
#include <string.h>

#include "crypto/keccak.h"
#include "eth/address.h"
#include "eth/eip191.h"
#include "eth/eip712.h"
#include "eth/err.h"
#include "eth/hex.h"
#include "tap/tap.h"

static int
is_hex(const uint8_t *b, size_t n, const char *want)
{
	char got[200];

	hex_encode(b, n, got);
	if (strcmp(got, want + 2) != 0)
		tap_diag("got 0x%s\n# want %s", got, want);
	return strcmp(got, want + 2) == 0;
}

static const Eip712Field person[] = {{"name", "string"}, {"wallet", "address"}};
static const Eip712Field mail[] = {{"from", "Person"}, {"to", "Person"}, {"contents", "string"}};
static const Eip712Type mailtypes[] = {{"Mail", mail, 3}, {"Person", person, 2}};

static void
mail_example(void)
{
	Eip712Types t = {mailtypes, 2};
	uint8_t cow[20], bob[20], h[32], key[32], sig[65];
	Eip712Value cowv[2], bobv[2], top[3], msg;
	Eip712Domain d;
	char enc[256], err[ETH_ERRLEN] = "";
	size_t n;

	hex_decode("CD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", cow, 20, &n);
	hex_decode("bBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", bob, 20, &n);
	memset(cowv, 0, sizeof cowv);
	memset(bobv, 0, sizeof bobv);
	memset(top, 0, sizeof top);
	cowv[0].bytes = (const uint8_t *)"Cow", cowv[0].len = 3;
	cowv[1].bytes = cow, cowv[1].len = 20;
	bobv[0].bytes = (const uint8_t *)"Bob", bobv[0].len = 3;
	bobv[1].bytes = bob, bobv[1].len = 20;
	top[0].items = cowv, top[0].nitems = 2;
	top[1].items = bobv, top[1].nitems = 2;
	top[2].bytes = (const uint8_t *)"Hello, Bob!", top[2].len = 11;
	msg = (Eip712Value){.items = top, .nitems = 3};

	tap_ok(eip712_encode_type(&t, "Mail", enc, sizeof enc, NULL) > 0 &&
	               strcmp(enc, "Mail(Person from,Person to,string contents)Person(string "
	                           "name,address wallet)") == 0,
	       "Mail encodeType");
	tap_ok(eip712_type_hash(&t, "Mail", h, NULL) == 0 &&
	               is_hex(h, 32,
	                      "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2"),
	       "Mail typeHash");
	memset(&d, 0, sizeof d);
	d.name = "Ether Mail";
	d.version = "1";
	d.has_chain_id = 1;
	u256_from_u64(&d.chain_id, 1);
	d.has_contract = 1;
	hex_decode("CcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC", d.contract, 20, &n);
	tap_ok(eip712_domain_separator(&d, h, NULL) == 0 &&
	               is_hex(h, 32,
	                      "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"),
	       "Mail domain separator");
	tap_ok(eip712_hash_struct(&t, "Mail", &msg, h, NULL) == 0 &&
	               is_hex(h, 32,
	                      "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e"),
	       "Mail hashStruct(message)");
	tap_ok(eip712_digest(&d, &t, "Mail", &msg, h, NULL) == 0 &&
	               is_hex(h, 32,
	                      "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"),
	       "Mail signing digest");
	keccak256("cow", 3, key);
	tap_ok(eip712_sign(key, h, sig) == 0 &&
	               is_hex(sig, 65,
	                      "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
	                      "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c"),
	       "Mail signature by keccak256(\"cow\") (v = 28)");

	// Errors: wrong member count, a bad address, an unknown type.
	top[2].bytes = NULL;
	msg.nitems = 2;
	tap_ok(eip712_hash_struct(&t, "Mail", &msg, h, err) < 0, "missing member refused: %s", err);
	msg.nitems = 3;
	cowv[1].len = 19;
	tap_ok(eip712_hash_struct(&t, "Mail", &msg, h, err) < 0, "19-byte address refused: %s",
	       err);
	cowv[1].len = 20;
	tap_ok(eip712_type_hash(&t, "Letter", h, err) < 0, "unknown primary type refused: %s", err);
}

// Arrays, fixed arrays, nested struct arrays, integers of other widths.
static void
arrays(void)
{
	static const Eip712Field item[] = {{"id", "uint8"}, {"delta", "int16"}, {"tag", "bytes4"}};
	static const Eip712Field order[] = {
	        {"items", "Item[]"}, {"pair", "uint256[2]"}, {"ok", "bool"}};
	static const Eip712Type types[] = {{"Order", order, 3}, {"Item", item, 3}};
	Eip712Types t = {types, 2};
	Eip712Value it[3], items[1], pair[2], top[3], msg;
	char enc[256], err[ETH_ERRLEN] = "";
	uint8_t h[32];

	memset(it, 0, sizeof it);
	memset(pair, 0, sizeof pair);
	memset(top, 0, sizeof top);
	u256_from_u64(&it[0].num, 7);
	// -2 in two's complement.
	memset(it[1].num.w, 0xff, sizeof it[1].num.w);
	it[1].num.w[0] = (uint64_t)-2;
	it[2].bytes = (const uint8_t *)"abcd", it[2].len = 4;
	items[0] = (Eip712Value){.items = it, .nitems = 3};
	u256_from_u64(&pair[0].num, 1);
	u256_from_u64(&pair[1].num, 2);
	top[0].items = items, top[0].nitems = 1;
	top[1].items = pair, top[1].nitems = 2;
	u256_from_u64(&top[2].num, 1);
	msg = (Eip712Value){.items = top, .nitems = 3};
	tap_ok(eip712_encode_type(&t, "Order", enc, sizeof enc, NULL) > 0 &&
	               strcmp(enc, "Order(Item[] items,uint256[2] pair,bool ok)Item(uint8 id,int16 "
	                           "delta,bytes4 tag)") == 0,
	       "encodeType lists referenced structs after the primary one");
	tap_ok(eip712_hash_struct(&t, "Order", &msg, h, err) == 0, "nested arrays hash %s", err);
	top[1].nitems = 1;
	tap_ok(eip712_hash_struct(&t, "Order", &msg, h, err) < 0,
	       "uint256[2] with 1 element refused: %s", err);
	top[1].nitems = 2;
	u256_from_u64(&it[0].num, 256);
	tap_ok(eip712_hash_struct(&t, "Order", &msg, h, err) < 0, "256 in a uint8 refused: %s",
	       err);
	u256_from_u64(&it[0].num, 7);
	it[1].num.w[3] = 0x7fffffffffffffffULL;
	tap_ok(eip712_hash_struct(&t, "Order", &msg, h, err) < 0,
	       "int16 not sign-extended refused: %s", err);
	it[1].num.w[3] = ~0ULL;
	u256_from_u64(&top[2].num, 2);
	tap_ok(eip712_hash_struct(&t, "Order", &msg, h, err) < 0, "bool 2 refused: %s", err);
}

static void
personal(void)
{
	uint8_t h[32], key[32], sig[65], addr[20], want[20];

	eip191_hash((const uint8_t *)"hello world", 11, h);
	tap_ok(is_hex(h, 32, "0xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68"),
	       "EIP-191 hash of \"hello world\"");
	keccak256("cow", 3, key);
	secp_key_to_address(key, want);
	tap_ok(eip191_sign(key, (const uint8_t *)"hello", 5, sig) == 0 &&
	               (sig[64] == 27 || sig[64] == 28) &&
	               eip191_recover((const uint8_t *)"hello", 5, sig, addr) == 0 &&
	               memcmp(addr, want, 20) == 0,
	       "personal_sign signs with v 27/28 and recovers the signer");
}

static void
checksums(void)
{
	static const char *good[] = {
	        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
	        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
	        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
	        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
	        "0x52908400098527886E0F7030069857D2E4169EE7",
	        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
	        "0xde709f2102306220921060314715629080e2fb77",
	        "0x27b1fdb04752bbc536007a920d24acb045561c26",
	};
	char out[ADDR_TEXT_MAX], err[ETH_ERRLEN];
	uint8_t a[20];
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		tap_ok(addr_parse(good[i], a, err) == 0 &&
		               strcmp(addr_to_checksum(a, out), good[i]) == 0,
		       "EIP-55 %s encodes and parses", good[i]);
	tap_ok(addr_parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", a, err) < 0,
	       "bad checksum refused: %s", err);
	tap_ok(addr_parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", a, NULL) == 0,
	       "all lower-case accepted");
	tap_ok(addr_parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", a, err) < 0,
	       "39 digits refused: %s", err);
	tap_ok(addr_parse("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00", a, err) < 0,
	       "no 0x refused: %s", err);
	tap_ok(addr_parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beagd", a, err) < 0,
	       "non-hex refused: %s", err);
	tap_ok(addr_checksum_ok("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed") &&
	               !addr_checksum_ok("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
	       "addr_checksum_ok");
}

int
main(void)
{
	mail_example();
	arrays();
	personal();
	checksums();
	return tap_done();
}
