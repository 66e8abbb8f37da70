// tests/guest/fault_test.c: user faults of each kind, each in a child. The
// kernel must kill only the child, with the status abi/syscall.h assigns
// (KILLSTATUS_*) and a message saying why; the parent runs on.
#include <sys/mman.h>

#include "guest.h"

static void
null_read(void *a)
{
	(void)a;
	(void)*(volatile int *)0;
}

static void
null_write(void *a)
{
	(void)a;
	*(volatile int *)0 = 1;
}

static void
text_write(void *a)
{
	(void)a;
	*(volatile unsigned char *)(uintptr_t)null_read = 0xc3;
}

static void
rodata_write(void *a)
{
	static const char ro[] = "read-only";

	(void)a;
	*(volatile char *)ro = 'R';
}

static void
kernel_read(void *a)
{
	(void)a;
	(void)*(volatile long *)0xffffffff80000000ull;
}

static void
noncanonical_read(void *a)
{
	(void)a;
	(void)*(volatile long *)0x0000800000000000ull;
}

static void
divide_zero(void *a)
{
	(void)a;
	__asm__ volatile("xorl %%ecx, %%ecx; movl $1, %%eax; xorl %%edx, %%edx; divl %%ecx" ::
	                         : "eax", "ecx", "edx");
}

static void
do_hlt(void *a)
{
	(void)a;
	__asm__ volatile("hlt");
}

static void
do_cli(void *a)
{
	(void)a;
	__asm__ volatile("cli");
}

static void
do_in(void *a)
{
	(void)a;
	__asm__ volatile("movw $0x3f8, %%dx; inb %%dx, %%al" ::: "eax", "edx");
}

static void
do_out(void *a)
{
	(void)a;
	__asm__ volatile("movw $0xf4, %%dx; movb $0, %%al; outb %%al, %%dx" ::: "eax", "edx");
}

static void
do_ud2(void *a)
{
	(void)a;
	__asm__ volatile("ud2");
}

static void
do_wrmsr(void *a)
{
	(void)a;
	__asm__ volatile("xorl %%eax, %%eax; xorl %%edx, %%edx; movl $0xc0000100, %%ecx; wrmsr" ::
	                         : "eax", "ecx", "edx");
}

// Recurses until the stack runs out; the limit is never reached in
// practice (it only keeps compilers from calling this infinite).
static volatile int depth_limit = 1 << 30;

static int
recurse(int depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	frame[511] = (char)depth;
	if (depth >= depth_limit)
		return 0;
	return recurse(depth + 1) + frame[0] + frame[511];
}

static void
stack_overflow(void *a)
{
	(void)a;
	recurse(0);
}

static void
wild_jump(void *a)
{
	(void)a;
	((void (*)(void))0xdead0000ull)();
}

static void
kernel_jump(void *a)
{
	(void)a;
	((void (*)(void))0xffffffff80100000ull)();
}

static void
noncanonical_jump(void *a)
{
	(void)a;
	((void (*)(void))0x0000800000000000ull)();
}

// Data pages are not executable (NX).
static void
exec_data(void *a)
{
	unsigned char *p =
	        mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)a;
	if (p == MAP_FAILED)
		exits(1, "mmap failed");
	p[0] = 0xc3; // ret
	((void (*)(void))p)();
	exits(2, "executed a non-executable page");
}

static void
readonly_mapping_write(void *a)
{
	char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)a;
	if (p == MAP_FAILED)
		exits(1, "mmap failed");
	if (p[100] != 0)
		exits(1, "fresh mapping not zero");
	p[100] = 1;
}

static const struct {
	const char *what;
	void (*fn)(void *);
	int status;
} faults[] = {
        {"NULL read", null_read, KILLSTATUS_SEGV},
        {"NULL write", null_write, KILLSTATUS_SEGV},
        {"write to program text", text_write, KILLSTATUS_SEGV},
        {"write to read-only data", rodata_write, KILLSTATUS_SEGV},
        {"read of kernel memory", kernel_read, KILLSTATUS_SEGV},
        {"non-canonical read", noncanonical_read, KILLSTATUS_SEGV},
        {"write to a PROT_READ mapping", readonly_mapping_write, KILLSTATUS_SEGV},
        {"divide by zero", divide_zero, KILLSTATUS_FPE},
        {"hlt", do_hlt, KILLSTATUS_ILL},
        {"cli", do_cli, KILLSTATUS_ILL},
        {"in from a port", do_in, KILLSTATUS_ILL},
        {"out to the debug-exit port", do_out, KILLSTATUS_ILL},
        {"wrmsr", do_wrmsr, KILLSTATUS_ILL},
        {"ud2", do_ud2, KILLSTATUS_ILL},
        {"stack overflow by recursion", stack_overflow, KILLSTATUS_SEGV},
        {"jump to an unmapped address", wild_jump, KILLSTATUS_SEGV},
        {"jump into the kernel half", kernel_jump, KILLSTATUS_SEGV},
        {"jump to a non-canonical address", noncanonical_jump, KILLSTATUS_SEGV},
        {"execute a data page (NX)", exec_data, KILLSTATUS_SEGV},
};

int
main(void)
{
	struct waitmsg w;

	for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
		int r = in_child_timeout(faults[i].fn, NULL, &w, 5000);
		if (r < 0)
			continue;
		tap_ok(r == 0 && w.status == faults[i].status && w.msg[0] != '\0',
		       "%s: status %d (want %d), message \"%s\"%s", faults[i].what, w.status,
		       faults[i].status, w.msg, r == 1 ? " (hung: killed after 5 s)" : "");
	}
	tap_ok(getpid() > 1, "the parent runs on after all the faults");
	guest_done();
}
