// lib/eth/txsign.c: `eth tx-sign` and `eth personal-sign`: build and sign
// a transaction or an EIP-191 message with a key read from a file, and print
// the result as hex. Keys never come from the command line (where other
// users could read them in ps); they are wiped after use.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eth/address.h"
#include "eth/eip191.h"
#include "eth/err.h"
#include "eth/hex.h"
#include "eth/secp.h"
#include "eth/tx.h"
#include "eth/txdecode.h"
#include "eth/txsign.h"

int
eth_read_file(const char *path, size_t max, char **out, size_t *len, char *err)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1), *nb;
	ssize_t r = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || buf == NULL) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return eth_err(err, "%s: cannot open", path);
	}
	for (;;) {
		if (n == cap) {
			if (cap >= max)
				break;
			cap *= 2;
			if ((nb = realloc(buf, cap + 1)) == NULL)
				break;
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (r < 0 || n == cap) {
		secp_wipe(buf, n);
		free(buf);
		return eth_err(err, "%s: %s", path, r < 0 ? "read error" : "file too large");
	}
	buf[n] = 0;
	*out = buf;
	*len = n;
	return 0;
}

int
eth_read_key_file(const char *path, uint8_t key[32], char *err)
{
	char *buf;
	size_t n, len;
	int bad;

	if (eth_read_file(path, 1024, &buf, &n, err) < 0)
		return eth_err(err, "key file %s: cannot read", path);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		buf[--n] = 0;
	bad = hex_decode(buf, key, 32, &len) < 0 || len != 32;
	secp_wipe(buf, n);
	free(buf);
	if (bad)
		return eth_err(err, "key file %s: expected 64 hex digits", path);
	if (!secp_seckey_valid(key)) {
		secp_wipe(key, 32);
		return eth_err(err, "key file %s: not a valid secp256k1 secret key", path);
	}
	return 0;
}

static int
fail(const char *cmd, const char *why)
{
	fprintf(stderr, "%s %s: %s\n", eth_progname, cmd, why);
	return 1;
}

// Decode hex into a new buffer.
static uint8_t *
hexdup(const char *s, size_t *n)
{
	uint8_t *b = malloc(strlen(s) / 2 + 1);

	if (b != NULL && hex_decode(s, b, strlen(s) / 2 + 1, n) < 0) {
		free(b);
		return NULL;
	}
	return b;
}

static void
printhex(const uint8_t *p, size_t n)
{
	char *h = malloc(2 * n + 1);

	if (h == NULL)
		return;
	hex_encode(p, n, h);
	printf("0x%s\n", h);
	free(h);
}

// "--access ADDR[:KEY[,KEY...]]"
static int
add_access(Tx *tx, const char *arg, char *err)
{
	char addr[43];
	const char *colon = strchr(arg, ':');
	size_t al = colon ? (size_t)(colon - arg) : strlen(arg), nk = 0, n;
	uint8_t a[20], (*keys)[32] = NULL;
	int r;

	if (al >= sizeof addr)
		return eth_err(err, "--access %s: bad address", arg);
	memcpy(addr, arg, al);
	addr[al] = 0;
	if (addr_parse(addr, a, err) < 0)
		return -1;
	for (const char *p = colon; p != NULL && *p != 0;) {
		const char *end = strchr(p + 1, ',');
		size_t kl = end ? (size_t)(end - p - 1) : strlen(p + 1);
		uint8_t(*nkeys)[32] = realloc(keys, (nk + 1) * 32);

		if (nkeys == NULL) {
			free(keys);
			return eth_err(err, "out of memory");
		}
		keys = nkeys;
		if (hex_decode_n(p + 1, kl, keys[nk], 32, &n) < 0 || n != 32) {
			free(keys);
			return eth_err(err, "--access %s: storage key %zu is not 32 hex bytes", arg,
			               nk);
		}
		nk++;
		p = end;
	}
	r = tx_add_access(tx, a, (const uint8_t(*)[32])keys, nk);
	free(keys);
	return r < 0 ? eth_err(err, "out of memory") : 0;
}

static int
settype(const char *s, int *type)
{
	static const struct {
		const char *name;
		int type;
	} names[] = {
	        {"legacy", TX_LEGACY},    {"0", TX_LEGACY},      {"1", TX_ACCESS_LIST},
	        {"2930", TX_ACCESS_LIST}, {"2", TX_DYNAMIC_FEE}, {"1559", TX_DYNAMIC_FEE},
	        {"3", TX_BLOB},           {"4844", TX_BLOB},     {"113", TX_ZKSYNC},
	        {"0x71", TX_ZKSYNC},      {"zksync", TX_ZKSYNC},
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i].name) == 0) {
			*type = names[i].type;
			return 0;
		}
	return -1;
}

