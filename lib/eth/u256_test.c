// lib/eth/u256_test.c: 256-bit integers: text forms, limits, and arithmetic
// checked by identities on many pseudo-random values.
#include <string.h>

#include "eth/hex.h"
#include "eth/u256.h"
#include "tap/tap.h"

static const char *MAXDEC =
        "115792089237316195423570985008687907853269984665640564039457584007913129639935";

static uint64_t rs = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

// Random values with random sizes, so small and full-width ones both occur.
static void
rndu(U256 *x)
{
	int bits = (int)(rnd() % 257), i;

	for (i = 0; i < 4; i++)
		x->w[i] = rnd();
	for (i = 255; i >= bits; i--)
		x->w[i / 64] &= ~(1ULL << (i % 64));
}

static void
text(void)
{
	char dec[U256_DEC_MAX], hex[U256_HEX_MAX];
	U256 x, y;
	uint8_t be[32];
	size_t n;

	tap_ok(u256_parse(&x, MAXDEC) == 0 && strcmp(u256_to_dec(&x, dec), MAXDEC) == 0,
	       "2^256-1 decimal round trip");
	tap_ok(strcmp(u256_to_hex(&x, hex),
	              "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff") == 0,
	       "2^256-1 in hex");
	tap_ok(u256_parse(&x, "11579208923731619542357098500868790785326998466564056403945758400791"
	                      "3129639936") == -1,
	       "2^256 decimal rejected (overflow)");
	tap_ok(u256_parse(&x,
	                  "0x10000000000000000000000000000000000000000000000000000000000000000") ==
	               -1,
	       "2^256 hex rejected");
	tap_ok(u256_parse(&x, "0x") == -1 && u256_parse(&x, "") == -1 &&
	               u256_parse(&x, "12a") == -1 && u256_parse(&x, "-1") == -1 &&
	               u256_parse(&x, " 1") == -1 && u256_parse(&x, "0xg") == -1,
	       "empty, garbage and signs rejected");
	tap_ok(u256_parse(&x, "0") == 0 && u256_is_zero(&x) &&
	               strcmp(u256_to_hex(&x, hex), "0x0") == 0 &&
	               strcmp(u256_to_dec(&x, dec), "0") == 0,
	       "zero prints as 0 and 0x0");
	tap_ok(u256_parse(
	               &x,
	               "0x00000000000000000000000000000000000000000000000000000000000000000001") ==
	                       0 &&
	               x.w[0] == 1,
	       "leading zeros in hex are fine");
	tap_ok(u256_parse(&x, "0xDeadBeef") == 0 && x.w[0] == 0xdeadbeef &&
	               u256_parse(&y, "3735928559") == 0 && u256_cmp(&x, &y) == 0,
	       "hex and decimal agree");
	u256_from_u64(&x, 0x1234);
	n = u256_min_be(&x, be);
	tap_ok(n == 2 && be[0] == 0x12 && be[1] == 0x34, "minimal big-endian 0x1234");
	u256_from_u64(&x, 0);
	tap_ok(u256_min_be(&x, be) == 0, "minimal big-endian of zero is empty");
	tap_ok(u256_from_be(&x, be, 33) == -1, "33 bytes do not fit");
}

static void
arith(void)
{
	int i, bad_div = 0, bad_add = 0, bad_mul = 0, bad_text = 0, bad_be = 0;
	U256 a, b, q, m, t, one, max;

	u256_from_u64(&one, 1);
	u256_parse(&max, MAXDEC);
	tap_ok(u256_add(&t, &max, &one) == 1 && u256_is_zero(&t), "2^256-1 + 1 carries to 0");
	u256_from_u64(&a, 0);
	tap_ok(u256_sub(&t, &a, &one) == 1 && u256_cmp(&t, &max) == 0, "0 - 1 borrows to 2^256-1");
	u256_from_u64(&a, 2);
	tap_ok(u256_mul(&t, &max, &a) == 1, "(2^256-1) * 2 overflows");
	tap_ok(u256_mul(&t, &max, &one) == 0 && u256_cmp(&t, &max) == 0, "(2^256-1) * 1 does not");
	tap_ok(u256_divmod(&q, &m, &max, &a) == 0 && m.w[0] == 1 && q.w[3] == 0x7fffffffffffffffULL,
	       "(2^256-1) / 2");
	tap_ok(u256_divmod(&q, &m, &max, &(U256){{0}}) == -1, "division by zero refused");
	for (i = 0; i < 3000; i++) {
		char dec[U256_DEC_MAX], hex[U256_HEX_MAX];
		uint8_t be[32];
		U256 back;

		rndu(&a);
		rndu(&b);
		// Division: a = q*b + m with m < b.
		if (!u256_is_zero(&b)) {
			u256_divmod(&q, &m, &a, &b);
			if (u256_mul(&t, &q, &b) || u256_add(&t, &t, &m) || u256_cmp(&t, &a) != 0 ||
			    u256_cmp(&m, &b) >= 0)
				bad_div++;
		}
		// Addition and subtraction undo each other, carries included.
		{
			int c = u256_add(&t, &a, &b);
			int br = u256_sub(&t, &t, &b);

			if (u256_cmp(&t, &a) != 0 || c != br)
				bad_add++;
		}
		// A product that does not overflow divides back.
		if (!u256_mul(&t, &a, &b) && !u256_is_zero(&b)) {
			u256_divmod(&q, &m, &t, &b);
			if (u256_cmp(&q, &a) != 0 || !u256_is_zero(&m))
				bad_mul++;
		}
		if (u256_parse(&back, u256_to_dec(&a, dec)) != 0 || u256_cmp(&back, &a) != 0 ||
		    u256_parse(&back, u256_to_hex(&a, hex)) != 0 || u256_cmp(&back, &a) != 0)
			bad_text++;
		u256_to_be(&a, be);
		if (u256_from_be(&back, be, 32) != 0 || u256_cmp(&back, &a) != 0 ||
		    (size_t)(u256_bits(&a) + 7) / 8 != u256_min_be(&a, be))
			bad_be++;
	}
	tap_ok(bad_div == 0, "3000 random divisions: a == q*b + m, m < b (%d bad)", bad_div);
	tap_ok(bad_add == 0, "3000 random add/sub round trips (%d bad)", bad_add);
	tap_ok(bad_mul == 0, "random products divide back (%d bad)", bad_mul);
	tap_ok(bad_text == 0, "3000 decimal and hex round trips (%d bad)", bad_text);
	tap_ok(bad_be == 0, "3000 big-endian round trips and minimal lengths (%d bad)", bad_be);
}

static void
hex(void)
{
	uint8_t b[4];
	size_t n;
	char s[9];

	tap_ok(hex_decode("0xDEadbe", b, 4, &n) == 0 && n == 3 && b[0] == 0xde && b[2] == 0xbe,
	       "hex_decode with prefix, mixed case");
	tap_ok(hex_decode("abc", b, 4, &n) == -1, "odd digit count rejected");
	tap_ok(hex_decode("0x0102030405", b, 4, &n) == -1, "too long for the buffer rejected");
	tap_ok(hex_decode("zz", b, 4, &n) == -1, "non-hex rejected");
	tap_ok(hex_decode("0x", b, 4, &n) == 0 && n == 0, "0x is empty");
	hex_encode((const uint8_t *)"\x01\xab", 2, s);
	tap_ok(strcmp(s, "01ab") == 0, "hex_encode");
}

int
main(void)
{
	text();
	arith();
	hex();
	return tap_done();
}
