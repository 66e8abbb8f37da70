// lib/eth/abi.h: the Solidity contract ABI: types from signatures, encoding, strict
// decoding, function selectors, event logs, and values to and from text/JSON.
//
// Status: implemented and tested (abi_test.c: the ABI specification's
// examples, round trips, malformed data). fixed/ufixed and function types are
// not supported (rejected with a clear error).
//
// A type is parsed from its Solidity spelling: "uint256", "int8", "address",
// "bool", "bytes4", "bytes", "string", "T[]", "T[3]", "(T1,T2,...)", nested
// freely; "uint"/"int" mean uint256/int256. A signature is "name(T1,T2,...)",
// optionally followed by output types "(R1,...)" (a convention for `eth call`).
// Event signatures may mark parameters " indexed".
#ifndef ETH_ABI_H
#define ETH_ABI_H

#include <stddef.h>
#include <stdint.h>

#include "eth/err.h"
#include "json/json.h"

enum abi_kind {
	ABI_UINT,
	ABI_INT,
	ABI_ADDRESS,
	ABI_BOOL,
	ABI_FBYTES, // bytesN, 1 <= N <= 32
	ABI_BYTES,
	ABI_STRING,
	ABI_ARRAY,  // T[]
	ABI_FARRAY, // T[k]
	ABI_TUPLE,
};

struct abi_type {
	enum abi_kind kind;
	int size;              // bits for UINT/INT, bytes for FBYTES
	size_t len;            // FARRAY: k
	struct abi_type *elem; // ARRAY, FARRAY
	struct abi_type **sub; // TUPLE fields
	int *indexed;          // TUPLE of event parameters: 1 when field i is indexed
	size_t nsub;
};

// A value of some type. Scalars (uint, int, address, bool, bytesN) are kept
// as their 32-byte ABI word (big-endian, two's complement, address
// right-aligned, bytesN left-aligned). bytes and string keep their bytes;
// arrays and tuples their items.
struct abi_value {
	uint8_t word[32];
	uint8_t *bytes;
	size_t len;
	struct abi_value *items;
	size_t n;
};

// Parse one type. Returns NULL with err on a bad spelling.
struct abi_type *abi_type_parse(const char *s, char *err);
void abi_type_free(struct abi_type *t);
// The canonical spelling (as used in selectors) into buf; -1 if it does not fit.
int abi_type_canonical(const struct abi_type *t, char *buf, size_t n);
int abi_type_is_dynamic(const struct abi_type *t);

// A parsed function or event signature.
struct abi_sig {
	char name[64];
	struct abi_type *in;  // a TUPLE
	struct abi_type *out; // a TUPLE, or NULL when not given
	char canonical[512];  // "name(T1,T2)"
};

int abi_sig_parse(const char *s, struct abi_sig *sig, char *err);
void abi_sig_free(struct abi_sig *sig);
// keccak256 of the canonical signature: the first 4 bytes are a function
// selector; the whole hash is an event's topic 0.
void abi_sig_hash(const struct abi_sig *sig, uint8_t out[32]);
int abi_selector(const char *sig, uint8_t out[4], char *err);

// A growable byte buffer for encoders.
struct abi_buf {
	uint8_t *p;
	size_t len, cap;
	int oom;
};
void abi_buf_put(struct abi_buf *b, const void *d, size_t n);
void abi_buf_free(struct abi_buf *b);

// Append the encoding of v (of type t) to out. For function arguments, t is
// the signature's input tuple. Returns 0, or -1 with err (shape mismatch,
// out of memory).
int abi_encode(const struct abi_type *t, const struct abi_value *v, struct abi_buf *out, char *err);
// Selector followed by the encoded arguments.
int abi_encode_call(const struct abi_sig *sig, const struct abi_value *args, struct abi_buf *out,
                    char *err);

// Decode data[0..len) as type t into v (free with abi_value_free). Strict:
// every offset and length must lie inside the data, scalar words must be in
// range for their type (high bits zero, sign extension, bool 0/1, bytesN
// padding zero). Returns 0, or -1 with err saying what and at which byte.
int abi_decode(const struct abi_type *t, const uint8_t *data, size_t len, struct abi_value *v,
               char *err);
void abi_value_free(struct abi_value *v);

// Values from text. A scalar is written as: uint/int decimal or 0x hex (int
// may start with '-'), address 0x + 40 hex (EIP-55 checked when mixed case),
// bool true/false, bytesN and bytes 0x hex, string as is. Arrays and tuples are
// JSON arrays whose elements are JSON strings/numbers/booleans/arrays.
int abi_value_from_text(const struct abi_type *t, const char *text, struct abi_value *v, char *err);
int abi_value_from_json(const struct abi_type *t, const struct json *j, struct abi_value *v,
                        char *err);
// Each argument text to one field of the tuple t.
int abi_args_from_text(const struct abi_type *t, int argc, char **argv, struct abi_value *v,
                       char *err);
// Write v as JSON: integers as JSON numbers (exact, any size), addresses
// EIP-55, bytes as 0x hex strings, arrays and tuples as arrays.
void abi_value_to_json(const struct abi_type *t, const struct abi_value *v, struct json_writer *w);

// An event log: topics[0] must be the signature hash (anonymous events are
// not supported); indexed static parameters are decoded from topics[1..],
// indexed dynamic ones are kept as their 32-byte topic (a bytes32 value),
// the rest decoded from data. v gets one item per parameter, in order.
int abi_decode_log(const struct abi_sig *ev, const uint8_t (*topics)[32], size_t ntopics,
                   const uint8_t *data, size_t len, struct abi_value *v, char *err);

// Revert data: Error(string) gives its message, Panic(uint256) a text with the
// code and its meaning, custom errors their selector. Writes into msg.
void abi_revert_reason(const uint8_t *data, size_t len, char *msg, size_t n);

#endif
