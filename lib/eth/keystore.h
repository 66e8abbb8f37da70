// lib/eth/keystore.h: Web3 Secret Storage (keystore v3) files: read and write.
//
// Status: implemented and tested (keystore_test.c; keystore_test.sh checks
// interoperability with ethers v6 in both directions).
//
// Format (JSON, version 3):
//   {"version":3, "id":UUID, "address":40 hex digits,
//    "crypto":{"cipher":"aes-128-ctr", "cipherparams":{"iv":16 bytes hex},
//              "ciphertext":hex, "kdf":"scrypt"|"pbkdf2",
//              "kdfparams":{scrypt: "n","r","p","dklen","salt"
//                           pbkdf2: "c","prf":"hmac-sha256","dklen","salt"},
//              "mac":hex}}
// derivedKey = KDF(password, salt); ciphertext = AES-128-CTR(derivedKey[0:16],
// iv, secret key); mac = keccak256(derivedKey[16:32] || ciphertext).
// Reading also accepts "Crypto" (as written by some old clients).
#ifndef ETH_KEYSTORE_H
#define ETH_KEYSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "eth/err.h"

// Decrypt a keystore file. On success writes the 32-byte secret key and, if
// addr is not NULL, its address, and returns 0. Returns -1 with err set for
// malformed files, unsupported parameters, or a wrong password ("wrong
// password: MAC mismatch").
int keystore_decrypt(const char *json, size_t len, const char *password, size_t pwlen,
                     uint8_t key[32], uint8_t addr[20], char *err);

// The random inputs of a new file, chosen by the caller (read them from the
// system's random source); the lib never reads randomness itself.
struct keystore_rand {
	uint8_t salt[32];
	uint8_t iv[16];
	uint8_t uuid[16];
};

// Encrypt key with scrypt parameters n (a power of two), r and p. Returns the
// JSON text (caller frees), or NULL with err set.
char *keystore_encrypt(const uint8_t key[32], const char *password, size_t pwlen, uint64_t n,
                       uint32_t r, uint32_t p, const struct keystore_rand *rnd, char *err);

// Defaults written by keystore_encrypt callers that have no reason to choose:
// ethers v6's default (geth's "standard" uses n = 262144).
enum {
	KEYSTORE_SCRYPT_N = 131072,
	KEYSTORE_SCRYPT_R = 8,
	KEYSTORE_SCRYPT_P = 1,
};

#endif
