// lib/eth/cmd_eth.c: the `eth` host command: a wallet and contract tool over JSON-RPC.
// One subcommand per verb; see docs/man/eth.1. tx-decode lives in txdecode.c.
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eth/abi.h"
#include "eth/address.h"
#include "eth/hex.h"
#include "eth/keystore.h"
#include "eth/rpc.h"
#include "eth/secp.h"
#include <stdint.h>

#include "eth/txdecode.h"
#include "eth/txsign.h"

// Options shared by the subcommands; positional arguments stay in pos.
struct opts {
	const char *rpc, *keystore, *password_file, *to, *value, *data, *gas, *block, *out;
	const char *bytecode, *key_file, *scrypt_n, *wait;
	char *pos[64];
	int npos;
};

static const char *prog = "eth";

__attribute__((format(printf, 1, 2))) static int
die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 1;
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct {
		const char *name;
		size_t off;
	} names[] = {
	        {"--rpc", offsetof(struct opts, rpc)},
	        {"--keystore", offsetof(struct opts, keystore)},
	        {"--password-file", offsetof(struct opts, password_file)},
	        {"--to", offsetof(struct opts, to)},
	        {"--value", offsetof(struct opts, value)},
	        {"--data", offsetof(struct opts, data)},
	        {"--gas", offsetof(struct opts, gas)},
	        {"--block", offsetof(struct opts, block)},
	        {"--out", offsetof(struct opts, out)},
	        {"--bytecode", offsetof(struct opts, bytecode)},
	        {"--key-file", offsetof(struct opts, key_file)},
	        {"--scrypt-n", offsetof(struct opts, scrypt_n)},
	        {"--wait", offsetof(struct opts, wait)},
	};
	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		size_t k;
		for (k = 0; k < sizeof names / sizeof *names; k++)
			if (strcmp(argv[i], names[k].name) == 0)
				break;
		if (k < sizeof names / sizeof *names) {
			if (i + 1 >= argc)
				return die("%s needs a value", argv[i]), -1;
			*(const char **)((char *)o + names[k].off) = argv[++i];
			continue;
		}
		if (strncmp(argv[i], "--", 2) == 0 && argv[i][2] && o->npos == 0)
			return die("unknown option %s", argv[i]), -1;
		if (o->npos == 64)
			return die("too many arguments"), -1;
		o->pos[o->npos++] = argv[i];
	}
	if (!o->rpc)
		o->rpc = getenv("ETH_RPC_URL");
	if (!o->rpc)
		o->rpc = "http://127.0.0.1:8545";
	if (!o->block)
		o->block = "latest";
	return 0;
}

// Read a whole file (NUL-terminated).
static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? 2 * cap : 8192;
			char *q = realloc(buf, cap);
			if (!q) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = q;
		}
		size_t k = fread(buf + n, 1, 4096, f);
		n += k;
		if (k < 4096)
			break;
	}
	fclose(f);
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

// The password: --password-file (first line) or ETH_PASSWORD.
static char *
get_password(const struct opts *o)
{
	if (o->password_file) {
		char *p = read_file(o->password_file, NULL);
		if (!p) {
			die("cannot read password file %s: %s", o->password_file, strerror(errno));
			return NULL;
		}
		p[strcspn(p, "\r\n")] = 0;
		return p;
	}
	const char *e = getenv("ETH_PASSWORD");
	if (e)
		return strdup(e);
	die("no password: give --password-file FILE or set ETH_PASSWORD");
	return NULL;
}

static int
load_key(const struct opts *o, uint8_t key[32], uint8_t addr[20])
{
	char err[ETH_ERRLEN];
	size_t n;

	if (!o->keystore)
		return die("--keystore FILE is required"), -1;
	char *js = read_file(o->keystore, &n);
	if (!js)
		return die("cannot read keystore %s: %s", o->keystore, strerror(errno)), -1;
	char *pw = get_password(o);
	if (!pw) {
		free(js);
		return -1;
	}
	int rc = keystore_decrypt(js, n, pw, strlen(pw), key, addr, err);
	secp_wipe(pw, strlen(pw));
	free(pw);
	free(js);
	if (rc < 0)
		return die("%s: %s", o->keystore, err), -1;
	return 0;
}

static int
random_bytes(void *p, size_t n)
{
	int fd = open("/dev/urandom", O_RDONLY);
	if (fd < 0)
		return -1;
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(fd, (char *)p + got, n - got);
		if (k <= 0) {
			close(fd);
			return -1;
		}
		got += (size_t)k;
	}
	close(fd);
	return 0;
}

