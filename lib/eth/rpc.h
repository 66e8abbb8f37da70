// lib/eth/rpc.h: an Ethereum / zkSync Era JSON-RPC 2.0 client over lib/http.
//
// Status: implemented; tested against a real anvil node (contracts/ tests and
// rpc_test.sh) and, for the zks_* methods and error decoding, against a
// scripted JSON-RPC server in rpc_test.c.
//
// Every call returns 0, or -1 with err set. A JSON-RPC error object from the
// node is kept in the client (code, message and, for reverts, the decoded
// reason: Error(string), Panic(uint256) or a custom error selector) and also
// formatted into err as "NODE ERROR <code>: <message> (revert: <reason>)".
#ifndef ETH_RPC_H
#define ETH_RPC_H

#include <stddef.h>
#include <stdint.h>

#include "eth/err.h"
#include "eth/u256.h"
#include "http/http.h"
#include "json/json.h"

enum { RPC_MSG_MAX = 256 };

struct eth_rpc {
	struct http_client http;
	uint64_t next_id;
	// The last JSON-RPC error from the node (has_error 0 when the last call
	// failed for another reason or succeeded).
	int has_error;
	int64_t error_code;
	char error_message[RPC_MSG_MAX];
	int reverted; // error data was revert data
	char revert_reason[RPC_MSG_MAX];
};

int rpc_open(struct eth_rpc *r, const char *url, char *err);
void rpc_close(struct eth_rpc *r);

// Generic call: params is the JSON text of the params array. On success
// *root is the whole response (caller frees with json_free) and *result
// points at its "result" member.
int rpc_call(struct eth_rpc *r, const char *method, const char *params, struct json **root,
             const struct json **result, char *err);

// A call or transaction message for eth_call / eth_estimateGas.
struct rpc_msg {
	int has_from;
	uint8_t from[20];
	int has_to; // 0: contract creation
	uint8_t to[20];
	const uint8_t *data;
	size_t len;
	U256 value;
	uint64_t gas; // 0: not given
};

int rpc_chain_id(struct eth_rpc *r, uint64_t *id, char *err);
int rpc_block_number(struct eth_rpc *r, uint64_t *n, char *err);
// block: "latest", "pending", or a 0x quantity.
int rpc_get_balance(struct eth_rpc *r, const uint8_t addr[20], const char *block, U256 *v,
                    char *err);
int rpc_get_nonce(struct eth_rpc *r, const uint8_t addr[20], const char *block, uint64_t *n,
                  char *err);
int rpc_gas_price(struct eth_rpc *r, U256 *v, char *err);

// eth_feeHistory over the last `blocks` blocks at one reward percentile:
// the next block's base fee and the median of the blocks' rewards.
struct rpc_fees {
	U256 next_base_fee;
	U256 tip; // median reward at the percentile (zero when none reported)
};
int rpc_fee_history(struct eth_rpc *r, unsigned blocks, double percentile, struct rpc_fees *f,
                    char *err);

int rpc_estimate_gas(struct eth_rpc *r, const struct rpc_msg *m, uint64_t *gas, char *err);
// eth_call; *out is malloc'd (caller frees). A revert is an error, with the
// reason in r->revert_reason.
int rpc_eth_call(struct eth_rpc *r, const struct rpc_msg *m, const char *block, uint8_t **out,
                 size_t *len, char *err);
int rpc_send_raw(struct eth_rpc *r, const uint8_t *raw, size_t len, uint8_t hash[32], char *err);

struct rpc_log {
	uint8_t address[20];
	uint8_t (*topics)[32];
	size_t ntopics;
	uint8_t *data;
	size_t len;
	uint64_t block;
	uint8_t tx_hash[32];
};

struct rpc_receipt {
	uint8_t tx_hash[32];
	int status; // 1 success, 0 reverted
	uint64_t block;
	uint64_t gas_used;
	U256 effective_gas_price;
	int has_contract;
	uint8_t contract[20];
	struct rpc_log *logs;
	size_t nlogs;
};

// *found is 0 while the transaction is pending (no receipt yet).
int rpc_get_receipt(struct eth_rpc *r, const uint8_t hash[32], struct rpc_receipt *rc, int *found,
                    char *err);
// Poll every poll_ms until the receipt exists or timeout_ms passes.
int rpc_wait_receipt(struct eth_rpc *r, const uint8_t hash[32], int timeout_ms, int poll_ms,
                     struct rpc_receipt *rc, char *err);
void rpc_receipt_free(struct rpc_receipt *rc);

// eth_getLogs for one address (or any when address is NULL) and an optional
// topic 0, between two blocks ("earliest"/"latest"/0x quantity).
int rpc_get_logs(struct eth_rpc *r, const uint8_t *address, const uint8_t *topic0, const char *from,
                 const char *to, struct rpc_log **logs, size_t *n, char *err);
void rpc_logs_free(struct rpc_log *logs, size_t n);

// zkSync Era: zks_estimateFee.
struct zks_fee {
	uint64_t gas_limit;
	uint64_t gas_per_pubdata_limit;
	U256 max_fee_per_gas;
	U256 max_priority_fee_per_gas;
};
int zks_estimate_fee(struct eth_rpc *r, const struct rpc_msg *m, struct zks_fee *f, char *err);
// zks_getTransactionDetails: status is one of "pending", "included",
// "verified", "failed" (as the node says); *found 0 when unknown.
int zks_tx_details(struct eth_rpc *r, const uint8_t hash[32], char *status, size_t n, int *found,
                   char *err);
// Chain ids of zkSync Era networks (mainnet 324, Sepolia 300, local 260/270).
int rpc_chain_is_zksync(uint64_t chain_id);

// Sign and send a transaction from key: chain id, nonce ("pending"), fees
// and gas are fetched from the node. On zkSync Era chains (see
// rpc_chain_is_zksync) it is a 0x71 transaction priced by zks_estimateFee;
// elsewhere an EIP-1559 one with maxPriorityFee = the feeHistory median
// reward (at least 1 wei) and maxFee = 2 * next base fee + tip. gas_limit 0
// means eth_estimateGas plus 25%. With rc not NULL it waits (up to
// wait_ms) for the receipt, which the caller frees.
struct rpc_txreq {
	int has_to; // 0: deploy data as a contract
	uint8_t to[20];
	U256 value;
	const uint8_t *data;
	size_t len;
	uint64_t gas_limit;
	int wait_ms;
};
int rpc_transact(struct eth_rpc *r, const uint8_t key[32], const struct rpc_txreq *q,
                 uint8_t hash[32], struct rpc_receipt *rc, char *err);

// Parse a 0x quantity (JSON string) into a U256 / uint64.
int rpc_quantity(const struct json *j, U256 *v);
int rpc_quantity_u64(const struct json *j, uint64_t *v);

#endif
