// lib/eth/eip712.h: EIP-712 typed structured data hashing, for structs
// described by C tables.
//
// Status: implemented and tested (eip712_test.c on the specification's Mail
// example; ethers_test.sh against ethers' signTypedData).
//
// A program describes its types once as tables of (name, type) fields, exactly
// as the JSON "types" object of eth_signTypedData would, and builds a value
// tree for the message. Supported member types: uint8..uint256, int8..int256,
// address, bool, bytes1..bytes32, bytes, string, any struct in the table, and
// arrays (T[] or T[k]) of any of them, nested.
//
//   hashStruct(s) = keccak256(typeHash || encodeData(s))
//   typeHash      = keccak256(encodeType) e.g. "Mail(Person from,Person to,string
//   contents)Person(string name,address wallet)" digest        = keccak256(0x19 0x01 ||
//   domainSeparator || hashStruct(message))
#ifndef ETH_EIP712_H
#define ETH_EIP712_H

#include <stddef.h>
#include <stdint.h>

#include "eth/secp.h"
#include "eth/u256.h"

typedef struct Eip712Field {
	const char *name;
	const char *type; // "uint256", "address", "bytes32[]", "Person", ...
} Eip712Field;

typedef struct Eip712Type {
	const char *name;
	const Eip712Field *fields;
	size_t nfields;
} Eip712Type;

// One value; which members count depends on the field's type:
//   uintN, intN    num (intN: two's complement in 256 bits)
//   address        bytes (20 bytes)
//   bool           num (0 or 1)
//   bytesN         bytes (N bytes)
//   bytes, string  bytes/len (string: UTF-8, not NUL-terminated necessarily)
//   struct         items[i] is the value of field i, nitems == nfields
//   array          items/nitems are its elements
typedef struct Eip712Value {
	U256 num;
	const uint8_t *bytes;
	size_t len;
	const struct Eip712Value *items;
	size_t nitems;
} Eip712Value;

typedef struct Eip712Types {
	const Eip712Type *types;
	size_t ntypes;
} Eip712Types;

// encodeType of primary into out (cap bytes, NUL-terminated); returns its length or -1.
int eip712_encode_type(const Eip712Types *t, const char *primary, char *out, size_t cap, char *err);
int eip712_type_hash(const Eip712Types *t, const char *primary, uint8_t out[32], char *err);
int eip712_hash_struct(const Eip712Types *t, const char *primary, const Eip712Value *v,
                       uint8_t out[32], char *err);

// The EIP712Domain struct; only the members marked present are part of it.
typedef struct Eip712Domain {
	const char *name; // NULL when absent
	const char *version;
	int has_chain_id;
	U256 chain_id;
	int has_contract;
	uint8_t contract[20]; // verifyingContract
	int has_salt;
	uint8_t salt[32];
} Eip712Domain;

int eip712_domain_separator(const Eip712Domain *d, uint8_t out[32], char *err);
// keccak256(0x19 0x01 || domain separator || hashStruct(message)).
int eip712_digest(const Eip712Domain *d, const Eip712Types *t, const char *primary,
                  const Eip712Value *msg, uint8_t out[32], char *err);
// Sign the digest: 65 bytes r || s || v with v = 27 or 28 (ethers' signTypedData).
int eip712_sign(const uint8_t key[32], const uint8_t digest[32], uint8_t sig[65]);

#endif
