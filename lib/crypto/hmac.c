// lib/crypto/hmac.c: HMAC-SHA256: H((K ^ opad) || H((K ^ ipad) || m)).
#include "crypto/hmac.h"

#include <string.h>

static void
wipe(void *p, size_t n)
{
	volatile uint8_t *v = p;
	while (n--)
		*v++ = 0;
}

void
hmac_sha256_init(HmacSha256 *h, const void *key, size_t keylen)
{
	uint8_t k[SHA256_BLOCK] = {0}, pad[SHA256_BLOCK];

	// Keys longer than a block are hashed first; shorter ones are zero-padded.
	if (keylen > SHA256_BLOCK)
		sha256(key, keylen, k);
	else if (keylen)
		memcpy(k, key, keylen);
	for (int i = 0; i < SHA256_BLOCK; i++)
		pad[i] = k[i] ^ 0x36;
	sha256_init(&h->inner);
	sha256_update(&h->inner, pad, sizeof pad);
	for (int i = 0; i < SHA256_BLOCK; i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_init(&h->outer);
	sha256_update(&h->outer, pad, sizeof pad);
	wipe(k, sizeof k);
	wipe(pad, sizeof pad);
}

void
hmac_sha256_update(HmacSha256 *h, const void *in, size_t len)
{
	sha256_update(&h->inner, in, len);
}

void
hmac_sha256_final(HmacSha256 *h, uint8_t out[32])
{
	uint8_t d[32];

	sha256_final(&h->inner, d);
	sha256_update(&h->outer, d, sizeof d);
	sha256_final(&h->outer, out);
	wipe(d, sizeof d);
	wipe(h, sizeof *h);
}

void
hmac_sha256(const void *key, size_t keylen, const void *in, size_t len, uint8_t out[32])
{
	HmacSha256 h;
	hmac_sha256_init(&h, key, keylen);
	hmac_sha256_update(&h, in, len);
	hmac_sha256_final(&h, out);
}
