// lib/c/stdlib/big.c: the fixed-size big integers of big.h.
#include "big.h"

static void
trim(struct big *b)
{
	while (b->n > 0 && b->w[b->n - 1] == 0)
		b->n--;
}

void
big_set(struct big *b, uint64_t v)
{
	b->over = 0;
	b->w[0] = (uint32_t)v;
	b->w[1] = (uint32_t)(v >> 32);
	b->n = 2;
	trim(b);
}

// Append a carry word, or note the overflow.
static void
push(struct big *b, uint32_t carry)
{
	if (carry == 0)
		return;
	if (b->n == BIG_WORDS) {
		b->over = 1;
		return;
	}
	b->w[b->n++] = carry;
}

void
big_mul_small(struct big *b, uint32_t m)
{
	uint64_t carry = 0;

	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->w[i] * m + carry;
		b->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	push(b, (uint32_t)carry);
	trim(b);
}

void
big_add_small(struct big *b, uint32_t a)
{
	uint64_t carry = a;

	for (int i = 0; i < b->n && carry; i++) {
		uint64_t t = (uint64_t)b->w[i] + carry;
		b->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	push(b, (uint32_t)carry);
}

void
big_mul_pow5(struct big *b, int k)
{
	// 5^13 is the largest power of five below 2^32.
	for (; k >= 13; k -= 13)
		big_mul_small(b, 1220703125u);
	if (k > 0) {
		uint32_t m = 1;
		while (k-- > 0)
			m *= 5;
		big_mul_small(b, m);
	}
}

void
big_shl(struct big *b, int k)
{
	int words = k / 32, bits = k % 32;

	if (b->n == 0 || k == 0)
		return;
	if (b->n + words + 1 > BIG_WORDS) {
		b->over = 1;
		return;
	}
	b->w[b->n] = 0;
	for (int i = b->n; i >= 0; i--) {
		uint32_t hi = b->w[i] << bits;
		uint32_t lo = (bits && i > 0) ? b->w[i - 1] >> (32 - bits) : 0;
		b->w[i + words] = hi | lo;
	}
	for (int i = 0; i < words; i++)
		b->w[i] = 0;
	b->n += words + 1;
	trim(b);
}

uint32_t
big_div_small(struct big *b, uint32_t d)
{
	uint64_t rem = 0;

	for (int i = b->n - 1; i >= 0; i--) {
		uint64_t t = (rem << 32) | b->w[i];
		b->w[i] = (uint32_t)(t / d);
		rem = t % d;
	}
	trim(b);
	return (uint32_t)rem;
}

int
big_cmp(const struct big *a, const struct big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

int
big_to_decimal(struct big *b, char *out)
{
	char tmp[10 * BIG_WORDS];
	int n = 0, len = 0;

	// Nine digits at a time, least significant group first.
	while (b->n > 0) {
		uint32_t r = big_div_small(b, 1000000000u);
		for (int i = 0; i < 9; i++) {
			tmp[n++] = (char)('0' + r % 10);
			r /= 10;
		}
	}
	while (n > 0 && tmp[n - 1] == '0')
		n--;
	while (n > 0)
		out[len++] = tmp[--n];
	out[len] = '\0';
	return len;
}
