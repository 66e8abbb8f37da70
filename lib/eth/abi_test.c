// lib/eth/abi_test.c: ABI tests: the Solidity ABI specification's examples (baz, bar, sam, f,
// g), selectors, integer ranges, strict decoding of malformed data, event logs, revert reasons.
#include "eth/abi.h"
#include "eth/hex.h"
#include "tap/tap.h"

#include <stdlib.h>
#include <string.h>

// Encode a call from a signature and argument texts; return the hex (caller frees).
static char *
call_hex(const char *sig, int argc, char **argv, char *err)
{
	struct abi_sig s;
	struct abi_value v;
	struct abi_buf b = {0};
	char *h = NULL;

	if (abi_sig_parse(sig, &s, err) < 0)
		return NULL;
	if (abi_args_from_text(s.in, argc, argv, &v, err) == 0) {
		if (abi_encode_call(&s, &v, &b, err) == 0) {
			h = malloc(2 * b.len + 1);
			hex_encode(b.p, b.len, h);
		}
		abi_value_free(&v);
	}
	abi_buf_free(&b);
	abi_sig_free(&s);
	return h;
}

// Decode hex (without selector) as the signature's inputs and write JSON.
static char *
decode_json(const char *sig, const char *hex, char *err)
{
	struct abi_sig s;
	struct abi_value v;
	struct json_writer w;
	size_t n = strlen(hex) / 2;
	uint8_t *d = malloc(n + 1);
	char *out = NULL;

	hex_decode(hex, d, n + 1, &n);
	if (abi_sig_parse(sig, &s, err) == 0) {
		if (abi_decode(s.in, d, n, &v, err) == 0) {
			jw_init(&w);
			abi_value_to_json(s.in, &v, &w);
			out = jw_finish(&w, NULL);
			abi_value_free(&v);
		}
		abi_sig_free(&s);
	}
	free(d);
	return out;
}

#define W0 "000000000000000000000000000000000000000000000000000000000000"
struct example {
	const char *sig;
	int argc;
	char *argv[4];
	const char *want;
	const char *json; // decoding the encoding back gives this
};

static const struct example examples[] = {
        {"baz(uint32,bool)", 2, {"69", "true"}, "cdcd77c0" W0 "0045" W0 "0001", "[69,true]"},
        {"bar(bytes3[2])",
         1,
         {"[\"0x616263\",\"0x646566\"]"},
         "fce353f6"
         "6162630000000000000000000000000000000000000000000000000000000000"
         "6465660000000000000000000000000000000000000000000000000000000000",
         "[[\"0x616263\",\"0x646566\"]]"},
        {"sam(bytes,bool,uint256[])",
         3,
         {"0x64617665", "true", "[1,2,3]"},
         "a5643bf2" W0 "0060" W0 "0001" W0 "00a0" W0 "0004"
         "6461766500000000000000000000000000000000000000000000000000000000" W0 "0003" W0 "0001" W0
         "0002" W0 "0003",
         "[\"0x64617665\",true,[1,2,3]]"},
        {"f(uint256,uint32[],bytes10,bytes)",
         4,
         {"0x123", "[\"0x456\",\"0x789\"]", "0x31323334353637383930",
          "0x48656c6c6f2c20776f726c6421"},
         "8be65246" W0 "0123" W0 "0080"
         "3132333435363738393000000000000000000000000000000000000000000000" W0 "00e0" W0 "0002" W0
         "0456" W0 "0789" W0 "000d"
         "48656c6c6f2c20776f726c642100000000000000000000000000000000000000",
         "[291,[1110,1929],\"0x31323334353637383930\",\"0x48656c6c6f2c20776f726c6421\"]"},
        {"g(uint256[][],string[])",
         2,
         {"[[1,2],[3]]", "[\"one\",\"two\",\"three\"]"},
         "2289b18c" W0 "0040" W0 "0140" W0 "0002" W0 "0040" W0 "00a0" W0 "0002" W0 "0001" W0
         "0002" W0 "0001" W0 "0003" W0 "0003" W0 "0060" W0 "00a0" W0 "00e0" W0 "0003"
         "6f6e650000000000000000000000000000000000000000000000000000000000" W0 "0003"
         "74776f0000000000000000000000000000000000000000000000000000000000" W0 "0005"
         "7468726565000000000000000000000000000000000000000000000000000000",
         "[[[1,2],[3]],[\"one\",\"two\",\"three\"]]"},
};

