// lib/eth/txparse.c: strict parsing of serialized transactions (tx_parse in
// tx.h). Every rejection names the field and the rule it breaks.
#include <stdlib.h>
#include <string.h>

#include "eth/err.h"
#include "eth/tx.h"

enum { MAXFIELDS = 17 }; // the most fields of any type, plus one to detect extras

// The secp256k1 group order n and n/2, big-endian (EIP-2 limits s to n/2).
static const uint8_t ORDER[32] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48,
        0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
};

typedef struct Fields {
	RlpItem f[MAXFIELDS];
	const char *const *names;
	int n;
	char *err;
} Fields;

static const char *const legacy_names[] = {"nonce", "gasPrice", "gasLimit", "to", "value",
                                           "data",  "v",        "r",        "s"};
static const char *const t1_names[] = {"chainId", "nonce", "gasPrice", "gasLimit",
                                       "to",      "value", "data",     "accessList",
                                       "yParity", "r",     "s"};
static const char *const t2_names[] = {
        "chainId", "nonce", "maxPriorityFeePerGas", "maxFeePerGas", "gasLimit", "to",
        "value",   "data",  "accessList",           "yParity",      "r",        "s"};
static const char *const t3_names[] = {"chainId",
                                       "nonce",
                                       "maxPriorityFeePerGas",
                                       "maxFeePerGas",
                                       "gasLimit",
                                       "to",
                                       "value",
                                       "data",
                                       "accessList",
                                       "maxFeePerBlobGas",
                                       "blobVersionedHashes",
                                       "yParity",
                                       "r",
                                       "s"};
static const char *const zk_names[] = {"nonce",
                                       "maxPriorityFeePerGas",
                                       "maxFeePerGas",
                                       "gasLimit",
                                       "to",
                                       "value",
                                       "data",
                                       "v",
                                       "r",
                                       "s",
                                       "chainId",
                                       "from",
                                       "gasPerPubdata",
                                       "factoryDeps",
                                       "customSignature",
                                       "paymasterParams"};

// Prefix a lower-level error with the field's index and name.
static int
ferr(Fields *fs, int i, const char *why)
{
	return eth_err(fs->err, "tx field %d (%s): %s", i, fs->names[i], why);
}

static int
get_u64(Fields *fs, int i, uint64_t *v)
{
	char why[ETH_ERRLEN];

	if (rlp_to_u64(&fs->f[i], v, why) < 0)
		return ferr(fs, i, why);
	return 0;
}

static int
get_u256(Fields *fs, int i, U256 *v)
{
	char why[ETH_ERRLEN];

	if (rlp_to_u256(&fs->f[i], v, why) < 0)
		return ferr(fs, i, why);
	return 0;
}

static int
get_bytes(Fields *fs, int i, TxBytes *b)
{
	const RlpItem *it = &fs->f[i];

	if (it->list)
		return ferr(fs, i, "expected a byte string, found a list");
	b->p = malloc(it->len ? it->len : 1);
	if (b->p == NULL)
		return ferr(fs, i, "out of memory");
	if (it->len > 0)
		memcpy(b->p, it->p, it->len);
	b->len = it->len;
	return 0;
}

// An address that may be empty (has is set to 0 then).
static int
get_addr(Fields *fs, int i, uint8_t addr[20], int *has, int optional)
{
	const RlpItem *it = &fs->f[i];
	char why[ETH_ERRLEN];

	if (it->list)
		return ferr(fs, i, "expected an address, found a list");
	if (it->len == 0 && optional) {
		*has = 0;
		return 0;
	}
	if (it->len != 20) {
		eth_err(why, "address of %zu bytes, need 20%s", it->len,
		        optional ? " (or empty for contract creation)" : "");
		return ferr(fs, i, why);
	}
	memcpy(addr, it->p, 20);
	*has = 1;
	return 0;
}

// r and s: canonical integers in [1, n-1], and s <= n/2 (EIP-2).
static int
get_rs(Fields *fs, int ir, EthSig *sig)
{
	int k;

	for (k = 0; k < 2; k++) {
		uint8_t *out = k == 0 ? sig->r : sig->s;
		U256 x;

		if (get_u256(fs, ir + k, &x) < 0)
			return -1;
		u256_to_be(&x, out);
		if (u256_is_zero(&x))
			return ferr(fs, ir + k, "signature value is zero");
		if (memcmp(out, ORDER, 32) >= 0)
			return ferr(fs, ir + k, "signature value is not below the curve order n");
	}
	if (!secp_is_low_s(sig->s))
		return ferr(fs, ir + 1, "s is above n/2 (EIP-2 requires low s)");
	return 0;
}

