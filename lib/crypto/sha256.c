// lib/crypto/sha256.c: SHA-256 as specified in FIPS 180-4 section 6.2.
#include <string.h>

#include "crypto/sha256.h"

// The first 32 bits of the fractional parts of the cube roots of the first
// 64 primes (FIPS 180-4 section 4.2.2).
static const uint32_t K[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
};

static uint32_t
ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static uint32_t
load32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

#define CH(e, f, g) (((e) & (f)) ^ (~(e) & (g)))
#define MAJ(a, b, c) (((a) & (b)) ^ ((a) & (c)) ^ ((b) & (c)))
#define BSIG0(a) (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22))
#define BSIG1(e) (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25))
#define SSIG0(w) (ror(w, 7) ^ ror(w, 18) ^ ((w) >> 3))
#define SSIG1(w) (ror(w, 17) ^ ror(w, 19) ^ ((w) >> 10))

// One round with the working variables named by position, so that eight
// consecutive rounds rotate the roles instead of moving the values.
#define ROUND(a, b, c, d, e, f, g, h, i)                                                           \
	do {                                                                                       \
		uint32_t t1 = (h) + BSIG1(e) + CH(e, f, g) + K[i] + w[(i)&15];                     \
		(d) += t1;                                                                         \
		(h) = t1 + BSIG0(a) + MAJ(a, b, c);                                                \
	} while (0)

// Process one 64-byte block into the chaining value. The message schedule
// is kept as a rolling window of 16 words.
static void
block(uint32_t h[8], const uint8_t *p)
{
	uint32_t w[16], a, b, c, d, e, f, g, hh;
	int i, j;

	for (i = 0; i < 16; i++)
		w[i] = load32(p + 4 * i);
	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (i = 0; i < 64; i += 8) {
		// From round 16 on, word i+j is computed in place of word i+j-16.
		if (i >= 16)
			for (j = 0; j < 8; j++)
				w[(i + j) & 15] += SSIG1(w[(i + j - 2) & 15]) +
				                   w[(i + j - 7) & 15] +
				                   SSIG0(w[(i + j - 15) & 15]);
		ROUND(a, b, c, d, e, f, g, hh, i);
		ROUND(hh, a, b, c, d, e, f, g, i + 1);
		ROUND(g, hh, a, b, c, d, e, f, i + 2);
		ROUND(f, g, hh, a, b, c, d, e, i + 3);
		ROUND(e, f, g, hh, a, b, c, d, i + 4);
		ROUND(d, e, f, g, hh, a, b, c, i + 5);
		ROUND(c, d, e, f, g, hh, a, b, i + 6);
		ROUND(b, c, d, e, f, g, hh, a, i + 7);
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d;
	h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

void
sha256_init(Sha256 *c)
{
	static const uint32_t iv[8] = {
	        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, iv, sizeof iv);
	c->len = 0;
	c->n = 0;
}

void
sha256_update(Sha256 *c, const void *in, size_t len)
{
	const uint8_t *p = in;

	c->len += len;
	if (c->n > 0) {
		size_t take = SHA256_BLOCK - c->n;

		if (take > len)
			take = len;
		memcpy(c->buf + c->n, p, take);
		c->n += take;
		p += take;
		len -= take;
		if (c->n < SHA256_BLOCK)
			return;
		block(c->h, c->buf);
		c->n = 0;
	}
	for (; len >= SHA256_BLOCK; p += SHA256_BLOCK, len -= SHA256_BLOCK)
		block(c->h, p);
	memcpy(c->buf, p, len);
	c->n = len;
}

void
sha256_final(Sha256 *c, uint8_t out[32])
{
	uint64_t bits = c->len * 8;
	volatile uint8_t *v;
	size_t i;

	// Padding: 0x80, zeros to 56 mod 64, then the bit length big-endian.
	c->buf[c->n++] = 0x80;
	if (c->n > 56) {
		memset(c->buf + c->n, 0, SHA256_BLOCK - c->n);
		block(c->h, c->buf);
		c->n = 0;
	}
	memset(c->buf + c->n, 0, 56 - c->n);
	for (i = 0; i < 8; i++)
		c->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	block(c->h, c->buf);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(c->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)c->h[i];
	}
	v = (volatile uint8_t *)c;
	for (i = 0; i < sizeof *c; i++)
		v[i] = 0;
}

void
sha256(const void *in, size_t len, uint8_t out[32])
{
	Sha256 c;

	sha256_init(&c);
	sha256_update(&c, in, len);
	sha256_final(&c, out);
}
