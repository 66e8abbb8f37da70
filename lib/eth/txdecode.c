// lib/eth/txdecode.c: `eth tx-decode [--chain-id N] 0xRAW`: parse a signed
// transaction strictly, check it as a London-or-later node would, and print
// it as JSON, or say why it is invalid.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eth/address.h"
#include "eth/err.h"
#include "eth/hex.h"
#include "eth/tx.h"
#include "eth/txdecode.h"

const char *eth_progname = "eth";

static void
pbytes(const char *name, const uint8_t *p, size_t n)
{
	char *h = malloc(2 * n + 1);

	if (h == NULL) {
		printf("  \"%s\": null,\n", name);
		return;
	}
	hex_encode(p, n, h);
	printf("  \"%s\": \"0x%s\",\n", name, h);
	free(h);
}

static void
pnum(const char *name, const U256 *v)
{
	char d[U256_DEC_MAX];

	printf("  \"%s\": \"%s\",\n", name, u256_to_dec(v, d));
}

static void
pu64(const char *name, uint64_t v)
{
	printf("  \"%s\": \"%llu\",\n", name, (unsigned long long)v);
}

static void
paddr(const char *name, const uint8_t *a, int has)
{
	char t[ADDR_TEXT_MAX];

	if (has)
		printf("  \"%s\": \"%s\",\n", name, addr_to_checksum(a, t));
	else
		printf("  \"%s\": null,\n", name);
}

static void
paccess(const Tx *tx)
{
	char t[ADDR_TEXT_MAX], h[65];
	size_t i, k;

	printf("  \"accessList\": [");
	for (i = 0; i < tx->naccess; i++) {
		printf("%s{\"address\": \"%s\", \"storageKeys\": [", i ? ", " : "",
		       addr_to_checksum(tx->access[i].addr, t));
		for (k = 0; k < tx->access[i].nkeys; k++) {
			hex_encode(tx->access[i].keys[k], 32, h);
			printf("%s\"0x%s\"", k ? ", " : "", h);
		}
		printf("]}");
	}
	printf("],\n");
}

// zkSync fields; signer is the ECDSA signer when one was recovered.
static void
pzksync(const Tx *tx, const uint8_t *signer)
{
	char h[65];
	size_t i;

	paddr("from", tx->from, 1);
	paddr("signer", signer, signer != NULL);
	pnum("gasPerPubdata", &tx->gas_per_pubdata);
	printf("  \"factoryDeps\": [");
	for (i = 0; i < tx->nfactory_deps; i++) {
		uint8_t bh[32];

		if (zksync_bytecode_hash(tx->factory_deps[i].p, tx->factory_deps[i].len, bh,
		                         NULL) == 0) {
			hex_encode(bh, 32, h);
			printf("%s{\"bytes\": %zu, \"hash\": \"0x%s\"}", i ? ", " : "",
			       tx->factory_deps[i].len, h);
		} else {
			printf("%s{\"bytes\": %zu, \"hash\": null}", i ? ", " : "",
			       tx->factory_deps[i].len);
		}
	}
	printf("],\n");
	paddr("paymaster", tx->paymaster, tx->has_paymaster);
	pbytes("paymasterInput", tx->paymaster_input.p, tx->paymaster_input.len);
	pbytes("customSignature", tx->custom_sig.p, tx->custom_sig.len);
}