// Apply one "--name value" option to tx.
static int
option(Tx *tx, const char *name, const char *val, char *err)
{
	U256 *num = NULL;
	uint64_t *u64 = NULL;
	uint8_t *bytes;
	size_t n;
	int r;

	if (strcmp(name, "--chain-id") == 0)
		num = &tx->chain_id;
	else if (strcmp(name, "--gas-price") == 0)
		num = &tx->gas_price;
	else if (strcmp(name, "--max-fee") == 0)
		num = &tx->max_fee;
	else if (strcmp(name, "--max-priority-fee") == 0)
		num = &tx->max_priority_fee;
	else if (strcmp(name, "--value") == 0)
		num = &tx->value;
	else if (strcmp(name, "--max-fee-per-blob-gas") == 0)
		num = &tx->max_fee_per_blob_gas;
	else if (strcmp(name, "--gas-per-pubdata") == 0)
		num = &tx->gas_per_pubdata;
	else if (strcmp(name, "--nonce") == 0)
		u64 = &tx->nonce;
	else if (strcmp(name, "--gas-limit") == 0)
		u64 = &tx->gas_limit;
	if (num != NULL || u64 != NULL) {
		U256 v;

		if (u256_parse(&v, val) < 0)
			return eth_err(err, "%s %s: not a decimal or 0x-hex number below 2^256",
			               name, val);
		if (u64 != NULL && !u256_to_u64(&v, u64))
			return eth_err(err, "%s %s: does not fit in 64 bits", name, val);
		if (num != NULL)
			*num = v;
		return 0;
	}
	if (strcmp(name, "--to") == 0) {
		tx->has_to = 1;
		return addr_parse(val, tx->to, err);
	}
	if (strcmp(name, "--access") == 0)
		return add_access(tx, val, err);
	if (strcmp(name, "--blob-hash") == 0) {
		uint8_t(*h)[32] = realloc(tx->blob_hashes, (tx->nblob_hashes + 1) * 32);

		if (h == NULL)
			return eth_err(err, "out of memory");
		tx->blob_hashes = h;
		if (hex_decode(val, h[tx->nblob_hashes], 32, &n) < 0 || n != 32)
			return eth_err(err, "--blob-hash %s: not 32 hex bytes", val);
		tx->nblob_hashes++;
		return 0;
	}
	if (strcmp(name, "--paymaster") == 0) {
		tx->has_paymaster = 1;
		return addr_parse(val, tx->paymaster, err);
	}
	if (strcmp(name, "--data") != 0 && strcmp(name, "--factory-dep") != 0 &&
	    strcmp(name, "--paymaster-input") != 0)
		return eth_err(err, "unknown option %s", name);
	if ((bytes = hexdup(val, &n)) == NULL)
		return eth_err(err, "%s: not hex bytes", name);
	if (strcmp(name, "--data") == 0)
		r = tx_set_data(tx, bytes, n);
	else if (strcmp(name, "--factory-dep") == 0)
		r = tx_add_factory_dep(tx, bytes, n);
	else {
		// Only --paymaster says that there is a paymaster.
		int had = tx->has_paymaster;

		r = tx_set_paymaster(tx, tx->paymaster, bytes, n);
		tx->has_paymaster = had;
	}
	free(bytes);
	return r < 0 ? eth_err(err, "out of memory") : 0;
}

int
eth_cmd_tx_sign(int argc, char **argv)
{
	const char *keyfile = NULL;
	char err[ETH_ERRLEN];
	uint8_t key[32];
	int type = TX_DYNAMIC_FEE, i, rc = 1;
	RlpBuf out;
	Tx tx;

	// The type comes first so that tx_init can set its defaults.
	for (i = 1; i + 1 < argc; i += 2)
		if (strcmp(argv[i], "--type") == 0 && settype(argv[i + 1], &type) < 0)
			return fail("tx-sign", "--type must be legacy, 1 (2930), 2 (1559), 3 "
			                       "(4844) or 0x71 (zksync)");
	tx_init(&tx, type);
	rlp_init(&out);
	for (i = 1; i < argc; i += 2) {
		if (i + 1 >= argc) {
			snprintf(err, sizeof err, "option %s needs a value", argv[i]);
			goto done;
		}
		if (strcmp(argv[i], "--type") == 0)
			continue;
		if (strcmp(argv[i], "--key-file") == 0) {
			keyfile = argv[i + 1];
			continue;
		}
		if (option(&tx, argv[i], argv[i + 1], err) < 0)
			goto done;
	}
	// --paymaster-input may come before --paymaster.
	if (!tx.has_paymaster && tx.paymaster_input.len > 0) {
		snprintf(err, sizeof err, "--paymaster-input needs --paymaster");
		goto done;
	}
	if (keyfile == NULL) {
		snprintf(err, sizeof err, "--key-file FILE is required");
		goto done;
	}
	if (eth_read_key_file(keyfile, key, err) < 0)
		goto done;
	if (tx_sign(&tx, key, err) < 0 || tx_serialize(&tx, &out, err) < 0) {
		secp_wipe(key, sizeof key);
		goto done;
	}
	secp_wipe(key, sizeof key);
	printhex(out.p, out.len);
	rc = 0;
done:
	if (rc != 0)
		fail("tx-sign", err);
	rlp_free(&out);
	tx_free(&tx);
	return rc;
}

int
eth_cmd_personal_sign(int argc, char **argv)
{
	const char *keyfile = NULL, *text = NULL, *hex = NULL;
	char err[ETH_ERRLEN];
	uint8_t key[32], sig[65], *msg = NULL;
	size_t n = 0;
	int i, r;

	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--key-file") == 0)
			keyfile = argv[i + 1];
		else if (strcmp(argv[i], "--text") == 0)
			text = argv[i + 1];
		else if (strcmp(argv[i], "--hex") == 0)
			hex = argv[i + 1];
		else
			break;
	}
	if (i != argc || keyfile == NULL || (text == NULL) == (hex == NULL))
		return fail("personal-sign",
		            "usage: personal-sign --key-file FILE (--text TEXT | --hex 0xBYTES)");
	if (hex != NULL && (msg = hexdup(hex, &n)) == NULL)
		return fail("personal-sign", "--hex: not hex bytes");
	if (eth_read_key_file(keyfile, key, err) < 0) {
		free(msg);
		return fail("personal-sign", err);
	}
	r = text != NULL ? eip191_sign(key, (const uint8_t *)text, strlen(text), sig)
	                 : eip191_sign(key, msg, n, sig);
	secp_wipe(key, sizeof key);
	free(msg);
	if (r < 0)
		return fail("personal-sign", "signing failed");
	printhex(sig, 65);
	return 0;
}
