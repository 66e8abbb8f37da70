// lib/fhe/serial_test.c: tests of the serialization format (fhe_wire.h):
// round trips of every object kind for BFV and CKKS, refusal of objects made
// for other parameters, and truncated or corrupted input refused cleanly.
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe.h"
#include "fhe/fhe_wire.h"
#include "tap/tap.h"

static fhe_rng rng;

static fhe_ctx *
mkctx(int scheme, unsigned logn, const unsigned *bits, size_t nb, uint64_t t)
{
	fhe_params p;
	char err[256];
	fhe_ctx *c;

	fhe_params_from_bits(&p, scheme, logn, bits, nb, t);
	c = fhe_ctx_new(&p, err, sizeof err);
	if (c == NULL)
		tap_diag("context: %s", err);
	return c;
}

static void
test_bfv(void)
{
	static const unsigned bits[] = {36, 36, 37};
	static const unsigned other[] = {36, 37, 36};
	fhe_ctx *c = mkctx(FHE_BFV, 12, bits, 3, fhe_batching_prime(12, 20));
	fhe_ctx *c2 = mkctx(FHE_BFV, 12, other, 3, fhe_batching_prime(12, 20));
	fhe_sk sk, sk2 = {0};
	fhe_pk pk, pk2 = {0, 0};
	fhe_kswitch_key rk, rk2 = {0, 0};
	fhe_galois_keys gk, gk2 = {0, 0};
	fhe_pt pt, pt2, dec;
	fhe_ct ct, ct2;
	uint8_t *buf, *b2;
	size_t len, l2, n = 4096;
	uint64_t v[4096], got[4096];
	fhe_params p2;
	char err[256];
	int steps[] = {1, 0}, ok;

	tap_ok(c != NULL && c2 != NULL, "BFV contexts");
	fhe_pt_init(&pt);
	fhe_pt_init(&pt2);
	fhe_pt_init(&dec);
	fhe_ct_init(&ct);
	fhe_ct_init(&ct2);
	for (size_t i = 0; i < n; i++)
		v[i] = i * 7;
	fhe_keygen_secret(c, &rng, &sk);
	fhe_keygen_public(c, &rng, &sk, &pk);
	fhe_keygen_relin(c, &rng, &sk, &rk);
	fhe_keygen_galois(c, &rng, &sk, steps, 2, &gk);
	fhe_bfv_encode(c, v, n, &pt);
	fhe_encrypt(c, &rng, &pk, &pt, &ct);

	fhe_save_params(fhe_ctx_params(c), &buf, &len);
	tap_ok(fhe_load_params(buf, len, &p2, err, sizeof err) == 0 &&
	               memcmp(&p2, fhe_ctx_params(c), sizeof p2) == 0,
	       "parameters round trip (%zu bytes)", len);
	buf[30] ^= 1;
	tap_ok(fhe_load_params(buf, len, &p2, err, sizeof err) == FHE_EFORMAT,
	       "corrupt parameters refused: %s", err);
	free(buf);

	fhe_save_sk(c, &sk, &buf, &len);
	tap_ok(fhe_load_sk(c, buf, len, &sk2, err, sizeof err) == 0, "secret key loads");
	free(buf);
	fhe_save_pk(c, &pk, &buf, &len);
	tap_ok(fhe_load_pk(c, buf, len, &pk2, err, sizeof err) == 0, "public key loads");
	free(buf);
	fhe_save_relin(c, &rk, &buf, &len);
	tap_ok(fhe_load_relin(c, buf, len, &rk2, err, sizeof err) == 0, "relin key loads");
	free(buf);
	fhe_save_galois(c, &gk, &buf, &len);
	tap_ok(fhe_load_galois(c, buf, len, &gk2, err, sizeof err) == 0 && gk2.count == 2,
	       "Galois keys load");
	free(buf);
	fhe_save_pt(c, &pt, &buf, &len);
	tap_ok(fhe_load_pt(c, buf, len, &pt2, err, sizeof err) == 0 &&
	               memcmp(pt2.data, pt.data, n * 8) == 0,
	       "plaintext round trip");
	free(buf);

	// Evaluate with the loaded keys on a loaded ciphertext.
	fhe_save_ct(c, &ct, &buf, &len);
	tap_ok(fhe_load_ct(c, buf, len, &ct2, err, sizeof err) == 0, "ciphertext loads (%zu bytes)",
	       len);
	fhe_encrypt(c, &rng, &pk2, &pt2, &ct);
	ok = fhe_mul(c, &ct2, &ct2, &ct) == 0 && fhe_relin(c, &ct2, &rk2) == 0 &&
	     fhe_rotate(c, &ct2, 1, &gk2) == 0 && fhe_decrypt(c, &sk2, &ct2, &dec) == 0 &&
	     fhe_bfv_decode(c, &dec, got) == 0;
	for (size_t i = 0; ok && i < n; i++) {
		size_t r = i / 2048, j = (i % 2048 + 1) % 2048 + r * 2048;

		ok = got[i] == (uint64_t)((unsigned __int128)v[j] * v[j] % fhe_ctx_params(c)->t);
	}
	tap_ok(ok, "loaded keys and ciphertexts evaluate correctly");

	tap_ok(fhe_load_ct(c2, buf, len, &ct2, err, sizeof err) == FHE_EMISMATCH &&
	               strstr(err, "other parameters") != NULL,
	       "ciphertext for other parameters refused: %s", err);
	tap_ok(fhe_load_pk(c, buf, len, &pk2, err, sizeof err) == FHE_EFORMAT &&
	               strstr(err, "expected public key, found ciphertext") != NULL,
	       "wrong kind refused: %s", err);
	ok = 1;
	for (size_t cut = 0; cut < len; cut += cut < 64 ? 1 : 997)
		ok &= fhe_load_ct(c, buf, cut, &ct2, NULL, 0) == FHE_EFORMAT;
	tap_ok(ok, "every truncation of a ciphertext is refused");
	b2 = malloc(len + 8);
	memcpy(b2, buf, len);
	memset(b2 + len, 0, 8);
	tap_ok(fhe_load_ct(c, b2, len + 8, &ct2, err, sizeof err) == FHE_EFORMAT,
	       "trailing bytes refused: %s", err);
	memcpy(b2, buf, len);
	memset(b2 + 40, 0xff, 8);
	tap_ok(fhe_load_ct(c, b2, len, &ct2, err, sizeof err) == FHE_EFORMAT &&
	               strstr(err, "not below its prime") != NULL,
	       "residue out of range refused: %s", err);
	b2[4] = 9;
	tap_ok(fhe_load_ct(c, b2, len, &ct2, err, sizeof err) == FHE_EFORMAT &&
	               strstr(err, "version 9") != NULL,
	       "unknown version refused: %s", err);
	free(b2);
	free(buf);
	l2 = 0;
	(void)l2;

	fhe_sk_free(c, &sk);
	fhe_sk_free(c, &sk2);
	fhe_pk_free(&pk);
	fhe_pk_free(&pk2);
	fhe_kswitch_free(&rk);
	fhe_kswitch_free(&rk2);
	fhe_galois_free(&gk);
	fhe_galois_free(&gk2);
	fhe_pt_free(&pt);
	fhe_pt_free(&pt2);
	fhe_pt_free(&dec);
	fhe_ct_free(&ct);
	fhe_ct_free(&ct2);
	fhe_ctx_free(c);
	fhe_ctx_free(c2);
}

