// contracts/escrow_test.c: NodeRegistry and JobEscrow on a real anvil node, driven entirely
// through lib/eth: transactions are built and signed by lib/eth (EIP-1559) and sent with
// eth_sendRawTransaction; calls and reverts go through eth_call with decoded reasons.
// Every payment is checked to the wei, gas included. Usage: escrow_test RPC_URL BUILD_DIR
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "eth/abi.h"
#include "eth/address.h"
#include "eth/hex.h"
#include "eth/rpc.h"
#include "eth/secp.h"
#include "tap/tap.h"

struct acct {
	const char *name;
	uint8_t key[32];
	uint8_t addr[20];
	char hex[43];
};

static struct eth_rpc R;
static char err[ETH_ERRLEN];
static const char *build_dir;
static uint64_t chain_id;

// anvil's first default account (publicly known test key).
static const char *anvil_key0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

static struct acct deployer, client, relayer, nodes[5];
static uint8_t registry[20], escrow[20];
static char registry_hex[43], escrow_hex[43];

static const char *ETHER = "1000000000000000000";

static void
acct_init(struct acct *a, const char *name, const uint8_t *key)
{
	uint8_t k[32];
	a->name = name;
	if (!key) {
		// Deterministic test keys: keccak256("gremlin test <name>").
		char seed[64];
		snprintf(seed, sizeof seed, "gremlin test %s", name);
		keccak256(seed, strlen(seed), k);
		key = k;
	}
	memcpy(a->key, key, 32);
	secp_key_to_address(a->key, a->addr);
	a->hex[0] = '0';
	a->hex[1] = 'x';
	hex_encode(a->addr, 20, a->hex + 2);
}

static U256
u(const char *s)
{
	U256 x;
	if (u256_parse(&x, s) < 0)
		abort();
	return x;
}

static U256
add(U256 a, U256 b)
{
	U256 r;
	if (u256_add(&r, &a, &b))
		abort();
	return r;
}

static U256
sub(U256 a, U256 b)
{
	U256 r;
	if (u256_sub(&r, &a, &b))
		abort();
	return r;
}

static U256
mulu(U256 a, uint64_t k)
{
	U256 r, b;
	u256_from_u64(&b, k);
	if (u256_mul(&r, &a, &b))
		abort();
	return r;
}

static const char *
dec(U256 x)
{
	static char b[4][U256_DEC_MAX];
	static int i;
	i = (i + 1) % 4;
	return u256_to_dec(&x, b[i]);
}

static U256
balance(const uint8_t addr[20])
{
	U256 v = {{0}};
	if (rpc_get_balance(&R, addr, "latest", &v, err) < 0)
		tap_diag("balance: %s", err);
	return v;
}

// Encode sig(args...) into b (with selector), or constructor args (without).
static int
encode(const char *sig, int argc, char **argv, int selector, struct abi_buf *b)
{
	struct abi_sig s;
	struct abi_value v;
	int rc = -1;

	if (abi_sig_parse(sig, &s, err) < 0)
		return -1;
	if (abi_args_from_text(s.in, argc, argv, &v, err) == 0) {
		rc = selector ? abi_encode_call(&s, &v, b, err) : abi_encode(s.in, &v, b, err);
		abi_value_free(&v);
	}
	abi_sig_free(&s);
	return rc;
}

// Send a transaction; returns 1 on a successful receipt, 0 on a reverted or
// failed one. *cost gets the gas paid in wei.
static int
send_tx(const struct acct *from, const uint8_t *to, const char *value, const uint8_t *data,
        size_t len, U256 *cost, uint8_t created[20])
{
	struct rpc_txreq q = {0};
	struct rpc_receipt rc;
	uint8_t hash[32];
	U256 gas;

	if (to) {
		q.has_to = 1;
		memcpy(q.to, to, 20);
	}
	q.value = u(value ? value : "0");
	q.data = data;
	q.len = len;
	q.wait_ms = 30000;
	if (cost)
		u256_from_u64(cost, 0);
	if (rpc_transact(&R, from->key, &q, hash, &rc, err) < 0) {
		tap_diag("%s: %s", from->name, err);
		return 0;
	}
	u256_from_u64(&gas, rc.gas_used);
	if (cost && u256_mul(cost, &gas, &rc.effective_gas_price))
		abort();
	if (created && rc.has_contract)
		memcpy(created, rc.contract, 20);
	int ok = rc.status;
	rpc_receipt_free(&rc);
	return ok;
}

