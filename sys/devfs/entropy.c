// sys/devfs/entropy.c: gathering /dev/random's seed from the sources of
// entropy.h, with the timer-jitter collector and its entropy estimate.
#include <math.h>
#include <string.h>

#include "crypto/keccak.h"
#include "entropy.h"
#include "rng.h"

enum { JITTER_MAX = 4096 };

double
mcv_minentropy(const uint8_t *s, size_t n)
{
	size_t count[256] = {0}, max = 0;
	double p, pu;

	if (n < 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (++count[s[i]] > max)
			max = count[s[i]];
	p = (double)max / (double)n;
	pu = p + 2.576 * sqrt(p * (1 - p) / (double)(n - 1));
	if (pu >= 1)
		return 0;
	return -log2(pu);
}

// A short piece of work whose duration depends on the cache, the pipeline
// and interrupts: walk a buffer with a data-dependent stride.
static uint64_t
work(uint8_t *mem, size_t len, uint64_t seed)
{
	uint64_t x = seed | 1;

	for (int i = 0; i < 64; i++) {
		size_t at = (size_t)(x % len);

		mem[at] = (uint8_t)(mem[at] + (uint8_t)x);
		x = x * 6364136223846793005ull + mem[(at * 7) % len];
	}
	return x;
}

// Health checks: a delta repeated 32 times in a row means a stuck or
// coarse counter; fewer than 8 distinct low bytes means too little
// variation to trust the estimate.
static int
healthy(const uint8_t *low, int n)
{
	int seen[256] = {0}, distinct = 0, run = 1;

	for (int i = 0; i < n; i++) {
		if (!seen[low[i]]++)
			distinct++;
		run = i > 0 && low[i] == low[i - 1] ? run + 1 : 1;
		if (run >= 32)
			return 0;
	}
	return distinct >= 8;
}

unsigned
jitter_collect(uint8_t out[32], int nsamples)
{
	static uint8_t mem[4096];
	static uint8_t low[JITTER_MAX];
	uint64_t prev = 0, acc = 0;
	double bits;
	Keccak k;

	if (nsamples > JITTER_MAX)
		nsamples = JITTER_MAX;
	sha3_256_init(&k);
	for (int i = 0; i < nsamples; i++) {
		uint64_t t0 = hw_cycles(), t1, d;
		uint8_t rec[8];

		acc ^= work(mem, sizeof mem, acc + t0);
		t1 = hw_cycles();
		d = t1 - t0;
		low[i] = (uint8_t)(d - prev);
		prev = d;
		for (int j = 0; j < 8; j++)
			rec[j] = (uint8_t)(d >> (8 * j));
		keccak_update(&k, rec, sizeof rec);
	}
	keccak_update(&k, &acc, sizeof acc);
	keccak_final(&k, out, 32);
	if (nsamples < 64 || !healthy(low, nsamples))
		return 0;
	bits = mcv_minentropy(low, (size_t)nsamples) * nsamples / 4;
	return bits > 256 ? 256 : (unsigned)bits;
}

// Append a source's output to buf as tag byte, length byte, bytes.
static size_t
record(uint8_t *buf, size_t at, size_t cap, uint8_t tag, const uint8_t *p, size_t n)
{
	if (at + 2 + n > cap)
		return at;
	buf[at] = tag;
	buf[at + 1] = (uint8_t)n;
	memcpy(buf + at + 2, p, n);
	return at + 2 + n;
}

// 32 bytes from RDSEED, else RDRAND; returns the bits credited. RDSEED is
// specified as full entropy; RDRAND is a DRBG output, so it is credited
// half (a conservative choice, see docs/devfs.md).
static unsigned
hwentropy(uint8_t out[32], const char **name)
{
	int seed = hw_hasrdseed(), rand = hw_hasrdrand();
	uint64_t v;

	*name = "none";
	if (!seed && !rand)
		return 0;
	for (int i = 0; i < 4; i++) {
		if (seed && !hw_rdseed64(&v))
			seed = 0;
		if (!seed && (!rand || !hw_rdrand64(&v)))
			return 0;
		for (int j = 0; j < 8; j++)
			out[8 * i + j] = (uint8_t)(v >> (8 * j));
	}
	*name = seed ? "rdseed" : "rdrand";
	return seed ? 256 : 128;
}

size_t
entropy_gather(uint8_t *buf, size_t cap, int jittersamples, EntropyInfo *info)
{
	EntropyInfo dummy;
	uint8_t tmp[32];
	size_t at = 0;
	uint64_t t = hw_cycles();
	unsigned total;

	if (info == NULL)
		info = &dummy;
	memset(info, 0, sizeof *info);
	info->hwbits = hwentropy(tmp, &info->hwname);
	if (info->hwbits > 0)
		at = record(buf, at, cap, 'h', tmp, 32);
	if (os_entropy(tmp, 32) == 32) {
		info->osbits = 256;
		at = record(buf, at, cap, 'o', tmp, 32);
	}
	// A failed health check credits nothing; try again twice (every
	// attempt's digest is kept: it costs nothing and may help).
	for (int try = 0; try < 3 && info->jitterbits == 0; try++) {
		info->jitterbits = jitter_collect(tmp, jittersamples);
		at = record(buf, at, cap, 'j', tmp, 32);
	}
	for (int j = 0; j < 8; j++)
		tmp[j] = (uint8_t)(t >> (8 * j));
	at = record(buf, at, cap, 't', tmp, 8);
	total = info->hwbits + info->osbits + info->jitterbits;
	info->total = total > 256 ? 256 : total;
	rng_burn(tmp, sizeof tmp);
	return at;
}

size_t
entropy_reseed(uint8_t *buf, size_t cap)
{
	return entropy_gather(buf, cap, 256, NULL);
}