// A value in wei: an integer (decimal or 0x), or a decimal number followed by
// "ether" or "gwei" ("1.5ether").
static int
parse_value(const char *s, U256 *v)
{
	static const struct {
		const char *unit;
		int decimals;
	} units[] = {{"ether", 18}, {"gwei", 9}, {"wei", 0}};
	char digits[100];
	int dec = 0, frac = -1;
	size_t n = strlen(s), k = 0;

	for (size_t u = 0; u < 3; u++) {
		size_t ul = strlen(units[u].unit);
		if (n > ul && strcmp(s + n - ul, units[u].unit) == 0) {
			dec = units[u].decimals;
			n -= ul;
			break;
		}
	}
	if (dec == 0 && n == strlen(s))
		return u256_parse(v, s);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || k + 1 >= sizeof digits)
			return -1;
		digits[k++] = s[i];
		if (frac >= 0)
			frac++;
	}
	if (frac < 0)
		frac = 0;
	if (k == 0 || frac > dec)
		return -1;
	for (int i = frac; i < dec; i++) {
		if (k + 1 >= sizeof digits)
			return -1;
		digits[k++] = '0';
	}
	digits[k] = 0;
	return u256_parse(v, digits);
}

static int
open_rpc(const struct opts *o, struct eth_rpc *r)
{
	char err[ETH_ERRLEN];
	if (rpc_open(r, o->rpc, err) < 0)
		return die("%s", err), -1;
	return 0;
}

static int
cmd_address(int argc, char **argv)
{
	struct opts o;
	uint8_t key[32], addr[20];
	char a[ADDR_TEXT_MAX];

	if (parse_opts(argc, argv, &o) < 0 || load_key(&o, key, addr) < 0)
		return 1;
	secp_wipe(key, 32);
	printf("%s\n", addr_to_checksum(addr, a));
	return 0;
}

static int
cmd_balance(int argc, char **argv)
{
	struct opts o;
	struct eth_rpc r;
	uint8_t addr[20];
	char err[ETH_ERRLEN], dec[U256_DEC_MAX];
	U256 v;

	if (parse_opts(argc, argv, &o) < 0)
		return 1;
	if (o.npos != 1)
		return die("usage: eth balance [--rpc URL] [--block B] ADDRESS");
	if (addr_parse(o.pos[0], addr, err) < 0)
		return die("%s: %s", o.pos[0], err);
	if (open_rpc(&o, &r) < 0)
		return 1;
	int rc = rpc_get_balance(&r, addr, o.block, &v, err);
	rpc_close(&r);
	if (rc < 0)
		return die("%s", err);
	printf("%s\n", u256_to_dec(&v, dec));
	return 0;
}

static int
cmd_chain_id(int argc, char **argv)
{
	struct opts o;
	struct eth_rpc r;
	char err[ETH_ERRLEN];
	uint64_t id;

	if (parse_opts(argc, argv, &o) < 0 || open_rpc(&o, &r) < 0)
		return 1;
	int rc = rpc_chain_id(&r, &id, err);
	rpc_close(&r);
	if (rc < 0)
		return die("%s", err);
	printf("%llu\n", (unsigned long long)id);
	return 0;
}

// Encode "sig" args... from positional arguments starting at pos[first];
// with no signature, data is empty.
static int
encode_args(const struct opts *o, int first, int with_selector, struct abi_buf *b,
            struct abi_sig *sig, char *err)
{
	struct abi_value v;

	memset(sig, 0, sizeof *sig);
	if (o->npos <= first)
		return 0;
	if (abi_sig_parse(o->pos[first], sig, err) < 0)
		return -1;
	if (abi_args_from_text(sig->in, o->npos - first - 1, (char **)o->pos + first + 1, &v, err) <
	    0)
		return -1;
	int rc = with_selector ? abi_encode_call(sig, &v, b, err) : abi_encode(sig->in, &v, b, err);
	abi_value_free(&v);
	return rc;
}

static int
print_receipt(const uint8_t hash[32], const struct rpc_receipt *rc)
{
	char h[65], a[ADDR_TEXT_MAX];
	hex_encode(hash, 32, h);
	printf("tx 0x%s\nblock %llu\ngas used %llu\nstatus %s\n", h, (unsigned long long)rc->block,
	       (unsigned long long)rc->gas_used, rc->status ? "success" : "reverted");
	if (rc->has_contract)
		printf("contract %s\n", addr_to_checksum(rc->contract, a));
	return rc->status ? 0 : 1;
}