static int
call_tx(const struct acct *from, const uint8_t to[20], const char *value, const char *sig, int argc,
        char **argv, U256 *cost)
{
	struct abi_buf b = {0};
	int ok = 0;
	if (encode(sig, argc, argv, 1, &b) == 0)
		ok = send_tx(from, to, value, b.p, b.len, cost, NULL);
	else
		tap_diag("encode %s: %s", sig, err);
	abi_buf_free(&b);
	return ok;
}

static int
deploy(const struct acct *from, const char *name, const char *ctor, int argc, char **argv,
       uint8_t out[20])
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s.bin", build_dir, name);
	FILE *f = fopen(path, "r");
	if (!f)
		return tap_diag("cannot open %s", path), 0;
	static char hex[200000];
	size_t n = fread(hex, 1, sizeof hex - 1, f);
	fclose(f);
	hex[n] = 0;
	hex[strcspn(hex, "\r\n")] = 0;
	struct abi_buf b = {0};
	uint8_t *code = malloc(n / 2 + 1);
	if (hex_decode(hex, code, n / 2 + 1, &n) < 0)
		return free(code), 0;
	abi_buf_put(&b, code, n);
	free(code);
	if (ctor && encode(ctor, argc, argv, 0, &b) < 0)
		return abi_buf_free(&b), 0;
	int ok = send_tx(from, NULL, NULL, b.p, b.len, NULL, out);
	abi_buf_free(&b);
	return ok;
}

// eth_call from `from`; on success writes the decoded outputs' first word.
static int
view(const struct acct *from, const uint8_t to[20], const char *sig, int argc, char **argv,
     const char *value, uint8_t word[32])
{
	struct rpc_msg m = {0};
	struct abi_buf b = {0};
	uint8_t *out = NULL;
	size_t n;

	if (encode(sig, argc, argv, 1, &b) < 0)
		return -1;
	m.has_from = from != NULL;
	if (from)
		memcpy(m.from, from->addr, 20);
	m.has_to = 1;
	memcpy(m.to, to, 20);
	m.data = b.p;
	m.len = b.len;
	m.value = u(value ? value : "0");
	int rc = rpc_eth_call(&R, &m, "latest", &out, &n, err);
	abi_buf_free(&b);
	if (rc < 0)
		return -1;
	if (word) {
		memset(word, 0, 32);
		memcpy(word, out, n < 32 ? n : 32);
	}
	free(out);
	return 0;
}

static U256
view_u256(const uint8_t to[20], const char *sig, int argc, char **argv)
{
	uint8_t w[32];
	U256 x = {{0}};
	if (view(NULL, to, sig, argc, argv, NULL, w) == 0)
		u256_from_be(&x, w, 32);
	else
		tap_diag("%s: %s", sig, err);
	return x;
}

// The call must revert with a reason containing want.
static int
reverts(const struct acct *from, const uint8_t to[20], const char *value, const char *sig, int argc,
        char **argv, const char *want)
{
	int rc = view(from, to, sig, argc, argv, value, NULL);
	if (rc == 0)
		return tap_diag("%s did not revert", sig), 0;
	if (!R.reverted || !strstr(R.revert_reason, want))
		return tap_diag("%s: %s (wanted \"%s\")", sig, err, want), 0;
	return 1;
}

static uint64_t
now_ts(void)
{
	struct json *root;
	const struct json *res;
	uint64_t t = 0;
	if (rpc_call(&R, "eth_getBlockByNumber", "[\"latest\",false]", &root, &res, err) == 0) {
		rpc_quantity_u64(json_get(res, "timestamp"), &t);
		json_free(root);
	}
	return t;
}

