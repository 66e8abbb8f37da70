// lib/fhe/bfv_test.c: randomised end-to-end tests of BFV for every ring
// degree: decrypt(eval(encrypt(x))) == f(x) exactly for add, sub, negate,
// plaintext add and multiply, multiply + relinearise, rotations and the row
// swap; noise budget consumption; parameter refusal.
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe.h"
#include "tap/tap.h"

// The largest N = 2^logn run() tests. Gremlin's build lowers it: its test
// machine has 64 MiB, less than the larger key sets take.
#ifndef FHE_TEST_MAX_LOGN
#define FHE_TEST_MAX_LOGN 15
#endif

static fhe_rng rng;

typedef struct Env {
	fhe_ctx *c;
	size_t n;
	uint64_t t;
	fhe_sk sk;
	fhe_pk pk;
	fhe_kswitch_key rk;
	fhe_galois_keys gk;
} Env;

static int
env_init(Env *e, unsigned logn, const unsigned *bits, size_t nbits, unsigned tbits,
         const int *steps, size_t nsteps)
{
	fhe_params p;
	char err[256];

	memset(e, 0, sizeof *e);
	e->t = fhe_batching_prime(logn, tbits);
	if (fhe_params_from_bits(&p, FHE_BFV, logn, bits, nbits, e->t) != 0)
		return tap_ok(0, "parameters for N=2^%u", logn);
	e->c = fhe_ctx_new(&p, err, sizeof err);
	if (!tap_ok(e->c != NULL, "BFV context N=%u, %zu primes, t=%llu%s%s", 1u << logn, nbits,
	            (unsigned long long)e->t, e->c ? "" : ": ", e->c ? "" : err))
		return 0;
	e->n = fhe_ctx_n(e->c);
	return tap_ok(fhe_keygen_secret(e->c, &rng, &e->sk) == 0 &&
	                      fhe_keygen_public(e->c, &rng, &e->sk, &e->pk) == 0 &&
	                      fhe_keygen_relin(e->c, &rng, &e->sk, &e->rk) == 0 &&
	                      fhe_keygen_galois(e->c, &rng, &e->sk, steps, nsteps, &e->gk) == 0,
	              "N=%zu: key generation", e->n);
}

static void
env_free(Env *e)
{
	fhe_sk_free(e->c, &e->sk);
	fhe_pk_free(&e->pk);
	fhe_kswitch_free(&e->rk);
	fhe_galois_free(&e->gk);
	fhe_ctx_free(e->c);
}

static void
random_vec(uint64_t *v, size_t n, uint64_t t)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t r;

		fhe_rng_bytes(&rng, &r, sizeof r);
		v[i] = r % t;
	}
}

static int
encrypt_vec(Env *e, const uint64_t *v, fhe_ct *ct, int use_sk)
{
	fhe_pt pt;
	int rc;

	fhe_pt_init(&pt);
	rc = fhe_bfv_encode(e->c, v, e->n, &pt);
	if (rc == 0)
		rc = use_sk ? fhe_encrypt_sk(e->c, &rng, &e->sk, &pt, ct)
		            : fhe_encrypt(e->c, &rng, &e->pk, &pt, ct);
	fhe_pt_free(&pt);
	return rc;
}

// Decrypt ct and compare with want; returns 1 on equality.
static int
check(Env *e, const fhe_ct *ct, const uint64_t *want)
{
	fhe_pt pt;
	uint64_t *got = malloc(e->n * sizeof(uint64_t));
	int ok;

	fhe_pt_init(&pt);
	ok = fhe_decrypt(e->c, &e->sk, ct, &pt) == 0 && fhe_bfv_decode(e->c, &pt, got) == 0 &&
	     memcmp(got, want, e->n * sizeof(uint64_t)) == 0;
	fhe_pt_free(&pt);
	free(got);
	return ok;
}

static uint64_t
mulmod(uint64_t a, uint64_t b, uint64_t t)
{
	return (uint64_t)((unsigned __int128)a * b % t);
}

// want[i] = x[row-rotated by k] (k > 0: slot i takes slot i+k).
static void
rotate_ref(const uint64_t *x, uint64_t *want, size_t n, int k, int swap)
{
	size_t h = n / 2;

	for (size_t r = 0; r < 2; r++) {
		for (size_t i = 0; i < h; i++) {
			size_t src = (i + (size_t)((k % (long)h + (long)h) % (long)h)) % h;

			want[r * h + i] = swap ? x[(1 - r) * h + i] : x[r * h + src];
		}
	}
}

