// kernel/arch/x86_64/syscall_init.c: turn on SYSCALL/SYSRET and point the
// GS bases at the per-CPU struct (kernel GS while in the kernel, 0 for user).
#include "defs.h"

void
syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	// SYSCALL loads CS = 0x08, SS = 0x10; SYSRET loads CS = 0x10 + 16 | 3
	// (user code) and SS = 0x10 + 8 | 3 (user data).
	wrmsr(MSR_STAR, (uint64_t)(SEG_KDATA | 3) << 48 | (uint64_t)SEG_KCODE << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	// Mask IF, TF, DF, AC and NT on entry.
	wrmsr(MSR_FMASK, 0x200 | 0x100 | 0x400 | 0x40000 | 0x4000);
	wrmsr(MSR_GS_BASE, (uint64_t)&cpu0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}