static int
time_travel(uint64_t seconds)
{
	struct json *root;
	const struct json *res;
	char p[40];
	snprintf(p, sizeof p, "[%llu]", (unsigned long long)seconds);
	if (rpc_call(&R, "evm_increaseTime", p, &root, &res, err) < 0)
		return -1;
	json_free(root);
	if (rpc_call(&R, "evm_mine", "[]", &root, &res, err) < 0)
		return -1;
	json_free(root);
	return 0;
}

// EIP-712 digest of Result(jobId, resultHash) for the escrow, computed here
// independently of the contract.
static void
result_digest(uint64_t job, const uint8_t result[32], uint8_t out[32])
{
	uint8_t enc[5 * 32] = {0}, dom[32], st[32], msg[66];
	const char *dt = "EIP712Domain(string name,string version,uint256 chainId,address "
	                 "verifyingContract)";
	keccak256(dt, strlen(dt), enc);
	keccak256("JobEscrow", 9, enc + 32);
	keccak256("1", 1, enc + 64);
	for (int i = 0; i < 8; i++)
		enc[127 - i] = (uint8_t)(chain_id >> (8 * i));
	memcpy(enc + 140, escrow, 20);
	keccak256(enc, 160, dom);
	memset(enc, 0, sizeof enc);
	const char *rt = "Result(uint256 jobId,bytes32 resultHash)";
	keccak256(rt, strlen(rt), enc);
	for (int i = 0; i < 8; i++)
		enc[63 - i] = (uint8_t)(job >> (8 * i));
	memcpy(enc + 64, result, 32);
	keccak256(enc, 96, st);
	msg[0] = 0x19;
	msg[1] = 0x01;
	memcpy(msg + 2, dom, 32);
	memcpy(msg + 34, st, 32);
	keccak256(msg, 66, out);
}

// A node's signature r || s || v(27/28) on (job, result), as 0x hex text.
static void
sign_result(const struct acct *node, uint64_t job, const uint8_t result[32], char out[133])
{
	uint8_t d[32], sig[65];
	EthSig s;
	result_digest(job, result, d);
	secp_sign(node->key, d, &s);
	memcpy(sig, s.r, 32);
	memcpy(sig + 32, s.s, 32);
	sig[64] = (uint8_t)(27 + s.v);
	out[0] = '0';
	out[1] = 'x';
	hex_encode(sig, 65, out + 2);
}

static void
hash_of(const char *text, uint8_t out[32], char hex[67])
{
	keccak256(text, strlen(text), out);
	hex[0] = '0';
	hex[1] = 'x';
	hex_encode(out, 32, hex + 2);
}

static uint64_t
create_job(const struct acct *who, const int *idx, int count, int quorum, const char *price,
           uint64_t ttl, U256 *cost)
{
	char nl[512] = "[", q[8], dl[24], spec[67], in[67];
	uint8_t h[32];
	for (int i = 0; i < count; i++) {
		strcat(nl, i ? ",\"" : "\"");
		strcat(nl, nodes[idx[i]].hex);
		strcat(nl, "\"");
	}
	strcat(nl, "]");
	snprintf(q, sizeof q, "%d", quorum);
	snprintf(dl, sizeof dl, "%llu", (unsigned long long)(now_ts() + ttl));
	hash_of("spec.toml", h, spec);
	hash_of("input data", h, in);
	char *args[] = {spec, in, nl, q, (char *)price, dl};
	U256 pay = mulu(u(price), (uint64_t)count);
	uint64_t before = 0;
	U256 jc = view_u256(escrow, "jobCount()", 0, NULL);
	u256_to_u64(&jc, &before);
	if (!call_tx(who, escrow, dec(pay),
	             "createJob(bytes32,bytes32,address[],uint256,uint256,uint256)", 6, args, cost))
		return 0;
	return before + 1;
}

static int
submit(const struct acct *by, uint64_t job, const struct acct *node, const char *result_text,
       U256 *cost)
{
	uint8_t r[32];
	char rh[67], sig[133], j[24];
	hash_of(result_text, r, rh);
	sign_result(node, job, r, sig);
	snprintf(j, sizeof j, "%llu", (unsigned long long)job);
	char *args[] = {j, rh, sig};
	return call_tx(by, escrow, NULL, "submitResult(uint256,bytes32,bytes)", 3, args, cost);
}

