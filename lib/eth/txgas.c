// lib/eth/txgas.c: the stateless validity rules a London-or-later node
// applies to a transaction: intrinsic gas (with Shanghai's EIP-3860 initcode
// rules), fee relations and overflow, and the chain id.
#include "eth/err.h"
#include "eth/tx.h"

enum {
	G_TX = 21000,
	G_CREATE = 32000,
	G_ZERO = 4,
	G_NONZERO = 16, // EIP-2028
	G_INITWORD = 2, // EIP-3860, per 32-byte word of initcode
	G_ACCESS_ADDR = 2400,
	G_ACCESS_KEY = 1900,
};

int
tx_intrinsic_gas(const Tx *tx, uint64_t *gas)
{
	uint64_t g = G_TX, keys = 0;
	size_t i;

	// The data is at most a few GiB in memory, so these sums cannot
	// overflow 64 bits on their own; the access list can be checked below.
	for (i = 0; i < tx->data.len; i++)
		g += tx->data.p[i] ? G_NONZERO : G_ZERO;
	if (!tx->has_to)
		g += G_CREATE + G_INITWORD * (((uint64_t)tx->data.len + 31) / 32);
	for (i = 0; i < tx->naccess; i++)
		keys += tx->access[i].nkeys;
	if (tx->naccess > UINT64_MAX / G_ACCESS_ADDR || keys > UINT64_MAX / G_ACCESS_KEY)
		return -1;
	if (UINT64_MAX - g < tx->naccess * G_ACCESS_ADDR)
		return -1;
	g += tx->naccess * G_ACCESS_ADDR;
	if (UINT64_MAX - g < keys * G_ACCESS_KEY)
		return -1;
	g += keys * G_ACCESS_KEY;
	*gas = g;
	return 0;
}

int
tx_check(const Tx *tx, const U256 *chain_id, char *err)
{
	const U256 *price =
	        tx->type == TX_LEGACY || tx->type == TX_ACCESS_LIST ? &tx->gas_price : &tx->max_fee;
	uint64_t gas;
	U256 gl, cost;
	char a[U256_DEC_MAX], b[U256_DEC_MAX];

	if (chain_id != NULL && !(tx->type == TX_LEGACY && u256_is_zero(&tx->chain_id)) &&
	    u256_cmp(&tx->chain_id, chain_id) != 0)
		return eth_err(err, "tx: chain id %s, but this network is %s",
		               u256_to_dec(&tx->chain_id, a), u256_to_dec(chain_id, b));
	if (tx->type == TX_DYNAMIC_FEE || tx->type == TX_BLOB || tx->type == TX_ZKSYNC) {
		if (u256_cmp(&tx->max_priority_fee, &tx->max_fee) > 0)
			return eth_err(err, "tx: maxPriorityFeePerGas %s is above maxFeePerGas %s",
			               u256_to_dec(&tx->max_priority_fee, a),
			               u256_to_dec(&tx->max_fee, b));
	}
	u256_from_u64(&gl, tx->gas_limit);
	if (u256_mul(&cost, &gl, price))
		return eth_err(err, "tx: gasLimit * %s does not fit in 256 bits",
		               price == &tx->gas_price ? "gasPrice" : "maxFeePerGas");
	if (tx->type == TX_ZKSYNC)
		return 0; // zkSync Era prices gas differently; the EVM intrinsic rules do not apply
	if (!tx->has_to && tx->data.len > TX_MAX_INITCODE)
		return eth_err(err,
		               "tx: initcode of %zu bytes exceeds the %d-byte limit (EIP-3860)",
		               tx->data.len, TX_MAX_INITCODE);
	if (tx_intrinsic_gas(tx, &gas) < 0)
		return eth_err(err, "tx: intrinsic gas overflows 64 bits");
	if (gas > tx->gas_limit)
		return eth_err(err, "tx: gasLimit %llu is below the intrinsic gas %llu",
		               (unsigned long long)tx->gas_limit, (unsigned long long)gas);
	return 0;
}
