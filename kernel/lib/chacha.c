// kernel/lib/chacha.c: the ChaCha20 block function (RFC 8439 section 2.3),
// written from the RFC's description: a 4x4 state of 32-bit words (four
// constants, eight key words, the block counter, three nonce words), 20
// rounds as 10 pairs of column and diagonal quarter rounds, then the input
// state added back and serialized little-endian.
#include "lib/chacha.h"

static uint32_t
rotl(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static uint32_t
load32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void
store32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

void
chacha_quarter(uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	*a += *b;
	*d = rotl(*d ^ *a, 16);
	*c += *d;
	*b = rotl(*b ^ *c, 12);
	*a += *b;
	*d = rotl(*d ^ *a, 8);
	*c += *d;
	*b = rotl(*b ^ *c, 7);
}

void
chacha20_block(uint8_t out[CHACHA_BLOCKLEN], const uint8_t key[CHACHA_KEYLEN], uint32_t counter,
               const uint8_t nonce[CHACHA_NONCELEN])
{
	uint32_t in[16], x[16];

	// The constants are "expand 32-byte k" read as four little-endian words.
	in[0] = 0x61707865;
	in[1] = 0x3320646e;
	in[2] = 0x79622d32;
	in[3] = 0x6b206574;
	for (int i = 0; i < 8; i++)
		in[4 + i] = load32(key + 4 * i);
	in[12] = counter;
	for (int i = 0; i < 3; i++)
		in[13 + i] = load32(nonce + 4 * i);
	for (int i = 0; i < 16; i++)
		x[i] = in[i];
	for (int r = 0; r < 10; r++) {
		chacha_quarter(&x[0], &x[4], &x[8], &x[12]);
		chacha_quarter(&x[1], &x[5], &x[9], &x[13]);
		chacha_quarter(&x[2], &x[6], &x[10], &x[14]);
		chacha_quarter(&x[3], &x[7], &x[11], &x[15]);
		chacha_quarter(&x[0], &x[5], &x[10], &x[15]);
		chacha_quarter(&x[1], &x[6], &x[11], &x[12]);
		chacha_quarter(&x[2], &x[7], &x[8], &x[13]);
		chacha_quarter(&x[3], &x[4], &x[9], &x[14]);
	}
	for (int i = 0; i < 16; i++)
		store32(out + 4 * i, x[i] + in[i]);
	// The working state holds keystream-derived words: erase it.
	for (int i = 0; i < 16; i++)
		((volatile uint32_t *)x)[i] = 0;
}