static U256
pending(const struct acct *a)
{
	char *args[] = {(char *)a->hex};
	return view_u256(escrow, "pendingWithdrawals(address)", 1, args);
}

static U256
stake(const struct acct *a)
{
	char *args[] = {(char *)a->hex};
	return view_u256(registry, "stakeOf(address)", 1, args);
}

static int
eq(U256 a, U256 b)
{
	return u256_cmp(&a, &b) == 0;
}

// Withdraw and check the account got exactly what was pending, minus gas.
static void
withdraw_exact(const struct acct *a, U256 want)
{
	U256 before = balance(a->addr), cost;
	tap_ok(eq(pending(a), want), "%s has %s wei pending", a->name, dec(want));
	int ok = call_tx(a, escrow, NULL, "withdraw()", 0, NULL, &cost);
	U256 after = balance(a->addr);
	tap_ok(ok && eq(after, sub(add(before, want), cost)),
	       "%s withdraws exactly %s wei (balance %s -> %s, gas %s)", a->name, dec(want),
	       dec(before), dec(after), dec(cost));
	tap_ok(reverts(a, escrow, NULL, "withdraw()", 0, NULL, "nothing to withdraw"),
	       "%s cannot withdraw twice", a->name);
}

static void
setup(void)
{
	uint8_t k0[32];
	size_t n;
	char nm[16];

	hex_decode(anvil_key0, k0, 32, &n);
	acct_init(&deployer, "deployer", k0);
	acct_init(&client, "client", NULL);
	acct_init(&relayer, "relayer", NULL);
	for (int i = 0; i < 5; i++) {
		snprintf(nm, sizeof nm, "node%d", i + 1);
		acct_init(&nodes[i], strdup(nm), NULL);
	}
	tap_ok(rpc_chain_id(&R, &chain_id, err) == 0, "anvil answers eth_chainId: %llu %s",
	       (unsigned long long)chain_id, err);
	struct acct *fund[] = {&client,   &relayer,  &nodes[0], &nodes[1],
	                       &nodes[2], &nodes[3], &nodes[4]};
	int ok = 1;
	for (size_t i = 0; i < sizeof fund / sizeof *fund; i++)
		ok &= send_tx(&deployer, fund[i]->addr, "100000000000000000000", NULL, 0, NULL,
		              NULL);
	tap_ok(ok && eq(balance(client.addr), u("100000000000000000000")),
	       "7 accounts funded with 100 ether each by lib/eth-signed EIP-1559 transfers");

	// Registry: 1 ether minimum stake, 7 days unbonding; escrow: 1 day window.
	char *rargs[] = {(char *)ETHER, "604800"};
	tap_ok(deploy(&deployer, "NodeRegistry", "constructor(uint256,uint256)", 2, rargs,
	              registry),
	       "NodeRegistry deployed %s", err);
	registry_hex[0] = '0';
	registry_hex[1] = 'x';
	hex_encode(registry, 20, registry_hex + 2);
	char *eargs[] = {registry_hex, "86400"};
	tap_ok(deploy(&deployer, "JobEscrow", "constructor(address,uint256)", 2, eargs, escrow),
	       "JobEscrow deployed %s", err);
	escrow_hex[0] = '0';
	escrow_hex[1] = 'x';
	hex_encode(escrow, 20, escrow_hex + 2);
	char *sargs[] = {escrow_hex};
	tap_ok(reverts(&client, registry, NULL, "setEscrow(address)", 1, sargs, "only owner"),
	       "only the owner may set the escrow");
	tap_ok(call_tx(&deployer, registry, NULL, "setEscrow(address)", 1, sargs, NULL),
	       "registry.setEscrow(escrow)");
	tap_ok(reverts(&deployer, registry, NULL, "setEscrow(address)", 1, sargs, "already set"),
	       "the escrow can be set only once");
}

