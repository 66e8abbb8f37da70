// lib/crypto/hmac.h: HMAC-SHA256 (RFC 2104, FIPS 198-1).
//
// Status: implemented and tested (hmac_test.c, RFC 4231 vectors).
#ifndef CRYPTO_HMAC_H
#define CRYPTO_HMAC_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/sha256.h"

typedef struct HmacSha256 {
	Sha256 inner, outer; // both keyed; outer waits for the inner digest
} HmacSha256;

void hmac_sha256_init(HmacSha256 *h, const void *key, size_t keylen);
void hmac_sha256_update(HmacSha256 *h, const void *in, size_t len);
// Write the tag; the context is wiped.
void hmac_sha256_final(HmacSha256 *h, uint8_t out[32]);
void hmac_sha256(const void *key, size_t keylen, const void *in, size_t len, uint8_t out[32]);

#endif
