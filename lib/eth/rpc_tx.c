// lib/eth/rpc_tx.c: rpc_transact: price, sign (lib/eth tx) and send a transaction with
// eth_sendRawTransaction, then optionally wait for its receipt.
#include <string.h>

#include "eth/rpc.h"
#include "eth/secp.h"
#include "eth/tx.h"

// Fill the fee and gas fields of an EIP-1559 transaction.
static int
price_1559(struct eth_rpc *r, Tx *tx, const struct rpc_msg *m, char *err)
{
	struct rpc_fees f;
	U256 two, one;

	if (rpc_fee_history(r, 5, 50, &f, err) < 0)
		return -1;
	u256_from_u64(&one, 1);
	u256_from_u64(&two, 2);
	tx->max_priority_fee = u256_cmp(&f.tip, &one) < 0 ? one : f.tip;
	if (u256_mul(&tx->max_fee, &f.next_base_fee, &two) ||
	    u256_add(&tx->max_fee, &tx->max_fee, &tx->max_priority_fee))
		return eth_err(err, "fee overflow");
	if (tx->gas_limit == 0) {
		uint64_t g;
		if (rpc_estimate_gas(r, m, &g, err) < 0)
			return -1;
		tx->gas_limit = g + g / 4;
	}
	return 0;
}

static int
price_zksync(struct eth_rpc *r, Tx *tx, const struct rpc_msg *m, char *err)
{
	struct zks_fee f;

	if (zks_estimate_fee(r, m, &f, err) < 0)
		return -1;
	tx->max_fee = f.max_fee_per_gas;
	tx->max_priority_fee = f.max_priority_fee_per_gas;
	u256_from_u64(&tx->gas_per_pubdata, f.gas_per_pubdata_limit);
	if (tx->gas_limit == 0)
		tx->gas_limit = f.gas_limit;
	return 0;
}

int
rpc_transact(struct eth_rpc *r, const uint8_t key[32], const struct rpc_txreq *q, uint8_t hash[32],
             struct rpc_receipt *rc, char *err)
{
	struct rpc_msg m = {0};
	uint64_t chain;
	RlpBuf raw;
	Tx tx;
	int rc_ = -1;

	if (secp_key_to_address(key, m.from) < 0)
		return eth_err(err, "not a valid secret key");
	m.has_from = 1;
	m.has_to = q->has_to;
	memcpy(m.to, q->to, 20);
	m.value = q->value;
	m.data = q->data;
	m.len = q->len;
	if (rpc_chain_id(r, &chain, err) < 0)
		return -1;
	int zk = rpc_chain_is_zksync(chain);
	tx_init(&tx, zk ? TX_ZKSYNC : TX_DYNAMIC_FEE);
	rlp_init(&raw);
	u256_from_u64(&tx.chain_id, chain);
	tx.has_to = q->has_to;
	memcpy(tx.to, q->to, 20);
	memcpy(tx.from, m.from, 20);
	tx.value = q->value;
	tx.gas_limit = q->gas_limit;
	if (q->len && tx_set_data(&tx, q->data, q->len) < 0) {
		eth_err(err, "out of memory");
		goto out;
	}
	if (rpc_get_nonce(r, m.from, "pending", &tx.nonce, err) < 0)
		goto out;
	if ((zk ? price_zksync(r, &tx, &m, err) : price_1559(r, &tx, &m, err)) < 0)
		goto out;
	if (tx_sign(&tx, key, err) < 0 || tx_serialize(&tx, &raw, err) < 0)
		goto out;
	if (raw.oom) {
		eth_err(err, "out of memory");
		goto out;
	}
	if (rpc_send_raw(r, raw.p, raw.len, hash, err) < 0)
		goto out;
	if (rc && rpc_wait_receipt(r, hash, q->wait_ms ? q->wait_ms : 60000, 100, rc, err) < 0)
		goto out;
	rc_ = 0;
out:
	rlp_free(&raw);
	tx_free(&tx);
	return rc_;
}
