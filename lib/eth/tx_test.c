// lib/eth/tx_test.c: transactions built, signed, serialized and parsed back
// for every type; the EIP-155 example from the EIP; zkSync 0x71 details;
// rejections with reasons. (ethereum/tests runs in txtests_test.sh, and the
// byte-for-byte comparison with ethers in ethers_test.sh.)
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "eth/err.h"
#include "eth/hex.h"
#include "eth/tx.h"
#include "tap/tap.h"

static uint8_t key[32];

static int
is_hex(const uint8_t *b, size_t n, const char *want)
{
	char got[1024];

	hex_encode(b, n, got);
	if (strcmp(got, want + 2) != 0)
		tap_diag("got 0x%s\n# want %s", got, want);
	return strcmp(got, want + 2) == 0;
}

// EIP-155's worked example.
static void
eip155(void)
{
	uint8_t h[32];
	size_t n;
	RlpBuf b;
	Tx tx;

	hex_decode("4646464646464646464646464646464646464646464646464646464646464646", key, 32, &n);
	tx_init(&tx, TX_LEGACY);
	tx.nonce = 9;
	u256_parse(&tx.gas_price, "20000000000");
	tx.gas_limit = 21000;
	tx.has_to = 1;
	memset(tx.to, 0x35, 20);
	u256_parse(&tx.value, "1000000000000000000");
	u256_from_u64(&tx.chain_id, 1);
	tap_ok(tx_signing_hash(&tx, h, NULL) == 0 &&
	               is_hex(h, 32,
	                      "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"),
	       "EIP-155 example signing hash");
	rlp_init(&b);
	tap_ok(tx_sign(&tx, key, NULL) == 0 && tx_serialize(&tx, &b, NULL) == 0 &&
	               is_hex(b.p, b.len,
	                      "0xf86c098504a817c800825208943535353535353535353535353535353535353535"
	                      "880de0b6b3a76400"
	                      "008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa63"
	                      "6276a067cbe9d899"
	                      "7f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"),
	       "EIP-155 example signed transaction");
	rlp_free(&b);
	tx_free(&tx);
}

// Fill tx with every field its type has.
static void
fill(Tx *tx, int type)
{
	static const uint8_t k2[2][32] = {{1}, {2}};
	uint8_t a[20];

	tx_init(tx, type);
	u256_from_u64(&tx->chain_id, type == TX_ZKSYNC ? 324 : 5);
	tx->nonce = 7;
	u256_parse(&tx->gas_price, "30000000000");
	u256_parse(&tx->max_priority_fee, "1500000000");
	u256_parse(&tx->max_fee, "40000000000");
	tx->gas_limit = 100000;
	tx->has_to = 1;
	memset(tx->to, 0xab, 20);
	u256_parse(&tx->value, "0xde0b6b3a7640000");
	tx_set_data(tx, (const uint8_t *)"\x12\x34\x00\x56", 4);
	memset(a, 0xcd, 20);
	if (type == TX_ACCESS_LIST || type == TX_DYNAMIC_FEE) {
		tx_add_access(tx, a, k2, 2);
		tx_add_access(tx, tx->to, NULL, 0);
	}
	if (type == TX_BLOB) {
		tx_add_access(tx, a, k2, 1);
		u256_from_u64(&tx->max_fee_per_blob_gas, 3);
		tx->blob_hashes = calloc(2, 32);
		tx->blob_hashes[0][0] = 1;
		tx->blob_hashes[1][0] = 1;
		tx->blob_hashes[1][31] = 0x42;
		tx->nblob_hashes = 2;
	}
	if (type == TX_ZKSYNC) {
		uint8_t code[96];

		memset(code, 0x5b, sizeof code);
		tx_add_factory_dep(tx, code, sizeof code);
		tx_set_paymaster(tx, a, (const uint8_t *)"\x8c\x5a\x34\x45", 4);
	}
}

