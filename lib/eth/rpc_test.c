// lib/eth/rpc_test.c: the JSON-RPC client against a scripted server on 127.0.0.1: node error
// objects with Error(string) / Panic(uint256) revert data, id mismatches, invalid JSON, HTTP
// errors, null receipts, and the zkSync zks_estimateFee / zks_getTransactionDetails results.
// (Real-node behaviour is tested against anvil in rpc_test.sh and contracts/.)
#include "eth/hex.h"
#include "eth/rpc.h"
#include "eth/secp.h"
#include "eth/tx.h"
#include "tap/tap.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void
send_all(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n) {
		ssize_t k = write(fd, s, n);
		if (k <= 0)
			return;
		s += k;
		n -= (size_t)k;
	}
}

// Read one HTTP request with a Content-Length body into body.
static int
read_req(int fd, char *body, size_t max)
{
	static char buf[16384];
	size_t n = 0;
	char *end;
	for (;;) {
		buf[n] = 0;
		if ((end = strstr(buf, "\r\n\r\n")))
			break;
		ssize_t k = read(fd, buf + n, sizeof buf - 1 - n);
		if (k <= 0)
			return -1;
		n += (size_t)k;
	}
	char *cl = strstr(buf, "Content-Length: ");
	size_t want = cl ? (size_t)atoi(cl + 16) : 0, have = n - (size_t)(end + 4 - buf);
	if (want >= max)
		return -1;
	memcpy(body, end + 4, have);
	while (have < want) {
		ssize_t k = read(fd, body + have, want - have);
		if (k <= 0)
			return -1;
		have += (size_t)k;
	}
	body[want] = 0;
	return 0;
}

#define REVERT_DATA                                                                                \
	"0x08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000" \
	"0000000000000000000000000000000000000000000000000b6f6e6c79206f776e6572000000000000000000" \
	"00"                                                                                       \
	"000000000000000000000000000000"

#define HASH_HEX "1111111111111111111111111111111111111111111111111111111111111111"
static char raw_path[64];

