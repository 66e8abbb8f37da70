// kernel/arch/x86_64/fpu.c: x87/SSE state. The kernel itself never touches
// it (built with -mno-sse), so a process's registers stay live while it is
// in the kernel; they are saved with FXSAVE when it is switched out and
// restored when it runs again.
#include "defs.h"

void
fpu_init(void)
{
	uint64_t cr0, cr4;

	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 & ~(1ULL << 2)) | (1ULL << 1); // EM off, MP on
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	cr4 |= (1ULL << 9) | (1ULL << 10); // OSFXSR, OSXMMEXCPT
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
	__asm__ volatile("fninit");
}

void
fpu_save(uint8_t *area)
{
	__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

void
fpu_restore(const uint8_t *area)
{
	__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

// The state of a freshly exec'd program: x87 control word 0x37f (all
// exceptions masked, extended precision), MXCSR 0x1f80.
void
fpu_default(uint8_t *area)
{
	uint32_t mxcsr = 0x1f80;

	memset(area, 0, FXSAVE_SIZE);
	area[0] = 0x7f;
	area[1] = 0x03;
	memcpy(area + 24, &mxcsr, 4);
}
