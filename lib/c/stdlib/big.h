// lib/c/stdlib/big.h: fixed-size unsigned big integers, just enough for
// exact binary <-> decimal conversion (printf's %f %e %g in stdio/format.c,
// strtod in stdlib/strtod.c). Portable C, host-tested through both users.
//
// Little-endian 32-bit words. The size covers the largest number either
// user builds (about 5000 bits: a 800-digit decimal times 2^1075, or a
// 54-bit significand times 5^1130 times 2^2100); an operation that would
// exceed it sets `over`, which the users treat as an internal error.
#ifndef LIBC_STDLIB_BIG_H
#define LIBC_STDLIB_BIG_H

#include <stdint.h>

#define BIG_WORDS 256

// The external names are in the implementation's reserved space, so a
// program may have big_* functions of its own (lib/fhe does).
#define big_set __libc_big_set
#define big_mul_small __libc_big_mul_small
#define big_add_small __libc_big_add_small
#define big_mul_pow5 __libc_big_mul_pow5
#define big_shl __libc_big_shl
#define big_div_small __libc_big_div_small
#define big_cmp __libc_big_cmp
#define big_to_decimal __libc_big_to_decimal

struct big {
	int n; // words in use; w[n-1] != 0 unless n == 0
	int over;
	uint32_t w[BIG_WORDS];
};

void big_set(struct big *b, uint64_t v);
void big_mul_small(struct big *b, uint32_t m);
void big_add_small(struct big *b, uint32_t a);
void big_mul_pow5(struct big *b, int k);
void big_shl(struct big *b, int k);
// b /= d (d != 0); returns the remainder.
uint32_t big_div_small(struct big *b, uint32_t d);
int big_cmp(const struct big *a, const struct big *b);
// Write the decimal digits of b (no leading zeros; "" for zero) to out,
// which must hold 10 * BIG_WORDS bytes; b is destroyed. Returns the length.
int big_to_decimal(struct big *b, char *out);

#endif