// Shared by send and deploy: sign and send, wait, print the receipt.
static int
transact(const struct opts *o, struct rpc_txreq *q)
{
	struct eth_rpc r;
	struct rpc_receipt rc;
	uint8_t key[32], addr[20], hash[32];
	char err[ETH_ERRLEN];

	if (o->value && parse_value(o->value, &q->value) < 0)
		return die("--value %s: not an amount (wei, or e.g. 1.5ether, 20gwei)", o->value);
	if (o->gas && (q->gas_limit = strtoull(o->gas, NULL, 0)) == 0)
		return die("--gas %s: not a positive integer", o->gas);
	q->wait_ms = o->wait ? atoi(o->wait) * 1000 : 120000;
	if (load_key(o, key, addr) < 0 || open_rpc(o, &r) < 0)
		return 1;
	int st = rpc_transact(&r, key, q, hash, &rc, err);
	secp_wipe(key, 32);
	if (st < 0) {
		rpc_close(&r);
		return die("%s", err);
	}
	st = print_receipt(hash, &rc);
	if (!rc.status) {
		// Replay the call to learn why it reverted.
		struct rpc_msg m = {.has_from = 1,
		                    .has_to = q->has_to,
		                    .data = q->data,
		                    .len = q->len,
		                    .value = q->value};
		uint8_t *out;
		size_t n;
		memcpy(m.from, addr, 20);
		memcpy(m.to, q->to, 20);
		char blk[32];
		snprintf(blk, sizeof blk, "0x%llx", (unsigned long long)rc.block);
		if (rpc_eth_call(&r, &m, blk, &out, &n, err) < 0)
			fprintf(stderr, "%s: transaction reverted: %s\n", prog,
			        r.reverted ? r.revert_reason : err);
		else
			free(out);
	}
	rpc_receipt_free(&rc);
	rpc_close(&r);
	return st;
}

static int
cmd_send(int argc, char **argv)
{
	struct opts o;
	struct rpc_txreq q = {0};
	struct abi_buf b = {0};
	struct abi_sig sig;
	char err[ETH_ERRLEN];
	size_t n;

	if (parse_opts(argc, argv, &o) < 0)
		return 1;
	if (!o.to || addr_parse(o.to, q.to, err) < 0)
		return die("send needs --to ADDRESS%s%s", o.to ? ": " : "", o.to ? err : "");
	q.has_to = 1;
	if (o.data) {
		uint8_t *d = malloc(strlen(o.data) / 2 + 1);
		if (!d || hex_decode(o.data, d, strlen(o.data) / 2 + 1, &n) < 0) {
			free(d);
			return die("--data: not 0x hex");
		}
		abi_buf_put(&b, d, n);
		free(d);
	} else if (encode_args(&o, 0, 1, &b, &sig, err) < 0) {
		abi_sig_free(&sig);
		return die("%s", err);
	} else
		abi_sig_free(&sig);
	q.data = b.p;
	q.len = b.len;
	int rc = transact(&o, &q);
	abi_buf_free(&b);
	return rc;
}

static int
cmd_deploy(int argc, char **argv)
{
	struct opts o;
	struct rpc_txreq q = {0};
	struct abi_buf b = {0};
	struct abi_sig sig;
	char err[ETH_ERRLEN];
	size_t n;

	if (parse_opts(argc, argv, &o) < 0)
		return 1;
	if (!o.bytecode)
		return die("deploy needs --bytecode FILE|0xHEX");
	char *hex = o.bytecode[0] == '0' && o.bytecode[1] == 'x' ? strdup(o.bytecode)
	                                                         : read_file(o.bytecode, NULL);
	if (!hex)
		return die("cannot read %s: %s", o.bytecode, strerror(errno));
	hex[strcspn(hex, " \r\n")] = 0;
	uint8_t *code = malloc(strlen(hex) / 2 + 1);
	if (!code || hex_decode(hex, code, strlen(hex) / 2 + 1, &n) < 0 || n == 0) {
		free(hex);
		free(code);
		return die("--bytecode: not hex bytecode");
	}
	free(hex);
	abi_buf_put(&b, code, n);
	free(code);
	// Constructor arguments: "constructor(types)" args..., no selector.
	if (encode_args(&o, 0, 0, &b, &sig, err) < 0) {
		abi_sig_free(&sig);
		abi_buf_free(&b);
		return die("%s", err);
	}
	abi_sig_free(&sig);
	q.data = b.p;
	q.len = b.len;
	int rc = transact(&o, &q);
	abi_buf_free(&b);
	return rc;
}

