// lib/eth/u256.c: 256-bit unsigned arithmetic and text forms (see u256.h).
#include <string.h>

#include "eth/u256.h"

void
u256_from_u64(U256 *x, uint64_t v)
{
	memset(x, 0, sizeof *x);
	x->w[0] = v;
}

int
u256_is_zero(const U256 *x)
{
	return (x->w[0] | x->w[1] | x->w[2] | x->w[3]) == 0;
}

int
u256_to_u64(const U256 *x, uint64_t *v)
{
	if ((x->w[1] | x->w[2] | x->w[3]) != 0)
		return 0;
	if (v != NULL)
		*v = x->w[0];
	return 1;
}

int
u256_cmp(const U256 *a, const U256 *b)
{
	int i;

	for (i = 3; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

int
u256_bits(const U256 *x)
{
	int i, b;

	for (i = 3; i >= 0; i--) {
		if (x->w[i] == 0)
			continue;
		for (b = 63; !(x->w[i] >> b & 1); b--)
			;
		return 64 * i + b + 1;
	}
	return 0;
}

int
u256_from_be(U256 *x, const uint8_t *b, size_t n)
{
	size_t i;

	if (n > 32)
		return -1;
	memset(x, 0, sizeof *x);
	for (i = 0; i < n; i++) {
		size_t pos = n - 1 - i; // byte significance

		x->w[pos / 8] |= (uint64_t)b[i] << (8 * (pos % 8));
	}
	return 0;
}

void
u256_to_be(const U256 *x, uint8_t out[32])
{
	int i;

	for (i = 0; i < 32; i++)
		out[31 - i] = (uint8_t)(x->w[i / 8] >> (8 * (i % 8)));
}

size_t
u256_min_be(const U256 *x, uint8_t out[32])
{
	uint8_t full[32];
	size_t skip = 0;

	u256_to_be(x, full);
	while (skip < 32 && full[skip] == 0)
		skip++;
	memcpy(out, full + skip, 32 - skip);
	return 32 - skip;
}

// x = x * m + a over 256 bits; returns 1 when the result does not fit.
static int
muladd_small(U256 *x, uint32_t m, uint32_t a)
{
	unsigned __int128 carry = a;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned __int128 t = (unsigned __int128)x->w[i] * m + carry;

		x->w[i] = (uint64_t)t;
		carry = t >> 64;
	}
	return carry != 0;
}

int
u256_parse(U256 *x, const char *s)
{
	uint32_t base = 10;
	int any = 0;

	memset(x, 0, sizeof *x);
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s != 0; s++, any = 1) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		if (muladd_small(x, base, (uint32_t)d))
			return -1;
	}
	return any ? 0 : -1;
}

// x = x / d, returning the remainder.
static uint32_t
divsmall(U256 *x, uint32_t d)
{
	unsigned __int128 rem = 0;
	int i;

	for (i = 3; i >= 0; i--) {
		unsigned __int128 cur = rem << 64 | x->w[i];

		x->w[i] = (uint64_t)(cur / d);
		rem = cur % d;
	}
	return (uint32_t)rem;
}

char *
u256_to_dec(const U256 *x, char buf[U256_DEC_MAX])
{
	char tmp[U256_DEC_MAX];
	U256 v = *x;
	int n = 0, i;

	do
		tmp[n++] = (char)('0' + divsmall(&v, 10));
	while (!u256_is_zero(&v));
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = 0;
	return buf;
}

char *
u256_to_hex(const U256 *x, char buf[U256_HEX_MAX])
{
	static const char digits[] = "0123456789abcdef";
	int i, n = 2, started = 0;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 63; i >= 0; i--) {
		int d = (int)(x->w[i / 16] >> (4 * (i % 16)) & 15);

		if (d != 0 || started || i == 0) {
			buf[n++] = digits[d];
			started = 1;
		}
	}
	buf[n] = 0;
	return buf;
}

int
u256_add(U256 *r, const U256 *a, const U256 *b)
{
	uint64_t carry = 0;
	int i;

	for (i = 0; i < 4; i++) {
		uint64_t s = a->w[i] + carry;
		uint64_t c1 = s < carry;

		r->w[i] = s + b->w[i];
		carry = c1 + (r->w[i] < s);
	}
	return (int)carry;
}

int
u256_sub(U256 *r, const U256 *a, const U256 *b)
{
	uint64_t borrow = 0;
	int i;

	for (i = 0; i < 4; i++) {
		uint64_t ai = a->w[i], bi = b->w[i];
		uint64_t d = ai - bi - borrow;

		borrow = (ai < bi) || (ai == bi && borrow);
		r->w[i] = d;
	}
	return (int)borrow;
}

int
u256_mul(U256 *r, const U256 *a, const U256 *b)
{
	uint64_t t[8] = {0};
	int i, j, over = 0;

	// Schoolbook product into 512 bits, then check the top half.
	for (i = 0; i < 4; i++) {
		unsigned __int128 carry = 0;

		for (j = 0; j < 4; j++) {
			unsigned __int128 p =
			        (unsigned __int128)a->w[i] * b->w[j] + t[i + j] + carry;

			t[i + j] = (uint64_t)p;
			carry = p >> 64;
		}
		t[i + 4] = (uint64_t)carry;
	}
	for (i = 4; i < 8; i++)
		over |= t[i] != 0;
	memcpy(r->w, t, sizeof r->w);
	return over;
}

// Shift left by one bit, shifting in bit.
static void
shl1(U256 *x, int bit)
{
	int i;

	for (i = 3; i > 0; i--)
		x->w[i] = x->w[i] << 1 | x->w[i - 1] >> 63;
	x->w[0] = x->w[0] << 1 | (uint64_t)bit;
}

int
u256_divmod(U256 *q, U256 *m, const U256 *a, const U256 *b)
{
	U256 quot, rem, num = *a, den = *b;
	int i;

	if (u256_is_zero(&den))
		return -1;
	memset(&quot, 0, sizeof quot);
	memset(&rem, 0, sizeof rem);
	// Restoring binary long division, most significant bit first.
	for (i = u256_bits(&num) - 1; i >= 0; i--) {
		// A bit shifted out of the top means rem exceeds den.
		int top = (int)(rem.w[3] >> 63);

		shl1(&rem, (int)(num.w[i / 64] >> (i % 64) & 1));
		if (top || u256_cmp(&rem, &den) >= 0) {
			u256_sub(&rem, &rem, &den);
			quot.w[i / 64] |= 1ULL << (i % 64);
		}
	}
	if (q != NULL)
		*q = quot;
	if (m != NULL)
		*m = rem;
	return 0;
}
