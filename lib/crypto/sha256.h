// lib/crypto/sha256.h: SHA-256 (FIPS 180-4).
//
// Status: everything declared here is implemented and tested (sha256_test.c).
#ifndef CRYPTO_SHA256_H
#define CRYPTO_SHA256_H

#include <stddef.h>
#include <stdint.h>

enum {
	SHA256_BLOCK = 64,
	SHA256_LEN = 32,
};

typedef struct Sha256 {
	uint32_t h[8];             // chaining value
	uint64_t len;              // bytes hashed so far
	uint8_t buf[SHA256_BLOCK]; // a partial block
	size_t n;                  // bytes in buf
} Sha256;

void sha256_init(Sha256 *c);
void sha256_update(Sha256 *c, const void *in, size_t len);
// Write the digest; the context is wiped.
void sha256_final(Sha256 *c, uint8_t out[32]);

void sha256(const void *in, size_t len, uint8_t out[32]);

#endif
