// sys/devfs/chacha_test.c: ChaCha20 against the test vectors of RFC 8439:
// the block function of section 2.3.2, the keystream blocks of appendix
// A.1 (#1 and #2) and the encryption of section 2.4.2 (keystream XOR).
#include <stdio.h>
#include <string.h>

#include "chacha.h"
#include "tap/tap.h"

static void
unhex(const char *h, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		sscanf(h + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
}

static int
blockis(const uint8_t key[32], uint32_t counter, const char *noncehex, const char *want)
{
	uint8_t nonce[12], out[64], exp[64];

	unhex(noncehex, nonce, 12);
	unhex(want, exp, 64);
	chacha20_block(key, counter, nonce, out);
	return memcmp(out, exp, 64) == 0;
}

static void
test_blocks(void)
{
	uint8_t key[32], zero[32] = {0};

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	tap_ok(blockis(key, 1, "000000090000004a00000000",
	               "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
	               "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"),
	       "RFC 8439 2.3.2: block function test vector");
	tap_ok(blockis(zero, 0, "000000000000000000000000",
	               "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
	               "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"),
	       "RFC 8439 A.1 #1: zero key, zero nonce, counter 0");
	tap_ok(blockis(zero, 1, "000000000000000000000000",
	               "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
	               "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f"),
	       "RFC 8439 A.1 #2: zero key, zero nonce, counter 1");
}

static void
test_encrypt(void)
{
	static const char pt[] = "Ladies and Gentlemen of the class of '99: If I could offer you "
	                         "only one tip for the future, sunscreen would be it.";
	static const char cthex[] =
	        "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f"
	        "593dabcd62b3571639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc"
	        "514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8eedf2785e42874d";
	uint8_t key[32], nonce[12], ks[114], ct[114], want[114];
	size_t n = sizeof pt - 1;

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	unhex("000000000000004a00000000", nonce, 12);
	unhex(cthex, want, n);
	tap_ok(n == 114, "the plaintext is 114 bytes");
	chacha20_stream(key, 1, nonce, ks, n);
	for (size_t i = 0; i < n; i++)
		ct[i] = (uint8_t)pt[i] ^ ks[i];
	tap_ok(memcmp(ct, want, n) == 0,
	       "RFC 8439 2.4.2: sunscreen encryption (partial last block)");
}

// The stream is the blocks one after another, whatever the length.
static void
test_stream(void)
{
	uint8_t key[32], nonce[12] = {1, 2, 3}, s[200], b[64];
	int ok = 1;

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)(7 * i);
	chacha20_stream(key, 5, nonce, s, sizeof s);
	for (int j = 0; j < 4; j++) {
		chacha20_block(key, (uint32_t)(5 + j), nonce, b);
		if (memcmp(s + 64 * j, b, j == 3 ? 8 : 64) != 0)
			ok = 0;
	}
	tap_ok(ok, "chacha20_stream is consecutive blocks, the last one cut");
}

int
main(void)
{
	test_blocks();
	test_encrypt();
	test_stream();
	return tap_done();
}