static void
roundtrip(int type, const char *name)
{
	uint8_t addr[20], want[20], h[32], h2[32];
	char err[ETH_ERRLEN] = "";
	RlpBuf b, b2;
	Tx tx, back;
	int ok;

	fill(&tx, type);
	rlp_init(&b);
	rlp_init(&b2);
	secp_key_to_address(key, want);
	ok = tx_sign(&tx, key, err) == 0 && tx_serialize(&tx, &b, err) == 0;
	tap_ok(ok, "%s: sign and serialize %s", name, err);
	ok = ok && tx_parse(b.p, b.len, &back, err) == 0;
	tap_ok(ok, "%s: parses back %s", name, err);
	if (!ok)
		goto out;
	tap_ok(tx_serialize(&back, &b2, err) == 0 && b2.len == b.len &&
	               memcmp(b.p, b2.p, b.len) == 0,
	       "%s: re-serializes to the same bytes", name);
	tap_ok(tx_sender(&back, addr, err) == 0 && memcmp(addr, want, 20) == 0,
	       "%s: sender recovered %s", name, err);
	tap_ok(tx_hash(&tx, h, NULL) == 0 && tx_hash(&back, h2, NULL) == 0 &&
	               memcmp(h, h2, 32) == 0,
	       "%s: same hash after parsing", name);
	if (type != TX_ZKSYNC) {
		keccak256(b.p, b.len, h2);
		tap_ok(memcmp(h, h2, 32) == 0, "%s: hash is keccak256 of the serialization", name);
	}
	tap_ok(tx_check(&back, &tx.chain_id, err) == 0, "%s: passes the validity checks %s", name,
	       err);
	// A flipped bit anywhere in the signed part changes the sender or fails.
	tx_free(&back);
	b.p[b.len / 2] ^= 0x01;
	if (tx_parse(b.p, b.len, &back, NULL) == 0) {
		uint8_t other[20];

		tap_ok(tx_sender(&back, other, NULL) < 0 || memcmp(other, want, 20) != 0,
		       "%s: a flipped bit does not keep the sender", name);
		tx_free(&back);
	} else {
		tap_ok(1, "%s: a flipped bit makes it unparsable", name);
	}
out:
	rlp_free(&b);
	rlp_free(&b2);
	tx_free(&tx);
}

static void
zksync(void)
{
	uint8_t code[64], h[32], addr[20];
	char err[ETH_ERRLEN] = "";
	RlpBuf b;
	Tx tx, back;

	memset(code, 0, sizeof code);
	tap_ok(zksync_bytecode_hash(code, 64, h, err) < 0,
	       "bytecode of an even word count refused: %s", err);
	tap_ok(zksync_bytecode_hash(code, 33, h, err) < 0,
	       "bytecode not a multiple of 32 refused: %s", err);
	tap_ok(zksync_bytecode_hash(code, 32, h, NULL) == 0 && h[0] == 1 && h[1] == 0 &&
	               h[2] == 0 && h[3] == 1,
	       "bytecode hash starts with version 1, 0 and the word count");
	// Unsigned 0x71 serializes (chainId, "", "" in the signature slot) and parses.
	fill(&tx, TX_ZKSYNC);
	rlp_init(&b);
	err[0] = 0;
	tap_ok(tx_serialize(&tx, &b, err) == 0 && b.p[0] == 0x71, "unsigned 0x71 serializes");
	tap_ok(tx_parse(b.p, b.len, &back, err) == 0 && !back.is_signed,
	       "unsigned 0x71 parses as unsigned %s", err);
	tap_ok(tx_sender(&back, addr, err) < 0 && tx_hash(&back, h, NULL) < 0,
	       "unsigned 0x71 has no sender or hash: %s", err);
	tx_free(&back);
	rlp_free(&b);
	// The Ethereum-signature form (yParity, r, s in the slot, no custom signature).
	tx_sign(&tx, key, NULL);
	free(tx.custom_sig.p);
	tx.custom_sig.p = NULL;
	tx.custom_sig.len = 0;
	err[0] = 0;
	rlp_init(&b);
	tap_ok(tx_serialize(&tx, &b, err) == 0 && tx_parse(b.p, b.len, &back, err) == 0 &&
	               tx_sender(&back, addr, err) == 0 && memcmp(addr, tx.from, 20) == 0,
	       "0x71 with yParity, r, s in place of customSignature %s", err);
	tx_free(&back);
	rlp_free(&b);
	tx_free(&tx);
}

