// tests/guest/secp256k1_test.c: Debian's libsecp256k1.a, built against
// glibc, linked into a Gremlin program (DESIGN section 10): a context, a
// public key from a fixed secret key, an RFC 6979 signature of a fixed
// hash, both compared with what the host's copy of the library computed at
// build time (tests/guest/secp/expect.c), verification, and a tampered
// message and signature that must fail. The library uses lib/c's malloc,
// free, memset, abort, stderr, __fprintf_chk and __stack_chk_fail.
#include <secp256k1.h>

#include "guest.h"
#include "secp/input.h"
#include "secp_expected.h"

static void
hexdump(const char *what, const unsigned char *p, size_t n)
{
	char buf[160];
	size_t k = 0;

	for (size_t i = 0; i < n && k + 3 < sizeof buf; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%02x", p[i]);
	tap_diag("%s %s", what, buf);
}

int
main(void)
{
	secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
	secp256k1_pubkey pub, parsed;
	secp256k1_ecdsa_signature sig;
	unsigned char pubser[33], sigser[64], tampered[32];
	size_t publen = sizeof pubser;
	unsigned char seed[32];

	tap_ok(ctx != NULL, "secp256k1_context_create (malloc inside Gremlin)");
	if (ctx == NULL)
		guest_done();
	for (int i = 0; i < 32; i++)
		seed[i] = (unsigned char)(i * 7 + 1);
	tap_ok(secp256k1_context_randomize(ctx, seed) == 1, "context_randomize (blinding)");
	tap_ok(secp256k1_ec_pubkey_create(ctx, &pub, secp_seckey) == 1, "pubkey_create");
	secp256k1_ec_pubkey_serialize(ctx, pubser, &publen, &pub, SECP256K1_EC_COMPRESSED);
	tap_ok(publen == sizeof expect_pubkey && memcmp(pubser, expect_pubkey, publen) == 0,
	       "compressed public key matches the host's");
	if (memcmp(pubser, expect_pubkey, sizeof expect_pubkey) != 0)
		hexdump("got", pubser, publen);
	tap_ok(secp256k1_ecdsa_sign(ctx, &sig, secp_msghash, secp_seckey, NULL, NULL) == 1,
	       "ecdsa_sign (RFC 6979 nonce)");
	secp256k1_ecdsa_signature_serialize_compact(ctx, sigser, &sig);
	tap_ok(memcmp(sigser, expect_sig, sizeof sigser) == 0, "signature matches the host's");
	if (memcmp(sigser, expect_sig, sizeof sigser) != 0)
		hexdump("got", sigser, sizeof sigser);
	tap_ok(secp256k1_ec_pubkey_parse(ctx, &parsed, expect_pubkey, sizeof expect_pubkey) == 1,
	       "the host's public key parses");
	tap_ok(secp256k1_ecdsa_verify(ctx, &sig, secp_msghash, &parsed) == 1, "signature verifies");
	memcpy(tampered, secp_msghash, sizeof tampered);
	tampered[31] ^= 1;
	tap_ok(secp256k1_ecdsa_verify(ctx, &sig, tampered, &parsed) == 0,
	       "a tampered message does not verify");
	sigser[10] ^= 0x40;
	tap_ok(secp256k1_ecdsa_signature_parse_compact(ctx, &sig, sigser) == 1 &&
	               secp256k1_ecdsa_verify(ctx, &sig, secp_msghash, &parsed) == 0,
	       "a tampered signature does not verify");
	secp256k1_context_destroy(ctx);
	guest_done();
}
