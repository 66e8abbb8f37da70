// lib/fhe/arith_test.c: tests of the arithmetic layer: primality, SEAL's prime
// choice, ChaCha20 (RFC 8439), Barrett and Shoup reduction, the negacyclic
// NTT (round trips, evaluation order, products against schoolbook) and exact
// RNS base conversion against multi-precision arithmetic.
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe_impl.h"
#include "tap/tap.h"

static fhe_rng rng;

static uint64_t
rnd(uint64_t q)
{
	return (uint64_t)(((u128)rng_u64(&rng) * q) >> 64);
}

static void
test_primes(void)
{
	uint64_t p[3], d[2];
	unsigned bits[] = {36, 36, 37};
	fhe_params prm;

	tap_ok(is_prime64(2305843009213693951u), "2^61-1 is prime");
	tap_ok(is_prime64(18446744073709551557u), "2^64-59 is prime");
	tap_ok(!is_prime64(561) && !is_prime64(3215031751u) && !is_prime64(1),
	       "Carmichael 561 and strong pseudoprime 3215031751 are composite");
	tap_ok(!is_prime64(4611686014132420609u), "(2^31-1)^2 is composite");
	// SEAL's default coefficient modulus for N = 4096 is {36, 36, 37} bits:
	// 0xffffee001, 0xffffc4001, 0x1ffffe0001.
	fhe_params_from_bits(&prm, FHE_BFV, 12, bits, 3, 0);
	tap_ok(prm.primes[0] == 0xffffee001u && prm.primes[1] == 0xffffc4001u &&
	               prm.primes[2] == 0x1ffffe0001u,
	       "SEAL's prime choice for N=4096 {36,36,37}");
	tap_ok(fhe_batching_prime(12, 20) == 1032193, "batching prime for N=4096, 20 bits");
	tap_ok(gen_primes(60, 2 * 32768, 3, NULL, 0, p) && p[0] > p[1] && p[1] > p[2] &&
	               p[2] % 65536 == 1 && is_prime64(p[2]),
	       "three 60-bit primes = 1 mod 65536");
	tap_ok(gen_primes(61, 8192, 2, p, 1, d) && d[0] != p[0] && d[0] > d[1],
	       "avoid list respected");
}

static void
test_chacha(void)
{
	// RFC 8439 section 2.3.2.
	uint32_t key[8], nonce[3] = {0x09000000, 0x4a000000, 0};
	uint8_t out[64];
	static const uint8_t want[16] = {0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
	                                 0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4};
	static const uint8_t tail[4] = {0xa2, 0x50, 0x3c, 0x4e};

	for (int i = 0; i < 8; i++)
		key[i] = (uint32_t)(4 * i) | (uint32_t)(4 * i + 1) << 8 |
		         (uint32_t)(4 * i + 2) << 16 | (uint32_t)(4 * i + 3) << 24;
	fhe_chacha20_block(key, 1, nonce, out);
	tap_ok(memcmp(out, want, 16) == 0 && memcmp(out + 60, tail, 4) == 0,
	       "ChaCha20 block, RFC 8439 2.3.2");
}

static void
test_reduce(void)
{
	uint64_t qs[] = {3,
	                 65537,
	                 0xffffee001u,
	                 1152921504606748673u,
	                 2305843009213693951u,
	                 4611686018427387847u};
	int ok = 1;

	for (size_t k = 0; k < sizeof qs / sizeof qs[0]; k++) {
		Mod m;

		mod_init(&m, qs[k]);
		for (int i = 0; i < 20000; i++) {
			u128 x = ((u128)rng_u64(&rng) << 64) | rng_u64(&rng);
			uint64_t a = rnd(qs[k]), w = rnd(qs[k]), b = rng_u64(&rng);

			if (i < 4) {
				x = i == 0 ? 0 : ~(u128)0 - (u128)(i - 1);
				b = ~(uint64_t)0 - (uint64_t)i;
			}
			ok &= mod_red128(x, &m) == (uint64_t)(x % qs[k]);
			ok &= mod_red64(b, &m) == b % qs[k];
			ok &= mul_shoup(b, w, shoup(w, qs[k]), qs[k]) ==
			      (uint64_t)((u128)b * w % qs[k]);
			ok &= mod_mul(a, w, &m) == (uint64_t)((u128)a * w % qs[k]);
		}
	}
	tap_ok(ok, "Barrett 128-bit and Shoup reduction agree with %% for 6 moduli");
}