static int
cmd_call(int argc, char **argv)
{
	struct opts o;
	struct eth_rpc r;
	struct rpc_msg m = {0};
	struct abi_buf b = {0};
	struct abi_sig sig;
	char err[ETH_ERRLEN];
	uint8_t *out = NULL;
	size_t n;

	if (parse_opts(argc, argv, &o) < 0)
		return 1;
	if (!o.to || addr_parse(o.to, m.to, err) < 0 || o.npos < 1)
		return die("usage: eth call --to ADDRESS 'f(types)(outputs)' [args...]");
	m.has_to = 1;
	if (o.value && parse_value(o.value, &m.value) < 0)
		return die("--value %s: not an amount", o.value);
	if (encode_args(&o, 0, 1, &b, &sig, err) < 0) {
		abi_sig_free(&sig);
		abi_buf_free(&b);
		return die("%s", err);
	}
	m.data = b.p;
	m.len = b.len;
	if (open_rpc(&o, &r) < 0)
		return 1;
	int rc = rpc_eth_call(&r, &m, o.block, &out, &n, err);
	rpc_close(&r);
	abi_buf_free(&b);
	if (rc < 0) {
		abi_sig_free(&sig);
		if (r.reverted)
			return die("call reverted: %s", r.revert_reason);
		return die("%s", err);
	}
	if (!sig.out) {
		char *h = malloc(2 * n + 1);
		hex_encode(out, n, h);
		printf("0x%s\n", h);
		free(h);
	} else {
		struct abi_value v;
		struct json_writer w;
		if (abi_decode(sig.out, out, n, &v, err) < 0) {
			free(out);
			abi_sig_free(&sig);
			return die("cannot decode the result: %s", err);
		}
		jw_init(&w);
		abi_value_to_json(sig.out, &v, &w);
		char *js = jw_finish(&w, NULL);
		printf("%s\n", js ? js : "(unprintable)");
		free(js);
		abi_value_free(&v);
	}
	free(out);
	abi_sig_free(&sig);
	return 0;
}

static int
write_keystore(const struct opts *o, const uint8_t key[32])
{
	struct keystore_rand rnd;
	char err[ETH_ERRLEN], a[ADDR_TEXT_MAX];
	uint8_t addr[20];
	uint64_t nn = o->scrypt_n ? strtoull(o->scrypt_n, NULL, 0) : KEYSTORE_SCRYPT_N;

	if (!o->out)
		return die("--out FILE is required");
	if (random_bytes(&rnd, sizeof rnd) < 0)
		return die("cannot read /dev/urandom");
	char *pw = get_password(o);
	if (!pw)
		return 1;
	char *js = keystore_encrypt(key, pw, strlen(pw), nn, KEYSTORE_SCRYPT_R, KEYSTORE_SCRYPT_P,
	                            &rnd, err);
	secp_wipe(pw, strlen(pw));
	free(pw);
	if (!js)
		return die("%s", err);
	int fd = open(o->out, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		free(js);
		return die("cannot create %s: %s", o->out, strerror(errno));
	}
	size_t len = strlen(js);
	int ok = write(fd, js, len) == (ssize_t)len;
	close(fd);
	free(js);
	if (!ok)
		return die("cannot write %s", o->out);
	secp_key_to_address(key, addr);
	printf("%s\n", addr_to_checksum(addr, a));
	return 0;
}

static int
cmd_keystore_new(int argc, char **argv)
{
	struct opts o;
	uint8_t key[32];

	if (parse_opts(argc, argv, &o) < 0)
		return 1;
	do {
		if (random_bytes(key, 32) < 0)
			return die("cannot read /dev/urandom");
	} while (!secp_seckey_valid(key));
	int rc = write_keystore(&o, key);
	secp_wipe(key, 32);
	return rc;
}

static int
cmd_keystore_import(int argc, char **argv)
{
	struct opts o;
	uint8_t key[32];
	size_t n;

	if (parse_opts(argc, argv, &o) < 0)
		return 1;
	if (!o.key_file)
		return die("--key-file FILE (the secret key as 0x hex) is required");
	char *hex = read_file(o.key_file, NULL);
	if (!hex)
		return die("cannot read %s: %s", o.key_file, strerror(errno));
	hex[strcspn(hex, " \r\n")] = 0;
	int bad = hex_decode(hex, key, 32, &n) < 0 || n != 32 || !secp_seckey_valid(key);
	secp_wipe(hex, strlen(hex));
	free(hex);
	if (bad)
		return die("%s: not a 32-byte secp256k1 secret key in hex", o.key_file);
	int rc = write_keystore(&o, key);
	secp_wipe(key, 32);
	return rc;
}

