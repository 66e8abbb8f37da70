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

// The fast permutation. The same 24 rounds as the steps above, computed
// differently (checked against them by keccak_test):
//  - the 25 lanes live in local variables a<x><y> and e<x><y>; one round reads
//    the a lanes and writes the e lanes, the next goes back, so nothing is
//    copied;
//  - each round is one pass: theta's column parities and the five d values,
//    then per output row the five rho-rotated, pi-moved inputs b0..b4 and chi
//    and iota on them;
//  - lane complementing: six lanes (x, y) = (1,0) (2,0) (3,1) (2,2) (2,3) (0,4)
//    are kept inverted while the rounds run. Theta is linear, so the
//    inversions pass through it predictably, and chi can then be written
//    with AND and OR on the stored values so that its outputs come out with
//    the same six lanes inverted, using one NOT per row instead of five.
//    The forms per row were found by checking every choice of AND/OR and
//    operand inversion against chi's truth table.
#define ROL(v, n) (((v) << (n)) | ((v) >> (64 - (n))))

#define KECCAK_ROUND(A, E, rc)                                                                     \
	do {                                                                                       \
		c0 = A##00 ^ A##01 ^ A##02 ^ A##03 ^ A##04;                                        \
		c1 = A##10 ^ A##11 ^ A##12 ^ A##13 ^ A##14;                                        \
		c2 = A##20 ^ A##21 ^ A##22 ^ A##23 ^ A##24;                                        \
		c3 = A##30 ^ A##31 ^ A##32 ^ A##33 ^ A##34;                                        \
		c4 = A##40 ^ A##41 ^ A##42 ^ A##43 ^ A##44;                                        \
		d0 = c4 ^ ROL(c1, 1);                                                              \
		d1 = c0 ^ ROL(c2, 1);                                                              \
		d2 = c1 ^ ROL(c3, 1);                                                              \
		d3 = c2 ^ ROL(c4, 1);                                                              \
		d4 = c3 ^ ROL(c0, 1);                                                              \
		b0 = A##00 ^ d0;                                                                   \
		b1 = ROL(A##11 ^ d1, 44);                                                          \
		b2 = ROL(A##22 ^ d2, 43);                                                          \
		b3 = ROL(A##33 ^ d3, 21);                                                          \
		b4 = ROL(A##44 ^ d4, 14);                                                          \
		n = ~b2;                                                                           \
		E##00 = b0 ^ (b1 | b2) ^ (rc);                                                     \
		E##10 = b1 ^ (n | b3);                                                             \
		E##20 = b2 ^ (b3 & b4);                                                            \
		E##30 = b3 ^ (b4 | b0);                                                            \
		E##40 = b4 ^ (b0 & b1);                                                            \
		b0 = ROL(A##30 ^ d3, 28);                                                          \
		b1 = ROL(A##41 ^ d4, 20);                                                          \
		b2 = ROL(A##02 ^ d0, 3);                                                           \
		b3 = ROL(A##13 ^ d1, 45);                                                          \
		b4 = ROL(A##24 ^ d2, 61);                                                          \
		n = ~b4;                                                                           \
		E##01 = b0 ^ (b1 | b2);                                                            \
		E##11 = b1 ^ (b2 & b3);                                                            \
		E##21 = b2 ^ (b3 | n);                                                             \
		E##31 = b3 ^ (b4 | b0);                                                            \
		E##41 = b4 ^ (b0 & b1);                                                            \
		b0 = ROL(A##10 ^ d1, 1);                                                           \
		b1 = ROL(A##21 ^ d2, 6);                                                           \
		b2 = ROL(A##32 ^ d3, 25);                                                          \
		b3 = ROL(A##43 ^ d4, 8);                                                           \
		b4 = ROL(A##04 ^ d0, 18);                                                          \
		n = ~b3;                                                                           \
		E##02 = b0 ^ (b1 | b2);                                                            \
		E##12 = b1 ^ (b2 & b3);                                                            \
		E##22 = b2 ^ (n & b4);                                                             \
		E##32 = n ^ (b4 | b0);                                                             \
		E##42 = b4 ^ (b0 & b1);                                                            \
		b0 = ROL(A##40 ^ d4, 27);                                                          \
		b1 = ROL(A##01 ^ d0, 36);                                                          \
		b2 = ROL(A##12 ^ d1, 10);                                                          \
		b3 = ROL(A##23 ^ d2, 15);                                                          \
		b4 = ROL(A##34 ^ d3, 56);                                                          \
		n = ~b3;                                                                           \
		E##03 = b0 ^ (b1 & b2);                                                            \
		E##13 = b1 ^ (b2 | b3);                                                            \
		E##23 = b2 ^ (n | b4);                                                             \
		E##33 = n ^ (b4 & b0);                                                             \
		E##43 = b4 ^ (b0 | b1);                                                            \
		b0 = ROL(A##20 ^ d2, 62);                                                          \
		b1 = ROL(A##31 ^ d3, 55);                                                          \
		b2 = ROL(A##42 ^ d4, 39);                                                          \
		b3 = ROL(A##03 ^ d0, 41);                                                          \
		b4 = ROL(A##14 ^ d1, 2);                                                           \
		n = ~b1;                                                                           \
		E##04 = b0 ^ (n & b2);                                                             \
		E##14 = n ^ (b2 | b3);                                                             \
		E##24 = b2 ^ (b3 & b4);                                                            \
		E##34 = b3 ^ (b4 | b0);                                                            \
		E##44 = b4 ^ (b0 & b1);                                                            \
	} while (0)

void
keccakf1600(uint64_t s[25])
{
	uint64_t a00, a10, a20, a30, a40, a01, a11, a21, a31, a41, a02, a12, a22, a32, a42;
	uint64_t a03, a13, a23, a33, a43, a04, a14, a24, a34, a44;
	uint64_t e00, e10, e20, e30, e40, e01, e11, e21, e31, e41, e02, e12, e22, e32, e42;
	uint64_t e03, e13, e23, e33, e43, e04, e14, e24, e34, e44;
	uint64_t c0, c1, c2, c3, c4, d0, d1, d2, d3, d4, b0, b1, b2, b3, b4, n;
	int r;

	a00 = s[0], a10 = ~s[1], a20 = ~s[2], a30 = s[3], a40 = s[4];
	a01 = s[5], a11 = s[6], a21 = s[7], a31 = ~s[8], a41 = s[9];
	a02 = s[10], a12 = s[11], a22 = ~s[12], a32 = s[13], a42 = s[14];
	a03 = s[15], a13 = s[16], a23 = ~s[17], a33 = s[18], a43 = s[19];
	a04 = ~s[20], a14 = s[21], a24 = s[22], a34 = s[23], a44 = s[24];
	for (r = 0; r < 24; r += 2) {
		KECCAK_ROUND(a, e, RC[r]);
		KECCAK_ROUND(e, a, RC[r + 1]);
	}
	s[0] = a00, s[1] = ~a10, s[2] = ~a20, s[3] = a30, s[4] = a40;
	s[5] = a01, s[6] = a11, s[7] = a21, s[8] = ~a31, s[9] = a41;
	s[10] = a02, s[11] = a12, s[12] = ~a22, s[13] = a32, s[14] = a42;
	s[15] = a03, s[16] = a13, s[17] = ~a23, s[18] = a33, s[19] = a43;
	s[20] = ~a04, s[21] = a14, s[22] = a24, s[23] = a34, s[24] = a44;
}

// Xor byte v into byte position i of the state (lanes are little-endian).
static void
xorbyte(Keccak *k, size_t i, uint8_t v)
{
	k->s[i / 8] ^= (uint64_t)v << (8 * (i % 8));
}

// A little-endian 64-bit load from any address.
static uint64_t
load64le(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

// Absorb whole blocks of rate bytes each (rate a multiple of 8), a lane at a time.
static void
absorb_blocks(uint64_t s[25], const uint8_t *p, size_t nblocks, size_t rate)
{
	size_t lanes = rate / 8, i;

	for (; nblocks > 0; nblocks--) {
		for (i = 0; i < lanes; i++)
			s[i] ^= load64le(p + 8 * i);
		keccakf1600(s);
		p += rate;
	}
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
	size_t n;

	// Fill a partly absorbed block byte by byte.
	while (k->pos != 0 && len > 0) {
		xorbyte(k, k->pos++, *p++);
		len--;
		if (k->pos == k->rate) {
			keccakf1600(k->s);
			k->pos = 0;
		}
	}
	// Whole blocks straight from the input, then the tail byte by byte.
	n = len / k->rate;
	absorb_blocks(k->s, p, n, k->rate);
	p += n * k->rate;
	len -= n * k->rate;
	for (; len >= 8; len -= 8, p += 8, k->pos += 8)
		k->s[k->pos / 8] ^= load64le(p);
	while (len-- > 0)
		xorbyte(k, k->pos++, *p++);
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