static int
get_parity(Fields *fs, int i, Tx *tx)
{
	uint64_t v;

	if (get_u64(fs, i, &v) < 0)
		return -1;
	if (v > 1)
		return ferr(fs, i, "y parity must be 0 or 1");
	tx->sig.v = (uint8_t)v;
	u256_from_u64(&tx->v_raw, v);
	tx->is_signed = 1;
	return 0;
}

// Legacy v: 27/28, or chainId*2 + 35/36 (EIP-155) with chainId >= 1.
static int
legacy_v(Fields *fs, int i, Tx *tx)
{
	U256 v, t, two;

	if (get_u256(fs, i, &v) < 0)
		return -1;
	tx->v_raw = v;
	tx->is_signed = 1;
	if (u256_cmp(&v, &(U256){{27, 0, 0, 0}}) == 0 ||
	    u256_cmp(&v, &(U256){{28, 0, 0, 0}}) == 0) {
		tx->sig.v = (uint8_t)(v.w[0] - 27);
		u256_from_u64(&tx->chain_id, 0);
		return 0;
	}
	if (u256_cmp(&v, &(U256){{37, 0, 0, 0}}) < 0)
		return ferr(fs, i,
		            "v must be 27, 28 or chainId*2+35/36 with chainId >= 1 (EIP-155)");
	u256_sub(&t, &v, &(U256){{35, 0, 0, 0}});
	tx->sig.v = (uint8_t)(t.w[0] & 1);
	u256_from_u64(&two, 2);
	u256_divmod(&tx->chain_id, NULL, &t, &two);
	return 0;
}

static int
get_access(Fields *fs, int i, Tx *tx)
{
	RlpIter li, ei, ki;
	RlpItem e, a, keys, k;
	char why[ETH_ERRLEN];
	int r, n = 0;

	if (!fs->f[i].list)
		return ferr(fs, i, "expected a list");
	rlp_iter(&li, &fs->f[i]);
	while ((r = rlp_next(&li, &e, why)) > 0) {
		TxAccess *ta;
		size_t nk = 0;

		if (!e.list || rlp_count(&e, why) != 2) {
			eth_err(why, "entry %d is not a list [address, storageKeys]", n);
			return ferr(fs, i, why);
		}
		rlp_iter(&ei, &e);
		rlp_next(&ei, &a, NULL);
		rlp_next(&ei, &keys, NULL);
		if (a.list || a.len != 20) {
			eth_err(why, "entry %d: address of %zu bytes, need 20", n,
			        a.list ? 0 : a.len);
			return ferr(fs, i, why);
		}
		if (!keys.list) {
			eth_err(why, "entry %d: storage keys are not a list", n);
			return ferr(fs, i, why);
		}
		if (tx_add_access(tx, a.p, NULL, 0) < 0)
			return ferr(fs, i, "out of memory");
		ta = &tx->access[tx->naccess - 1];
		rlp_iter(&ki, &keys);
		while ((r = rlp_next(&ki, &k, why)) > 0) {
			uint8_t(*nkeys)[32];

			if (k.list || k.len != 32) {
				eth_err(why, "entry %d key %zu: storage key of %zu bytes, need 32",
				        n, nk, k.list ? 0 : k.len);
				return ferr(fs, i, why);
			}
			nkeys = realloc(ta->keys, (nk + 1) * 32);
			if (nkeys == NULL)
				return ferr(fs, i, "out of memory");
			ta->keys = nkeys;
			memcpy(ta->keys[nk++], k.p, 32);
			ta->nkeys = nk;
		}
		if (r < 0)
			return ferr(fs, i, why);
		n++;
	}
	return r < 0 ? ferr(fs, i, why) : 0;
}

