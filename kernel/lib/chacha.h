// kernel/lib/chacha.h: the ChaCha20 block function of RFC 8439 section 2.3
// (pure; host-tested by chacha_test.c). The kernel's random generator
// (dev/random.c) is built on it.
#ifndef LIB_CHACHA_H
#define LIB_CHACHA_H

#include <stdint.h>

#define CHACHA_KEYLEN 32
#define CHACHA_NONCELEN 12
#define CHACHA_BLOCKLEN 64

// One 64-byte keystream block for key, 32-bit block counter and 96-bit
// nonce, serialized little-endian as the RFC specifies.
void chacha20_block(uint8_t out[CHACHA_BLOCKLEN], const uint8_t key[CHACHA_KEYLEN],
                    uint32_t counter, const uint8_t nonce[CHACHA_NONCELEN]);

// The quarter round on four words (RFC 8439 section 2.1), exposed for its
// test vector.
void chacha_quarter(uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d);

#endif
