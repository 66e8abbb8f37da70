// sys/devfs/rng_test.c: the /dev/random generator. Known answers of the
// deterministic core from a fixed seed (computed independently with
// Python's hashlib SHA3-256 and OpenSSL's ChaCha20), fast key erasure,
// writes mixing in without raising the estimate, the reseed policy, the
// monobit and runs tests (NIST SP 800-22 2.1 and 2.3) on 1 MiB, which must
// reject deliberately broken generators, and the entropy sources.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chacha.h"
#include "entropy.h"
#include "rng.h"
#include "tap/tap.h"

enum { MB = 1 << 20 };

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
hexis(const uint8_t *p, size_t n, const char *h)
{
	uint8_t want[256];

	unhex(h, want, n);
	return memcmp(p, want, n) == 0;
}

static void
test_known(void)
{
	uint8_t seed[64], out[128];
	Rng g;

	for (int i = 0; i < 64; i++)
		seed[i] = (uint8_t)i;
	rng_init(&g, seed, sizeof seed);
	tap_ok(hexis(g.key, 32, "1388a603b0f016aad5a679376be5d68c6b71f407fe6ecaea6a844d26630e4811"),
	       "seed: key = SHA3-256(0^32 || SHA3-256(le32(64) || seed))");
	rng_read(&g, out, 16);
	tap_ok(hexis(out, 16, "4aa057bb70513a53af23855b5ef19617"), "first read of 16 bytes");
	rng_read(&g, out, 100);
	tap_ok(hexis(out, 100,
	             "d03ae054df659a5be9987657b9b2434a8027be15caf2a829ddfbef1712fd80ba20341e32"
	             "2081e1708b94284ce70cbf024fb4be61c146d3e976279871368e8682c237dd8bde0b339a"
	             "801d41ac87d43fe48ebc2dc2bd187652a8b86e8c20cebaabf5150e01"),
	       "second read of 100 bytes (under the erased-and-replaced key)");
	rng_mix(&g, "hello", 5);
	rng_read(&g, out, 32);
	tap_ok(hexis(out, 32, "2b5799bdc430462192e72851201b5aeb639a35fdc1ff66ba2590d37fa853e7be"),
	       "a write of \"hello\" is folded in before the next read");
	tap_ok(hexis(g.key, 32, "50aab1f6d3e0758487a6a80a6c5bab19959bf93b6d5ce328bfad702e3e97fc47"),
	       "the key after those reads");
	tap_ok(g.entropybits == 0 && g.reseeds == 1, "mixing counts a reseed, never entropy");
}

// After a read the key is block 0 of the old key's keystream: the old key
// is gone, and the output does not contain the new key.
static int
contains(const uint8_t *h, size_t n, const uint8_t *k, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(h + i, k, m) == 0)
			return 1;
	return 0;
}

static void
test_erasure(void)
{
	static const uint8_t nonce[12];
	uint8_t old[32], blk[64], out[64];
	Rng g;

	rng_init(&g, "x", 1);
	memcpy(old, g.key, 32);
	rng_read(&g, out, 64);
	chacha20_block(old, 0, nonce, blk);
	tap_ok(memcmp(g.key, blk, 32) == 0 && memcmp(g.key, old, 32) != 0,
	       "fast key erasure: the new key is the first 32 keystream bytes");
	tap_ok(memcmp(out, blk + 32, 32) == 0 && !contains(out, 64, g.key, 32),
	       "the output starts after the new key and does not contain it");
	g.entropybits = 200;
	rng_mix(&g, "attacker data", 13);
	tap_ok(g.entropybits == 200, "writes to random never raise the entropy estimate");
	rng_wipe(&g);
}

static int ngather;
static uint64_t clockval;

static uint64_t
fakeclock(void)
{
	return clockval;
}

static size_t
fakegather(uint8_t *buf, size_t cap)
{
	ngather++;
	if (cap < 4)
		return 0;
	memcpy(buf, "more", 4);
	return 4;
}

static void
test_reseed(void)
{
	uint8_t out[64];
	static uint8_t big[MB];
	Rng g;

	rng_init(&g, "seed", 4);
	g.gather = fakegather;
	for (int i = 0; i < RNG_RESEED_REQS; i++)
		rng_read(&g, out, 1);
	tap_ok(ngather == 0 && g.reseeds == 0, "no reseed before %d requests", RNG_RESEED_REQS);
	rng_read(&g, out, 1);
	tap_ok(ngather == 1 && g.reseeds == 1 && g.reqs == 1,
	       "reseed from the sources on the request after %d", RNG_RESEED_REQS);
	rng_read(&g, big, sizeof big);
	rng_read(&g, out, 1);
	tap_ok(ngather == 2 && g.reseeds == 2, "and after %d bytes", RNG_RESEED_BYTES);
	g.now = fakeclock;
	clockval = 1000;
	rng_reseed(&g);
	clockval += RNG_RESEED_SECS - 1;
	rng_read(&g, out, 1);
	tap_ok(ngather == 2, "not %d seconds after a reseed", RNG_RESEED_SECS - 1);
	clockval += 1;
	rng_read(&g, out, 1);
	tap_ok(ngather == 3 && g.lastreseed == clockval, "but %d seconds after", RNG_RESEED_SECS);
}