static int
get_blob_hashes(Fields *fs, int i, Tx *tx)
{
	RlpIter it;
	RlpItem h;
	char why[ETH_ERRLEN];
	int r, n;

	if (!fs->f[i].list)
		return ferr(fs, i, "expected a list");
	if ((n = rlp_count(&fs->f[i], why)) < 0)
		return ferr(fs, i, why);
	if (n == 0)
		return ferr(fs, i, "a blob transaction needs at least one blob hash");
	tx->blob_hashes = calloc((size_t)n, 32);
	if (tx->blob_hashes == NULL)
		return ferr(fs, i, "out of memory");
	rlp_iter(&it, &fs->f[i]);
	while ((r = rlp_next(&it, &h, NULL)) > 0) {
		if (h.list || h.len != 32 || h.p[0] != 0x01) {
			eth_err(why, "hash %zu is not 32 bytes with version byte 0x01",
			        tx->nblob_hashes);
			return ferr(fs, i, why);
		}
		memcpy(tx->blob_hashes[tx->nblob_hashes++], h.p, 32);
	}
	return 0;
}

// The fields shared by types 1, 2 and 3, through data, from index 0.
static int
typed_common(Fields *fs, Tx *tx)
{
	int i = 1;

	if (get_u256(fs, 0, &tx->chain_id) < 0 || get_u64(fs, i++, &tx->nonce) < 0)
		return -1;
	if (tx->type == TX_ACCESS_LIST) {
		if (get_u256(fs, i++, &tx->gas_price) < 0)
			return -1;
	} else if (get_u256(fs, i++, &tx->max_priority_fee) < 0 ||
	           get_u256(fs, i++, &tx->max_fee) < 0) {
		return -1;
	}
	if (get_u64(fs, i++, &tx->gas_limit) < 0)
		return -1;
	if (get_addr(fs, i, tx->to, &tx->has_to, tx->type != TX_BLOB) < 0)
		return -1;
	i++;
	if (get_u256(fs, i++, &tx->value) < 0 || get_bytes(fs, i++, &tx->data) < 0)
		return -1;
	return get_access(fs, i, tx);
}

static int
parse_fields(Fields *fs, Tx *tx)
{
	int has;

	switch (tx->type) {
	case TX_LEGACY:
		if (get_u64(fs, 0, &tx->nonce) < 0 || get_u256(fs, 1, &tx->gas_price) < 0 ||
		    get_u64(fs, 2, &tx->gas_limit) < 0 ||
		    get_addr(fs, 3, tx->to, &tx->has_to, 1) < 0 ||
		    get_u256(fs, 4, &tx->value) < 0 || get_bytes(fs, 5, &tx->data) < 0 ||
		    legacy_v(fs, 6, tx) < 0)
			return -1;
		return get_rs(fs, 7, &tx->sig);
	case TX_ACCESS_LIST:
		if (typed_common(fs, tx) < 0 || get_parity(fs, 8, tx) < 0)
			return -1;
		return get_rs(fs, 9, &tx->sig);
	case TX_DYNAMIC_FEE:
		if (typed_common(fs, tx) < 0 || get_parity(fs, 9, tx) < 0)
			return -1;
		return get_rs(fs, 10, &tx->sig);
	case TX_BLOB:
		if (typed_common(fs, tx) < 0 || get_u256(fs, 9, &tx->max_fee_per_blob_gas) < 0 ||
		    get_blob_hashes(fs, 10, tx) < 0 || get_parity(fs, 11, tx) < 0)
			return -1;
		return get_rs(fs, 12, &tx->sig);
	}
	// zkSync 0x71.
	if (get_u64(fs, 0, &tx->nonce) < 0 || get_u256(fs, 1, &tx->max_priority_fee) < 0 ||
	    get_u256(fs, 2, &tx->max_fee) < 0 || get_u64(fs, 3, &tx->gas_limit) < 0 ||
	    get_addr(fs, 4, tx->to, &tx->has_to, 1) < 0 || get_u256(fs, 5, &tx->value) < 0 ||
	    get_bytes(fs, 6, &tx->data) < 0 || get_u256(fs, 10, &tx->chain_id) < 0 ||
	    get_addr(fs, 11, tx->from, &has, 0) < 0 || get_u256(fs, 12, &tx->gas_per_pubdata) < 0 ||
	    get_bytes(fs, 14, &tx->custom_sig) < 0)
		return -1;
	if (!fs->f[13].list)
		return ferr(fs, 13, "expected a list of bytecodes");
	{
		RlpIter it;
		RlpItem d;

		rlp_iter(&it, &fs->f[13]);
		while (rlp_next(&it, &d, NULL) > 0) {
			if (d.list)
				return ferr(fs, 13, "a factory dependency is a list, not bytecode");
			if (tx_add_factory_dep(tx, d.p, d.len) < 0)
				return ferr(fs, 13, "out of memory");
		}
	}
	if (!fs->f[15].list)
		return ferr(fs, 15, "expected [] or [paymaster, paymasterInput]");
	if (fs->f[15].len > 0) {
		Fields pm = {.names = (const char *const[]){"paymaster", "paymasterInput"},
		             .err = fs->err};
		RlpIter it;
		TxBytes in = {0};

		rlp_iter(&it, &fs->f[15]);
		while (pm.n < 3 && rlp_next(&it, &pm.f[pm.n], NULL) > 0)
			pm.n++;
		if (pm.n != 2)
			return ferr(fs, 15, "expected [] or [paymaster, paymasterInput]");
		if (get_addr(&pm, 0, tx->paymaster, &tx->has_paymaster, 0) < 0 ||
		    get_bytes(&pm, 1, &in) < 0)
			return -1;
		tx->paymaster_input = in;
	}
	// The signature slot: yParity, r, s, or chainId, "", "" when the
	// signature travels as customSignature (or the transaction is unsigned).
	if (fs->f[8].len == 0 && fs->f[9].len == 0 && !fs->f[8].list && !fs->f[9].list) {
		if (get_u256(fs, 7, &tx->v_raw) < 0)
			return -1;
		tx->is_signed = tx->custom_sig.len > 0;
		return 0;
	}
	if (get_parity(fs, 7, tx) < 0)
		return -1;
	return get_rs(fs, 8, &tx->sig);
}