// a(x) = sum a_i x^i at x, modulo q.
static uint64_t
eval_poly(const uint64_t *a, size_t n, uint64_t x, const Mod *m)
{
	uint64_t r = 0;

	for (size_t i = n; i-- > 0;)
		r = mod_add(mod_mul(r, x, m), a[i], m->q);
	return r;
}

// Coefficient k of a*b mod (X^N + 1, q), schoolbook.
static uint64_t
negacyclic_coeff(const uint64_t *a, const uint64_t *b, size_t n, size_t k, const Mod *m)
{
	u128 pos = 0, neg = 0;

	for (size_t i = 0; i < n; i++) {
		size_t j = (k + n - i) % n;
		uint64_t p = mod_mul(a[i], b[j], m);

		if (i <= k)
			pos += p;
		else
			neg += p;
	}
	return mod_sub(mod_red128(pos, m), mod_red128(neg, m), m->q);
}

static const char *mode = "scalar";

static void
test_ntt(unsigned logn)
{
	const size_t n = (size_t)1 << logn;
	uint64_t q;
	Ntt t;
	uint64_t *a = malloc(n * 8), *b = malloc(n * 8), *fa = malloc(n * 8), *fb = malloc(n * 8);
	int ok_rt = 1, ok_eval = 1, ok_mul = 1;
	size_t checks = logn <= 12 ? n : 24;

	gen_primes(60, 2 * n, 1, NULL, 0, &q);
	if (!tap_ok(ntt_init(&t, q, logn) == 0, "NTT tables for N=%zu, q=%llu", n,
	            (unsigned long long)q))
		return;
	for (size_t i = 0; i < n; i++) {
		a[i] = rnd(q);
		b[i] = rnd(q);
	}
	memcpy(fa, a, n * 8);
	memcpy(fb, b, n * 8);
	ntt_fwd(&t, fa);
	ntt_fwd(&t, fb);
	for (size_t j = 0; j < 8; j++) {
		size_t idx = (size_t)rnd(n);
		uint64_t x = mod_pow(t.psi, 2 * bitrev(idx, logn) + 1, &t.m);

		ok_eval &= fa[idx] == eval_poly(a, n, x, &t.m);
	}
	for (size_t i = 0; i < n; i++)
		fa[i] = mod_mul(fa[i], fb[i], &t.m);
	ntt_inv(&t, fa);
	for (size_t j = 0; j < checks; j++) {
		size_t k = logn <= 12 ? j : (size_t)rnd(n);

		ok_mul &= fa[k] == negacyclic_coeff(a, b, n, k, &t.m);
	}
	memcpy(fb, b, n * 8);
	ntt_fwd(&t, fb);
	ntt_inv(&t, fb);
	ok_rt = memcmp(fb, b, n * 8) == 0;
	tap_ok(ok_rt, "%s N=%zu: INTT(NTT(a)) == a", mode, n);
	tap_ok(ok_eval, "%s N=%zu: NTT output j is a(psi^(2 brev(j)+1))", mode, n);
	tap_ok(ok_mul,
	       "%s N=%zu: NTT product equals the schoolbook negacyclic product (%zu coeffs)", mode,
	       n, checks);
	ntt_free(&t);
	free(a);
	free(b);
	free(fa);
	free(fb);
}

