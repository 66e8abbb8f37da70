// kernel/dev/random.c: the kernel's random generator, behind getrandom and
// exec's AT_RANDOM bytes. A ChaCha20 key (lib/chacha.c) with fast key
// erasure: every request runs the block function under the current key,
// the first 32 bytes of its output become the next key at once and only the
// bytes after them are handed out, so a later compromise of the key reveals
// nothing already given. The key is seeded at boot from RDSEED or RDRAND
// (when CPUID has them), TSC jitter and the RTC, and reseeded at most every
// RESEED_NS from RDRAND and the TSC. It never blocks: without RDRAND the
// seed is only as good as TSC jitter and the clock (docs/kernel.md).
#include "defs.h"
#include "lib/chacha.h"

#define RESEED_NS 1000000000ULL // reseed at most once a second
#define OUTBLOCKS 5             // blocks a step makes: 32 key bytes + 288 out

static uint8_t key[CHACHA_KEYLEN];
static uint64_t generation; // distinct nonce for every step
static uint64_t last_reseed;
static int seeded_hw; // the seed had hardware entropy

static void
erase(void *p, uint64_t n)
{
	volatile uint8_t *v = p;

	while (n--)
		*v++ = 0;
}

// One fast-key-erasure step: a new key, and up to RANDOM_STEP bytes out.
static void
step(uint8_t *out, uint64_t n)
{
	uint8_t buf[OUTBLOCKS * CHACHA_BLOCKLEN], nonce[CHACHA_NONCELEN] = {0};

	generation++;
	for (int i = 0; i < 8; i++)
		nonce[i] = (uint8_t)(generation >> (8 * i));
	for (uint32_t b = 0; b < OUTBLOCKS; b++)
		chacha20_block(buf + b * CHACHA_BLOCKLEN, key, b, nonce);
	memcpy(key, buf, CHACHA_KEYLEN);
	if (n > 0)
		memcpy(out, buf + CHACHA_KEYLEN, n);
	erase(buf, sizeof buf);
}

// Fold entropy into the key (XOR, then a step, so every key bit depends on
// all of it).
static void
mix(const void *e, uint64_t n)
{
	const uint8_t *s = e;

	for (uint64_t i = 0; i < n; i++)
		key[i % CHACHA_KEYLEN] ^= s[i];
	step(NULL, 0);
}

// Timing jitter: the low bits of TSC differences across a loop of memory
// work, whose timing varies with caches, interrupts and (under emulation)
// the host. Weak alone; always mixed with everything else.
static void
tsc_jitter(uint8_t pool[CHACHA_KEYLEN])
{
	static volatile uint8_t scratch[4096];
	uint64_t prev = rdtsc();

	for (int i = 0; i < 1024; i++) {
		uint64_t now, d;

		for (int j = 0; j < 64; j++)
			scratch[(uint64_t)(i * 97 + j * 61) % sizeof scratch] += (uint8_t)j;
		now = rdtsc();
		d = now - prev;
		prev = now;
		pool[i % CHACHA_KEYLEN] ^= (uint8_t)(d ^ (d >> 8));
		pool[(i + 7) % CHACHA_KEYLEN] += (uint8_t)(d >> 3);
	}
}

// Hardware words: RDSEED first (full entropy), else RDRAND; XORed with the
// TSC. Returns how many of the 4 words came from hardware.
static int
hw_words(uint64_t w[4], int seed)
{
	int got = 0;

	for (int i = 0; i < 4; i++) {
		uint64_t v = 0;

		if ((seed && entropy_rdseed(&v)) || entropy_rdrand(&v))
			got++;
		w[i] = v ^ rdtsc();
	}
	return got;
}

// Seed the key at boot; epoch is the RTC's time (seconds since 1970).
void
random_init(int64_t epoch)
{
	uint8_t pool[CHACHA_KEYLEN] = {0};
	uint64_t w[4];
	int hw;

	entropy_cpu_init();
	hw = hw_words(w, 1);
	mix(w, sizeof w);
	tsc_jitter(pool);
	mix(pool, sizeof pool);
	mix(&epoch, sizeof epoch);
	erase(pool, sizeof pool);
	erase(w, sizeof w);
	// The clock is not running yet (timer_init comes later): the first
	// reseed is due a second after boot.
	seeded_hw = hw == 4;
	last_reseed = 0;
	if (seeded_hw)
		kprintf("random: seeded from %s, TSC jitter and the RTC\n",
		        entropy_have_rdseed() ? "RDSEED" : "RDRAND");
	else
		kprintf("random: no working RDSEED/RDRAND: seeded from TSC jitter and the RTC "
		        "only (weak; getrandom does not block)\n");
}

// Reseed from RDRAND (when there is one) and the TSC, if RESEED_NS passed.
static void
reseed_if_due(void)
{
	uint64_t now = clock_mono_ns(), w[4];

	if (now - last_reseed < RESEED_NS)
		return;
	last_reseed = now;
	hw_words(w, 0);
	w[0] ^= now;
	mix(w, sizeof w);
	erase(w, sizeof w);
}

void
random_bytes(void *out, uint64_t n)
{
	uint8_t *o = out;

	reseed_if_due();
	while (n > 0) {
		uint64_t k = n < RANDOM_STEP ? n : RANDOM_STEP;

		step(o, k);
		o += k;
		n -= k;
	}
}

int
random_hw_seeded(void)
{
	return seeded_hw;
}