static void
test_spec_examples(void)
{
	char err[ETH_ERRLEN] = "";

	for (size_t i = 0; i < sizeof examples / sizeof *examples; i++) {
		const struct example *e = &examples[i];
		char *h = call_hex(e->sig, e->argc, (char **)e->argv, err);
		tap_ok(h && strcmp(h, e->want) == 0, "spec example %s encodes %s", e->sig, err);
		char *j = h ? decode_json(e->sig, h + 8, err) : NULL;
		tap_ok(j && strcmp(j, e->json) == 0, "spec example %s decodes back: %s", e->sig,
		       j ? j : err);
		free(h);
		free(j);
	}
}

static void
test_types(void)
{
	static const struct {
		const char *in, *canon;
	} ok[] = {
	        {"uint", "uint256"},
	        {"int", "int256"},
	        {"(uint,(bool,bytes)[2])[]", "(uint256,(bool,bytes)[2])[]"},
	        {"bytes32[][3]", "bytes32[][3]"},
	        {"()", "()"},
	};
	static const char *bad[] = {"uint7",       "uint264",  "bytes0",   "bytes33", "int08",
	                            "fixed128x18", "foo",      "uint[",    "(uint",   "uint256x",
	                            "bool8",       "uint[01]", "string[]]"};
	char buf[128], err[ETH_ERRLEN];

	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		struct abi_type *t = abi_type_parse(ok[i].in, err);
		tap_ok(t && abi_type_canonical(t, buf, sizeof buf) == 0 &&
		               strcmp(buf, ok[i].canon) == 0,
		       "type %s is %s", ok[i].in, ok[i].canon);
		abi_type_free(t);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct abi_type *t = abi_type_parse(bad[i], err);
		tap_ok(t == NULL, "type %s rejected: %s", bad[i], err);
		abi_type_free(t);
	}
	uint8_t sel[4];
	tap_ok(abi_selector("transfer(address,uint)", sel, err) == 0 &&
	               memcmp(sel, "\xa9\x05\x9c\xbb", 4) == 0,
	       "selector of transfer(address,uint256) is a9059cbb");
	struct abi_sig s;
	tap_ok(abi_sig_parse("balanceOf(address who)(uint256)", &s, err) == 0 &&
	               strcmp(s.canonical, "balanceOf(address)") == 0 && s.out && s.out->nsub == 1,
	       "signature with parameter name and outputs");
	abi_sig_free(&s);
}

static void
test_ranges(void)
{
	static const struct {
		const char *type, *text;
		int ok;
	} cases[] = {
	        {"int8", "-128", 1},
	        {"int8", "-129", 0},
	        {"int8", "127", 1},
	        {"int8", "128", 0},
	        {"uint8", "255", 1},
	        {"uint8", "256", 0},
	        {"uint8", "-1", 0},
	        {"int256", "-0x8000000000000000000000000000000000000000000000000000000000000000",
	         1},
	        {"uint256",
	         "0x1"
	         "0000000000000000000000000000000000000000000000000000000000000000",
	         0},
	        {"bool", "1", 0},
	        {"bytes2", "0x1234", 1},
	        {"bytes2", "0x12", 0},
	        {"address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", 1},
	        {"address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", 0},
	        {"address", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", 1},
	        {"bytes", "0x123", 0},
	        {"uint256", "1e3", 0},
	};
	char err[ETH_ERRLEN];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct abi_type *t = abi_type_parse(cases[i].type, err);
		struct abi_value v;
		int rc = abi_value_from_text(t, cases[i].text, &v, err);
		tap_ok((rc == 0) == cases[i].ok, "%s %s %s", cases[i].type, cases[i].text,
		       cases[i].ok ? "accepted" : "rejected");
		if (rc == 0)
			abi_value_free(&v);
		abi_type_free(t);
	}
	// A negative int round-trips through encoding and JSON.
	char *h = call_hex("n(int16)", 1, (char *[]){"-2"}, err);
	tap_ok(h && strcmp(h + 8,
	                   "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe") == 0,
	       "int16 -2 is sign-extended");
	char *j = h ? decode_json("n(int16)", h + 8, err) : NULL;
	tap_ok(j && strcmp(j, "[-2]") == 0, "int16 -2 decodes to -2");
	free(h);
	free(j);
}

