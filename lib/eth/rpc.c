// lib/eth/rpc.c: JSON-RPC 2.0 requests and responses, node errors with decoded reverts, and
// the typed eth_* and zks_* calls.
#include "eth/rpc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eth/abi.h"
#include "eth/hex.h"

int
rpc_open(struct eth_rpc *r, const char *url, char *err)
{
	char e[HTTP_ERRLEN];

	memset(r, 0, sizeof *r);
	r->next_id = 1;
	if (http_client_init(&r->http, url, NULL, e) < 0)
		return eth_err(err, "rpc: %s", e);
	return 0;
}

void
rpc_close(struct eth_rpc *r)
{
	http_client_close(&r->http);
}

int
rpc_quantity(const struct json *j, U256 *v)
{
	const char *s = json_string(j);
	if (!s || (s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) || !s[2])
		return -1;
	return u256_parse(v, s);
}

int
rpc_quantity_u64(const struct json *j, uint64_t *v)
{
	U256 x;
	if (rpc_quantity(j, &x) < 0 || !u256_to_u64(&x, v))
		return -1;
	return 0;
}

// Record a JSON-RPC error object and format it into err.
static int
node_error(struct eth_rpc *r, const char *method, const struct json *e, char *err)
{
	const struct json *data = json_get(e, "data");
	const char *msg = json_string(json_get(e, "message"));
	int64_t code = 0;

	r->has_error = 1;
	json_i64(json_get(e, "code"), &code);
	r->error_code = code;
	snprintf(r->error_message, sizeof r->error_message, "%s", msg ? msg : "(no message)");
	// Revert data comes as a hex string, either directly or as data.data.
	if (json_is(data, JSON_OBJECT))
		data = json_get(data, "data");
	const char *hex = json_string(data);
	size_t n = hex ? strlen(hex) / 2 : 0;
	uint8_t *d = n ? malloc(n) : NULL;
	if (d && hex_decode(hex, d, n, &n) == 0) {
		r->reverted = 1;
		abi_revert_reason(d, n, r->revert_reason, sizeof r->revert_reason);
	} else if (msg && strstr(msg, "revert")) {
		r->reverted = 1;
		snprintf(r->revert_reason, sizeof r->revert_reason, "no revert reason given");
	}
	free(d);
	if (r->reverted)
		return eth_err(err, "%s: node error %lld: %s (revert: %s)", method, (long long)code,
		               r->error_message, r->revert_reason);
	return eth_err(err, "%s: node error %lld: %s", method, (long long)code, r->error_message);
}

int
rpc_call(struct eth_rpc *r, const char *method, const char *params, struct json **root,
         const struct json **result, char *err)
{
	struct json_writer w;
	struct http_response resp;
	struct json_error je;
	char e[HTTP_ERRLEN], where[160];
	uint64_t id = r->next_id++, got;
	struct json *p, *j;
	size_t blen;

	r->has_error = r->reverted = 0;
	r->error_message[0] = r->revert_reason[0] = 0;
	*root = NULL;
	if (!(p = json_parse(params, strlen(params), &je)) || p->type != JSON_ARRAY) {
		json_free(p);
		return eth_err(err, "%s: internal: params are not a JSON array", method);
	}
	jw_init(&w);
	jw_obj(&w);
	jw_key(&w, "jsonrpc");
	jw_str(&w, "2.0");
	jw_key(&w, "id");
	jw_u64(&w, id);
	jw_key(&w, "method");
	jw_str(&w, method);
	jw_key(&w, "params");
	jw_value(&w, p);
	jw_obj_end(&w);
	json_free(p);
	char *body = jw_finish(&w, &blen);
	if (!body)
		return eth_err(err, "%s: out of memory", method);
	int rc = http_request(&r->http, "POST", NULL, "application/json", body, blen, &resp, e);
	free(body);
	if (rc < 0)
		return eth_err(err, "%s: %s", method, e);
	if (resp.status != 200) {
		eth_err(err, "%s: HTTP %d %s from the node: %.80s", method, resp.status,
		        resp.reason, (char *)resp.body);
		http_response_free(&resp);
		return -1;
	}
	j = json_parse((char *)resp.body, resp.len, &je);
	http_response_free(&resp);
	if (!j) {
		json_strerror(&je, where, sizeof where);
		return eth_err(err, "%s: node sent invalid JSON: %s", method, where);
	}
	if (!json_u64(json_get(j, "id"), &got) || got != id) {
		json_free(j);
		return eth_err(err, "%s: response id does not match request id %llu", method,
		               (unsigned long long)id);
	}
	if (json_get(j, "error")) {
		node_error(r, method, json_get(j, "error"), err);
		json_free(j);
		return -1;
	}
	if (!json_get(j, "result")) {
		json_free(j);
		return eth_err(err, "%s: response has neither result nor error", method);
	}
	*root = j;
	*result = json_get(j, "result");
	return 0;
}

