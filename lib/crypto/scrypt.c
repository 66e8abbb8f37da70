// lib/crypto/scrypt.c: scrypt = PBKDF2(P, ROMix_N(PBKDF2(P, S, 1, p*128*r)), 1, dkLen), with
// BlockMix over Salsa20/8 (RFC 7914 sections 3-6).
#include "crypto/scrypt.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/pbkdf2.h"

static void
wipe(void *p, size_t n)
{
	volatile uint8_t *v = p;
	while (n--)
		*v++ = 0;
}

#define ROTL(a, b) (((a) << (b)) | ((a) >> (32 - (b))))

void
salsa20_8(uint32_t b[16])
{
	uint32_t x[16];

	memcpy(x, b, sizeof x);
	// Four double rounds: a column round then a row round each.
	for (int i = 0; i < 8; i += 2) {
		x[4] ^= ROTL(x[0] + x[12], 7);
		x[8] ^= ROTL(x[4] + x[0], 9);
		x[12] ^= ROTL(x[8] + x[4], 13);
		x[0] ^= ROTL(x[12] + x[8], 18);
		x[9] ^= ROTL(x[5] + x[1], 7);
		x[13] ^= ROTL(x[9] + x[5], 9);
		x[1] ^= ROTL(x[13] + x[9], 13);
		x[5] ^= ROTL(x[1] + x[13], 18);
		x[14] ^= ROTL(x[10] + x[6], 7);
		x[2] ^= ROTL(x[14] + x[10], 9);
		x[6] ^= ROTL(x[2] + x[14], 13);
		x[10] ^= ROTL(x[6] + x[2], 18);
		x[3] ^= ROTL(x[15] + x[11], 7);
		x[7] ^= ROTL(x[3] + x[15], 9);
		x[11] ^= ROTL(x[7] + x[3], 13);
		x[15] ^= ROTL(x[11] + x[7], 18);
		x[1] ^= ROTL(x[0] + x[3], 7);
		x[2] ^= ROTL(x[1] + x[0], 9);
		x[3] ^= ROTL(x[2] + x[1], 13);
		x[0] ^= ROTL(x[3] + x[2], 18);
		x[6] ^= ROTL(x[5] + x[4], 7);
		x[7] ^= ROTL(x[6] + x[5], 9);
		x[4] ^= ROTL(x[7] + x[6], 13);
		x[5] ^= ROTL(x[4] + x[7], 18);
		x[11] ^= ROTL(x[10] + x[9], 7);
		x[8] ^= ROTL(x[11] + x[10], 9);
		x[9] ^= ROTL(x[8] + x[11], 13);
		x[10] ^= ROTL(x[9] + x[8], 18);
		x[12] ^= ROTL(x[15] + x[14], 7);
		x[13] ^= ROTL(x[12] + x[15], 9);
		x[14] ^= ROTL(x[13] + x[12], 13);
		x[15] ^= ROTL(x[14] + x[13], 18);
	}
	for (int i = 0; i < 16; i++)
		b[i] += x[i];
}

// BlockMix: in and out are 2r blocks of 16 words; y is scratch of the same size.
// Output order is the even-indexed blocks, then the odd-indexed ones.
static void
blockmix(const uint32_t *in, uint32_t *out, uint32_t r)
{
	uint32_t x[16];

	memcpy(x, in + (2 * r - 1) * 16, sizeof x);
	for (uint32_t i = 0; i < 2 * r; i++) {
		for (int k = 0; k < 16; k++)
			x[k] ^= in[i * 16 + k];
		salsa20_8(x);
		memcpy(out + ((i & 1) * r + i / 2) * 16, x, sizeof x);
	}
}

static uint32_t
le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void
put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

// ROMix on one 128*r-byte block b, using v (N * 32 * r words) and x, y
// (32 * r words each) as scratch.
static void
romix(uint8_t *b, uint64_t N, uint32_t r, uint32_t *v, uint32_t *x, uint32_t *y)
{
	size_t words = 32 * (size_t)r;

	for (size_t k = 0; k < words; k++)
		x[k] = le32(b + 4 * k);
	for (uint64_t i = 0; i < N; i++) {
		memcpy(v + i * words, x, words * 4);
		blockmix(x, y, r);
		memcpy(x, y, words * 4);
	}
	for (uint64_t i = 0; i < N; i++) {
		// Integerify: the first 64-bit little-endian word of the last block.
		const uint32_t *last = x + (2 * r - 1) * 16;
		uint64_t j = ((uint64_t)last[1] << 32 | last[0]) & (N - 1);
		for (size_t k = 0; k < words; k++)
			x[k] ^= v[j * words + k];
		blockmix(x, y, r);
		memcpy(x, y, words * 4);
	}
	for (size_t k = 0; k < words; k++)
		put_le32(b + 4 * k, x[k]);
}

int
scrypt(const void *pass, size_t passlen, const void *salt, size_t saltlen, uint64_t N, uint32_t r,
       uint32_t p, uint8_t *out, size_t dklen)
{
	if (N < 2 || (N & (N - 1)) || r == 0 || p == 0 || (uint64_t)r * p >= (1u << 30))
		return -1;
	uint64_t vbytes = 128ull * r * N, bbytes = 128ull * r * p;
	if (N > SCRYPT_MAX_MEM || vbytes > SCRYPT_MAX_MEM || bbytes > SCRYPT_MAX_MEM)
		return -1;
	uint8_t *b = malloc(bbytes);
	uint32_t *v = malloc(vbytes);
	uint32_t *xy = malloc(256 * (size_t)r);
	int rc = -2;
	if (!b || !v || !xy)
		goto out;
	rc = -1;
	if (pbkdf2_sha256(pass, passlen, salt, saltlen, 1, b, bbytes) < 0)
		goto out;
	for (uint32_t i = 0; i < p; i++)
		romix(b + 128 * (size_t)r * i, N, r, v, xy, xy + 32 * (size_t)r);
	if (pbkdf2_sha256(pass, passlen, b, bbytes, 1, out, dklen) < 0)
		goto out;
	rc = 0;
out:
	if (b)
		wipe(b, bbytes);
	if (v)
		wipe(v, vbytes);
	if (xy)
		wipe(xy, 256 * (size_t)r);
	free(b);
	free(v);
	free(xy);
	return rc;
}
