// sys/devfs/entropy.h: where /dev/random's seed comes from: the CPU's
// RDSEED/RDRAND (entropy_x86.c, the only file with inline assembly),
// timer jitter (entropy.c), and the kernel's getrandom on the host and on Gremlin
// (entropy_os.c). docs/devfs.md gives the estimates and why they are
// conservative.
#ifndef DEVFS_ENTROPY_H
#define DEVFS_ENTROPY_H

#include <stddef.h>
#include <stdint.h>

// entropy_x86.c. Each returns 0 when the instruction is absent or failed.
int hw_hasrdrand(void);
int hw_hasrdseed(void);
// One 64-bit value, retried as Intel's DRNG guide says: RDRAND up to 10
// times; RDSEED up to 128 times with a pause between. An all-ones result
// with the carry flag set (a known erratum of some CPUs) counts as failure.
int hw_rdrand64(uint64_t *v);
int hw_rdseed64(uint64_t *v);
// The time-stamp counter; 0 on machines without one.
uint64_t hw_cycles(void);

// entropy_os.c: n bytes from the operating system's generator (getrandom
// on the host and on Gremlin); returns n, or 0 when there is none or it failed.
size_t os_entropy(uint8_t *buf, size_t n);

// What a gathering produced, in bits credited per source.
typedef struct EntropyInfo {
	unsigned hwbits;     // RDSEED, or RDRAND when there is no RDSEED
	const char *hwname;  // "rdseed", "rdrand" or "none"
	unsigned osbits;     // getrandom
	unsigned jitterbits; // timer jitter, after the 800-90B-style estimate
	unsigned total;      // the sum, capped at 256
} EntropyInfo;

// Timer jitter: time nsamples short work loops with the cycle counter and
// hash the deltas into out (32 bytes). Returns the credited bits: a
// most-common-value min-entropy estimate on the deltas' low bytes, divided
// by 4, 0 when the health checks fail (stuck or too few distinct values).
unsigned jitter_collect(uint8_t out[32], int nsamples);

// The min-entropy estimate (bits per sample) of n samples of 8 bits:
// -log2 of the upper 99% bound of the most common value's probability.
double mcv_minentropy(const uint8_t *s, size_t n);

// Gather from every source into buf (cap at least 200 bytes), as records
// of their raw outputs; returns the bytes written. info may be NULL. The
// jitter collection is retried up to twice when its health checks fail.
size_t entropy_gather(uint8_t *buf, size_t cap, int jittersamples, EntropyInfo *info);

// entropy_gather with the periodic reseed's defaults (for Rng.gather).
size_t entropy_reseed(uint8_t *buf, size_t cap);

#endif