static void
test_malformed(void)
{
	static const struct {
		const char *sig, *hex, *why;
	} cases[] = {
	        {"f(uint8)", W0 "0100", "out of range"},
	        {"f(bool)", W0 "0002", "bool"},
	        {"f(int8)", W0 "0080", "sign-extended"},
	        {"f(address)", "0000000000000000000000010000000000000000000000000000000000000000",
	         "out of range"},
	        {"f(bytes1)", "1200000000000000000000000000000000000000000000000000000000000001",
	         "padding"},
	        {"f(uint256)", "00", "too short"},
	        {"f(bytes)", W0 "0040", "beyond"},
	        {"f(bytes)", W0 "0020" W0 "0040", "past the end"},
	        {"f(uint256[])",
	         W0 "0020"
	            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	         "too large"},
	        {"f(uint256[])", W0 "0020" W0 "0005" W0 "0001", "exceeds"},
	        {"f(string)", W0 "0020", "too short"},
	};
	char err[ETH_ERRLEN];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		err[0] = 0;
		char *j = decode_json(cases[i].sig, cases[i].hex, err);
		tap_ok(j == NULL && strstr(err, cases[i].why), "malformed %s rejected: %s",
		       cases[i].sig, err);
		free(j);
	}
}

static void
test_log(void)
{
	struct abi_sig ev;
	struct abi_value v;
	struct json_writer w;
	uint8_t topics[3][32] = {{0}}, data[32] = {0};
	char err[ETH_ERRLEN];

	abi_sig_parse("Transfer(address indexed from, address indexed to, uint256 value)", &ev,
	              err);
	tap_ok(strcmp(ev.canonical, "Transfer(address,address,uint256)") == 0,
	       "event canonical form");
	abi_sig_hash(&ev, topics[0]);
	char h[65];
	hex_encode(topics[0], 32, h);
	tap_ok(strcmp(h, "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef") == 0,
	       "Transfer topic 0");
	topics[1][31] = 0x11;
	topics[2][31] = 0x22;
	data[31] = 100;
	int rc = abi_decode_log(&ev, (const uint8_t(*)[32])topics, 3, data, 32, &v, err);
	jw_init(&w);
	if (rc == 0)
		abi_value_to_json(ev.in, &v, &w);
	char *j = jw_finish(&w, NULL);
	tap_ok(rc == 0 && j &&
	               strcmp(j, "[\"0x0000000000000000000000000000000000000011\","
	                         "\"0x0000000000000000000000000000000000000022\",100]") == 0,
	       "Transfer log decodes: %s", j ? j : err);
	free(j);
	if (rc == 0)
		abi_value_free(&v);
	rc = abi_decode_log(&ev, (const uint8_t(*)[32])topics, 2, data, 32, &v, err);
	tap_ok(rc == -1 && strstr(err, "topics"), "missing topic rejected: %s", err);
	topics[0][0] ^= 1;
	rc = abi_decode_log(&ev, (const uint8_t(*)[32])topics, 3, data, 32, &v, err);
	tap_ok(rc == -1 && strstr(err, "topic 0"), "wrong topic 0 rejected: %s", err);
	abi_sig_free(&ev);
}

static void
test_revert(void)
{
	// Error("Not enough Ether provided.") as in the Solidity documentation.
	static const char err_hex[] =
	        "08c379a0" W0 "0020" W0 "001a"
	        "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000";
	uint8_t d[200];
	size_t n;
	char msg[128];

	hex_decode(err_hex, d, sizeof d, &n);
	abi_revert_reason(d, n, msg, sizeof msg);
	tap_ok(strcmp(msg, "Not enough Ether provided.") == 0, "Error(string): %s", msg);
	hex_decode("4e487b71" W0 "0011", d, sizeof d, &n);
	abi_revert_reason(d, n, msg, sizeof msg);
	tap_ok(strstr(msg, "0x11") && strstr(msg, "overflow"), "Panic(uint256): %s", msg);
	abi_revert_reason(d, 0, msg, sizeof msg);
	tap_ok(strstr(msg, "no revert reason") != NULL, "empty revert: %s", msg);
	hex_decode("08c379a0" W0 "0020" W0 "00ff", d, sizeof d, &n);
	abi_revert_reason(d, n, msg, sizeof msg);
	tap_ok(strstr(msg, "custom error 0x08c379a0") != NULL, "truncated Error(string): %s", msg);
}

int
main(void)
{
	test_spec_examples();
	test_types();
	test_ranges();
	test_malformed();
	test_log();
	test_revert();
	return tap_done();
}
