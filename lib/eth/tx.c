// lib/eth/tx.c: transactions in memory: construction, signing payloads,
// signing, serialization, hashes and sender recovery (formats in tx.h;
// parsing is txparse.c, gas rules txgas.c, zkSync's EIP-712 tx_zksync.c).
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "eth/err.h"
#include "eth/tx.h"

void
tx_init(Tx *tx, int type)
{
	memset(tx, 0, sizeof *tx);
	tx->type = type;
	if (type == TX_ZKSYNC)
		u256_from_u64(&tx->gas_per_pubdata, TX_ZKSYNC_DEFAULT_GAS_PER_PUBDATA);
}

void
tx_free(Tx *tx)
{
	size_t i;

	free(tx->data.p);
	for (i = 0; i < tx->naccess; i++)
		free(tx->access[i].keys);
	free(tx->access);
	free(tx->blob_hashes);
	for (i = 0; i < tx->nfactory_deps; i++)
		free(tx->factory_deps[i].p);
	free(tx->factory_deps);
	free(tx->paymaster_input.p);
	free(tx->custom_sig.p);
	memset(tx, 0, sizeof *tx);
}

// Replace b with a copy of p (n bytes).
static int
setbytes(TxBytes *b, const uint8_t *p, size_t n)
{
	uint8_t *c = malloc(n ? n : 1);

	if (c == NULL)
		return -1;
	if (n > 0)
		memcpy(c, p, n);
	free(b->p);
	b->p = c;
	b->len = n;
	return 0;
}

int
tx_set_data(Tx *tx, const uint8_t *p, size_t n)
{
	return setbytes(&tx->data, p, n);
}

int
tx_add_access(Tx *tx, const uint8_t addr[20], const uint8_t (*keys)[32], size_t nkeys)
{
	TxAccess *a = realloc(tx->access, (tx->naccess + 1) * sizeof *a);
	TxAccess *e;

	if (a == NULL)
		return -1;
	tx->access = a;
	e = &a[tx->naccess];
	memcpy(e->addr, addr, 20);
	e->keys = malloc(nkeys ? nkeys * 32 : 1);
	if (e->keys == NULL)
		return -1;
	if (nkeys > 0)
		memcpy(e->keys, keys, nkeys * 32);
	e->nkeys = nkeys;
	tx->naccess++;
	return 0;
}

int
tx_add_factory_dep(Tx *tx, const uint8_t *code, size_t n)
{
	TxBytes *d = realloc(tx->factory_deps, (tx->nfactory_deps + 1) * sizeof *d);

	if (d == NULL)
		return -1;
	tx->factory_deps = d;
	memset(&d[tx->nfactory_deps], 0, sizeof *d);
	if (setbytes(&d[tx->nfactory_deps], code, n) < 0)
		return -1;
	tx->nfactory_deps++;
	return 0;
}

int
tx_set_paymaster(Tx *tx, const uint8_t addr[20], const uint8_t *input, size_t n)
{
	if (setbytes(&tx->paymaster_input, input, n) < 0)
		return -1;
	memcpy(tx->paymaster, addr, 20);
	tx->has_paymaster = 1;
	return 0;
}

static void
put_to(RlpBuf *b, const Tx *tx)
{
	rlp_put_bytes(b, tx->to, tx->has_to ? 20 : 0);
}

static void
put_access(RlpBuf *b, const Tx *tx)
{
	size_t m = rlp_list_begin(b), i, k;

	for (i = 0; i < tx->naccess; i++) {
		size_t e = rlp_list_begin(b), ks;

		rlp_put_bytes(b, tx->access[i].addr, 20);
		ks = rlp_list_begin(b);
		for (k = 0; k < tx->access[i].nkeys; k++)
			rlp_put_bytes(b, tx->access[i].keys[k], 32);
		rlp_list_end(b, ks);
		rlp_list_end(b, e);
	}
	rlp_list_end(b, m);
}

// The fields of an EVM transaction before its signature.
static void
put_fields(RlpBuf *b, const Tx *tx)
{
	size_t i, m;

	if (tx->type != TX_LEGACY)
		rlp_put_u256(b, &tx->chain_id);
	rlp_put_u64(b, tx->nonce);
	if (tx->type == TX_LEGACY || tx->type == TX_ACCESS_LIST) {
		rlp_put_u256(b, &tx->gas_price);
	} else {
		rlp_put_u256(b, &tx->max_priority_fee);
		rlp_put_u256(b, &tx->max_fee);
	}
	rlp_put_u64(b, tx->gas_limit);
	put_to(b, tx);
	rlp_put_u256(b, &tx->value);
	rlp_put_bytes(b, tx->data.p, tx->data.len);
	if (tx->type == TX_LEGACY)
		return;
	put_access(b, tx);
	if (tx->type != TX_BLOB)
		return;
	rlp_put_u256(b, &tx->max_fee_per_blob_gas);
	m = rlp_list_begin(b);
	for (i = 0; i < tx->nblob_hashes; i++)
		rlp_put_bytes(b, tx->blob_hashes[i], 32);
	rlp_list_end(b, m);
}

