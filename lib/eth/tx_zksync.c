// lib/eth/tx_zksync.c: zkSync Era's EIP-712 transaction (type 0x71 = 113):
// the typed struct its sender signs, and factory-dependency bytecode hashes.
//
// The struct, as zkSync documents it and zksync-ethers signs it (every
// address is encoded as a uint256):
//   Transaction(uint256 txType,uint256 from,uint256 to,uint256 gasLimit,
//     uint256 gasPerPubdataByteLimit,uint256 maxFeePerGas,
//     uint256 maxPriorityFeePerGas,uint256 paymaster,uint256 nonce,
//     uint256 value,bytes data,bytes32[] factoryDeps,bytes paymasterInput)
// in the domain {name: "zkSync", version: "2", chainId}. factoryDeps holds
// the versioned bytecode hashes, not the bytecodes. A missing `to` or
// paymaster is encoded as 0.
#include <stdlib.h>
#include <string.h>

#include "crypto/sha256.h"
#include "eth/eip712.h"
#include "eth/err.h"
#include "eth/tx.h"

static const Eip712Field txfields[] = {
        {"txType", "uint256"},
        {"from", "uint256"},
        {"to", "uint256"},
        {"gasLimit", "uint256"},
        {"gasPerPubdataByteLimit", "uint256"},
        {"maxFeePerGas", "uint256"},
        {"maxPriorityFeePerGas", "uint256"},
        {"paymaster", "uint256"},
        {"nonce", "uint256"},
        {"value", "uint256"},
        {"data", "bytes"},
        {"factoryDeps", "bytes32[]"},
        {"paymasterInput", "bytes"},
};

static const Eip712Type txtype = {"Transaction", txfields, sizeof txfields / sizeof txfields[0]};

int
zksync_bytecode_hash(const uint8_t *code, size_t n, uint8_t out[32], char *err)
{
	size_t words = n / 32;

	if (n % 32 != 0)
		return eth_err(err, "zksync bytecode: %zu bytes is not a multiple of 32", n);
	if (words % 2 == 0)
		return eth_err(err, "zksync bytecode: length in 32-byte words (%zu) must be odd",
		               words);
	if (words >= 1u << 16)
		return eth_err(err, "zksync bytecode: %zu words is more than 2^16 - 1", words);
	sha256(code, n, out);
	out[0] = 1; // version
	out[1] = 0;
	out[2] = (uint8_t)(words >> 8);
	out[3] = (uint8_t)words;
	return 0;
}

int
tx_zksync_digest(const Tx *tx, uint8_t out[32], char *err)
{
	Eip712Value v[13], *deps = NULL;
	uint8_t(*hashes)[32] = NULL;
	Eip712Domain dom;
	Eip712Types types = {&txtype, 1};
	Eip712Value msg;
	size_t i;
	int r;

	if (tx->type != TX_ZKSYNC)
		return eth_err(err, "zksync digest of a type 0x%02x transaction", tx->type);
	if (tx->nfactory_deps > 0) {
		hashes = calloc(tx->nfactory_deps, 32);
		deps = calloc(tx->nfactory_deps, sizeof *deps);
		if (hashes == NULL || deps == NULL) {
			free(hashes);
			free(deps);
			return eth_err(err, "out of memory");
		}
	}
	for (i = 0; i < tx->nfactory_deps; i++) {
		if (zksync_bytecode_hash(tx->factory_deps[i].p, tx->factory_deps[i].len, hashes[i],
		                         err) < 0) {
			free(hashes);
			free(deps);
			return -1;
		}
		deps[i].bytes = hashes[i];
		deps[i].len = 32;
	}
	memset(v, 0, sizeof v);
	u256_from_u64(&v[0].num, TX_ZKSYNC);
	u256_from_be(&v[1].num, tx->from, 20);
	if (tx->has_to)
		u256_from_be(&v[2].num, tx->to, 20);
	u256_from_u64(&v[3].num, tx->gas_limit);
	v[4].num = tx->gas_per_pubdata;
	v[5].num = tx->max_fee;
	v[6].num = tx->max_priority_fee;
	if (tx->has_paymaster)
		u256_from_be(&v[7].num, tx->paymaster, 20);
	u256_from_u64(&v[8].num, tx->nonce);
	v[9].num = tx->value;
	v[10].bytes = tx->data.p;
	v[10].len = tx->data.len;
	v[11].items = deps;
	v[11].nitems = tx->nfactory_deps;
	v[12].bytes = tx->paymaster_input.p;
	v[12].len = tx->paymaster_input.len;
	msg = (Eip712Value){.items = v, .nitems = 13};
	memset(&dom, 0, sizeof dom);
	dom.name = "zkSync";
	dom.version = "2";
	dom.has_chain_id = 1;
	dom.chain_id = tx->chain_id;
	r = eip712_digest(&dom, &types, "Transaction", &msg, out, err);
	free(hashes);
	free(deps);
	return r;
}
