// lib/c/arch/x86_64/tls.c: the main thread's TLS block and stack canary.
//
// x86-64 uses TLS "variant II": %fs points at the thread control block
// (struct tcb, internal.h), whose first word points to itself, and the
// program's static TLS data (the PT_TLS segment: .tdata copied, .tbss
// zeroed) lies immediately below it. -fstack-protector code reads its
// canary from %fs:0x28. The canary comes from the 16 random bytes the kernel
// points AT_RANDOM at, else from rdrand, else from the time-stamp counter.
#include <errno.h>
#include <gremlin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "../../internal.h"

_Static_assert(offsetof(struct tcb, stack_guard) == 0x28, "canary must be at %fs:0x28");

#define PT_TLS 7

struct elf64_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

// Until __tls_init has set %fs, nothing may run with a stack-protected
// frame (it would read the canary from address 0x28): the calls made from
// here (getauxval, memcpy, memset, mmap, rawsyscall) have no local arrays,
// so -fstack-protector-strong leaves them alone.

// The ELF header of this program, mapped with its first segment.
extern const struct elf64_ehdr __ehdr_start __attribute__((weak));

// The TCB and TLS of programs whose TLS fits here live in .bss.
static _Alignas(64) unsigned char static_block[1024];

static const struct elf64_phdr *
find_tls(void)
{
	const struct elf64_phdr *ph;
	int i;

	if (&__ehdr_start == NULL)
		return NULL;
	ph = (const struct elf64_phdr *)((const char *)&__ehdr_start + __ehdr_start.phoff);
	for (i = 0; i < __ehdr_start.phnum; i++)
		if (ph[i].type == PT_TLS)
			return &ph[i];
	return NULL;
}

static int
has_rdrand(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (c >> 30) & 1;
}

static uint64_t
random_canary(void)
{
	const unsigned char *r = (const unsigned char *)(uintptr_t)getauxval(AT_RANDOM);
	uint64_t v = 0, lo, hi;
	int i, ok = 0;

	if (r) {
		memcpy(&v, r, sizeof v);
		ok = 1;
	}
	for (i = 0; !ok && i < 10 && has_rdrand(); i++)
		__asm__ volatile("rdrand %0; setc %b1" : "=r"(v), "=q"(ok));
	if (!ok) {
		__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
		v = (hi << 32 | lo) * 0x9e3779b97f4a7c15ull;
		v ^= (uint64_t)(uintptr_t)&v * 0xff51afd7ed558ccdull;
	}
	// A zero low byte stops string overflows from copying the canary.
	return v & ~(uint64_t)0xff;
}

// errno's home until the TLS block exists.
static int early_errno;
static int tls_ready;

// The thread pointer for a block at base: TLS data of size bytes fits
// below it, and it is aligned for both the data and the TCB.
static struct tcb *
place(unsigned char *base, size_t size, size_t align)
{
	uintptr_t tp = ((uintptr_t)base + size + align - 1) & ~(uintptr_t)(align - 1);

	return (struct tcb *)tp;
}

void
__tls_init(void)
{
	const struct elf64_phdr *tls = find_tls();
	size_t align = 64, size = 0;
	unsigned char *block = static_block;
	struct tcb *t;
	int64_t r;

	if (tls) {
		size_t a = tls->align > 1 ? tls->align : 1;
		size = (tls->memsz + a - 1) & ~(a - 1);
		if (a > align)
			align = a;
	}
	t = place(block, size, align);
	if ((unsigned char *)(t + 1) > static_block + sizeof static_block) {
		block = mmap(NULL, size + align + sizeof *t, PROT_READ | PROT_WRITE,
		             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (block == MAP_FAILED)
			exits(127, "no memory for the TLS block");
		t = place(block, size, align);
	}
	if (tls) {
		memcpy((char *)t - size, (const void *)(uintptr_t)tls->vaddr, tls->filesz);
		memset((char *)t - size + tls->filesz, 0, size - tls->filesz);
	}
	t->self = t;
	t->self2 = t;
	t->stack_guard = random_canary();
	t->pointer_guard = random_canary();
	r = rawsyscall(SYS_arch_prctl, ARCH_SET_FS, (int64_t)(uintptr_t)t, 0, 0, 0, 0);
	if (r < 0) {
		static const char msg[] = "lib/c: arch_prctl(ARCH_SET_FS) failed: no TLS\n";
		rawsyscall(SYS_write, 2, (int64_t)msg, sizeof msg - 1, 0, 0, 0);
		exits(127, "arch_prctl(ARCH_SET_FS) failed");
	}
	t->errno_value = early_errno;
	tls_ready = 1;
}

struct tcb *
__tcb(void)
{
	struct tcb *t;

	__asm__("movq %%fs:0, %0" : "=r"(t));
	return t;
}

int *
__errno_location(void)
{
	return tls_ready ? &__tcb()->errno_value : &early_errno;
}