static void
test_ckks(void)
{
	static const unsigned bits[] = {50, 30, 29};
	fhe_ctx *c = mkctx(FHE_CKKS, 12, bits, 3, 0);
	fhe_sk sk;
	fhe_pt pt, pt2;
	fhe_ct ct, ct2;
	uint8_t *buf;
	size_t len;
	double re[2048], out[2048], worst = 0;
	char err[256];

	if (!tap_ok(c != NULL, "CKKS context"))
		return;
	fhe_pt_init(&pt);
	fhe_pt_init(&pt2);
	fhe_ct_init(&ct);
	fhe_ct_init(&ct2);
	for (int i = 0; i < 2048; i++)
		re[i] = i / 2048.0;
	fhe_keygen_secret(c, &rng, &sk);
	fhe_ckks_encode(c, re, NULL, 2048, 1 << 30, 0, &pt);
	fhe_encrypt_sk(c, &rng, &sk, &pt, &ct);
	fhe_save_ct(c, &ct, &buf, &len);
	tap_ok(fhe_load_ct(c, buf, len, &ct2, err, sizeof err) == 0 && ct2.scale == ct.scale &&
	               ct2.nlimb == 2,
	       "CKKS ciphertext round trip keeps level and scale");
	free(buf);
	fhe_decrypt(c, &sk, &ct2, &pt2);
	fhe_ckks_decode(c, &pt2, out, NULL);
	for (int i = 0; i < 2048; i++)
		worst = worst > out[i] - re[i] ? worst : out[i] - re[i];
	tap_ok(worst < 1e-4, "loaded CKKS ciphertext decrypts (error %.2g)", worst);
	fhe_save_pt(c, &pt, &buf, &len);
	tap_ok(fhe_load_pt(c, buf, len, &pt2, err, sizeof err) == 0 && pt2.nlimb == 2,
	       "CKKS plaintext round trip");
	free(buf);
	fhe_sk_free(c, &sk);
	fhe_pt_free(&pt);
	fhe_pt_free(&pt2);
	fhe_ct_free(&ct);
	fhe_ct_free(&ct2);
	fhe_ctx_free(c);
}

int
main(void)
{
	uint8_t seed[32] = {3};

	fhe_rng_seed(&rng, seed);
	test_bfv();
	test_ckks();
	return tap_done();
}