static void
run(unsigned logn, const unsigned *bits, size_t nbits, unsigned tbits, int full)
{
	static const int steps[] = {1, 2, -1, 0};
	Env e;
	fhe_ct a, b, r;
	uint64_t *x, *y, *want;
	fhe_pt py;
	size_t n;
	int b0, b1;

	if (logn > FHE_TEST_MAX_LOGN) {
		tap_diag("N=%u not tested: this build stops at N=%u (FHE_TEST_MAX_LOGN)",
		         1u << logn, 1u << FHE_TEST_MAX_LOGN);
		return;
	}
	if (!env_init(&e, logn, bits, nbits, tbits, steps, full ? 4 : 1))
		return;
	n = e.n;
	x = malloc(n * 8);
	y = malloc(n * 8);
	want = malloc(n * 8);
	fhe_ct_init(&a);
	fhe_ct_init(&b);
	fhe_ct_init(&r);
	fhe_pt_init(&py);
	random_vec(x, n, e.t);
	random_vec(y, n, e.t);
	tap_ok(encrypt_vec(&e, x, &a, 0) == 0 && check(&e, &a, x),
	       "N=%zu: decrypt(encrypt_pk(x)) == x", n);
	tap_ok(encrypt_vec(&e, y, &b, 1) == 0 && check(&e, &b, y),
	       "N=%zu: decrypt(encrypt_sk(y)) == y", n);
	b0 = fhe_noise_budget(e.c, &e.sk, &a);
	tap_diag("N=%zu: fresh noise budget %d bits", n, b0);

	for (size_t i = 0; i < n; i++)
		want[i] = (x[i] + y[i]) % e.t;
	tap_ok(fhe_add(e.c, &r, &a, &b) == 0 && check(&e, &r, want), "N=%zu: x + y", n);
	for (size_t i = 0; i < n; i++)
		want[i] = (x[i] + e.t - y[i]) % e.t;
	tap_ok(fhe_sub(e.c, &r, &a, &b) == 0 && check(&e, &r, want), "N=%zu: x - y", n);
	for (size_t i = 0; i < n; i++)
		want[i] = (e.t - x[i]) % e.t;
	tap_ok(fhe_negate(e.c, &r, &a) == 0 && check(&e, &r, want), "N=%zu: -x", n);

	fhe_bfv_encode(e.c, y, n, &py);
	for (size_t i = 0; i < n; i++)
		want[i] = (x[i] + y[i]) % e.t;
	tap_ok(fhe_add_plain(e.c, &r, &a, &py) == 0 && check(&e, &r, want), "N=%zu: x + plain y",
	       n);
	for (size_t i = 0; i < n; i++)
		want[i] = mulmod(x[i], y[i], e.t);
	tap_ok(fhe_mul_plain(e.c, &r, &a, &py) == 0 && check(&e, &r, want), "N=%zu: x * plain y",
	       n);
	tap_ok(fhe_mul(e.c, &r, &a, &b) == 0 && r.size == 3 && check(&e, &r, want),
	       "N=%zu: x * y (size 3, before relinearisation)", n);
	{
		fhe_ct s3;
		uint64_t *w2 = malloc(n * 8);

		fhe_ct_init(&s3);
		for (size_t i = 0; i < n; i++)
			w2[i] = (want[i] + x[i]) % e.t;
		tap_ok(fhe_add(e.c, &s3, &r, &a) == 0 && s3.size == 3 && check(&e, &s3, w2),
		       "N=%zu: (x * y) + x, sizes 3 and 2", n);
		for (size_t i = 0; i < n; i++)
			w2[i] = (x[i] + e.t - want[i]) % e.t;
		tap_ok(fhe_sub(e.c, &s3, &a, &r) == 0 && s3.size == 3 && check(&e, &s3, w2),
		       "N=%zu: x - (x * y), sizes 2 and 3", n);
		fhe_ct_free(&s3);
		free(w2);
	}
	tap_ok(fhe_relin(e.c, &r, &e.rk) == 0 && r.size == 2 && check(&e, &r, want),
	       "N=%zu: relinearise(x * y)", n);
	b1 = fhe_noise_budget(e.c, &e.sk, &r);
	tap_diag("N=%zu: noise budget after one multiplication %d bits", n, b1);
	tap_ok(b1 > 0 && b1 < b0, "N=%zu: multiplication consumes noise budget (%d -> %d)", n, b0,
	       b1);
	tap_ok(fhe_relin(e.c, &r, &e.rk) == FHE_ESIZE, "N=%zu: relinearising size 2 is refused", n);

	rotate_ref(x, want, n, 1, 0);
	fhe_ct_copy(e.c, &r, &a);
	tap_ok(fhe_rotate(e.c, &r, 1, &e.gk) == 0 && check(&e, &r, want), "N=%zu: rotate rows by 1",
	       n);
	if (full) {
		rotate_ref(x, want, n, -1, 0);
		fhe_ct_copy(e.c, &r, &a);
		tap_ok(fhe_rotate(e.c, &r, -1, &e.gk) == 0 && check(&e, &r, want),
		       "N=%zu: rotate rows by -1", n);
		rotate_ref(x, want, n, 3, 0);
		fhe_ct_copy(e.c, &r, &a);
		tap_ok(fhe_rotate(e.c, &r, 3, &e.gk) == 0 && check(&e, &r, want),
		       "N=%zu: rotate rows by 3 (keys for 1 and 2)", n);
		rotate_ref(x, want, n, 0, 1);
		fhe_ct_copy(e.c, &r, &a);
		tap_ok(fhe_conjugate(e.c, &r, &e.gk) == 0 && check(&e, &r, want),
		       "N=%zu: swap rows", n);
		fhe_ct_copy(e.c, &r, &a);
		tap_ok(fhe_rotate(e.c, &r, 4, &e.gk) == FHE_ENOKEY && check(&e, &r, x),
		       "N=%zu: rotation without a key is refused and changes nothing", n);

		// A product chain x*y*x*y... while the budget lasts.
		int depth = 0, ok = 1, budget;

		for (size_t i = 0; i < n; i++)
			want[i] = x[i];
		fhe_ct_copy(e.c, &r, &a);
		while ((budget = fhe_noise_budget(e.c, &e.sk, &r)) > 0 && depth < 6) {
			const uint64_t *f = depth % 2 ? x : y;
			int m = fhe_mul(e.c, &r, &r, depth % 2 ? &a : &b) == 0 &&
			        fhe_relin(e.c, &r, &e.rk) == 0;

			for (size_t i = 0; i < n; i++)
				want[i] = mulmod(want[i], f[i], e.t);
			depth++;
			if (fhe_noise_budget(e.c, &e.sk, &r) > 0)
				ok &= m && check(&e, &r, want);
			tap_diag("N=%zu: depth %d, noise budget %d", n, depth,
			         fhe_noise_budget(e.c, &e.sk, &r));
		}
		tap_ok(ok && depth >= 2,
		       "N=%zu: product chain of depth %d correct while budget > 0", n, depth);
	}
	fhe_ct_free(&a);
	fhe_ct_free(&b);
	fhe_ct_free(&r);
	fhe_pt_free(&py);
	free(x);
	free(y);
	free(want);
	env_free(&e);
}