static void
put_sig_rs(RlpBuf *b, const EthSig *sig)
{
	U256 x;

	u256_from_be(&x, sig->r, 32);
	rlp_put_u256(b, &x);
	u256_from_be(&x, sig->s, 32);
	rlp_put_u256(b, &x);
}

static int
known_type(const Tx *tx, char *err)
{
	switch (tx->type) {
	case TX_LEGACY:
	case TX_ACCESS_LIST:
	case TX_DYNAMIC_FEE:
	case TX_BLOB:
	case TX_ZKSYNC:
		return 0;
	}
	return eth_err(err, "transaction type 0x%02x is not supported", tx->type);
}

int
tx_signing_hash(const Tx *tx, uint8_t out[32], char *err)
{
	RlpBuf b;
	size_t m;

	if (known_type(tx, err) < 0)
		return -1;
	if (tx->type == TX_ZKSYNC)
		return tx_zksync_digest(tx, out, err);
	rlp_init(&b);
	if (tx->type != TX_LEGACY) {
		uint8_t t = (uint8_t)tx->type;

		rlp_put_raw(&b, &t, 1);
	}
	m = rlp_list_begin(&b);
	put_fields(&b, tx);
	// EIP-155: the chain id and two empty strings stand in for v, r, s.
	if (tx->type == TX_LEGACY && !u256_is_zero(&tx->chain_id)) {
		rlp_put_u256(&b, &tx->chain_id);
		rlp_put_bytes(&b, NULL, 0);
		rlp_put_bytes(&b, NULL, 0);
	}
	rlp_list_end(&b, m);
	if (b.oom) {
		rlp_free(&b);
		return eth_err(err, "out of memory");
	}
	keccak256(b.p, b.len, out);
	rlp_free(&b);
	return 0;
}

int
tx_sign(Tx *tx, const uint8_t key[32], char *err)
{
	uint8_t h[32];
	U256 v;

	if (!secp_seckey_valid(key))
		return eth_err(err, "sign: not a valid secp256k1 secret key");
	if (tx->type == TX_ZKSYNC && secp_key_to_address(key, tx->from) < 0)
		return eth_err(err, "sign: cannot derive the key's address");
	if (tx_signing_hash(tx, h, err) < 0)
		return -1;
	if (secp_sign(key, h, &tx->sig) < 0)
		return eth_err(err, "sign: signing failed");
	u256_from_u64(&tx->v_raw, tx->sig.v);
	if (tx->type == TX_LEGACY && u256_is_zero(&tx->chain_id)) {
		u256_from_u64(&tx->v_raw, 27u + tx->sig.v);
	} else if (tx->type == TX_LEGACY) {
		// v = chainId * 2 + 35 + parity, which must fit in 256 bits.
		u256_from_u64(&v, 2);
		if (u256_mul(&v, &v, &tx->chain_id) ||
		    u256_add(&v, &v, &(U256){{35u + tx->sig.v, 0, 0, 0}}))
			return eth_err(err, "sign: chain id too large for EIP-155 v");
		tx->v_raw = v;
	}
	if (tx->type == TX_ZKSYNC) {
		uint8_t cs[65];

		memcpy(cs, tx->sig.r, 32);
		memcpy(cs + 32, tx->sig.s, 32);
		cs[64] = (uint8_t)(27 + tx->sig.v);
		if (setbytes(&tx->custom_sig, cs, 65) < 0)
			return eth_err(err, "out of memory");
	}
	tx->is_signed = 1;
	return 0;
}