// The scripted answer for a request body; %s in it is replaced by the id.
static const char *
answer(const char *body)
{
	if (strstr(body, "\"eth_chainId\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":\"0x144\"}";
	if (strstr(body, "\"eth_call\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":3,\"message\":"
		       "\"execution reverted: only owner\",\"data\":\"" REVERT_DATA "\"}}";
	if (strstr(body, "\"eth_estimateGas\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":-32603,\"message\":"
		       "\"panic\",\"data\":{\"data\":\"0x4e487b71000000000000000000000000000000000"
		       "0000000000000000000000000000012\"}}}";
	if (strstr(body, "\"eth_gasPrice\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":\"0x1\"}";
	if (strstr(body, "\"eth_blockNumber\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":\"0x1\"";
	if (strstr(body, "\"eth_getTransactionReceipt\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":null}";
	if (strstr(body, "\"eth_getBalance\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":"
		       "\"0x10000000000000000000000000000000"
		       "00000000000000000000000000000000\"}";
	if (strstr(body, "\"eth_getTransactionCount\"") &&
	    !strstr(body, "0x0000000000000000000000000000000000000000"))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":\"0x5\"}";
	if (strstr(body, "\"eth_sendRawTransaction\"")) {
		// Keep the raw transaction for the test to inspect.
		FILE *f = fopen(raw_path, "w");
		if (f) {
			fputs(strstr(body, "\"params\":[\"") + 11, f);
			fclose(f);
		}
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":\"0x" HASH_HEX "\"}";
	}
	if (strstr(body, "\"eth_getTransactionCount\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":\"12\"}";
	if (strstr(body, "\"zks_estimateFee\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"gas_limit\":\"0x2a3f1\","
		       "\"gas_per_pubdata_limit\":\"0xc350\",\"max_fee_per_gas\":\"0x2b275d0\","
		       "\"max_priority_fee_per_gas\":\"0x0\"}}";
	if (strstr(body, "\"zks_getTransactionDetails\""))
		return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"isL1Originated\":false,"
		       "\"status\":\"verified\",\"fee\":\"0x1\"}}";
	if (strstr(body, "\"eth_feeHistory\""))
		return "HTTP500";
	return "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":-32601,\"message\":"
	       "\"method not found\"}}";
}

static void
serve(int fd)
{
	char body[16384], id[32], out[4096], resp[4600];
	while (read_req(fd, body, sizeof body) == 0) {
		char *p = strstr(body, "\"id\":");
		snprintf(id, sizeof id, "%.*s", p ? (int)strspn(p + 5, "0123456789") : 1,
		         p ? p + 5 : "0");
		const char *a = answer(body);
		if (strcmp(a, "HTTP500") == 0) {
			send_all(fd, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: "
			             "4\r\n\r\noops");
			continue;
		}
		snprintf(out, sizeof out, a, id);
		snprintf(resp, sizeof resp,
		         "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
		         "Content-Length: %zu\r\n\r\n%s",
		         strlen(out), out);
		send_all(fd, resp);
	}
}

static pid_t
start_server(int *port)
{
	struct sockaddr_in a = {0};
	socklen_t al = sizeof a;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 8) < 0)
		return -1;
	getsockname(s, (struct sockaddr *)&a, &al);
	*port = ntohs(a.sin_port);
	pid_t pid = fork();
	if (pid != 0) {
		close(s);
		return pid;
	}
	for (;;) {
		int fd = accept(s, NULL, NULL);
		if (fd < 0)
			continue;
		serve(fd);
		close(fd);
	}
}

// rpc_transact on a zkSync chain (id 324): a 0x71 transaction priced by
// zks_estimateFee, signed by the key, sent raw.
static void
test_zksync_send(struct eth_rpc *r)
{
	uint8_t key[32], hash[32], raw[4096], from[20];
	char err[ETH_ERRLEN], hex[8300];
	struct rpc_txreq q = {.has_to = 1};
	size_t n;
	Tx tx;

	memset(key, 0x42, 32);
	memset(q.to, 0xab, 20);
	u256_from_u64(&q.value, 7);
	q.data = (const uint8_t *)"\x01\x02";
	q.len = 2;
	int rc = rpc_transact(r, key, &q, hash, NULL, err);
	tap_ok(rc == 0 && hash[0] == 0x11, "rpc_transact on chain 324 sends a raw transaction %s",
	       err);
	FILE *f = fopen(raw_path, "r");
	hex[0] = 0;
	if (f) {
		if (!fgets(hex, sizeof hex, f))
			hex[0] = 0;
		fclose(f);
	}
	hex[strcspn(hex, "\"")] = 0;
	rc = hex_decode(hex, raw, sizeof raw, &n) == 0 ? tx_parse(raw, n, &tx, err) : -1;
	tap_ok(rc == 0 && tx.type == TX_ZKSYNC, "it is a 0x71 (zkSync EIP-712) transaction %s",
	       err);
	if (rc < 0)
		return;
	secp_key_to_address(key, from);
	uint8_t sender[20];
	tap_ok(tx.nonce == 5 && tx.gas_limit == 0x2a3f1 && tx.max_fee.w[0] == 0x2b275d0 &&
	               tx.gas_per_pubdata.w[0] == 50000 && tx.value.w[0] == 7 && tx.data.len == 2 &&
	               memcmp(tx.from, from, 20) == 0,
	       "nonce, gas limit, fees and gas per pubdata come from the node's answers");
	tap_ok(tx_sender(&tx, sender, err) == 0 && memcmp(sender, from, 20) == 0,
	       "its signature recovers to the key's address");
	tx_free(&tx);
}

int
main(void)
{
	struct eth_rpc r;
	char url[64], err[ETH_ERRLEN];
	int port;
	uint64_t v;
	U256 x;
	uint8_t addr[20] = {0}, hash[32] = {0}, *out;
	size_t n;
	snprintf(raw_path, sizeof raw_path, "/tmp/rpc_test_raw.%d", (int)getpid());
	pid_t srv = start_server(&port);

	if (!tap_ok(srv > 0, "scripted JSON-RPC server on 127.0.0.1:%d", port))
		return tap_done();
	snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
	tap_ok(rpc_open(&r, url, err) == 0, "rpc_open %s", err);

	tap_ok(rpc_chain_id(&r, &v, err) == 0 && v == 324 && rpc_chain_is_zksync(v),
	       "eth_chainId 0x144 = 324, a zkSync Era chain");
	struct rpc_msg m = {.has_to = 1};
	int rc = rpc_eth_call(&r, &m, "latest", &out, &n, err);
	tap_ok(rc == -1 && r.has_error && r.error_code == 3 && r.reverted &&
	               strcmp(r.revert_reason, "only owner") == 0 &&
	               strstr(err, "revert: only owner"),
	       "eth_call revert: Error(string) decoded: %s", err);
	rc = rpc_estimate_gas(&r, &m, &v, err);
	tap_ok(rc == -1 && r.error_code == -32603 && strstr(r.revert_reason, "0x12") &&
	               strstr(r.revert_reason, "division"),
	       "revert data nested in error.data.data: Panic(0x12) decoded: %s", err);
	rc = rpc_gas_price(&r, &x, err);
	tap_ok(rc == -1 && strstr(err, "id does not match"), "wrong response id: %s", err);
	rc = rpc_block_number(&r, &v, err);
	tap_ok(rc == -1 && strstr(err, "invalid JSON"), "truncated JSON: %s", err);
	int found = 1;
	struct rpc_receipt rcpt;
	tap_ok(rpc_get_receipt(&r, hash, &rcpt, &found, err) == 0 && found == 0,
	       "null receipt means pending");
	tap_ok(rpc_wait_receipt(&r, hash, 200, 50, &rcpt, err) == -1 && strstr(err, "no receipt"),
	       "wait for receipt times out: %s", err);
	tap_ok(rpc_get_balance(&r, addr, "latest", &x, err) == 0 && u256_bits(&x) == 253 &&
	               x.w[3] == 1ull << 60,
	       "eth_getBalance keeps a 253-bit balance exactly");
	tap_ok(rpc_get_nonce(&r, addr, "pending", &v, err) == -1 && strstr(err, "0x quantity"),
	       "a quantity without 0x is refused: %s", err);
	struct rpc_fees f;
	tap_ok(rpc_fee_history(&r, 5, 50, &f, err) == -1 && strstr(err, "HTTP 500"),
	       "HTTP 500 from the node: %s", err);
	tap_ok(rpc_get_balance(&r, addr, "latest\"", &x, err) == -1 && strstr(err, "bad block"),
	       "a block tag with a quote is refused");
	struct zks_fee z;
	tap_ok(zks_estimate_fee(&r, &m, &z, err) == 0 && z.gas_limit == 0x2a3f1 &&
	               z.gas_per_pubdata_limit == 50000 && z.max_fee_per_gas.w[0] == 0x2b275d0 &&
	               u256_is_zero(&z.max_priority_fee_per_gas),
	       "zks_estimateFee result parsed %s", err);
	char st[32];
	tap_ok(zks_tx_details(&r, hash, st, sizeof st, &found, err) == 0 && found &&
	               strcmp(st, "verified") == 0,
	       "zks_getTransactionDetails status");
	test_zksync_send(&r);
	struct json *root;
	const struct json *res;
	tap_ok(rpc_call(&r, "web3_nope", "[]", &root, &res, err) == -1 && r.error_code == -32601 &&
	               !r.reverted && strstr(err, "method not found"),
	       "unknown method: %s", err);
	rpc_close(&r);
	kill(srv, SIGKILL);
	waitpid(srv, NULL, 0);
	unlink(raw_path);

	tap_ok(rpc_open(&r, url, err) == 0 && rpc_chain_id(&r, &v, err) == -1 &&
	               strstr(err, "refused"),
	       "node gone: %s", err);
	tap_ok(rpc_open(&r, "https://mainnet.example", err) == -1 && strstr(err, "https"),
	       "https refused clearly: %s", err);
	return tap_done();
}
