// sys/devfs/chacha.h: the ChaCha20 block function of RFC 8439 (section
// 2.3), the keystream generator behind /dev/random. Tested against the
// RFC's vectors in chacha_test.c.
#ifndef DEVFS_CHACHA_H
#define DEVFS_CHACHA_H

#include <stddef.h>
#include <stdint.h>

enum { CHACHA_KEY = 32, CHACHA_NONCE = 12, CHACHA_BLOCK = 64 };

// One 64-byte block of keystream for key, 32-bit block counter and 96-bit
// nonce (RFC 8439 2.3: 20 rounds, then the input state added, serialised
// little-endian).
void chacha20_block(const uint8_t key[CHACHA_KEY], uint32_t counter,
                    const uint8_t nonce[CHACHA_NONCE], uint8_t out[CHACHA_BLOCK]);

// n bytes of keystream starting at block counter (n at most 2^38 - 64
// bytes past it, which callers here never come near).
void chacha20_stream(const uint8_t key[CHACHA_KEY], uint32_t counter,
                     const uint8_t nonce[CHACHA_NONCE], uint8_t *out, size_t n);

#endif
