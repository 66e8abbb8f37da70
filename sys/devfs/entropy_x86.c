// sys/devfs/entropy_x86.c: the CPU's random-number and cycle-counter
// instructions: CPUID feature bits, RDRAND, RDSEED, RDTSC. The only file of
// devfs with inline assembly; elsewhere than x86-64 every source reports
// itself absent.
#include "entropy.h"

#if defined(__x86_64__)

static void
cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
	                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
	                 : "a"(leaf), "c"(sub));
}

// CPUID.1:ECX bit 30 is RDRAND.
int
hw_hasrdrand(void)
{
	uint32_t r[4];

	cpuid(0, 0, r);
	if (r[0] < 1)
		return 0;
	cpuid(1, 0, r);
	return (r[2] >> 30) & 1;
}

// CPUID.(EAX=7,ECX=0):EBX bit 18 is RDSEED.
int
hw_hasrdseed(void)
{
	uint32_t r[4];

	cpuid(0, 0, r);
	if (r[0] < 7)
		return 0;
	cpuid(7, 0, r);
	return (r[1] >> 18) & 1;
}

// One attempt: the carry flag says whether v is valid.
static int
rdrand1(uint64_t *v)
{
	unsigned char ok;

	__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
	return ok;
}

static int
rdseed1(uint64_t *v)
{
	unsigned char ok;

	__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
	return ok;
}

// Intel: RDRAND failing 10 times in a row means the hardware is broken.
int
hw_rdrand64(uint64_t *v)
{
	for (int i = 0; i < 10; i++)
		if (rdrand1(v) && *v != ~(uint64_t)0)
			return 1;
	*v = 0;
	return 0;
}

// Intel: RDSEED may run dry under load; retry after a pause, and give up
// (the caller falls back) rather than spin for ever.
int
hw_rdseed64(uint64_t *v)
{
	for (int i = 0; i < 128; i++) {
		if (rdseed1(v) && *v != ~(uint64_t)0)
			return 1;
		__asm__ volatile("pause");
	}
	*v = 0;
	return 0;
}

uint64_t
hw_cycles(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

#else

int
hw_hasrdrand(void)
{
	return 0;
}

int
hw_hasrdseed(void)
{
	return 0;
}

int
hw_rdrand64(uint64_t *v)
{
	*v = 0;
	return 0;
}

int
hw_rdseed64(uint64_t *v)
{
	*v = 0;
	return 0;
}

uint64_t
hw_cycles(void)
{
	return 0;
}

#endif