// Known answers from SEAL's tests (native/tests/seal/util/ntt.cpp) for the
// modulus 0xffffffffffc0001: the bit-reversed root tables for N = 2 and 4
// and the forward transform of 1 + X for N = 2.
static void
test_seal_kat(void)
{
	const uint64_t q = 0xffffffffffc0001u;
	Ntt t2, t4;
	uint64_t a[2] = {1, 1}, z[2] = {0, 0}, one[2] = {1, 0};

	if (!tap_ok(ntt_init(&t2, q, 1) == 0 && ntt_init(&t4, q, 2) == 0,
	            "NTT tables for SEAL's modulus 0xffffffffffc0001"))
		return;
	tap_ok(t2.w[0] == 1 && t2.w[1] == 288794978602139552u &&
	               mod_mul(t2.w[1], t2.wi[1], &t2.m) == 1,
	       "SEAL KAT: N=2 root powers (1, 288794978602139552) and inverse");
	tap_ok(t4.w[0] == 1 && t4.w[1] == 288794978602139552u && t4.w[2] == 178930308976060547u &&
	               t4.w[3] == 748001537669050592u,
	       "SEAL KAT: N=4 bit-reversed root powers");
	ntt_fwd(&t2, a);
	ntt_fwd(&t2, z);
	ntt_fwd(&t2, one);
	tap_ok(z[0] == 0 && z[1] == 0 && one[0] == 1 && one[1] == 1 &&
	               a[0] == 288794978602139553u && a[1] == 864126526004445282u,
	       "SEAL KAT: N=2 forward NTT of 0, 1 and 1 + X");
	ntt_free(&t2);
	ntt_free(&t4);
}

// Exact base conversion of centred values against multi-precision CRT.
static void
test_bconv(void)
{
	unsigned bits[] = {60, 50, 45, 59};
	fhe_params prm;
	char err[200];
	fhe_ctx *c;
	Mod pm[3];
	uint64_t p[3], in[4 * 64], out[3 * 64];
	Bconv bc;
	int ok = 1;

	fhe_params_from_bits(&prm, FHE_CKKS, 6, bits, 4, 0);
	prm.insecure = 1;
	c = fhe_ctx_new(&prm, err, sizeof err);
	if (!tap_ok(c != NULL, "context for base conversion test: %s", c ? "ok" : err))
		return;
	gen_primes(61, 128, 3, NULL, 0, p);
	for (int i = 0; i < 3; i++)
		mod_init(&pm[i], p[i]);
	bconv_init(&bc, c->m, 3, pm, 3);
	for (int trial = 0; trial < 50; trial++) {
		for (size_t i = 0; i < 3; i++)
			for (size_t x = 0; x < 64; x++)
				in[i * 64 + x] = rnd(c->m[i].q);
		bconv_apply(&bc, in, out, 64);
		for (size_t x = 0; x < 64; x++) {
			Big v;
			int neg;

			crt_compose(c, 3, in + x, 64, &v, &neg);
			for (size_t j = 0; j < 3; j++) {
				uint64_t r = big_mod_small(&v, p[j]);

				if (neg)
					r = mod_neg(r, p[j]);
				ok &= out[j * 64 + x] == r;
			}
		}
	}
	tap_ok(ok, "exact base conversion of centred values, 3200 random values");
	bconv_free(&bc);
	fhe_ctx_free(c);
}

int
main(void)
{
	uint8_t seed[32] = {1, 2, 3};

	fhe_rng_seed(&rng, seed);
	test_primes();
	test_chacha();
	test_reduce();
	test_seal_kat();
	// Both NTT implementations: the portable one, then AVX-512 if present.
	ntt_use_simd(0);
	for (unsigned logn = 4; logn <= 15; logn += logn < 12 ? 4 : 1)
		test_ntt(logn);
	ntt_use_simd(1);
	if (fhe_avx512_usable()) {
		mode = "AVX-512";
		for (unsigned logn = 4; logn <= 15; logn += logn < 12 ? 4 : 1)
			test_ntt(logn);
	} else {
		tap_diag("no AVX-512 on this machine: only the portable NTT was tested");
	}
	test_bconv();
	return tap_done();
}