// A call whose result is one quantity.
static int
call_quantity(struct eth_rpc *r, const char *method, const char *params, U256 *v, char *err)
{
	struct json *root;
	const struct json *res;

	if (rpc_call(r, method, params, &root, &res, err) < 0)
		return -1;
	int rc = rpc_quantity(res, v);
	json_free(root);
	if (rc < 0)
		return eth_err(err, "%s: result is not a 0x quantity", method);
	return 0;
}

static int
to_u64(const U256 *x, uint64_t *v, const char *method, char *err)
{
	if (!u256_to_u64(x, v))
		return eth_err(err, "%s: result does not fit in 64 bits", method);
	return 0;
}

int
rpc_chain_id(struct eth_rpc *r, uint64_t *id, char *err)
{
	U256 x;
	if (call_quantity(r, "eth_chainId", "[]", &x, err) < 0)
		return -1;
	return to_u64(&x, id, "eth_chainId", err);
}

int
rpc_block_number(struct eth_rpc *r, uint64_t *n, char *err)
{
	U256 x;
	if (call_quantity(r, "eth_blockNumber", "[]", &x, err) < 0)
		return -1;
	return to_u64(&x, n, "eth_blockNumber", err);
}

static void
addr_hex(const uint8_t a[20], char out[43])
{
	out[0] = '0';
	out[1] = 'x';
	hex_encode(a, 20, out + 2);
}

static int
check_block(const char *b, char *err)
{
	if (strlen(b) > 40 || strpbrk(b, "\"\\"))
		return eth_err(err, "bad block tag \"%.40s\"", b);
	return 0;
}

int
rpc_get_balance(struct eth_rpc *r, const uint8_t addr[20], const char *block, U256 *v, char *err)
{
	char p[128], a[43];
	if (check_block(block, err) < 0)
		return -1;
	addr_hex(addr, a);
	snprintf(p, sizeof p, "[\"%s\",\"%s\"]", a, block);
	return call_quantity(r, "eth_getBalance", p, v, err);
}

int
rpc_get_nonce(struct eth_rpc *r, const uint8_t addr[20], const char *block, uint64_t *n, char *err)
{
	char p[128], a[43];
	U256 x;
	if (check_block(block, err) < 0)
		return -1;
	addr_hex(addr, a);
	snprintf(p, sizeof p, "[\"%s\",\"%s\"]", a, block);
	if (call_quantity(r, "eth_getTransactionCount", p, &x, err) < 0)
		return -1;
	return to_u64(&x, n, "eth_getTransactionCount", err);
}

int
rpc_gas_price(struct eth_rpc *r, U256 *v, char *err)
{
	return call_quantity(r, "eth_gasPrice", "[]", v, err);
}

// Sort helper for the median of rewards.
static int
cmp_u256(const void *a, const void *b)
{
	return u256_cmp(a, b);
}

