// kernel/arch/x86_64/entropy.c: the CPU's hardware random sources, RDSEED
// and RDRAND, when CPUID says they exist. Each instruction may fail (carry
// clear) when its generator is drained, so callers retry a bounded number of
// times; an all-ones result is also treated as a failure (some AMD parts
// return it with carry set after a bad suspend/resume).
#include "defs.h"

#define HWRAND_TRIES 32

static int have_rdrand, have_rdseed;

void
entropy_cpu_init(void)
{
	uint32_t a, b, c, d;

	cpuid(0, &a, &b, &c, &d);
	if (a >= 7) {
		uint32_t max = a;

		cpuid(7, &a, &b, &c, &d);
		have_rdseed = max >= 7 && ((b >> 18) & 1);
	}
	cpuid(1, &a, &b, &c, &d);
	have_rdrand = (c >> 30) & 1;
}

int
entropy_have_rdrand(void)
{
	return have_rdrand;
}

int
entropy_have_rdseed(void)
{
	return have_rdseed;
}

// One 64-bit value from RDRAND; 0 after HWRAND_TRIES failures.
int
entropy_rdrand(uint64_t *v)
{
	if (!have_rdrand)
		return 0;
	for (int i = 0; i < HWRAND_TRIES; i++) {
		uint64_t x;
		uint8_t ok;

		__asm__ volatile("rdrand %0; setc %1" : "=r"(x), "=qm"(ok) : : "cc");
		if (ok && x != ~0ULL) {
			*v = x;
			return 1;
		}
	}
	return 0;
}

// One 64-bit value from RDSEED (full entropy, slower); 0 after
// HWRAND_TRIES failures, with a pause between tries as Intel advises.
int
entropy_rdseed(uint64_t *v)
{
	if (!have_rdseed)
		return 0;
	for (int i = 0; i < HWRAND_TRIES; i++) {
		uint64_t x;
		uint8_t ok;

		__asm__ volatile("rdseed %0; setc %1" : "=r"(x), "=qm"(ok) : : "cc");
		if (ok && x != ~0ULL) {
			*v = x;
			return 1;
		}
		__asm__ volatile("pause");
	}
	return 0;
}
