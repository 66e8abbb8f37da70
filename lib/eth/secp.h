// lib/eth/secp.h: secp256k1 keys and ECDSA signatures, Ethereum style.
//
// Status: everything declared here is implemented and tested (secp_test.c,
// including the Wycheproof secp256k1 vectors).
//
// The curve arithmetic is Debian's libsecp256k1; this file adds what Ethereum
// needs around it: recoverable signatures with RFC 6979 nonces, the low-S rule
// of EIP-2, public key to address, and a strict DER parser.
// Secret keys passed in are never copied except into locals that are wiped
// before return.
#ifndef ETH_SECP_H
#define ETH_SECP_H

#include <stddef.h>
#include <stdint.h>

// A recoverable signature: r and s big-endian, v the recovery id (0 or 1,
// "yParity"). Legacy transactions and personal_sign add 27 or 35+2*chainId
// to v on the wire; these functions never do.
typedef struct EthSig {
	uint8_t r[32];
	uint8_t s[32];
	uint8_t v;
} EthSig;

// 1 when key is a valid secret key (0 < key < n).
int secp_seckey_valid(const uint8_t key[32]);
// The uncompressed public key X || Y (64 bytes, no 0x04 prefix).
int secp_pubkey(const uint8_t key[32], uint8_t pub[64]);
// Ethereum address: the last 20 bytes of keccak256(X || Y).
void secp_pub_to_address(const uint8_t pub[64], uint8_t addr[20]);
int secp_key_to_address(const uint8_t key[32], uint8_t addr[20]);
// Parse a SEC1 public key (33-byte compressed or 65-byte uncompressed).
int secp_pubkey_parse(const uint8_t *in, size_t len, uint8_t pub[64]);

// Sign a 32-byte digest with an RFC 6979 deterministic nonce. The result
// always has low S (s <= n/2), as Ethereum requires. Returns 0 or -1.
int secp_sign(const uint8_t key[32], const uint8_t hash[32], EthSig *sig);
// Recover the public key from a signature over hash. Rejects r or s outside
// [1, n-1], high S, and v other than 0 or 1. Returns 0 or -1.
int secp_recover(const uint8_t hash[32], const EthSig *sig, uint8_t pub[64]);
int secp_recover_address(const uint8_t hash[32], const EthSig *sig, uint8_t addr[20]);
// Verify (r, s) over hash for pub. High S is rejected (returns -1) unless
// allow_high_s is set, in which case it is normalised first. 0 when valid.
int secp_verify(const uint8_t pub[64], const uint8_t hash[32], const uint8_t r[32],
                const uint8_t s[32], int allow_high_s);
// 1 when s <= n/2.
int secp_is_low_s(const uint8_t s[32]);

// Strict DER ECDSA-Sig-Value: SEQUENCE { INTEGER r, INTEGER s }, definite
// minimal lengths, minimal positive integers, no trailing bytes, 0 < r, s < n.
// Returns 0 or -1.
int secp_der_parse(const uint8_t *der, size_t len, uint8_t r[32], uint8_t s[32]);

// Wipe secret material so that the compiler cannot drop the stores.
void secp_wipe(void *p, size_t n);

#endif
