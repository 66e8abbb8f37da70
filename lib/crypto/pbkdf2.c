// lib/crypto/pbkdf2.c: PBKDF2-HMAC-SHA256: T_i = U_1 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)).
#include "crypto/pbkdf2.h"

#include <string.h>

#include "crypto/hmac.h"

static void
wipe(void *p, size_t n)
{
	volatile uint8_t *v = p;
	while (n--)
		*v++ = 0;
}

int
pbkdf2_sha256(const void *pass, size_t passlen, const void *salt, size_t saltlen,
              uint32_t iterations, uint8_t *out, size_t dklen)
{
	HmacSha256 key, h;
	uint8_t u[32], t[32], be[4];

	if (iterations == 0 || (uint64_t)dklen > 0xffffffffull * 32)
		return -1;
	// Keying HMAC once and copying the context saves two compressions per U.
	hmac_sha256_init(&key, pass, passlen);
	for (uint32_t i = 1; dklen > 0; i++) {
		be[0] = i >> 24;
		be[1] = i >> 16;
		be[2] = i >> 8;
		be[3] = i;
		h = key;
		hmac_sha256_update(&h, salt, saltlen);
		hmac_sha256_update(&h, be, 4);
		hmac_sha256_final(&h, u);
		memcpy(t, u, 32);
		for (uint32_t c = 1; c < iterations; c++) {
			h = key;
			hmac_sha256_update(&h, u, 32);
			hmac_sha256_final(&h, u);
			for (int k = 0; k < 32; k++)
				t[k] ^= u[k];
		}
		size_t n = dklen < 32 ? dklen : 32;
		memcpy(out, t, n);
		out += n;
		dklen -= n;
	}
	wipe(&key, sizeof key);
	wipe(&h, sizeof h);
	wipe(u, sizeof u);
	wipe(t, sizeof t);
	return 0;
}