static void
test_register(void)
{
	char ep[64];
	int ok = 1;

	char *low[] = {"http://x", "1"};
	tap_ok(reverts(&nodes[0], registry, "999999999999999999", "register(string,uint256)", 2,
	               low, "stake below minimum"),
	       "registering below the minimum stake reverts");
	for (int i = 0; i < 5; i++) {
		snprintf(ep, sizeof ep, "http://10.0.0.%d:7000/", i + 1);
		char *args[] = {ep, "10000000000000000"}; // asks 0.01 ether a job
		ok &= call_tx(&nodes[i], registry, ETHER, "register(string,uint256)", 2, args,
		              NULL);
	}
	tap_ok(ok, "5 nodes register with 1 ether stake each");
	tap_ok(eq(balance(registry), mulu(u(ETHER), 5)), "registry holds exactly 5 ether");
	char *a[] = {nodes[0].hex};
	uint8_t w[32];
	tap_ok(view(NULL, registry, "isActive(address)", 1, a, NULL, w) == 0 && w[31] == 1,
	       "node1 is active");
	tap_ok(reverts(&nodes[0], registry, ETHER, "register(string,uint256)", 2,
	               (char *[]){"http://y", "1"}, "already registered"),
	       "registering twice reverts");
}

// The main flow: 4 nodes (f = 1), quorum 3; three agree, one does not.
static void
test_quorum_and_payment(void)
{
	const char *price = "100000000000000000"; // 0.1 ether per node
	U256 cost, esc0 = balance(escrow);
	uint64_t job = create_job(&client, (int[]){0, 1, 2, 3}, 4, 3, price, 3600, &cost);

	tap_ok(job == 1, "job 1 created with 0.4 ether");
	tap_ok(eq(balance(escrow), add(esc0, u("400000000000000000"))),
	       "escrow holds exactly the payment");
	// The digest computed here equals the contract's.
	uint8_t r[32], d[32], w[32];
	char rh[67], j[8] = "1";
	hash_of("result A", r, rh);
	result_digest(1, r, d);
	tap_ok(view(NULL, escrow, "resultDigest(uint256,bytes32)", 2, (char *[]){j, rh}, NULL, w) ==
	                       0 &&
	               memcmp(w, d, 32) == 0,
	       "EIP-712 digest of Result(jobId, resultHash) matches the contract's");

	tap_ok(submit(&relayer, job, &nodes[0], "result A", NULL), "node1 result A submitted");
	tap_ok(submit(&relayer, job, &nodes[1], "result A", NULL), "node2 result A submitted");
	tap_ok(!submit(&relayer, job, &nodes[1], "result A", NULL), "node2 cannot submit twice");
	char sig[133];
	sign_result(&nodes[4], job, r, sig);
	tap_ok(reverts(&relayer, escrow, NULL, "submitResult(uint256,bytes32,bytes)", 3,
	               (char *[]){j, rh, sig}, "not a node of this job"),
	       "a signature from a node outside the job is rejected");
	tap_ok(submit(&relayer, job, &nodes[3], "result B", NULL), "node4 result B submitted");
	tap_ok(reverts(&relayer, escrow, NULL, "finalize(uint256)", 1, (char *[]){j}, "no quorum"),
	       "no finalize before a quorum");
	tap_ok(submit(&relayer, job, &nodes[2], "result A", NULL),
	       "node3 result A submitted: quorum of 3");
	tap_ok(reverts(&relayer, escrow, NULL, "finalize(uint256)", 1, (char *[]){j},
	               "dispute window not over"),
	       "no finalize inside the dispute window");
	tap_ok(reverts(&client, escrow, NULL, "refund(uint256)", 1, (char *[]){j},
	               "quorum reached"),
	       "no refund once a quorum is reached");
	time_travel(86401);
	tap_ok(call_tx(&relayer, escrow, NULL, "finalize(uint256)", 1, (char *[]){j}, NULL),
	       "finalize after the dispute window");
	tap_ok(reverts(&relayer, escrow, NULL, "finalize(uint256)", 1, (char *[]){j}, "settled"),
	       "finalize only once");
	for (int i = 0; i < 3; i++)
		withdraw_exact(&nodes[i], u(price));
	tap_ok(eq(pending(&nodes[3]), u("0")), "node4 (did not match) gets nothing");
	withdraw_exact(&client, u(price));
	tap_ok(eq(balance(escrow), esc0), "escrow balance back to %s: nothing lost or kept",
	       dec(esc0));
}

