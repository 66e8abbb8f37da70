// lib/fhe/fhe_bench.c: timings of lib/fhe for BFV and CKKS at N = 4096, 8192
// and 16384 (the parameters bench/fhe/seal_bench.js gives SEAL). Prints one
// line per figure, "ours fhe-<scheme>-<N>-<op> <median microseconds> <runs>";
// bench/fhe/run.sh pairs them with SEAL's into bench lines. Set
// FHE_BENCH_RUNS to change the number of runs per figure.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fhe/fhe_impl.h"

static int runs = 15;

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
report(const char *scheme, size_t n, const char *op, double *t)
{
	qsort(t, (size_t)runs, sizeof(double), cmp_double);
	printf("ours fhe-%s-%zu-%s %.1f %d\n", scheme, n, op, t[runs / 2], runs);
	fflush(stdout);
}

// Time `body` runs times after `prep` (untimed) each time.
#define TIME(scheme, n, op, prep, body)                                                            \
	do {                                                                                       \
		double t_[64];                                                                     \
		for (int r_ = -1; r_ < runs; r_++) {                                               \
			double s_;                                                                 \
			prep;                                                                      \
			s_ = now_us();                                                             \
			body;                                                                      \
			if (r_ >= 0)                                                               \
				t_[r_] = now_us() - s_;                                            \
		}                                                                                  \
		report(scheme, n, op, t_);                                                         \
	} while (0)

static void
bench(int scheme, unsigned logn, const unsigned *bits, size_t nb)
{
	const char *name = scheme == FHE_BFV ? "bfv" : "ckks";
	fhe_params p;
	fhe_ctx *c;
	fhe_rng r;
	fhe_sk sk;
	fhe_pk pk;
	fhe_kswitch_key rk;
	fhe_galois_keys gk;
	fhe_pt pt, dec;
	fhe_ct a, b, m3, t;
	int steps[] = {1};
	size_t n = (size_t)1 << logn, slots;
	char err[256];
	uint64_t *limb;

	fhe_params_from_bits(&p, scheme, logn, bits, nb,
	                     scheme == FHE_BFV ? fhe_batching_prime(logn, 20) : 0);
	c = fhe_ctx_new(&p, err, sizeof err);
	if (c == NULL) {
		fprintf(stderr, "fhe_bench: %s\n", err);
		exit(1);
	}
	if (fhe_rng_init(&r) != 0)
		exit(1);
	fhe_keygen_secret(c, &r, &sk);
	fhe_keygen_public(c, &r, &sk, &pk);
	fhe_keygen_relin(c, &r, &sk, &rk);
	fhe_keygen_galois(c, &r, &sk, steps, 1, &gk);
	fhe_pt_init(&pt);
	fhe_pt_init(&dec);
	fhe_ct_init(&a);
	fhe_ct_init(&b);
	fhe_ct_init(&m3);
	fhe_ct_init(&t);
	slots = fhe_ctx_slots(c);
	if (scheme == FHE_BFV) {
		uint64_t *v = malloc(slots * sizeof(uint64_t));

		for (size_t i = 0; i < slots; i++)
			v[i] = i % p.t;
		fhe_bfv_encode(c, v, slots, &pt);
		free(v);
	} else {
		double *v = malloc(slots * sizeof(double));

		for (size_t i = 0; i < slots; i++)
			v[i] = (double)i / (double)slots;
		fhe_ckks_encode(c, v, NULL, slots, logn == 12 ? 0x1p29 : 0x1p40, 0, &pt);
		free(v);
	}
	TIME(name, n, "encrypt", , fhe_encrypt(c, &r, &pk, &pt, &a));
	fhe_encrypt(c, &r, &pk, &pt, &b);
	TIME(name, n, "decrypt", , fhe_decrypt(c, &sk, &a, &dec));
	TIME(name, n, "add", , fhe_add(c, &t, &a, &b));
	TIME(name, n, "multiply", , fhe_mul(c, &m3, &a, &b));
	TIME(name, n, "relinearize", fhe_ct_copy(c, &t, &m3), fhe_relin(c, &t, &rk));
	TIME(name, n, "multiply_relinearize", , (fhe_mul(c, &t, &a, &b), fhe_relin(c, &t, &rk)));
	TIME(name, n, "rotate", fhe_ct_copy(c, &t, &a), fhe_rotate(c, &t, 1, &gk));
	limb = malloc(n * sizeof(uint64_t));
	memcpy(limb, a.data, n * sizeof(uint64_t));
	TIME(name, n, "ntt", , ntt_fwd(&c->ntt[0], limb));
	free(limb);
	fhe_pt_free(&pt);
	fhe_pt_free(&dec);
	fhe_ct_free(&a);
	fhe_ct_free(&b);
	fhe_ct_free(&m3);
	fhe_ct_free(&t);
	fhe_sk_free(c, &sk);
	fhe_pk_free(&pk);
	fhe_kswitch_free(&rk);
	fhe_galois_free(&gk);
	fhe_ctx_free(c);
}

int
main(int argc, char **argv)
{
	static const unsigned bfv12[] = {36, 36, 37}, bfv13[] = {43, 43, 44, 44, 44};
	static const unsigned bfv14[] = {48, 48, 48, 49, 49, 49, 49, 49, 49};
	static const unsigned ckks12[] = {40, 29, 40}, ckks13[] = {60, 40, 40, 60};
	static const unsigned ckks14[] = {60, 40, 40, 40, 40, 40, 40, 40, 60};
	const char *e = getenv("FHE_BENCH_RUNS");
	unsigned maxlogn = argc > 1 ? (unsigned)atoi(argv[1]) : 14;

	if (e != NULL && atoi(e) > 0 && atoi(e) <= 63)
		runs = atoi(e);
	bench(FHE_BFV, 12, bfv12, 3);
	bench(FHE_CKKS, 12, ckks12, 3);
	if (maxlogn >= 13) {
		bench(FHE_BFV, 13, bfv13, 5);
		bench(FHE_CKKS, 13, ckks13, 4);
	}
	if (maxlogn >= 14) {
		bench(FHE_BFV, 14, bfv14, 9);
		bench(FHE_CKKS, 14, ckks14, 9);
	}
	return 0;
}
