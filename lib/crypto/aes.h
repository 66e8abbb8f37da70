// lib/crypto/aes.h: the AES block cipher (FIPS 197) and CTR mode (NIST SP 800-38A).
//
// Status: implemented and tested (aes_test.c: FIPS 197 appendix C, SP 800-38A F.5).
//
// A plain table implementation: the S-box lookups depend on key and data, so
// it is not constant-time. It serves keystore files decrypted locally, not
// a network-facing cipher.
#ifndef CRYPTO_AES_H
#define CRYPTO_AES_H

#include <stddef.h>
#include <stdint.h>

typedef struct Aes {
	uint32_t rk[60]; // round keys, 4 words a round, big-endian column words
	int rounds;      // 10, 12 or 14
} Aes;

// keylen is 16, 24 or 32 bytes. Returns 0 or -1.
int aes_init(Aes *a, const uint8_t *key, size_t keylen);
void aes_encrypt_block(const Aes *a, const uint8_t in[16], uint8_t out[16]);
// CTR mode: the 16-byte counter block is incremented as one big-endian
// 128-bit integer after each block (SP 800-38A B.1); encrypting and decrypting
// are the same operation. iv is advanced past every block used, so a stream split at 16-byte
// boundaries can continue with the next call.
void aes_ctr(const Aes *a, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len);
void aes_wipe(Aes *a);

#endif
