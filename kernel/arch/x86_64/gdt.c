// kernel/arch/x86_64/gdt.c: the GDT (kernel and user segments in the order
// SYSCALL/SYSRET need) and the TSS, whose rsp0 is the current process's
// kernel stack and whose IST stacks catch double faults and NMIs.
#include "defs.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap;
} __attribute__((packed));

static struct tss tss;
static uint64_t gdt[7];
static uint8_t ist_df[4096] __attribute__((aligned(16)));
static uint8_t ist_nmi[4096] __attribute__((aligned(16)));

struct gdtr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

void
gdt_init(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof tss - 1;
	struct gdtr r = {sizeof gdt - 1, (uint64_t)gdt};

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffULL; // kernel code, 64-bit
	gdt[2] = 0x00cf92000000ffffULL; // kernel data
	gdt[3] = 0x00cff2000000ffffULL; // user data (DPL 3)
	gdt[4] = 0x00affa000000ffffULL; // user code, 64-bit (DPL 3)
	// A 16-byte available 64-bit TSS descriptor.
	gdt[5] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ULL << 40 |
	         ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	gdt[6] = base >> 32;
	tss.ist[0] = (uint64_t)ist_df + sizeof ist_df;
	tss.ist[1] = (uint64_t)ist_nmi + sizeof ist_nmi;
	tss.iomap = sizeof tss;
	__asm__ volatile("lgdt %0" : : "m"(r));
	__asm__ volatile("pushq %0; leaq 1f(%%rip), %%rax; pushq %%rax; lretq; 1:"
	                 :
	                 : "i"(SEG_KCODE)
	                 : "rax", "memory");
	__asm__ volatile("movw %w0, %%ds; movw %w0, %%es; movw %w0, %%ss" : : "r"(SEG_KDATA));
	__asm__ volatile("ltr %w0" : : "r"(SEG_TSS));
}

void
tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
