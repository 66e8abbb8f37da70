// lib/fhe/rng.c: the random number generator of lib/fhe and the samplers built
// on it. A ChaCha20 stream (RFC 8439 block function) keyed with 32 bytes from
// fhe_os_random expands into all the randomness the schemes need: uniform
// residues (rejection sampling), ternary secrets and centred-binomial errors.
// Secret-dependent sampling has no data-dependent branches or indexes.
#include <string.h>

#include "fhe/fhe_impl.h"

static uint32_t
rotl(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

#define QR(a, b, c, d)                                                                             \
	do {                                                                                       \
		a += b;                                                                            \
		d = rotl(d ^ a, 16);                                                               \
		c += d;                                                                            \
		b = rotl(b ^ c, 12);                                                               \
		a += b;                                                                            \
		d = rotl(d ^ a, 8);                                                                \
		c += d;                                                                            \
		b = rotl(b ^ c, 7);                                                                \
	} while (0)

void
fhe_chacha20_block(const uint32_t key[8], uint32_t ctr, const uint32_t nonce[3], uint8_t out[64])
{
	uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
	uint32_t x[16];

	memcpy(in + 4, key, 32);
	in[12] = ctr;
	memcpy(in + 13, nonce, 12);
	memcpy(x, in, sizeof x);
	for (int i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++) {
		uint32_t v = x[i] + in[i];

		out[4 * i] = (uint8_t)v;
		out[4 * i + 1] = (uint8_t)(v >> 8);
		out[4 * i + 2] = (uint8_t)(v >> 16);
		out[4 * i + 3] = (uint8_t)(v >> 24);
	}
	fhe_wipe(x, sizeof x);
	fhe_wipe(in, sizeof in);
}

void
fhe_rng_seed(fhe_rng *r, const uint8_t seed[32])
{
	memset(r, 0, sizeof *r);
	for (int i = 0; i < 8; i++)
		r->key[i] = (uint32_t)seed[4 * i] | (uint32_t)seed[4 * i + 1] << 8 |
		            (uint32_t)seed[4 * i + 2] << 16 | (uint32_t)seed[4 * i + 3] << 24;
	r->pos = sizeof r->buf;
}

int
fhe_rng_init(fhe_rng *r)
{
	uint8_t seed[32];

	if (fhe_os_random(seed, sizeof seed) != 0)
		return FHE_ERANDOM;
	fhe_rng_seed(r, seed);
	fhe_wipe(seed, sizeof seed);
	return 0;
}

void
fhe_rng_wipe(fhe_rng *r)
{
	fhe_wipe(r, sizeof *r);
}

static void
refill(fhe_rng *r)
{
	fhe_chacha20_block(r->key, r->ctr, r->nonce, r->buf);
	// After 2^32 blocks move to the next nonce rather than repeat a block.
	if (++r->ctr == 0)
		r->nonce[0]++;
	r->pos = 0;
}

void
fhe_rng_bytes(fhe_rng *r, void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len > 0) {
		size_t take;

		if (r->pos == sizeof r->buf)
			refill(r);
		take = sizeof r->buf - r->pos;
		if (take > len)
			take = len;
		memcpy(p, r->buf + r->pos, take);
		fhe_wipe(r->buf + r->pos, take);
		r->pos += take;
		p += take;
		len -= take;
	}
}

uint64_t
rng_u64(fhe_rng *r)
{
	uint64_t v = 0;

	if (r->pos + 8 > sizeof r->buf)
		refill(r);
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)r->buf[r->pos + i] << (8 * i);
	r->pos += 8;
	return v;
}

// Independent uniform residues modulo each listed modulus (public values, so
// rejection sampling is fine).
void
sample_uniform(const fhe_ctx *c, fhe_rng *r, const size_t *mods, size_t nm, uint64_t *out)
{
	const size_t n = c->n;

	for (size_t k = 0; k < nm; k++) {
		uint64_t q = c->m[mods[k]].q;
		unsigned shift = 64 - bitlen64(q);

		for (size_t i = 0; i < n; i++) {
			uint64_t v;

			do
				v = rng_u64(r) >> shift;
			while (v >= q);
			out[k * n + i] = v;
		}
	}
}

// A ternary polynomial (coefficients uniform in {-1, 0, 1}) written modulo
// each listed modulus. 3 * (32 random bits) >> 32 is in {0, 1, 2}, with a
// bias below 2^-31 and no branch.
void
sample_ternary(const fhe_ctx *c, fhe_rng *r, const size_t *mods, size_t nm, uint64_t *out)
{
	const size_t n = c->n;

	for (size_t i = 0; i < n; i++) {
		int64_t v = (int64_t)((rng_u64(r) & 0xffffffffu) * 3 >> 32) - 1;

		for (size_t k = 0; k < nm; k++)
			out[k * n + i] = mod_from_signed(v, c->m[mods[k]].q);
	}
}

static unsigned
popcount64(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555u);
	x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
	return (unsigned)((x * 0x0101010101010101u) >> 56);
}

// An error polynomial from the centred binomial distribution with k = 21
// (variance 10.5, standard deviation 3.24, |e| <= 21), standing in for the
// discrete Gaussian with sigma = 3.2 of the HomomorphicEncryption.org standard.
void
sample_error(const fhe_ctx *c, fhe_rng *r, const size_t *mods, size_t nm, uint64_t *out)
{
	const size_t n = c->n;
	const uint64_t mask = ((uint64_t)1 << 21) - 1;

	for (size_t i = 0; i < n; i++) {
		uint64_t x = rng_u64(r);
		int64_t v = (int64_t)popcount64(x & mask) - (int64_t)popcount64((x >> 21) & mask);

		for (size_t k = 0; k < nm; k++)
			out[k * n + i] = mod_from_signed(v, c->m[mods[k]].q);
	}
}