// NIST SP 800-22 2.1 (frequency) and 2.3 (runs): p-values of n bytes.
static double
monobit(const uint8_t *p, size_t n)
{
	double bits = 8.0 * (double)n, ones = 0;

	for (size_t i = 0; i < n; i++)
		ones += __builtin_popcount(p[i]);
	return erfc(fabs(2 * ones - bits) / sqrt(bits) / sqrt(2.0));
}

static double
runs(const uint8_t *p, size_t n)
{
	double bits = 8.0 * (double)n, ones = 0, v = 1, pi;
	int prev = p[0] & 1;

	for (size_t i = 0; i < n; i++) {
		ones += __builtin_popcount(p[i]);
		for (int b = 0; b < 8; b++) {
			int bit = (p[i] >> b) & 1;

			if ((i > 0 || b > 0) && bit != prev)
				v++;
			prev = bit;
		}
	}
	pi = ones / bits;
	if (fabs(pi - 0.5) >= 2 / sqrt(bits))
		return 0;
	return erfc(fabs(v - 2 * bits * pi * (1 - pi)) / (2 * sqrt(2 * bits) * pi * (1 - pi)));
}

// Threshold 1e-6: a sound generator fails about once in a million runs.
static const double alpha = 1e-6;

static void
test_statistics(void)
{
	uint8_t *p = malloc(MB), seed[512];
	size_t n = entropy_gather(seed, sizeof seed, 256, NULL);
	Rng g;

	rng_init(&g, "fixed seed", 10);
	for (size_t at = 0; at < MB; at += 4096)
		rng_read(&g, p + at, 4096);
	tap_ok(monobit(p, MB) >= alpha, "fixed seed: monobit on 1 MiB, p = %.4f", monobit(p, MB));
	tap_ok(runs(p, MB) >= alpha, "fixed seed: runs on 1 MiB, p = %.4f", runs(p, MB));
	rng_init(&g, seed, n);
	rng_read(&g, p, MB);
	tap_ok(monobit(p, MB) >= alpha && runs(p, MB) >= alpha,
	       "seeded from the sources: monobit p = %.4f, runs p = %.4f", monobit(p, MB),
	       runs(p, MB));

	// Broken generators the tests must reject: one bit in 64 forced to
	// 1; and every output bit doubled (balanced, but half the runs).
	rng_read(&g, p, MB);
	for (size_t i = 0; i < MB; i += 8)
		p[i] |= 1;
	tap_ok(monobit(p, MB) < alpha, "monobit rejects a generator biased by 1/128 (p = %.2g)",
	       monobit(p, MB));
	rng_read(&g, p, MB / 2);
	for (size_t i = MB / 2; i-- > 0;) {
		unsigned v = p[i], w = 0;

		for (int b = 0; b < 8; b++)
			w |= ((v >> b) & 1u) * (3u << (2 * b));
		p[2 * i] = (uint8_t)w;
		p[2 * i + 1] = (uint8_t)(w >> 8);
	}
	tap_ok(monobit(p, MB) >= alpha && runs(p, MB) < alpha,
	       "runs rejects doubled bits that monobit passes (p = %.2g)", runs(p, MB));
	free(p);
	rng_wipe(&g);
}

static void
test_sources(void)
{
	uint8_t flat[4096], uni[4096], buf[512], j1[32], j2[32];
	EntropyInfo info;
	uint64_t a, b;

	memset(flat, 7, sizeof flat);
	for (size_t i = 0; i < sizeof uni; i++)
		uni[i] = (uint8_t)i;
	tap_ok(mcv_minentropy(flat, sizeof flat) == 0, "min-entropy estimate of a constant is 0");
	tap_ok(mcv_minentropy(uni, sizeof uni) > 7 && mcv_minentropy(uni, sizeof uni) < 8,
	       "of uniform bytes just under 8 bits (%.3f)", mcv_minentropy(uni, sizeof uni));
	jitter_collect(j1, 256);
	jitter_collect(j2, 256);
	tap_ok(memcmp(j1, j2, 32) != 0, "two jitter collections differ");
	tap_ok(jitter_collect(j1, 32) == 0, "fewer than 64 jitter samples are credited nothing");
	entropy_gather(buf, sizeof buf, 1024, &info);
	tap_diag("gather: %s %u bits, getrandom %u, jitter %u, total %u", info.hwname, info.hwbits,
	         info.osbits, info.jitterbits, info.total);
	tap_ok(info.osbits == 256 && info.total == 256, "the host build gets getrandom's 256 bits");
	if (hw_hasrdrand()) {
		tap_ok(hw_rdrand64(&a) && hw_rdrand64(&b) && a != b,
		       "RDRAND gives two different values");
	} else {
		tap_ok(!hw_rdrand64(&a) && a == 0, "no RDRAND: hw_rdrand64 fails and gives 0");
	}
	if (hw_hasrdseed()) {
		int ok = hw_rdseed64(&a);

		tap_ok(!ok || a != ~(uint64_t)0, "RDSEED value (or an honest failure)");
	} else {
		tap_ok(!hw_rdseed64(&a) && a == 0, "no RDSEED: hw_rdseed64 fails and gives 0");
	}
}

int
main(void)
{
	test_known();
	test_erasure();
	test_reseed();
	test_statistics();
	test_sources();
	return tap_done();
}