// Decoded event logs of one contract, one JSON line each:
// {"block":N,"tx":"0x..","args":[...]}.
static int
cmd_logs(int argc, char **argv)
{
	struct opts o;
	struct eth_rpc r;
	struct abi_sig ev;
	struct rpc_log *logs;
	uint8_t addr[20], topic[32];
	char err[ETH_ERRLEN], h[67] = "0x";
	size_t n;

	if (parse_opts(argc, argv, &o) < 0)
		return 1;
	if (!o.to || addr_parse(o.to, addr, err) < 0 || o.npos != 1)
		return die("usage: eth logs --to CONTRACT [--block FROM] 'Event(type indexed "
		           "name, ...)'");
	if (abi_sig_parse(o.pos[0], &ev, err) < 0)
		return die("%s", err);
	abi_sig_hash(&ev, topic);
	if (open_rpc(&o, &r) < 0) {
		abi_sig_free(&ev);
		return 1;
	}
	int rc = rpc_get_logs(&r, addr, topic, strcmp(o.block, "latest") ? o.block : "earliest",
	                      "latest", &logs, &n, err);
	rpc_close(&r);
	if (rc < 0) {
		abi_sig_free(&ev);
		return die("%s", err);
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct abi_value v;
		struct json_writer w;
		if (abi_decode_log(&ev, (const uint8_t(*)[32])logs[i].topics, logs[i].ntopics,
		                   logs[i].data, logs[i].len, &v, err) < 0) {
			rc = die("log %zu: %s", i, err);
			break;
		}
		hex_encode(logs[i].tx_hash, 32, h + 2);
		jw_init(&w);
		jw_obj(&w);
		jw_key(&w, "block");
		jw_u64(&w, logs[i].block);
		jw_key(&w, "tx");
		jw_str(&w, h);
		jw_key(&w, "args");
		abi_value_to_json(ev.in, &v, &w);
		jw_obj_end(&w);
		char *js = jw_finish(&w, NULL);
		printf("%s\n", js ? js : "(unprintable)");
		free(js);
		abi_value_free(&v);
	}
	rpc_logs_free(logs, n);
	abi_sig_free(&ev);
	return rc;
}

static int
cmd_selector(int argc, char **argv)
{
	uint8_t sel[4];
	char err[ETH_ERRLEN], h[9];

	if (argc != 2)
		return die("usage: eth selector 'f(types)'");
	if (abi_selector(argv[1], sel, err) < 0)
		return die("%s", err);
	hex_encode(sel, 4, h);
	printf("0x%s\n", h);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} cmds[] = {
        {"address", cmd_address, "address --keystore F          the keystore's address"},
        {"balance", cmd_balance, "balance [--block B] ADDRESS   balance in wei"},
        {"chain-id", cmd_chain_id, "chain-id                      the node's chain id"},
        {"send", cmd_send,
         "send --keystore F --to A [--value V] [--data 0x..|'f(types)' args..]  send a "
         "transaction"},
        {"call", cmd_call, "call --to A 'f(types)(outputs)' args..   eth_call, result as JSON"},
        {"deploy", cmd_deploy,
         "deploy --keystore F --bytecode FILE|0x.. ['constructor(types)' args..]  deploy"},
        {"keystore-new", cmd_keystore_new,
         "keystore-new --out F [--scrypt-n N]   a new random key"},
        {"keystore-import", cmd_keystore_import,
         "keystore-import --key-file K --out F [--scrypt-n N]  encrypt an existing key"},
        {"logs", cmd_logs,
         "logs --to C [--block FROM] 'Event(T indexed a, ...)'  decoded event logs"},
        {"selector", cmd_selector, "selector 'f(types)'           the 4-byte function selector"},
        {"tx-decode", eth_cmd_tx_decode,
         "tx-decode [--chain-id N] 0xRAW   decode and check a signed transaction"},
};

static int
usage(void)
{
	fprintf(stderr,
	        "usage: eth command [options] [args]\n"
	        "common options: --rpc URL (default $ETH_RPC_URL or http://127.0.0.1:8545),\n"
	        "  --keystore F, --password-file F (or $ETH_PASSWORD)\ncommands:\n");
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		fprintf(stderr, "  %s\n", cmds[i].help);
	return 1;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "eth: unknown command \"%s\"\n", argv[1]);
	return usage();
}
