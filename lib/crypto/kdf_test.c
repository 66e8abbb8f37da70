// lib/crypto/kdf_test.c: HMAC-SHA256 (RFC 4231), PBKDF2-HMAC-SHA256 and scrypt (RFC 7914),
// AES (FIPS 197 C.1-C.3) and AES-128-CTR (SP 800-38A F.5.1/F.5.2) known-answer tests.
#include "crypto/aes.h"
#include "crypto/hmac.h"
#include "crypto/pbkdf2.h"
#include "crypto/scrypt.h"
#include "tap/tap.h"

#include <string.h>

static size_t
unhex(const char *s, uint8_t *out)
{
	size_t n = 0;
	for (; s[0] && s[1]; s += 2) {
		if (s[0] == ' ') {
			s--;
			continue;
		}
		unsigned v = 0;
		for (int i = 0; i < 2; i++) {
			char c = s[i];
			v = v * 16 + (c <= '9' ? c - '0' : (c | 32) - 'a' + 10);
		}
		out[n++] = (uint8_t)v;
	}
	return n;
}

static int
eqhex(const uint8_t *got, size_t n, const char *want)
{
	uint8_t w[256];
	return unhex(want, w) == n && memcmp(got, w, n) == 0;
}

static void
test_hmac(void)
{
	uint8_t k[131], d[50], t[32];
	static const char *big = "This is a test using a larger than block-size key and a larger "
	                         "than block-size data. The key needs to be hashed before being "
	                         "used by the HMAC algorithm.";

	memset(k, 0x0b, 20);
	hmac_sha256(k, 20, "Hi There", 8, t);
	tap_ok(eqhex(t, 32, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
	       "RFC 4231 case 1");
	hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, t);
	tap_ok(eqhex(t, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
	       "RFC 4231 case 2");
	memset(k, 0xaa, sizeof k);
	memset(d, 0xdd, sizeof d);
	hmac_sha256(k, 20, d, 50, t);
	tap_ok(eqhex(t, 32, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
	       "RFC 4231 case 3");
	hmac_sha256(k, 131, "Test Using Larger Than Block-Size Key - Hash Key First", 54, t);
	tap_ok(eqhex(t, 32, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
	       "RFC 4231 case 6 (key longer than a block)");
	// Incremental updates give the same tag as one call.
	HmacSha256 h;
	hmac_sha256_init(&h, k, 131);
	for (size_t i = 0; i < strlen(big); i += 7)
		hmac_sha256_update(&h, big + i, strlen(big) - i < 7 ? strlen(big) - i : 7);
	hmac_sha256_final(&h, t);
	tap_ok(eqhex(t, 32, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
	       "RFC 4231 case 7, fed in 7-byte pieces");
}

static void
test_pbkdf2(void)
{
	uint8_t o[64];

	tap_ok(pbkdf2_sha256("passwd", 6, "salt", 4, 1, o, 64) == 0 &&
	               eqhex(o, 64,
	                     "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
	                     "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
	       "RFC 7914 PBKDF2-HMAC-SHA256 passwd/salt c=1");
	tap_ok(pbkdf2_sha256("Password", 8, "NaCl", 4, 80000, o, 64) == 0 &&
	               eqhex(o, 64,
	                     "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
	                     "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
	       "RFC 7914 PBKDF2-HMAC-SHA256 Password/NaCl c=80000");
	tap_ok(pbkdf2_sha256("p", 1, "s", 1, 0, o, 1) == -1, "PBKDF2 refuses 0 iterations");
}

static void
test_scrypt(void)
{
	uint8_t o[64];
	uint32_t b[16];
	uint8_t in[64];

	// RFC 7914 section 8: Salsa20/8 core.
	unhex("7e879a214f3ec9867ca940e641718f26baee555b8c61c1b50df846116dcd3b1d"
	      "ee24f319df9b3d8514121e4b5ac5aa3276021d2909c74829edebc68db8b8c25e",
	      in);
	for (int i = 0; i < 16; i++)
		b[i] = in[4 * i] | (uint32_t)in[4 * i + 1] << 8 | (uint32_t)in[4 * i + 2] << 16 |
		       (uint32_t)in[4 * i + 3] << 24;
	salsa20_8(b);
	for (int i = 0; i < 16; i++)
		for (int k = 0; k < 4; k++)
			in[4 * i + k] = (uint8_t)(b[i] >> (8 * k));
	tap_ok(eqhex(in, 64,
	             "a41f859c6608cc993b81cacb020cef05044b2181a2fd337dfd7b1c6396682f29"
	             "b4393168e3c9e6bcfe6bc5b7a06d96bae424cc102c91745c24ad673dc7618f81"),
	       "RFC 7914 Salsa20/8 core");
	tap_ok(scrypt("", 0, "", 0, 16, 1, 1, o, 64) == 0 &&
	               eqhex(o, 64,
	                     "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
	                     "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"),
	       "RFC 7914 scrypt (\"\", \"\", 16, 1, 1)");
	tap_ok(scrypt("password", 8, "NaCl", 4, 1024, 8, 16, o, 64) == 0 &&
	               eqhex(o, 64,
	                     "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
	                     "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
	       "RFC 7914 scrypt (password, NaCl, 1024, 8, 16)");
	tap_ok(scrypt("p", 1, "s", 1, 1000, 1, 1, o, 32) == -1,
	       "scrypt refuses N not a power of 2");
	tap_ok(scrypt("p", 1, "s", 1, 1ull << 40, 8, 1, o, 32) == -1,
	       "scrypt refuses parameters above SCRYPT_MAX_MEM");
}

static void
test_aes(void)
{
	Aes a;
	uint8_t key[32], pt[64], ct[64], iv[16];

	unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", key);
	unhex("00112233445566778899aabbccddeeff", pt);
	aes_init(&a, key, 16);
	aes_encrypt_block(&a, pt, ct);
	tap_ok(eqhex(ct, 16, "69c4e0d86a7b0430d8cdb78070b4c55a"), "FIPS 197 C.1 AES-128");
	aes_init(&a, key, 24);
	aes_encrypt_block(&a, pt, ct);
	tap_ok(eqhex(ct, 16, "dda97ca4864cdfe06eaf70a0ec0d7191"), "FIPS 197 C.2 AES-192");
	aes_init(&a, key, 32);
	aes_encrypt_block(&a, pt, ct);
	tap_ok(eqhex(ct, 16, "8ea2b7ca516745bfeafc49904b496089"), "FIPS 197 C.3 AES-256");
	tap_ok(aes_init(&a, key, 17) == -1, "AES refuses a 17-byte key");

	static const char *ctr_pt =
	        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
	        "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
	unhex("2b7e151628aed2a6abf7158809cf4f3c", key);
	unhex(ctr_pt, pt);
	unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", iv);
	aes_init(&a, key, 16);
	aes_ctr(&a, iv, pt, ct, 64);
	tap_ok(eqhex(ct, 64,
	             "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
	             "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee"),
	       "SP 800-38A F.5.1 CTR-AES128.Encrypt (counter wraps the low bytes)");
	unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", iv);
	aes_ctr(&a, iv, ct, ct, 16);
	aes_ctr(&a, iv, ct + 16, ct + 16, 48);
	tap_ok(memcmp(ct, pt, 64) == 0, "SP 800-38A F.5.2 decrypt, in two calls (16 + 48 bytes)");
	aes_wipe(&a);
}

int
main(void)
{
	test_hmac();
	test_pbkdf2();
	test_scrypt();
	test_aes();
	return tap_done();
}