int
rpc_fee_history(struct eth_rpc *r, unsigned blocks, double percentile, struct rpc_fees *f,
                char *err)
{
	struct json *root;
	const struct json *res, *base, *rew;
	char p[96];
	U256 tips[64];
	size_t nt = 0;

	if (blocks == 0 || blocks > 64 || percentile < 0 || percentile > 100)
		return eth_err(err, "eth_feeHistory: blocks 1..64, percentile 0..100");
	snprintf(p, sizeof p, "[\"0x%x\",\"latest\",[%.2f]]", blocks, percentile);
	if (rpc_call(r, "eth_feeHistory", p, &root, &res, err) < 0)
		return -1;
	memset(f, 0, sizeof *f);
	base = json_get(res, "baseFeePerGas");
	if (!json_is(base, JSON_ARRAY) || base->n == 0 ||
	    rpc_quantity(base->items[base->n - 1], &f->next_base_fee) < 0) {
		json_free(root);
		return eth_err(err, "eth_feeHistory: no baseFeePerGas in the result");
	}
	rew = json_get(res, "reward");
	for (size_t i = 0; rew && i < rew->n && nt < 64; i++)
		if (rpc_quantity(json_at(json_at(rew, i), 0), &tips[nt]) == 0)
			nt++;
	if (nt) {
		qsort(tips, nt, sizeof *tips, cmp_u256);
		f->tip = tips[nt / 2];
	}
	json_free(root);
	return 0;
}

// The JSON text of a call message object.
static char *
msg_json(const struct rpc_msg *m)
{
	struct json_writer w;
	char a[43], q[U256_HEX_MAX];

	jw_init(&w);
	jw_obj(&w);
	if (m->has_from) {
		addr_hex(m->from, a);
		jw_key(&w, "from");
		jw_str(&w, a);
	}
	if (m->has_to) {
		addr_hex(m->to, a);
		jw_key(&w, "to");
		jw_str(&w, a);
	}
	if (m->gas) {
		U256 g;
		u256_from_u64(&g, m->gas);
		jw_key(&w, "gas");
		jw_str(&w, u256_to_hex(&g, q));
	}
	if (!u256_is_zero(&m->value)) {
		jw_key(&w, "value");
		jw_str(&w, u256_to_hex(&m->value, q));
	}
	char *d = malloc(2 * m->len + 3);
	if (!d) {
		jw_discard(&w);
		return NULL;
	}
	d[0] = '0';
	d[1] = 'x';
	hex_encode(m->data, m->len, d + 2);
	jw_key(&w, "data");
	jw_str(&w, d);
	free(d);
	jw_obj_end(&w);
	return jw_finish(&w, NULL);
}

// "[<msg>]" or "[<msg>,\"<block>\"]".
static char *
msg_params(const struct rpc_msg *m, const char *block)
{
	char *o = msg_json(m);
	if (!o)
		return NULL;
	size_t n = strlen(o) + (block ? strlen(block) : 0) + 8;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, block ? "[%s,\"%s\"]" : "[%s]", o, block);
	free(o);
	return p;
}

int
rpc_estimate_gas(struct eth_rpc *r, const struct rpc_msg *m, uint64_t *gas, char *err)
{
	char *p = msg_params(m, NULL);
	U256 x;
	if (!p)
		return eth_err(err, "eth_estimateGas: out of memory");
	int rc = call_quantity(r, "eth_estimateGas", p, &x, err);
	free(p);
	if (rc < 0)
		return -1;
	return to_u64(&x, gas, "eth_estimateGas", err);
}