static void
rejections(void)
{
	static const struct {
		const char *hex, *why;
	} bad[] = {
	        {"0x", "empty"},
	        {"0x05c0", "unknown type 5"},
	        {"0x02", "type byte alone"},
	        {"0x0280", "typed payload that is a string"},
	        {"0x02c0", "typed payload with no fields"},
	        {"0xc0", "legacy with no fields"},
	        {"0x71c0", "zkSync with no fields"},
	        // Found by tx_fuzz: a malformed item after the last field once
	        // read past the table of field names.
	        {"0x01cd80808080808080808080808100", "malformed extra field after 11 fields"},
	};
	char err[ETH_ERRLEN] = "";
	uint8_t raw[64], zero[32] = {0};
	size_t i, n;
	Tx tx;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		hex_decode(bad[i].hex, raw, sizeof raw, &n);
		tap_ok(tx_parse(raw, n, &tx, err) < 0, "rejects %s: %s", bad[i].why, err);
	}
	fill(&tx, TX_DYNAMIC_FEE);
	u256_from_u64(&tx.max_priority_fee, 50000000000ULL);
	tap_ok(tx_check(&tx, NULL, err) < 0, "priority fee above max fee refused: %s", err);
	u256_from_u64(&tx.max_priority_fee, 1);
	tx.gas_limit = 21000;
	tap_ok(tx_check(&tx, NULL, err) < 0, "gas limit below intrinsic gas refused: %s", err);
	tx.gas_limit = 100000;
	tap_ok(tx_check(&tx, &(U256){{1, 0, 0, 0}}, err) < 0, "wrong chain refused: %s", err);
	tap_ok(tx_sign(&tx, zero, err) < 0, "signing with a zero key refused: %s", err);
	tx_free(&tx);
	// EIP-3860: initcode above 49152 bytes, and its word cost.
	{
		static uint8_t code[TX_MAX_INITCODE + 1];
		uint64_t gas;

		fill(&tx, TX_DYNAMIC_FEE);
		tx.has_to = 0;
		tx.gas_limit = 30000000;
		tx_set_data(&tx, code, sizeof code);
		tap_ok(tx_check(&tx, NULL, err) < 0, "initcode of 49153 bytes refused: %s", err);
		tx_set_data(&tx, code, 64);
		free(tx.access[0].keys);
		free(tx.access[1].keys);
		free(tx.access);
		tx.access = NULL;
		tx.naccess = 0;
		tap_ok(tx_intrinsic_gas(&tx, &gas) == 0 && gas == 21000 + 32000 + 64 * 4 + 2 * 2,
		       "creation intrinsic gas: 21000 + 32000 + 4 per zero byte + 2 per word");
		tx_free(&tx);
	}
}

int
main(void)
{
	eip155();
	roundtrip(TX_LEGACY, "legacy EIP-155");
	roundtrip(TX_ACCESS_LIST, "EIP-2930");
	roundtrip(TX_DYNAMIC_FEE, "EIP-1559");
	roundtrip(TX_BLOB, "EIP-4844 blob");
	roundtrip(TX_ZKSYNC, "zkSync 0x71");
	{
		// Pre-EIP-155 legacy: no chain id, v = 27/28.
		Tx tx;
		RlpBuf b;
		char err[ETH_ERRLEN] = "";

		fill(&tx, TX_LEGACY);
		u256_from_u64(&tx.chain_id, 0);
		rlp_init(&b);
		tap_ok(tx_sign(&tx, key, err) == 0 &&
		               (tx.v_raw.w[0] == 27 || tx.v_raw.w[0] == 28) &&
		               tx_serialize(&tx, &b, err) == 0,
		       "pre-EIP-155 legacy signs with v 27/28 %s", err);
		rlp_free(&b);
		tx_free(&tx);
	}
	zksync();
	rejections();
	return tap_done();
}