// zkSync's 0x71 list (see tx.h).
static void
put_zksync(RlpBuf *b, const Tx *tx)
{
	size_t m = rlp_list_begin(b), i, d;

	rlp_put_u64(b, tx->nonce);
	rlp_put_u256(b, &tx->max_priority_fee);
	rlp_put_u256(b, &tx->max_fee);
	rlp_put_u64(b, tx->gas_limit);
	put_to(b, tx);
	rlp_put_u256(b, &tx->value);
	rlp_put_bytes(b, tx->data.p, tx->data.len);
	// With a custom signature (how zksync-ethers' Wallet sends) or unsigned,
	// the signature slot holds chainId, "", "".
	if (tx->is_signed && tx->custom_sig.len == 0) {
		rlp_put_u64(b, tx->sig.v);
		put_sig_rs(b, &tx->sig);
	} else {
		rlp_put_u256(b, &tx->chain_id);
		rlp_put_bytes(b, NULL, 0);
		rlp_put_bytes(b, NULL, 0);
	}
	rlp_put_u256(b, &tx->chain_id);
	rlp_put_bytes(b, tx->from, 20);
	rlp_put_u256(b, &tx->gas_per_pubdata);
	d = rlp_list_begin(b);
	for (i = 0; i < tx->nfactory_deps; i++)
		rlp_put_bytes(b, tx->factory_deps[i].p, tx->factory_deps[i].len);
	rlp_list_end(b, d);
	rlp_put_bytes(b, tx->custom_sig.p, tx->custom_sig.len);
	d = rlp_list_begin(b);
	if (tx->has_paymaster) {
		rlp_put_bytes(b, tx->paymaster, 20);
		rlp_put_bytes(b, tx->paymaster_input.p, tx->paymaster_input.len);
	}
	rlp_list_end(b, d);
	rlp_list_end(b, m);
}

int
tx_serialize(const Tx *tx, RlpBuf *out, char *err)
{
	size_t m;

	if (known_type(tx, err) < 0)
		return -1;
	if (tx->type != TX_LEGACY) {
		uint8_t t = (uint8_t)tx->type;

		rlp_put_raw(out, &t, 1);
	}
	if (tx->type == TX_ZKSYNC) {
		put_zksync(out, tx);
	} else {
		if (!tx->is_signed)
			return eth_err(err, "serialize: transaction is not signed");
		m = rlp_list_begin(out);
		put_fields(out, tx);
		rlp_put_u256(out, &tx->v_raw);
		put_sig_rs(out, &tx->sig);
		rlp_list_end(out, m);
	}
	if (out->oom)
		return eth_err(err, "out of memory");
	return 0;
}

// The bytes zkSync hashes as "the signature": the custom signature if there
// is one, else r || s || v.
static int
zksync_sigbytes(const Tx *tx, uint8_t buf[65], const uint8_t **p, size_t *n, char *err)
{
	if (tx->custom_sig.len > 0) {
		*p = tx->custom_sig.p;
		*n = tx->custom_sig.len;
		return 0;
	}
	if (!tx->is_signed)
		return eth_err(err, "zksync: transaction is not signed, so it has no hash yet");
	memcpy(buf, tx->sig.r, 32);
	memcpy(buf + 32, tx->sig.s, 32);
	buf[64] = tx->sig.v;
	*p = buf;
	*n = 65;
	return 0;
}

int
tx_hash(const Tx *tx, uint8_t out[32], char *err)
{
	RlpBuf b;

	if (tx->type == TX_ZKSYNC) {
		uint8_t buf[64], sb[65];
		const uint8_t *sp = NULL;
		size_t sn = 0;

		if (zksync_sigbytes(tx, sb, &sp, &sn, err) < 0 ||
		    tx_zksync_digest(tx, buf, err) < 0)
			return -1;
		keccak256(sp, sn, buf + 32);
		keccak256(buf, 64, out);
		return 0;
	}
	rlp_init(&b);
	if (tx_serialize(tx, &b, err) < 0) {
		rlp_free(&b);
		return -1;
	}
	keccak256(b.p, b.len, out);
	rlp_free(&b);
	return 0;
}

int
tx_sender(const Tx *tx, uint8_t addr[20], char *err)
{
	uint8_t h[32];
	EthSig sig = tx->sig;

	if (tx->type == TX_ZKSYNC && tx->custom_sig.len > 0) {
		const uint8_t *c = tx->custom_sig.p;

		if (tx->custom_sig.len != 65)
			return eth_err(err,
			               "zksync: custom signature of %zu bytes is not an ECDSA "
			               "signature (an account contract checks it)",
			               tx->custom_sig.len);
		memcpy(sig.r, c, 32);
		memcpy(sig.s, c + 32, 32);
		if (c[64] != 27 && c[64] != 28 && c[64] > 1)
			return eth_err(err, "zksync: signature v byte %u is not 0, 1, 27 or 28",
			               c[64]);
		sig.v = c[64] >= 27 ? (uint8_t)(c[64] - 27) : c[64];
	} else if (!tx->is_signed) {
		return eth_err(err, "transaction is not signed");
	}
	if (tx_signing_hash(tx, h, err) < 0)
		return -1;
	if (secp_recover_address(h, &sig, addr) < 0)
		return eth_err(err, "signature: public key recovery failed (no point with this r, "
		                    "or r/s out of range)");
	return 0;
}