// A hex data string result into a malloc'd buffer.
static int
get_data(const struct json *j, uint8_t **out, size_t *len)
{
	const char *s = json_string(j);
	if (!s || strncmp(s, "0x", 2) != 0)
		return -1;
	size_t n = strlen(s) / 2;
	*out = malloc(n + 1);
	if (!*out)
		return -1;
	if (hex_decode(s, *out, n + 1, len) < 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int
rpc_eth_call(struct eth_rpc *r, const struct rpc_msg *m, const char *block, uint8_t **out,
             size_t *len, char *err)
{
	struct json *root;
	const struct json *res;
	if (check_block(block, err) < 0)
		return -1;
	char *p = msg_params(m, block);
	if (!p)
		return eth_err(err, "eth_call: out of memory");
	int rc = rpc_call(r, "eth_call", p, &root, &res, err);
	free(p);
	if (rc < 0)
		return -1;
	rc = get_data(res, out, len);
	json_free(root);
	if (rc < 0)
		return eth_err(err, "eth_call: result is not 0x hex data");
	return 0;
}

static int
get_hash(const struct json *j, uint8_t h[32])
{
	size_t n;
	const char *s = json_string(j);
	return s && hex_decode(s, h, 32, &n) == 0 && n == 32 ? 0 : -1;
}

int
rpc_send_raw(struct eth_rpc *r, const uint8_t *raw, size_t len, uint8_t hash[32], char *err)
{
	struct json *root;
	const struct json *res;
	char *p = malloc(2 * len + 8);
	if (!p)
		return eth_err(err, "eth_sendRawTransaction: out of memory");
	memcpy(p, "[\"0x", 4);
	hex_encode(raw, len, p + 4);
	strcat(p, "\"]");
	int rc = rpc_call(r, "eth_sendRawTransaction", p, &root, &res, err);
	free(p);
	if (rc < 0)
		return -1;
	rc = get_hash(res, hash);
	json_free(root);
	if (rc < 0)
		return eth_err(err, "eth_sendRawTransaction: result is not a 32-byte hash");
	return 0;
}

void
rpc_logs_free(struct rpc_log *logs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(logs[i].topics);
		free(logs[i].data);
	}
	free(logs);
}

static int
parse_log(const struct json *j, struct rpc_log *l)
{
	const struct json *t = json_get(j, "topics");
	const char *a = json_string(json_get(j, "address"));
	size_t n;

	memset(l, 0, sizeof *l);
	if (!a || hex_decode(a, l->address, 20, &n) < 0 || n != 20 || !json_is(t, JSON_ARRAY))
		return -1;
	l->topics = calloc(t->n ? t->n : 1, 32);
	if (!l->topics)
		return -1;
	l->ntopics = t->n;
	for (size_t i = 0; i < t->n; i++)
		if (get_hash(t->items[i], l->topics[i]) < 0)
			return -1;
	rpc_quantity_u64(json_get(j, "blockNumber"), &l->block);
	get_hash(json_get(j, "transactionHash"), l->tx_hash);
	return get_data(json_get(j, "data"), &l->data, &l->len);
}

static int
parse_logs(const struct json *arr, struct rpc_log **logs, size_t *n)
{
	*logs = NULL;
	*n = 0;
	if (!json_is(arr, JSON_ARRAY))
		return -1;
	*logs = calloc(arr->n ? arr->n : 1, sizeof **logs);
	if (!*logs)
		return -1;
	for (size_t i = 0; i < arr->n; i++) {
		(*n)++;
		if (parse_log(arr->items[i], &(*logs)[i]) < 0)
			return -1;
	}
	return 0;
}

void
rpc_receipt_free(struct rpc_receipt *rc)
{
	rpc_logs_free(rc->logs, rc->nlogs);
	rc->logs = NULL;
	rc->nlogs = 0;
}

int
rpc_get_receipt(struct eth_rpc *r, const uint8_t hash[32], struct rpc_receipt *rc, int *found,
                char *err)
{
	struct json *root;
	const struct json *res;
	char p[80];
	uint64_t st;
	size_t n;

	memset(rc, 0, sizeof *rc);
	*found = 0;
	memcpy(p, "[\"0x", 4);
	hex_encode(hash, 32, p + 4);
	strcat(p, "\"]");
	if (rpc_call(r, "eth_getTransactionReceipt", p, &root, &res, err) < 0)
		return -1;
	if (json_is(res, JSON_NULL)) {
		json_free(root);
		return 0;
	}
	memcpy(rc->tx_hash, hash, 32);
	if (rpc_quantity_u64(json_get(res, "status"), &st) < 0 ||
	    rpc_quantity_u64(json_get(res, "blockNumber"), &rc->block) < 0 ||
	    rpc_quantity_u64(json_get(res, "gasUsed"), &rc->gas_used) < 0 ||
	    parse_logs(json_get(res, "logs"), &rc->logs, &rc->nlogs) < 0) {
		json_free(root);
		rpc_receipt_free(rc);
		return eth_err(err, "eth_getTransactionReceipt: malformed receipt");
	}
	rc->status = st == 1;
	rpc_quantity(json_get(res, "effectiveGasPrice"), &rc->effective_gas_price);
	const char *ca = json_string(json_get(res, "contractAddress"));
	if (ca && hex_decode(ca, rc->contract, 20, &n) == 0 && n == 20)
		rc->has_contract = 1;
	json_free(root);
	*found = 1;
	return 0;
}

static void
sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

int
rpc_wait_receipt(struct eth_rpc *r, const uint8_t hash[32], int timeout_ms, int poll_ms,
                 struct rpc_receipt *rc, char *err)
{
	int found, waited = 0;
	char h[65];

	for (;;) {
		if (rpc_get_receipt(r, hash, rc, &found, err) < 0)
			return -1;
		if (found)
			return 0;
		if (waited >= timeout_ms)
			break;
		sleep_ms(poll_ms);
		waited += poll_ms;
	}
	hex_encode(hash, 32, h);
	return eth_err(err, "no receipt for 0x%s after %d ms", h, timeout_ms);
}

int
rpc_get_logs(struct eth_rpc *r, const uint8_t *address, const uint8_t *topic0, const char *from,
             const char *to, struct rpc_log **logs, size_t *n, char *err)
{
	struct json *root;
	const struct json *res;
	char p[300], a[43], t[67];

	if (check_block(from, err) < 0 || check_block(to, err) < 0)
		return -1;
	int k = snprintf(p, sizeof p, "[{\"fromBlock\":\"%s\",\"toBlock\":\"%s\"", from, to);
	if (address) {
		addr_hex(address, a);
		k += snprintf(p + k, sizeof p - (size_t)k, ",\"address\":\"%s\"", a);
	}
	if (topic0) {
		t[0] = '0';
		t[1] = 'x';
		hex_encode(topic0, 32, t + 2);
		k += snprintf(p + k, sizeof p - (size_t)k, ",\"topics\":[\"%s\"]", t);
	}
	snprintf(p + k, sizeof p - (size_t)k, "}]");
	if (rpc_call(r, "eth_getLogs", p, &root, &res, err) < 0)
		return -1;
	int rc = parse_logs(res, logs, n);
	json_free(root);
	if (rc < 0) {
		rpc_logs_free(*logs, *n);
		*logs = NULL;
		*n = 0;
		return eth_err(err, "eth_getLogs: malformed log in the result");
	}
	return 0;
}

int
zks_estimate_fee(struct eth_rpc *r, const struct rpc_msg *m, struct zks_fee *f, char *err)
{
	struct json *root;
	const struct json *res;
	char *p = msg_params(m, NULL);
	if (!p)
		return eth_err(err, "zks_estimateFee: out of memory");
	int rc = rpc_call(r, "zks_estimateFee", p, &root, &res, err);
	free(p);
	if (rc < 0)
		return -1;
	memset(f, 0, sizeof *f);
	if (rpc_quantity_u64(json_get(res, "gas_limit"), &f->gas_limit) < 0 ||
	    rpc_quantity_u64(json_get(res, "gas_per_pubdata_limit"), &f->gas_per_pubdata_limit) <
	            0 ||
	    rpc_quantity(json_get(res, "max_fee_per_gas"), &f->max_fee_per_gas) < 0 ||
	    rpc_quantity(json_get(res, "max_priority_fee_per_gas"), &f->max_priority_fee_per_gas) <
	            0) {
		json_free(root);
		return eth_err(err, "zks_estimateFee: result lacks gas_limit, "
		                    "gas_per_pubdata_limit, max_fee_per_gas or "
		                    "max_priority_fee_per_gas");
	}
	json_free(root);
	return 0;
}

int
zks_tx_details(struct eth_rpc *r, const uint8_t hash[32], char *status, size_t n, int *found,
               char *err)
{
	struct json *root;
	const struct json *res;
	char p[80];

	*found = 0;
	memcpy(p, "[\"0x", 4);
	hex_encode(hash, 32, p + 4);
	strcat(p, "\"]");
	if (rpc_call(r, "zks_getTransactionDetails", p, &root, &res, err) < 0)
		return -1;
	if (!json_is(res, JSON_NULL)) {
		const char *s = json_string(json_get(res, "status"));
		if (!s) {
			json_free(root);
			return eth_err(err, "zks_getTransactionDetails: no status in the result");
		}
		snprintf(status, n, "%s", s);
		*found = 1;
	}
	json_free(root);
	return 0;
}

int
rpc_chain_is_zksync(uint64_t id)
{
	return id == 324 || id == 300 || id == 260 || id == 270;
}
