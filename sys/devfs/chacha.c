// sys/devfs/chacha.c: the ChaCha20 block function (RFC 8439 2.1-2.3).
//
// The state is 16 32-bit words: 4 constants ("expand 32-byte k"), 8 words
// of key, the block counter, 3 words of nonce, all read little-endian. A
// block is 10 double rounds (a column round, then a diagonal round) of the
// quarter round, after which the input state is added word by word.
#include <string.h>

#include "chacha.h"

static uint32_t
rotl(uint32_t x, int n)
{
	return x << n | x >> (32 - n);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

// The quarter round of RFC 8439 2.1 on words a, b, c, d of x.
static void
quarter(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = rotl(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rotl(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rotl(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rotl(x[b] ^ x[c], 7);
}

void
chacha20_block(const uint8_t key[CHACHA_KEY], uint32_t counter, const uint8_t nonce[CHACHA_NONCE],
               uint8_t out[CHACHA_BLOCK])
{
	uint32_t in[16], x[16];
	int i;

	in[0] = 0x61707865;
	in[1] = 0x3320646e;
	in[2] = 0x79622d32;
	in[3] = 0x6b206574;
	for (i = 0; i < 8; i++)
		in[4 + i] = le32(key + 4 * i);
	in[12] = counter;
	for (i = 0; i < 3; i++)
		in[13 + i] = le32(nonce + 4 * i);
	memcpy(x, in, sizeof x);
	for (i = 0; i < 10; i++) {
		quarter(x, 0, 4, 8, 12);
		quarter(x, 1, 5, 9, 13);
		quarter(x, 2, 6, 10, 14);
		quarter(x, 3, 7, 11, 15);
		quarter(x, 0, 5, 10, 15);
		quarter(x, 1, 6, 11, 12);
		quarter(x, 2, 7, 8, 13);
		quarter(x, 3, 4, 9, 14);
	}
	for (i = 0; i < 16; i++) {
		uint32_t v = x[i] + in[i];

		out[4 * i] = (uint8_t)v;
		out[4 * i + 1] = (uint8_t)(v >> 8);
		out[4 * i + 2] = (uint8_t)(v >> 16);
		out[4 * i + 3] = (uint8_t)(v >> 24);
	}
	// The key schedule held key words: wipe it (volatile so it stays).
	memset(in, 0, sizeof in);
	memset(x, 0, sizeof x);
	__asm__ volatile("" : : "r"(in), "r"(x) : "memory");
}

void
chacha20_stream(const uint8_t key[CHACHA_KEY], uint32_t counter, const uint8_t nonce[CHACHA_NONCE],
                uint8_t *out, size_t n)
{
	uint8_t blk[CHACHA_BLOCK];

	while (n >= CHACHA_BLOCK) {
		chacha20_block(key, counter++, nonce, out);
		out += CHACHA_BLOCK;
		n -= CHACHA_BLOCK;
	}
	if (n > 0) {
		chacha20_block(key, counter, nonce, blk);
		memcpy(out, blk, n);
		memset(blk, 0, sizeof blk);
		__asm__ volatile("" : : "r"(blk) : "memory");
	}
}
