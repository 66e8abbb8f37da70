// lib/crypto/bench.h: the shared harness of keccak_bench and hash_bench
// (throughput of a one-shot hash against Python's OpenSSL-backed hashlib).
// Header-only: benchmarks are single-file programs (mk/lib.mk builds
// *_bench.c alone against the library), and this is no part of the library.
#ifndef CRYPTO_BENCH_H
#define CRYPTO_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
	BENCH_MIB = 1 << 20,
	BENCH_ROUNDS = 5, // median of this many rounds, each side
};

typedef void (*BenchHashFn)(const void *, size_t, uint8_t *);

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

// MB/s of fn over a 1 MiB buffer, hashing for about 0.3 s.
static double
bench_ours(BenchHashFn fn, const uint8_t *buf)
{
	uint8_t out[64];
	double t0 = bench_now(), t;
	int n = 0;

	do {
		fn(buf, BENCH_MIB, out);
		n++;
		t = bench_now() - t0;
	} while (t < 0.3);
	return n * (BENCH_MIB / 1e6) / t;
}

// MB/s of hashlib.<name> on a 1 MiB buffer for about 0.3 s, or -1 when
// python3 or that hash is unavailable.
static double
bench_hashlib(const char *name)
{
	char cmd[512];
	double v = -1;
	FILE *f;

	snprintf(cmd, sizeof cmd,
	         "python3 -c 'import hashlib,time\n"
	         "h=hashlib.%s\nb=bytes(range(256))*4096\nh(b).digest()\nn=0\n"
	         "t0=time.monotonic()\n"
	         "while time.monotonic()-t0<0.3:\n h(b).digest(); n+=1\n"
	         "print(n*len(b)/1e6/(time.monotonic()-t0))'",
	         name);
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%lf", &v) != 1)
		v = -1;
	pclose(f);
	return v;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
bench_median(double *v, int n)
{
	qsort(v, n, sizeof *v, bench_cmp);
	return v[n / 2];
}

// Measure fn against hashlib.<pyname> in alternating rounds and print the
// bench line of the medians. Returns the exit status.
static int
bench_hash_main(const char *name, BenchHashFn fn, const char *pyname)
{
	double ours[BENCH_ROUNDS], base[BENCH_ROUNDS], o, b;
	uint8_t *buf = malloc(BENCH_MIB);
	int i;

	if (buf == NULL)
		return 1;
	for (i = 0; i < BENCH_MIB; i++)
		buf[i] = (uint8_t)i;
	for (i = 0; i < BENCH_ROUNDS; i++) {
		ours[i] = bench_ours(fn, buf);
		base[i] = bench_hashlib(pyname);
		if (base[i] < 0) {
			fprintf(stderr, "%s: baseline hashlib.%s unavailable (python3)\n", name,
			        pyname);
			free(buf);
			return 1;
		}
		fprintf(stderr, "# %s round %d: ours %.1f MB/s, hashlib.%s %.1f MB/s\n", name, i,
		        ours[i], pyname, base[i]);
	}
	o = bench_median(ours, BENCH_ROUNDS);
	b = bench_median(base, BENCH_ROUNDS);
	printf("bench %s ours=%.1f baseline=%.1f ratio=%.3f unit=MB/s (higher is better)\n", name,
	       o, b, o / b);
	free(buf);
	return 0;
}

#endif
