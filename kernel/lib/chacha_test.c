// kernel/lib/chacha_test.c: host tests of the ChaCha20 block function
// (lib/chacha.c) against the test vectors of RFC 8439 (section 2.1.1, the
// quarter round; section 2.3.2, the block function; appendix A.1, vectors
// 1, 3 and 4).
#include <stdio.h>
#include <string.h>

#include "lib/chacha.h"
#include "tap/tap.h"

static void
unhex(uint8_t *out, const char *hex)
{
	for (size_t i = 0; hex[2 * i]; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
}

static void
check(const char *name, const uint8_t *key, uint32_t counter, const uint8_t *nonce,
      const char *want_hex)
{
	uint8_t got[64], want[64];

	unhex(want, want_hex);
	chacha20_block(got, key, counter, nonce);
	tap_ok(memcmp(got, want, 64) == 0, "%s", name);
}

int
main(void)
{
	uint32_t a = 0x11111111, b = 0x01020304, c = 0x9b8d6f43, d = 0x01234567;
	uint8_t key[32], nonce[12];

	chacha_quarter(&a, &b, &c, &d);
	tap_ok(a == 0xea2a92f4 && b == 0xcb1cf8ce && c == 0x4581472e && d == 0x5881c4bb,
	       "quarter round (RFC 8439 2.1.1)");

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	unhex(nonce, "000000090000004a00000000");
	check("block function (RFC 8439 2.3.2)", key, 1, nonce,
	      "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
	      "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");

	memset(key, 0, sizeof key);
	memset(nonce, 0, sizeof nonce);
	check("A.1 vector 1: zero key, counter 0", key, 0, nonce,
	      "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
	      "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
	key[31] = 1;
	check("A.1 vector 3: key ...01, counter 1", key, 1, nonce,
	      "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
	      "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0");
	memset(key, 0, sizeof key);
	key[1] = 0xff;
	check("A.1 vector 4: key 00ff..., counter 2", key, 2, nonce,
	      "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
	      "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096");
	return tap_done();
}
