// lib/eth/u256.h: 256-bit unsigned integers for values, gas, fees and ABI words.
//
// Status: everything declared here is implemented and tested (u256_test.c).
//
// Four 64-bit limbs, least significant first. Arithmetic is modulo 2^256 and
// reports overflow, carry or borrow in its return value, so callers decide
// whether wrapping is an error (it nearly always is for Ethereum fields).
#ifndef ETH_U256_H
#define ETH_U256_H

#include <stddef.h>
#include <stdint.h>

typedef struct U256 {
	uint64_t w[4]; // w[0] is the least significant limb
} U256;

enum {
	U256_DEC_MAX = 79, // 78 decimal digits of 2^256-1, plus NUL
	U256_HEX_MAX = 67, // "0x" + 64 digits + NUL
};

void u256_from_u64(U256 *x, uint64_t v);
int u256_is_zero(const U256 *x);
// 1 when x fits in 64 bits (then *v is set if v is not NULL).
int u256_to_u64(const U256 *x, uint64_t *v);
int u256_cmp(const U256 *a, const U256 *b); // -1, 0 or 1
// Number of significant bits (0 for zero).
int u256_bits(const U256 *x);

// Big-endian bytes. from_be takes up to 32 bytes (leading zeros allowed) and
// returns -1 when n > 32. to_be writes exactly 32 bytes. min_be writes the
// shortest big-endian form (no leading zero bytes; zero is empty) and
// returns its length.
int u256_from_be(U256 *x, const uint8_t *b, size_t n);
void u256_to_be(const U256 *x, uint8_t out[32]);
size_t u256_min_be(const U256 *x, uint8_t out[32]);

// Text. u256_parse accepts decimal ("12345") or hex with a 0x/0X prefix
// ("0x3039"); no sign, no spaces, no empty digits. Returns 0, or -1 on any
// bad character or a value above 2^256-1.
int u256_parse(U256 *x, const char *s);
// Decimal, and minimal lower-case hex with 0x ("0x0" for zero). Both return buf.
char *u256_to_dec(const U256 *x, char buf[U256_DEC_MAX]);
char *u256_to_hex(const U256 *x, char buf[U256_HEX_MAX]);

// r = a op b. add returns the carry out, sub the borrow, mul 1 on overflow
// (the product above 2^256-1). r may alias a or b.
int u256_add(U256 *r, const U256 *a, const U256 *b);
int u256_sub(U256 *r, const U256 *a, const U256 *b);
int u256_mul(U256 *r, const U256 *a, const U256 *b);
// q = a / b, m = a % b (either may be NULL). Returns -1 when b is zero.
int u256_divmod(U256 *q, U256 *m, const U256 *a, const U256 *b);

#endif
