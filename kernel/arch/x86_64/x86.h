// kernel/arch/x86_64/x86.h: x86-64 instructions as inline functions, the
// segment selectors, MSR numbers and the trap frame layout shared by the
// assembly entry points (trapasm.S, syscall.S) and C.
#ifndef X86_H
#define X86_H

#include <stdint.h>

// GDT layout (gdt.c). The order of UDATA before UCODE is what SYSRET needs.
#define SEG_KCODE 0x08
#define SEG_KDATA 0x10
#define SEG_UDATA (0x18 | 3)
#define SEG_UCODE (0x20 | 3)
#define SEG_TSS 0x28

#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102

#define EFER_SCE 1
#define EFER_NXE (1 << 11)

#define RFLAGS_IF 0x200

// Interrupt vectors.
#define T_DIVIDE 0
#define T_DEBUG 1
#define T_NMI 2
#define T_BRKPT 3
#define T_OFLOW 4
#define T_BOUND 5
#define T_ILLOP 6
#define T_DEVICE 7
#define T_DBLFLT 8
#define T_TSS 10
#define T_SEGNP 11
#define T_STACK 12
#define T_GPFLT 13
#define T_PGFLT 14
#define T_FPERR 16
#define T_ALIGN 17
#define T_MCHK 18
#define T_SIMDERR 19
#define T_IRQ0 32
#define IRQ_TIMER 0
#define IRQ_COM1 4
#define T_SYSCALL 256 // not a vector: marks a frame built by syscall_entry

// The registers saved on the kernel stack on every entry from user mode or
// interrupt. trapasm.S and syscall.S push exactly this layout.
struct trapframe {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, err;
	uint64_t rip, cs, rflags, rsp, ss;
};

// Per-CPU data reached through %gs in the syscall entry. Offsets are used by
// syscall.S: keep kstack_top first and user_rsp second.
struct cpu {
	uint64_t kstack_top;
	uint64_t user_rsp;
	uint64_t sched_rsp;
	struct proc *proc;
};

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void
outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void
outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t
rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void
wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t
rcr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t
rcr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void
lcr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void
invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void
cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static inline void
cli(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline void
halt(void)
{
	__asm__ volatile("hlt" ::: "memory");
}

// Wait for an interrupt with interrupts enabled only while halted; the STI
// shadow makes "sti; hlt" free of the lost-wakeup race.
static inline void
idle_halt(void)
{
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

#endif
