// lib/crypto/keccak.c: the Keccak-f[1600] permutation and the sponge built on
// it (Keccak-256 for Ethereum, SHA3-256 and SHA3-512). See keccak.h.
#include <string.h>

#include "crypto/keccak.h"

// Round constants: iota xors RC[i] into lane (0, 0) in round i.
static const uint64_t RC[24] = {
        0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
        0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
        0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
        0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
        0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
        0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

// Rho rotation offsets, indexed by lane x + 5*y.
static const unsigned ROT[25] = {
        0,  1,  62, 28, 27, 36, 44, 6,  55, 20, 3,  10, 43,
        25, 39, 41, 45, 15, 21, 8,  18, 2,  61, 56, 14,
};

static uint64_t
rol(uint64_t v, unsigned n)
{
	return n == 0 ? v : (v << n) | (v >> (64 - n));
}

// The five steps of a round (FIPS 202 section 3.2), one function each so the
// test can check the state after every step against the Keccak team's
// intermediate values.

// Theta: xor every lane with the parities of two neighbouring columns.
static void
theta(uint64_t a[25])
{
	uint64_t c[5], d;
	int x, y;

	for (x = 0; x < 5; x++)
		c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
	for (x = 0; x < 5; x++) {
		d = c[(x + 4) % 5] ^ rol(c[(x + 1) % 5], 1);
		for (y = 0; y < 25; y += 5)
			a[y + x] ^= d;
	}
}

// Rho: rotate each lane by its fixed offset.
static void
rho(uint64_t a[25])
{
	int i;

	for (i = 0; i < 25; i++)
		a[i] = rol(a[i], ROT[i]);
}

// Pi: move lane (x, y) to (y, 2x + 3y).
static void
pi(uint64_t a[25])
{
	uint64_t b[25];
	int x, y;

	for (y = 0; y < 5; y++)
		for (x = 0; x < 5; x++)
			b[y + 5 * ((2 * x + 3 * y) % 5)] = a[x + 5 * y];
	memcpy(a, b, sizeof b);
}

// Chi: the only non-linear step, along each row.
static void
chi(uint64_t a[25])
{
	uint64_t row[5];
	int x, y;

	for (y = 0; y < 25; y += 5) {
		for (x = 0; x < 5; x++)
			row[x] = a[y + x];
		for (x = 0; x < 5; x++)
			a[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
	}
}

void
keccakf1600_step(uint64_t s[25], int round, int step)
{
	switch (step) {
	case 0:
		theta(s);
		break;
	case 1:
		rho(s);
		break;
	case 2:
		pi(s);
		break;
	case 3:
		chi(s);
		break;
	case 4:
		s[0] ^= RC[round];
		break;
	}
}

// Where pi moves lane i = x + 5y: to y + 5 * ((2x + 3y) mod 5).
static const uint8_t PI_DST[25] = {
        0, 10, 20, 5, 15, 16, 1, 11, 21, 6, 7, 17, 2, 12, 22, 23, 8, 18, 3, 13, 14, 24, 9, 19, 4,
};

// The same 24 rounds as the step functions above, with theta unrolled, rho
// and pi fused into one pass and chi done a row at a time: several times
// faster, and checked against the steps by keccak_test.
void
keccakf1600(uint64_t s[25])
{
	uint64_t b[25], c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
	int r, i, y;

	for (r = 0; r < 24; r++) {
		c0 = s[0] ^ s[5] ^ s[10] ^ s[15] ^ s[20];
		c1 = s[1] ^ s[6] ^ s[11] ^ s[16] ^ s[21];
		c2 = s[2] ^ s[7] ^ s[12] ^ s[17] ^ s[22];
		c3 = s[3] ^ s[8] ^ s[13] ^ s[18] ^ s[23];
		c4 = s[4] ^ s[9] ^ s[14] ^ s[19] ^ s[24];
		d0 = c4 ^ rol(c1, 1);
		d1 = c0 ^ rol(c2, 1);
		d2 = c1 ^ rol(c3, 1);
		d3 = c2 ^ rol(c4, 1);
		d4 = c3 ^ rol(c0, 1);
		for (y = 0; y < 25; y += 5) {
			s[y] ^= d0;
			s[y + 1] ^= d1;
			s[y + 2] ^= d2;
			s[y + 3] ^= d3;
			s[y + 4] ^= d4;
		}
		for (i = 0; i < 25; i++)
			b[PI_DST[i]] = rol(s[i], ROT[i]);
		for (y = 0; y < 25; y += 5) {
			s[y] = b[y] ^ (~b[y + 1] & b[y + 2]);
			s[y + 1] = b[y + 1] ^ (~b[y + 2] & b[y + 3]);
			s[y + 2] = b[y + 2] ^ (~b[y + 3] & b[y + 4]);
			s[y + 3] = b[y + 3] ^ (~b[y + 4] & b[y]);
			s[y + 4] = b[y + 4] ^ (~b[y] & b[y + 1]);
		}
		s[0] ^= RC[r];
	}
}

// Xor byte v into byte position i of the state (lanes are little-endian).
static void
xorbyte(Keccak *k, size_t i, uint8_t v)
{
	k->s[i / 8] ^= (uint64_t)v << (8 * (i % 8));
}

void
keccak_init(Keccak *k, size_t rate, uint8_t domain)
{
	memset(k, 0, sizeof *k);
	k->rate = rate;
	k->domain = domain;
}

void
keccak256_init(Keccak *k)
{
	keccak_init(k, 136, KECCAK_PAD);
}

void
sha3_256_init(Keccak *k)
{
	keccak_init(k, 136, SHA3_PAD);
}

void
sha3_512_init(Keccak *k)
{
	keccak_init(k, 72, SHA3_PAD);
}

void
keccak_update(Keccak *k, const void *in, size_t len)
{
	const uint8_t *p = in;

	while (len > 0) {
		// Whole lanes at a time when aligned to a lane in the block.
		if (k->pos % 8 == 0 && len >= 8 && k->pos + 8 <= k->rate) {
			uint64_t v = 0;
			int i;

			for (i = 7; i >= 0; i--)
				v = (v << 8) | p[i];
			k->s[k->pos / 8] ^= v;
			k->pos += 8;
			p += 8;
			len -= 8;
		} else {
			xorbyte(k, k->pos++, *p++);
			len--;
		}
		if (k->pos == k->rate) {
			keccakf1600(k->s);
			k->pos = 0;
		}
	}
}

void
keccak_final(Keccak *k, uint8_t *out, size_t outlen)
{
	size_t i, j = 0;

	xorbyte(k, k->pos, k->domain);
	xorbyte(k, k->rate - 1, 0x80);
	keccakf1600(k->s);
	for (i = 0; i < outlen; i++) {
		if (j == k->rate) {
			keccakf1600(k->s);
			j = 0;
		}
		out[i] = (uint8_t)(k->s[j / 8] >> (8 * (j % 8)));
		j++;
	}
	// Wipe through a volatile pointer so the stores are not dropped.
	{
		volatile uint8_t *v = (volatile uint8_t *)k;
		for (i = 0; i < sizeof *k; i++)
			v[i] = 0;
	}
}

void
keccak256(const void *in, size_t len, uint8_t out[32])
{
	Keccak k;

	keccak256_init(&k);
	keccak_update(&k, in, len);
	keccak_final(&k, out, 32);
}

void
sha3_256(const void *in, size_t len, uint8_t out[32])
{
	Keccak k;

	sha3_256_init(&k);
	keccak_update(&k, in, len);
	keccak_final(&k, out, 32);
}

void
sha3_512(const void *in, size_t len, uint8_t out[64])
{
	Keccak k;

	sha3_512_init(&k);
	keccak_update(&k, in, len);
	keccak_final(&k, out, 64);
}