static void
test_refusal(void)
{
	unsigned bits[] = {40, 40, 30};
	fhe_params p;
	char err[256] = "";
	fhe_ctx *c;

	fhe_params_from_bits(&p, FHE_BFV, 12, bits, 3, fhe_batching_prime(12, 20));
	c = fhe_ctx_new(&p, err, sizeof err);
	tap_ok(c == NULL && strstr(err, "exceeds the 128-bit security bound of 109") != NULL,
	       "110-bit modulus at N=4096 refused: %s", err);
	p.insecure = 1;
	c = fhe_ctx_new(&p, err, sizeof err);
	tap_ok(c != NULL, "the same set is accepted when marked insecure");
	fhe_ctx_free(c);
	p.insecure = 0;
	p.t = 65537 + 2;
	p.primes[2] = p.primes[1];
	c = fhe_ctx_new(&p, err, sizeof err);
	tap_ok(c == NULL && strstr(err, "repeats") != NULL, "repeated prime refused: %s", err);
	p.primes[2] = 0x3fff7001u;
	p.primes[1] = 1234567;
	c = fhe_ctx_new(&p, err, sizeof err);
	tap_ok(c == NULL && strstr(err, "prime 1") != NULL, "non-NTT prime refused: %s", err);
}

int
main(void)
{
	static const unsigned b12[] = {36, 36, 37};
	static const unsigned b13[] = {43, 43, 44, 44, 44};
	static const unsigned b14[] = {48, 48, 48, 49, 49, 49, 49, 49, 49};
	static const unsigned b15[] = {55, 55, 55, 55, 55, 55, 55, 55,
	                               55, 55, 55, 55, 55, 55, 55, 55};
	uint8_t seed[32] = {7};

	fhe_rng_seed(&rng, seed);
	test_refusal();
	run(12, b12, 3, 17, 1);
	run(13, b13, 5, 20, 1);
	run(14, b14, 9, 30, 0);
	run(15, b15, 16, 20, 0);
	return tap_done();
}
