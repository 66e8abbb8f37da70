// lib/crypto/keccak.h: Keccak-f[1600], Ethereum's Keccak-256 and FIPS 202 SHA-3.
//
// Status: everything declared here is implemented and tested (keccak_test.c).
//
// One sponge serves every variant; only the rate and the domain byte differ:
//   Keccak-256 (Ethereum)  rate 136, domain 0x01 (the original Keccak padding)
//   SHA3-256               rate 136, domain 0x06 (FIPS 202)
//   SHA3-512               rate  72, domain 0x06
// The padding is the domain byte at the end of the message, then zeros, then
// 0x80 or'ed into the last byte of the block (pad10*1).
#ifndef CRYPTO_KECCAK_H
#define CRYPTO_KECCAK_H

#include <stddef.h>
#include <stdint.h>

enum {
	KECCAK_PAD = 0x01, // original Keccak (Ethereum)
	SHA3_PAD = 0x06,   // FIPS 202 SHA-3
};

typedef struct Keccak {
	uint64_t s[25]; // the state, lane (x, y) at s[x + 5*y], little-endian
	size_t rate;    // bytes absorbed per permutation
	size_t pos;     // bytes absorbed into the current block
	uint8_t domain; // KECCAK_PAD or SHA3_PAD
} Keccak;

// The bare permutation: 24 rounds of theta, rho, pi, chi, iota.
void keccakf1600(uint64_t s[25]);
// One step of round (0..23): step 0 theta, 1 rho, 2 pi, 3 chi, 4 iota. For
// tests that check intermediate values; keccakf1600 is all 120 in order.
void keccakf1600_step(uint64_t s[25], int round, int step);

// A sponge with the given rate in bytes (0 < rate < 200, a multiple of 8) and
// domain byte. Output length is chosen at keccak_final.
void keccak_init(Keccak *k, size_t rate, uint8_t domain);
void keccak_update(Keccak *k, const void *in, size_t len);
// Pad, then squeeze outlen bytes (any length). The context is wiped.
void keccak_final(Keccak *k, uint8_t *out, size_t outlen);

// Incremental Keccak-256: keccak256_init, keccak_update, keccak_final(k, out, 32).
void keccak256_init(Keccak *k);
void sha3_256_init(Keccak *k);
void sha3_512_init(Keccak *k);

// One-shot digests.
void keccak256(const void *in, size_t len, uint8_t out[32]);
void sha3_256(const void *in, size_t len, uint8_t out[32]);
void sha3_512(const void *in, size_t len, uint8_t out[64]);

#endif
