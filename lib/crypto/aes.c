// lib/crypto/aes.c: AES-128/192/256 encryption and CTR mode; the S-box is computed from its
// definition (inverse in GF(2^8) then the affine map) on first use.
#include "crypto/aes.h"

#include <string.h>

static uint8_t sbox[256];
static int sbox_ready;

// Multiply in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
static uint8_t
gmul(uint8_t a, uint8_t b)
{
	uint8_t p = 0;
	while (b) {
		if (b & 1)
			p ^= a;
		a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
		b >>= 1;
	}
	return p;
}

static uint8_t
rotl8(uint8_t x, int n)
{
	return (uint8_t)((x << n) | (x >> (8 - n)));
}

static void
make_sbox(void)
{
	for (int i = 0; i < 256; i++) {
		// The inverse is x^254 (0 maps to 0).
		uint8_t inv = 1, x = (uint8_t)i;
		for (int e = 254; e; e >>= 1) {
			if (e & 1)
				inv = gmul(inv, x);
			x = gmul(x, x);
		}
		if (i == 0)
			inv = 0;
		sbox[i] =
		        inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
	}
	sbox_ready = 1;
}

static uint32_t
subword(uint32_t w)
{
	return (uint32_t)sbox[w >> 24] << 24 | (uint32_t)sbox[(w >> 16) & 0xff] << 16 |
	       (uint32_t)sbox[(w >> 8) & 0xff] << 8 | sbox[w & 0xff];
}

int
aes_init(Aes *a, const uint8_t *key, size_t keylen)
{
	int nk = (int)keylen / 4;
	uint8_t rcon = 1;

	if (keylen != 16 && keylen != 24 && keylen != 32)
		return -1;
	if (!sbox_ready)
		make_sbox();
	a->rounds = nk + 6;
	for (int i = 0; i < nk; i++)
		a->rk[i] = (uint32_t)key[4 * i] << 24 | (uint32_t)key[4 * i + 1] << 16 |
		           (uint32_t)key[4 * i + 2] << 8 | key[4 * i + 3];
	for (int i = nk; i < 4 * (a->rounds + 1); i++) {
		uint32_t t = a->rk[i - 1];
		if (i % nk == 0) {
			t = subword(t << 8 | t >> 24) ^ (uint32_t)rcon << 24;
			rcon = gmul(rcon, 2);
		} else if (nk > 6 && i % nk == 4)
			t = subword(t);
		a->rk[i] = a->rk[i - nk] ^ t;
	}
	return 0;
}

static void
add_round_key(uint8_t s[16], const uint32_t *k)
{
	for (int c = 0; c < 4; c++) {
		s[4 * c] ^= k[c] >> 24;
		s[4 * c + 1] ^= k[c] >> 16;
		s[4 * c + 2] ^= k[c] >> 8;
		s[4 * c + 3] ^= k[c];
	}
}

// SubBytes and ShiftRows together; the state is column-major (s[4*c + row]).
static void
sub_shift(uint8_t s[16])
{
	uint8_t t[16];
	for (int c = 0; c < 4; c++)
		for (int r = 0; r < 4; r++)
			t[4 * c + r] = sbox[s[4 * ((c + r) & 3) + r]];
	memcpy(s, t, 16);
}

static void
mix_columns(uint8_t s[16])
{
	for (int c = 0; c < 4; c++) {
		uint8_t *p = s + 4 * c, a0 = p[0], a1 = p[1], a2 = p[2], a3 = p[3];
		p[0] = gmul(a0, 2) ^ gmul(a1, 3) ^ a2 ^ a3;
		p[1] = a0 ^ gmul(a1, 2) ^ gmul(a2, 3) ^ a3;
		p[2] = a0 ^ a1 ^ gmul(a2, 2) ^ gmul(a3, 3);
		p[3] = gmul(a0, 3) ^ a1 ^ a2 ^ gmul(a3, 2);
	}
}

void
aes_encrypt_block(const Aes *a, const uint8_t in[16], uint8_t out[16])
{
	uint8_t s[16];

	memcpy(s, in, 16);
	add_round_key(s, a->rk);
	for (int r = 1; r < a->rounds; r++) {
		sub_shift(s);
		mix_columns(s);
		add_round_key(s, a->rk + 4 * r);
	}
	sub_shift(s);
	add_round_key(s, a->rk + 4 * a->rounds);
	memcpy(out, s, 16);
}

void
aes_ctr(const Aes *a, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len)
{
	uint8_t ks[16];

	while (len > 0) {
		size_t n = len < 16 ? len : 16;
		aes_encrypt_block(a, iv, ks);
		for (size_t i = 0; i < n; i++)
			out[i] = in[i] ^ ks[i];
		for (int i = 15; i >= 0; i--)
			if (++iv[i] != 0)
				break;
		in += n;
		out += n;
		len -= n;
	}
	for (volatile uint8_t *v = ks; v < ks + 16; v++)
		*v = 0;
}

void
aes_wipe(Aes *a)
{
	if (!a)
		return;
	volatile uint8_t *v = (volatile uint8_t *)a;
	for (size_t i = 0; i < sizeof *a; i++)
		v[i] = 0;
}