// The events of job 1 through eth_getLogs, decoded with the ABI.
static void
test_logs(void)
{
	struct abi_sig ev;
	struct rpc_log *logs;
	size_t n;
	uint8_t topic[32], want_a[32], want_b[32];
	char h[67];
	int good = 1;
	U256 gp;

	abi_sig_parse("ResultSubmitted(uint256 indexed jobId, address indexed node, bytes32 "
	              "resultHash)",
	              &ev, err);
	abi_sig_hash(&ev, topic);
	hash_of("result A", want_a, h);
	hash_of("result B", want_b, h);
	tap_ok(rpc_get_logs(&R, escrow, topic, "earliest", "latest", &logs, &n, err) == 0 && n == 4,
	       "eth_getLogs finds 4 ResultSubmitted events %s", err);
	static const int order[] = {0, 1, 3, 2};
	for (size_t i = 0; i < n && i < 4; i++) {
		struct abi_value v;
		if (abi_decode_log(&ev, (const uint8_t(*)[32])logs[i].topics, logs[i].ntopics,
		                   logs[i].data, logs[i].len, &v, err) < 0) {
			tap_diag("log %zu: %s", i, err);
			good = 0;
			continue;
		}
		good &= v.items[0].word[31] == 1 &&
		        memcmp(v.items[1].word + 12, nodes[order[i]].addr, 20) == 0 &&
		        memcmp(v.items[2].word, order[i] == 3 ? want_b : want_a, 32) == 0;
		abi_value_free(&v);
	}
	tap_ok(good && n == 4, "each log decodes to (job 1, the node, its result hash) in order");
	rpc_logs_free(logs, n);
	abi_sig_free(&ev);
	tap_ok(rpc_gas_price(&R, &gp, err) == 0 && !u256_is_zero(&gp), "eth_gasPrice: %s wei",
	       dec(gp));
}

static void
test_slash_contradiction(void)
{
	// Job 1 has quorum "result A"; node4 signed "result B".
	uint8_t r[32];
	char rh[67], sig[133], j[8] = "1";
	U256 st0 = stake(&nodes[3]), reg0 = balance(registry);

	hash_of("result A", r, rh);
	sign_result(&nodes[0], 1, r, sig);
	tap_ok(reverts(&relayer, escrow, NULL, "slashContradiction(uint256,bytes32,bytes)", 3,
	               (char *[]){j, rh, sig}, "matches the quorum"),
	       "a signature on the quorum result is not evidence");
	hash_of("result B", r, rh);
	sign_result(&nodes[3], 1, r, sig);
	tap_ok(call_tx(&relayer, escrow, NULL, "slashContradiction(uint256,bytes32,bytes)", 3,
	               (char *[]){j, rh, sig}, NULL),
	       "node4 slashed for signing a result that contradicts the quorum");
	tap_ok(eq(stake(&nodes[3]), sub(st0, u(ETHER))), "node4 stake down by exactly 1 ether");
	tap_ok(eq(balance(registry), sub(reg0, u(ETHER))), "registry paid out exactly 1 ether");
	tap_ok(reverts(&relayer, escrow, NULL, "slashContradiction(uint256,bytes32,bytes)", 3,
	               (char *[]){j, rh, sig}, "already slashed"),
	       "the same evidence cannot slash twice");
	withdraw_exact(&client, u(ETHER));
	char *a[] = {nodes[3].hex};
	uint8_t w[32];
	tap_ok(view(NULL, registry, "isActive(address)", 1, a, NULL, w) == 0 && w[31] == 0,
	       "node4 is no longer active (stake below minimum)");
}