static void
print_tx(const Tx *tx, const uint8_t hash[32], int has_hash, const uint8_t sender[20],
         int has_sender, const uint8_t *signer)
{
	uint64_t gas;

	printf("{\n  \"type\": %d,\n", tx->type);
	if (has_hash)
		pbytes("hash", hash, 32);
	else
		printf("  \"hash\": null,\n");
	paddr("sender", sender, has_sender);
	if (tx->type == TX_LEGACY && u256_is_zero(&tx->chain_id))
		printf("  \"chainId\": null,\n");
	else
		pnum("chainId", &tx->chain_id);
	pu64("nonce", tx->nonce);
	if (tx->type == TX_LEGACY || tx->type == TX_ACCESS_LIST) {
		pnum("gasPrice", &tx->gas_price);
	} else {
		pnum("maxPriorityFeePerGas", &tx->max_priority_fee);
		pnum("maxFeePerGas", &tx->max_fee);
	}
	pu64("gasLimit", tx->gas_limit);
	paddr("to", tx->to, tx->has_to);
	pnum("value", &tx->value);
	pbytes("data", tx->data.p, tx->data.len);
	if (tx->type == TX_ACCESS_LIST || tx->type == TX_DYNAMIC_FEE || tx->type == TX_BLOB)
		paccess(tx);
	if (tx->type == TX_BLOB) {
		size_t i;
		char h[65];

		pnum("maxFeePerBlobGas", &tx->max_fee_per_blob_gas);
		printf("  \"blobVersionedHashes\": [");
		for (i = 0; i < tx->nblob_hashes; i++) {
			hex_encode(tx->blob_hashes[i], 32, h);
			printf("%s\"0x%s\"", i ? ", " : "", h);
		}
		printf("],\n");
	}
	if (tx->type == TX_ZKSYNC)
		pzksync(tx, signer);
	else if (tx_intrinsic_gas(tx, &gas) == 0)
		pu64("intrinsicGas", gas);
	if (tx->is_signed && !(tx->type == TX_ZKSYNC && tx->custom_sig.len > 0)) {
		pnum("v", &tx->v_raw);
		printf("  \"yParity\": %d,\n", tx->sig.v);
		pbytes("r", tx->sig.r, 32);
		pbytes("s", tx->sig.s, 32);
	}
	printf("  \"signed\": %s\n}\n", tx->is_signed ? "true" : "false");
}

static int
usage(void)
{
	fprintf(stderr, "usage: %s tx-decode [--chain-id N] 0xRAW\n", eth_progname);
	return 1;
}

static int
fail(const char *why)
{
	fprintf(stderr, "%s tx-decode: %s\n", eth_progname, why);
	return 1;
}

int
eth_cmd_tx_decode(int argc, char **argv)
{
	char err[ETH_ERRLEN], msg[ETH_ERRLEN + 64];
	const char *hexs = NULL;
	uint8_t *raw, hash[32], sender[20];
	int has_chain = 0, has_hash, has_sender = 0, has_signer = 0, i;
	uint8_t signer[20];
	size_t n;
	U256 chain;
	Tx tx;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--chain-id") == 0 && i + 1 < argc) {
			if (u256_parse(&chain, argv[++i]) < 0) {
				snprintf(msg, sizeof msg, "--chain-id %s: not a number below 2^256",
				         argv[i]);
				return fail(msg);
			}
			has_chain = 1;
		} else if (hexs == NULL && argv[i][0] != '-') {
			hexs = argv[i];
		} else {
			return usage();
		}
	}
	if (hexs == NULL)
		return usage();
	raw = malloc(strlen(hexs) / 2 + 1);
	if (raw == NULL)
		return fail("out of memory");
	if (hex_decode(hexs, raw, strlen(hexs) / 2 + 1, &n) < 0) {
		free(raw);
		return fail(
		        "argument is not hex bytes (0x followed by an even number of hex digits)");
	}
	if (tx_parse(raw, n, &tx, err) < 0) {
		free(raw);
		return fail(err);
	}
	free(raw);
	if (tx_check(&tx, has_chain ? &chain : NULL, err) < 0) {
		tx_free(&tx);
		return fail(err);
	}
	// A signature that recovers no key makes an EVM transaction invalid. A
	// zkSync transaction's sender is its from field; it may be unsigned or
	// signed by an account contract's own scheme, so its ECDSA signer is
	// reported separately, when there is one.
	if (tx.type == TX_ZKSYNC) {
		has_signer = tx.is_signed && tx_sender(&tx, signer, NULL) == 0;
		memcpy(sender, tx.from, 20);
		has_sender = 1;
	} else if (tx.is_signed) {
		if (tx_sender(&tx, sender, err) < 0) {
			tx_free(&tx);
			return fail(err);
		}
		has_sender = 1;
	}
	has_hash = tx_hash(&tx, hash, NULL) == 0;
	print_tx(&tx, hash, has_hash, sender, has_sender, has_signer ? signer : NULL);
	tx_free(&tx);
	return 0;
}
