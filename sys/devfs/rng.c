// sys/devfs/rng.c: the deterministic core of /dev/random (see rng.h):
// the SHA3-256 pool, reseeding, and ChaCha20 output with fast key erasure.
#include <string.h>

#include "chacha.h"
#include "rng.h"

void
rng_burn(void *p, size_t n)
{
	memset(p, 0, n);
	__asm__ volatile("" : : "r"(p) : "memory");
}

void
rng_mix(Rng *g, const void *data, size_t n)
{
	uint8_t len[4] = {(uint8_t)n, (uint8_t)(n >> 8), (uint8_t)(n >> 16), (uint8_t)(n >> 24)};

	keccak_update(&g->pool, len, sizeof len);
	keccak_update(&g->pool, data, n);
	g->pending = 1;
}

void
rng_reseed(Rng *g)
{
	uint8_t d[32];
	Keccak k;

	keccak_final(&g->pool, d, sizeof d);
	sha3_256_init(&g->pool);
	sha3_256_init(&k);
	keccak_update(&k, g->key, sizeof g->key);
	keccak_update(&k, d, sizeof d);
	keccak_final(&k, g->key, sizeof g->key);
	rng_burn(d, sizeof d);
	g->pending = 0;
	g->reqs = 0;
	g->bytes = 0;
	g->reseeds++;
	g->lastreseed = g->now != NULL ? g->now() : 0;
}

void
rng_init(Rng *g, const void *seed, size_t n)
{
	memset(g, 0, sizeof *g);
	sha3_256_init(&g->pool);
	rng_mix(g, seed, n);
	rng_reseed(g);
	g->reseeds = 0;
}

// Whether the periodic reseed is due.
static int
due(const Rng *g)
{
	if (g->reqs >= RNG_RESEED_REQS || g->bytes >= RNG_RESEED_BYTES)
		return 1;
	return g->now != NULL && g->now() - g->lastreseed >= RNG_RESEED_SECS;
}

void
rng_read(Rng *g, uint8_t *out, size_t n)
{
	static const uint8_t nonce[CHACHA_NONCE];
	uint8_t blk[CHACHA_BLOCK], fresh[256];
	uint32_t ctr = 1;
	size_t take;

	if (n > RNG_MAXREAD)
		n = RNG_MAXREAD;
	if (g->gather != NULL && due(g)) {
		size_t k = g->gather(fresh, sizeof fresh);

		rng_mix(g, fresh, k);
		rng_burn(fresh, sizeof fresh);
	}
	if (g->pending)
		rng_reseed(g);
	// Block 0: the next key, then the first 32 bytes of output.
	chacha20_block(g->key, 0, nonce, blk);
	take = n < 32 ? n : 32;
	memcpy(out, blk + 32, take);
	out += take;
	if (n > take)
		chacha20_stream(g->key, ctr, nonce, out, n - take);
	memcpy(g->key, blk, RNG_KEY);
	rng_burn(blk, sizeof blk);
	g->reqs++;
	g->bytes += n;
}

void
rng_wipe(Rng *g)
{
	rng_burn(g, sizeof *g);
}
