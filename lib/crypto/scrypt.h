// lib/crypto/scrypt.h: the scrypt key derivation function (RFC 7914).
//
// Status: implemented and tested (scrypt_test.c, RFC 7914 sections 8-12 vectors).
#ifndef CRYPTO_SCRYPT_H
#define CRYPTO_SCRYPT_H

#include <stddef.h>
#include <stdint.h>

enum {
	// Refuse parameters needing more than this much memory (128 * r * N bytes
	// for V, plus 128 * r * p for B): 1 GiB.
	SCRYPT_MAX_MEM = 1 << 30,
};

// The Salsa20/8 core on 16 little-endian words, in place (RFC 7914 section 3).
void salsa20_8(uint32_t b[16]);

// Derive dklen bytes into out. N must be a power of two greater than 1,
// r and p at least 1, with p * r < 2^30 and the memory within SCRYPT_MAX_MEM.
// Returns 0, -1 for bad parameters, -2 when memory cannot be allocated.
int scrypt(const void *pass, size_t passlen, const void *salt, size_t saltlen, uint64_t N,
           uint32_t r, uint32_t p, uint8_t *out, size_t dklen);

#endif
