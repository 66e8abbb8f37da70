// lib/eth/secp_bench.c: secp256k1 signatures and recoveries per second through
// lib/eth's wrapper (secp_sign with its RFC 6979 nonce and low-S check;
// secp_recover_address: recovery, then keccak256 of the public key), against
// ethers v6 (SigningKey.sign, ethers.recoverAddress) run by Node on the same
// machine in the same run (bench/eth/secp_ethers.js). Both sides use the same
// key and 64 digests, and the first signature must be identical on both, so
// the two measure the same work. Rounds of about 0.3 s alternate between the
// two sides; the medians of BENCH_ROUNDS rounds are printed as two `bench`
// lines (DESIGN section 9).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/keccak.h"
#include "eth/secp.h"

enum { NDIGEST = 64, BENCH_ROUNDS = 5 };

static uint8_t key[32], digests[NDIGEST][32], addr[20];
static EthSig sigs[NDIGEST];

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
op_sign(int i)
{
	EthSig s;

	return secp_sign(key, digests[i], &s);
}

static int
op_recover(int i)
{
	uint8_t a[20];

	if (secp_recover_address(digests[i], &sigs[i], a) < 0)
		return -1;
	return memcmp(a, addr, 20) == 0 ? 0 : -1;
}

// Operations per second of op over about 0.3 s, or -1 if an operation fails.
static double
rate(int (*op)(int))
{
	double t0 = now(), t;
	int n = 0, j;

	do {
		for (j = 0; j < 16; j++, n++)
			if (op(n % NDIGEST) < 0)
				return -1;
		t = now() - t0;
	} while (t < 0.3);
	return n / t;
}

// One round of the ethers side; fills sign, recover and its first signature
// (r || s || v in hex). Returns 0 or -1.
static int
ethers_round(double *sign, double *recover, char sig0[132])
{
	FILE *f = popen("NODE_PATH=tools/node/node_modules node bench/eth/secp_ethers.js 0.3", "r");
	int n;

	if (f == NULL)
		return -1;
	n = fscanf(f, "sign %lf recover %lf sig0 %131s", sign, recover, sig0);
	return pclose(f) == 0 && n == 3 ? 0 : -1;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v)
{
	qsort(v, BENCH_ROUNDS, sizeof *v, cmp);
	return v[BENCH_ROUNDS / 2];
}

// The same key and digests as secp_ethers.js, and our signatures over them.
static int
setup(char sig0[132])
{
	const char *phrase = "gremlin bench key";
	uint8_t b;
	int i, j;

	keccak256(phrase, strlen(phrase), key);
	if (secp_key_to_address(key, addr) < 0)
		return -1;
	for (i = 0; i < NDIGEST; i++) {
		b = (uint8_t)i;
		keccak256(&b, 1, digests[i]);
		if (secp_sign(key, digests[i], &sigs[i]) < 0)
			return -1;
	}
	// r first, then s: each sprintf ends with a NUL the next one overwrites.
	for (j = 0; j < 32; j++)
		sprintf(sig0 + 2 * j, "%02x", sigs[0].r[j]);
	for (j = 0; j < 32; j++)
		sprintf(sig0 + 64 + 2 * j, "%02x", sigs[0].s[j]);
	sprintf(sig0 + 128, "%u", sigs[0].v);
	return 0;
}

int
main(void)
{
	double sign[BENCH_ROUNDS], rec[BENCH_ROUNDS], esign[BENCH_ROUNDS], erec[BENCH_ROUNDS];
	char ours0[132], theirs0[132];
	double s, r, es, er;
	int i;

	if (setup(ours0) < 0) {
		fprintf(stderr, "secp_bench: signing with lib/eth failed\n");
		return 1;
	}
	for (i = 0; i < BENCH_ROUNDS; i++) {
		sign[i] = rate(op_sign);
		rec[i] = rate(op_recover);
		if (sign[i] < 0 || rec[i] < 0) {
			fprintf(stderr, "secp_bench: a lib/eth sign or recover failed\n");
			return 1;
		}
		if (ethers_round(&esign[i], &erec[i], theirs0) < 0) {
			fprintf(stderr,
			        "secp_bench: the ethers baseline (bench/eth/secp_ethers.js, "
			        "needs node and tools/node/node_modules) failed\n");
			return 1;
		}
		if (strcmp(ours0, theirs0) != 0) {
			fprintf(stderr, "secp_bench: signatures differ: ours %s, ethers %s\n",
			        ours0, theirs0);
			return 1;
		}
		fprintf(stderr,
		        "# round %d: sign %.0f/%.0f recover %.0f/%.0f ops/s (ours/ethers)\n", i,
		        sign[i], esign[i], rec[i], erec[i]);
	}
	s = median(sign), r = median(rec), es = median(esign), er = median(erec);
	printf("bench secp256k1-sign ours=%.0f baseline=%.0f ratio=%.2f unit=ops/s (higher is "
	       "better)\n",
	       s, es, s / es);
	printf("bench secp256k1-recover ours=%.0f baseline=%.0f ratio=%.2f unit=ops/s (higher is "
	       "better)\n",
	       r, er, r / er);
	return 0;
}
