// tests/guest/lib_crypto_test.c: lib/crypto inside Gremlin on known answers
// that need no files (lib/crypto's host tests read $VECTORS or run
// sha256sum): SHA-256 on the FIPS 180-4 examples, HMAC-SHA256 on RFC 4231
// case 2, Keccak-f[1600] twice on the zero state (the Keccak team's
// KeccakF-1600-IntermediateValues.txt), Keccak-256 (Ethereum's) and SHA3-256/512 on short messages
// and on one that spans two blocks, fed whole and in uneven pieces.
#include "crypto/hmac.h"
#include "crypto/keccak.h"
#include "crypto/sha256.h"
#include "guest.h"

static int
same(const uint8_t *d, size_t n, const char *want)
{
	char got[129];

	for (size_t i = 0; i < n; i++)
		snprintf(got + 2 * i, 3, "%02x", d[i]);
	if (strcmp(got, want) != 0)
		tap_diag("got %s want %s", got, want);
	return strcmp(got, want) == 0;
}

static void
test_sha256(void)
{
	static const struct {
		const char *msg, *md;
	} ex[] = {
	        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	};
	uint8_t d[32];
	char a[1000];
	Sha256 c;

	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		sha256(ex[i].msg, strlen(ex[i].msg), d);
		tap_ok(same(d, 32, ex[i].md), "SHA-256 FIPS 180-4 example of %zu bytes",
		       strlen(ex[i].msg));
	}
	memset(a, 'a', sizeof a);
	sha256_init(&c);
	for (int j = 0; j < 1000; j++)
		sha256_update(&c, a, sizeof a);
	sha256_final(&c, d);
	tap_ok(same(d, 32, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
	       "SHA-256 FIPS 180-4 example: one million 'a' in 1000-byte pieces");
}

static void
test_hmac(void)
{
	static const char msg[] = "what do ya want for nothing?";
	uint8_t d[32];

	hmac_sha256("Jefe", 4, msg, strlen(msg), d);
	tap_ok(same(d, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
	       "HMAC-SHA256 RFC 4231 test case 2");
}

static void
test_permutation(void)
{
	static const uint64_t want[2][25] = {
	        {0xF1258F7940E1DDE7, 0x84D5CCF933C0478A, 0xD598261EA65AA9EE, 0xBD1547306F80494D,
	         0x8B284E056253D057, 0xFF97A42D7F8E6FD4, 0x90FEE5A0A44647C4, 0x8C5BDA0CD6192E76,
	         0xAD30A6F71B19059C, 0x30935AB7D08FFC64, 0xEB5AA93F2317D635, 0xA9A6E6260D712103,
	         0x81A57C16DBCF555F, 0x43B831CD0347C826, 0x01F22F1A11A5569F, 0x05E5635A21D9AE61,
	         0x64BEFEF28CC970F2, 0x613670957BC46611, 0xB87C5A554FD00ECB, 0x8C3EE88A1CCF32C8,
	         0x940C7922AE3A2614, 0x1841F924A2C509E4, 0x16F53526E70465C2, 0x75F644E97F30A13B,
	         0xEAF1FF7B5CECA249},
	        {0x2D5C954DF96ECB3C, 0x6A332CD07057B56D, 0x093D8D1270D76B6C, 0x8A20D9B25569D094,
	         0x4F9C4F99E5E7F156, 0xF957B9A2DA65FB38, 0x85773DAE1275AF0D, 0xFAF4F247C3D810F7,
	         0x1F1B9EE6F79A8759, 0xE4FECC0FEE98B425, 0x68CE61B6B9CE68A1, 0xDEEA66C4BA8F974F,
	         0x33C43D836EAFB1F5, 0xE00654042719DBD9, 0x7CF8A9F009831265, 0xFD5449A6BF174743,
	         0x97DDAD33D8994B40, 0x48EAD5FC5D0BE774, 0xE3B8C8EE55B7B03C, 0x91A0226E649E42E9,
	         0x900E3129E7BADD7B, 0x202A9EC5FAA3CCE8, 0x5B3402464E1C3DB6, 0x609F4E62A44C1059,
	         0x20D06CD26A8FBF5C},
	};
	uint64_t st[25] = {0};

	for (int r = 0; r < 2; r++) {
		keccakf1600(st);
		tap_ok(memcmp(st, want[r], sizeof st) == 0,
		       "Keccak-f[1600] of the zero state, application %d", r + 1);
	}
}

static void
test_keccak(void)
{
	static const char *long_k256 =
	        "96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d";
	uint8_t d[64], a[200];
	Keccak k;

	keccak256("", 0, d);
	tap_ok(same(d, 32, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
	       "Keccak-256 of the empty string");
	keccak256("abc", 3, d);
	tap_ok(same(d, 32, "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
	       "Keccak-256 of \"abc\"");
	memset(a, 'a', sizeof a);
	keccak256(a, sizeof a, d);
	tap_ok(same(d, 32, long_k256), "Keccak-256 of 200 'a' (two blocks)");
	keccak256_init(&k);
	keccak_update(&k, a, 1);
	keccak_update(&k, a + 1, 134);
	keccak_update(&k, a + 135, 65);
	keccak_final(&k, d, 32);
	tap_ok(same(d, 32, long_k256), "Keccak-256 of 200 'a' fed as 1 + 134 + 65 bytes");
	sha3_256("", 0, d);
	tap_ok(same(d, 32, "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"),
	       "SHA3-256 of the empty string");
	sha3_256(a, sizeof a, d);
	tap_ok(same(d, 32, "cce34485baf2bf2aca99b94833892a4f52896d3d153f7b840cc4f9fe695f1387"),
	       "SHA3-256 of 200 'a'");
	sha3_512("abc", 3, d);
	tap_ok(same(d, 64,
	            "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
	            "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"),
	       "SHA3-512 of \"abc\"");
}

int
main(void)
{
	test_sha256();
	test_hmac();
	test_permutation();
	test_keccak();
	guest_done();
}
