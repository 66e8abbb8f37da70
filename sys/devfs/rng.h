// sys/devfs/rng.h: the generator behind /dev/random: a ChaCha20 keystream
// with fast key erasure, keyed from an entropy pool hashed with SHA3-256.
//
// The deterministic core (rng_init, rng_mix, rng_read with gather NULL) is
// a pure function of its inputs, so rng_test.c checks it with known
// answers. The design, the reseed policy and the entropy sources
// (entropy.h) are described in docs/devfs.md.
#ifndef DEVFS_RNG_H
#define DEVFS_RNG_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/keccak.h"

enum {
	RNG_KEY = 32,
	// Reseed from the entropy sources after this many requests or bytes
	// since the last reseed, whichever comes first.
	RNG_RESEED_REQS = 1024,
	RNG_RESEED_BYTES = 1 << 20,
	// ... or when this many seconds passed since it (with a clock).
	RNG_RESEED_SECS = 300,
	// A read is cut to this many bytes (9P reads are smaller anyway).
	RNG_MAXREAD = 1 << 20,
};

typedef struct Rng {
	uint8_t key[RNG_KEY]; // the ChaCha20 key; replaced after every read
	Keccak pool;          // SHA3-256 sponge of input not yet folded in
	int pending;          // the pool holds input since the last reseed
	uint64_t reqs, bytes; // reads and bytes since the last reseed
	uint64_t reseeds;     // reseeds done (tests, diagnostics)
	// Fill buf (cap bytes) with fresh entropy input for a periodic reseed;
	// return the bytes written. NULL: no periodic reseeding (tests).
	size_t (*gather)(uint8_t *buf, size_t cap);
	// Seconds on a monotonic clock, for the time-based reseed; NULL: none.
	uint64_t (*now)(void);
	uint64_t lastreseed; // now() at the last reseed
	// Entropy credited to the seed, in bits, from the sources only: data
	// written to /dev/random is mixed in but never counted.
	unsigned entropybits;
} Rng;

// Key the generator from seed (n bytes): key = SHA3-256(0^32 ||
// SHA3-256(le32(n) || seed)). gather and now are left NULL.
void rng_init(Rng *g, const void *seed, size_t n);

// Absorb n bytes of input into the pool as a record le32(n) || data; it is
// folded into the key before the next read. Never changes entropybits.
void rng_mix(Rng *g, const void *data, size_t n);

// Fold the pool into the key: key = SHA3-256(key || SHA3-256(pool)).
// Resets the request, byte and time counters of the reseed policy.
void rng_reseed(Rng *g);

// Fill out with n (at most RNG_MAXREAD) random bytes. First folds a
// non-empty pool in, and when a reseed is due and gather is set, gathers
// and folds in fresh entropy. Then, with nonce 0 and block counter 0, the
// keystream's first 32 bytes become the next key (the old one is erased)
// and the following n bytes are the output.
void rng_read(Rng *g, uint8_t *out, size_t n);

// Erase the generator's state.
void rng_wipe(Rng *g);

// Overwrite n bytes in a way the compiler may not drop.
void rng_burn(void *p, size_t n);

#endif
