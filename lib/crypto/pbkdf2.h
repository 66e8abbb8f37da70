// lib/crypto/pbkdf2.h: PBKDF2 with HMAC-SHA256 as the PRF (RFC 8018 section 5.2).
//
// Status: implemented and tested (pbkdf2_test.c, RFC 7914 section 11 vectors).
#ifndef CRYPTO_PBKDF2_H
#define CRYPTO_PBKDF2_H

#include <stddef.h>
#include <stdint.h>

// Derive dklen bytes into out. Returns 0, or -1 when iterations is 0 or
// dklen exceeds (2^32 - 1) * 32.
int pbkdf2_sha256(const void *pass, size_t passlen, const void *salt, size_t saltlen,
                  uint32_t iterations, uint8_t *out, size_t dklen);

#endif