int
tx_parse(const uint8_t *raw, size_t len, Tx *tx, char *err)
{
	Fields fs = {.err = err};
	RlpItem list;
	RlpIter it;
	int want, r = 0, type;
	char why[ETH_ERRLEN];

	memset(tx, 0, sizeof *tx);
	if (len == 0)
		return eth_err(err, "tx: empty input");
	if (raw[0] >= 0xc0) {
		type = TX_LEGACY;
	} else if (raw[0] == TX_ACCESS_LIST || raw[0] == TX_DYNAMIC_FEE || raw[0] == TX_BLOB ||
	           raw[0] == TX_ZKSYNC) {
		type = raw[0];
		raw++;
		len--;
	} else if (raw[0] < 0x80) {
		return eth_err(err, "tx: transaction type 0x%02x is not supported", raw[0]);
	} else {
		return eth_err(err,
		               "tx: starts with an RLP string (0x%02x), not a list or a type byte",
		               raw[0]);
	}
	tx_init(tx, type);
	if (rlp_decode(raw, len, &list, why) < 0) {
		eth_err(err, "tx: %s", why);
		goto fail;
	}
	if (!list.list) {
		eth_err(err, "tx: type 0x%02x payload is an RLP string, not a list", type);
		goto fail;
	}
	switch (type) {
	case TX_LEGACY:
		fs.names = legacy_names, want = 9;
		break;
	case TX_ACCESS_LIST:
		fs.names = t1_names, want = 11;
		break;
	case TX_DYNAMIC_FEE:
		fs.names = t2_names, want = 12;
		break;
	case TX_BLOB:
		fs.names = t3_names, want = 14;
		break;
	default:
		fs.names = zk_names, want = 16;
		break;
	}
	rlp_iter(&it, &list);
	while (fs.n <= want && (r = rlp_next(&it, &fs.f[fs.n], why)) > 0)
		fs.n++;
	if (fs.n <= want && r < 0) {
		eth_err(err, "tx field %d (%s): %s", fs.n, fs.n < want ? fs.names[fs.n] : "extra",
		        why);
		goto fail;
	}
	if (fs.n != want) {
		eth_err(err, "tx: type 0x%02x needs %d fields, found %s%d", type, want,
		        fs.n > want ? "more than " : "", fs.n > want ? want : fs.n);
		goto fail;
	}
	if (parse_fields(&fs, tx) < 0)
		goto fail;
	if (tx->nonce == UINT64_MAX) {
		eth_err(err, "tx field nonce: 2^64-1 is not a valid nonce (EIP-2681)");
		goto fail;
	}
	return 0;
fail:
	tx_free(tx);
	return -1;
}
