// lib/eth/tx.h: Ethereum and zkSync Era transactions: build, sign, serialize,
// parse, hash and recover the sender.
//
// Status: everything declared here is implemented (tx.c, txparse.c,
// txgas.c, tx_zksync.c) and tested by tx_test.c, txtests_test.sh
// (ethereum/tests TransactionTests), ethers_test.sh (byte-for-byte against
// ethers v6 and zksync-ethers) and tx_fuzz.c. Type 0x03 is the canonical form
// without the blob sidecar; type 0x04 (EIP-7702) is not supported.
//
// Wire formats (each is one RLP list; typed ones are prefixed by their type byte):
//   legacy      [nonce, gasPrice, gasLimit, to, value, data, v, r, s]
//               v = 27/28, or chainId*2 + 35/36 (EIP-155); the EIP-155 signing
//               payload is the first six fields then [chainId, "", ""]
//   0x01 2930   [chainId, nonce, gasPrice, gasLimit, to, value, data,
//                accessList, yParity, r, s]
//   0x02 1559   [chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit,
//                to, value, data, accessList, yParity, r, s]
//   0x71 zkSync [nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value,
//                data, yParity|chainId, r, s, chainId, from, gasPerPubdata,
//                factoryDeps (bytecodes), customSignature,
//                paymasterParams ([] or [paymaster, paymasterInput])]
//   0x03 4844   [chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit,
//                to, value, data, accessList, maxFeePerBlobGas,
//                blobVersionedHashes, yParity, r, s]
//   accessList  [[address, [storageKey32, ...]], ...]
// Typed transactions sign keccak256(type || rlp(fields without signature));
// zkSync's 0x71 signs an EIP-712 digest (see tx_zksync.c) and its hash is
// keccak256(digest || keccak256(signature)).
#ifndef ETH_TX_H
#define ETH_TX_H

#include <stddef.h>
#include <stdint.h>

#include "eth/rlp.h"
#include "eth/secp.h"
#include "eth/u256.h"

enum {
	TX_LEGACY = 0x00,
	TX_ACCESS_LIST = 0x01, // EIP-2930
	TX_DYNAMIC_FEE = 0x02, // EIP-1559
	TX_BLOB = 0x03,        // EIP-4844 (parse, hash and sender only; no blob sidecar)
	TX_ZKSYNC = 0x71,      // zkSync Era EIP-712 (113)
};

enum {
	TX_ZKSYNC_DEFAULT_GAS_PER_PUBDATA = 50000,
	TX_MAX_INITCODE = 49152, // EIP-3860: 2 * 24576
};

// A heap byte string owned by the Tx.
typedef struct TxBytes {
	uint8_t *p;
	size_t len;
} TxBytes;

typedef struct TxAccess {
	uint8_t addr[20];
	uint8_t (*keys)[32];
	size_t nkeys;
} TxAccess;

typedef struct Tx {
	int type;
	// Chain id. A legacy transaction with chain_id zero is pre-EIP-155.
	U256 chain_id;
	uint64_t nonce;
	U256 gas_price;        // legacy and 0x01
	U256 max_priority_fee; // 0x02 and 0x71
	U256 max_fee;          // 0x02 and 0x71
	uint64_t gas_limit;
	int has_to; // 0: contract creation (to is empty on the wire)
	uint8_t to[20];
	U256 value;
	TxBytes data;
	TxAccess *access; // 0x01, 0x02 and 0x03
	size_t naccess;

	// EIP-4844 0x03 only.
	U256 max_fee_per_blob_gas;
	uint8_t (*blob_hashes)[32];
	size_t nblob_hashes;

	// zkSync Era 0x71 only.
	uint8_t from[20];
	U256 gas_per_pubdata;
	TxBytes *factory_deps; // bytecodes (their hashes are what gets signed)
	size_t nfactory_deps;
	int has_paymaster;
	uint8_t paymaster[20];
	TxBytes paymaster_input;
	TxBytes custom_sig; // 0x71 signature as sent: r || s || v (v = 27/28) for ECDSA

	// The signature. sig.v is the y parity (0/1); v_raw is v as on the wire
	// (legacy: 27/28 or 35+2*chainId+parity; typed: the parity).
	int is_signed;
	EthSig sig;
	U256 v_raw;
} Tx;

// A zeroed transaction of the given type (0x71 gets gas_per_pubdata 50000).
void tx_init(Tx *tx, int type);
void tx_free(Tx *tx);
// Setters copy their input. They return 0 or -1 when out of memory.
int tx_set_data(Tx *tx, const uint8_t *p, size_t n);
int tx_add_access(Tx *tx, const uint8_t addr[20], const uint8_t (*keys)[32], size_t nkeys);
int tx_add_factory_dep(Tx *tx, const uint8_t *code, size_t n);
int tx_set_paymaster(Tx *tx, const uint8_t addr[20], const uint8_t *input, size_t n);

// The digest that the sender signs.
int tx_signing_hash(const Tx *tx, uint8_t out[32], char *err);
// Sign with key: sets sig, v_raw and is_signed; for 0x71 also sets from to
// the key's address and custom_sig. Returns 0 or -1.
int tx_sign(Tx *tx, const uint8_t key[32], char *err);
// Append the serialized transaction (type byte included) to out. Unsigned
// transactions serialize only as 0x71 (chainId, "", "" in the signature slot).
int tx_serialize(const Tx *tx, RlpBuf *out, char *err);
// The transaction hash (keccak256 of the serialization; 0x71 per zkSync).
int tx_hash(const Tx *tx, uint8_t out[32], char *err);

// Parse a serialized transaction strictly: canonical RLP, exactly the field
// count of its type, integer sizes (nonce and gasLimit < 2^64, others <= 2^256-1),
// 20-byte addresses, 32-byte storage keys, signature v/r/s ranges and low S
// (EIP-2), nonce < 2^64-1 (EIP-2681). A 0x71 transaction may be unsigned.
// On success the Tx owns copies of everything; on failure it is left empty.
int tx_parse(const uint8_t *raw, size_t len, Tx *tx, char *err);
// Recover the address that signed tx (for 0x71, from the ECDSA signature).
int tx_sender(const Tx *tx, uint8_t addr[20], char *err);

// zkSync Era: the EIP-712 digest a 0x71 transaction's sender signs (domain
// {name "zkSync", version "2", chainId}, struct Transaction as in tx_zksync.c),
// and the versioned hash of a factory dependency's bytecode (sha256 with the
// first two bytes replaced by version 1, 0 and the next two by the length in
// 32-byte words; the length must be an odd number of words below 2^16).
int tx_zksync_digest(const Tx *tx, uint8_t out[32], char *err);
int zksync_bytecode_hash(const uint8_t *code, size_t n, uint8_t out[32], char *err);

// Intrinsic gas under Shanghai/Cancun rules: 21000 (+32000 for creation),
// 4 per zero / 16 per non-zero data byte, 2 per 32-byte initcode word
// (EIP-3860), 2400 per access-list address and 1900 per storage key.
// Returns 0, or -1 if it overflows 64 bits.
int tx_intrinsic_gas(const Tx *tx, uint64_t *gas);
// The checks a London-or-later node applies before execution that do not
// need state: intrinsic gas <= gasLimit, initcode size, maxPriorityFee <=
// maxFee, gasLimit * price within 256 bits, and, if chain_id is not NULL,
// that a replay-protected transaction is for that chain. Returns 0 or -1.
int tx_check(const Tx *tx, const U256 *chain_id, char *err);

#endif