static void
test_slash_equivocation(void)
{
	const char *price = "20000000000000000";
	uint64_t job = create_job(&client, (int[]){0, 1, 2}, 3, 2, price, 3600, NULL);
	uint8_t a[32], b[32];
	char ah[67], bh[67], sa[133], sb[133], sc[133], j[24];
	U256 st0 = stake(&nodes[1]);

	tap_ok(job == 2, "job 2 created (nodes 1-3, quorum 2)");
	snprintf(j, sizeof j, "%llu", (unsigned long long)job);
	hash_of("out 1", a, ah);
	hash_of("out 2", b, bh);
	sign_result(&nodes[1], job, a, sa);
	sign_result(&nodes[1], job, b, sb);
	sign_result(&nodes[2], job, b, sc);
	tap_ok(reverts(&relayer, escrow, NULL,
	               "slashEquivocation(uint256,bytes32,bytes,bytes32,bytes)", 5,
	               (char *[]){j, ah, sa, bh, sc}, "different nodes"),
	       "two results by different nodes are not equivocation");
	tap_ok(call_tx(&relayer, escrow, NULL,
	               "slashEquivocation(uint256,bytes32,bytes,bytes32,bytes)", 5,
	               (char *[]){j, ah, sa, bh, sb}, NULL),
	       "node2 slashed for signing two results for one job");
	tap_ok(eq(stake(&nodes[1]), sub(st0, u(ETHER))), "node2 stake down by exactly 1 ether");
	// node2 also submits "out 1" with node1; quorum reached, but node2 is not paid.
	tap_ok(submit(&relayer, job, &nodes[0], "out 1", NULL) &&
	               submit(&relayer, job, &nodes[1], "out 1", NULL),
	       "node1 and node2 submit out 1 (quorum 2)");
	time_travel(86401);
	tap_ok(call_tx(&relayer, escrow, NULL, "finalize(uint256)", 1, (char *[]){j}, NULL),
	       "job 2 finalized");
	withdraw_exact(&nodes[0], u(price));
	tap_ok(eq(pending(&nodes[1]), u("0")), "the slashed node2 is not paid");
	// Client: 1 ether of node2's stake + the shares of node2 and node3.
	withdraw_exact(&client, add(u(ETHER), mulu(u(price), 2)));
}

static void
test_refund_on_timeout(void)
{
	const char *price = "50000000000000000";
	// node2 and node4 were slashed below the minimum stake: nodes 1, 3, 5.
	uint64_t job = create_job(&client, (int[]){0, 2, 4}, 3, 2, price, 600, NULL);
	char j[24];
	snprintf(j, sizeof j, "%llu", (unsigned long long)job);
	tap_ok(job == 3, "job 3 created, deadline in 10 minutes");
	tap_ok(submit(&relayer, job, &nodes[0], "lonely", NULL), "one result only");
	tap_ok(reverts(&client, escrow, NULL, "refund(uint256)", 1, (char *[]){j},
	               "deadline not passed"),
	       "no refund before the deadline");
	time_travel(601);
	tap_ok(!submit(&relayer, job, &nodes[2], "late", NULL), "no result after the deadline");
	tap_ok(call_tx(&relayer, escrow, NULL, "refund(uint256)", 1, (char *[]){j}, NULL),
	       "refund after the deadline (anyone may trigger it)");
	tap_ok(reverts(&client, escrow, NULL, "refund(uint256)", 1, (char *[]){j}, "settled"),
	       "refund only once");
	withdraw_exact(&client, mulu(u(price), 3));
	tap_ok(eq(pending(&nodes[0]), u("0")), "the node without a quorum is not paid");
}

static void
test_reentrancy(void)
{
	uint8_t att[20], w[32];
	char att_hex[43] = "0x", nl[200], dl[24];
	const char *price = "30000000000000000";
	U256 esc0 = balance(escrow);

	tap_ok(deploy(&client, "ReentrantClient", "constructor(address)", 1, (char *[]){escrow_hex},
	              att),
	       "malicious ReentrantClient deployed");
	hex_encode(att, 20, att_hex + 2);
	snprintf(nl, sizeof nl, "[\"%s\",\"%s\",\"%s\"]", nodes[0].hex, nodes[2].hex, nodes[4].hex);
	snprintf(dl, sizeof dl, "%llu", (unsigned long long)(now_ts() + 600));
	tap_ok(call_tx(&client, att, "90000000000000000",
	               "create(address[],uint256,uint256,uint256)", 4,
	               (char *[]){nl, "2", (char *)price, dl}, NULL),
	       "it creates job 4 paying 0.09 ether");
	time_travel(601);
	tap_ok(call_tx(&client, att, NULL, "refundAndWithdraw(uint256)", 1, (char *[]){"4"}, NULL),
	       "refund and withdraw; its receive() tries to withdraw again");
	tap_ok(view(NULL, att, "attempts()", 0, NULL, NULL, w) == 0 && w[31] == 1,
	       "the re-entrant withdraw was attempted");
	tap_ok(view(NULL, att, "reentered()", 0, NULL, NULL, w) == 0 && w[31] == 0,
	       "the re-entrant withdraw failed");
	tap_ok(eq(balance(att), u("90000000000000000")),
	       "attacker got exactly its 0.09 ether once");
	tap_ok(eq(balance(escrow), esc0), "escrow balance unchanged: %s", dec(balance(escrow)));
}

static void
test_unbonding(void)
{
	struct acct *n = &nodes[2];
	U256 cost, c2, before;

	char nl[64], dl[24];
	snprintf(nl, sizeof nl, "[\"%s\"]", nodes[0].hex);
	snprintf(dl, sizeof dl, "%llu", (unsigned long long)(now_ts() + 604800));
	tap_ok(reverts(&client, escrow, "30000000000000000",
	               "createJob(bytes32,bytes32,address[],uint256,uint256,uint256)", 6,
	               (char *[]){
	                       "0x0000000000000000000000000000000000000000000000000000000000000001",
	                       "0x0000000000000000000000000000000000000000000000000000000000000002",
	                       nl, "1", "30000000000000000", dl},
	               "beyond the unbonding delay"),
	       "a deadline + dispute window beyond the unbonding delay is refused");
	before = balance(n->addr);
	tap_ok(call_tx(n, registry, NULL, "startUnbonding()", 0, NULL, &cost),
	       "node3 starts unbonding");
	snprintf(nl, sizeof nl, "[\"%s\"]", n->hex);
	snprintf(dl, sizeof dl, "%llu", (unsigned long long)(now_ts() + 600));
	tap_ok(reverts(&client, escrow, "30000000000000000",
	               "createJob(bytes32,bytes32,address[],uint256,uint256,uint256)", 6,
	               (char *[]){
	                       "0x0000000000000000000000000000000000000000000000000000000000000001",
	                       "0x0000000000000000000000000000000000000000000000000000000000000002",
	                       nl, "1", "30000000000000000", dl},
	               "node not active"),
	       "an unbonding node cannot be chosen for a job");
	tap_ok(reverts(n, registry, NULL, "withdrawStake()", 0, NULL, "unbonding delay not over"),
	       "stake locked right after unbonding starts");
	time_travel(604800 - 120);
	tap_ok(reverts(n, registry, NULL, "withdrawStake()", 0, NULL, "unbonding delay not over"),
	       "stake still locked 2 minutes before the delay ends");
	time_travel(121);
	tap_ok(call_tx(n, registry, NULL, "withdrawStake()", 0, NULL, &c2),
	       "stake withdrawn after the delay");
	tap_ok(eq(balance(n->addr), sub(sub(add(before, u(ETHER)), cost), c2)),
	       "node3 got back exactly 1 ether (gas accounted)");
	tap_ok(reverts(n, registry, NULL, "withdrawStake()", 0, NULL, "not registered"),
	       "stake cannot be withdrawn twice");
}

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: escrow_test RPC_URL BUILD_DIR\n");
		return 2;
	}
	build_dir = argv[2];
	if (rpc_open(&R, argv[1], err) < 0) {
		tap_ok(0, "rpc_open: %s", err);
		return tap_done();
	}
	setup();
	test_register();
	test_quorum_and_payment();
	test_logs();
	test_slash_contradiction();
	test_slash_equivocation();
	test_refund_on_timeout();
	test_reentrancy();
	test_unbonding();
	rpc_close(&R);
	return tap_done();
}
