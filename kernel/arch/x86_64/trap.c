// kernel/arch/x86_64/trap.c: what happens on an exception or interrupt.
// Device interrupts go to their drivers; an exception in user mode kills
// only that process, with one log line saying why; an exception in the
// kernel prints the registers and a symbolised backtrace and halts.
#include "defs.h"
#include "lib/fmt.h"

static const char *const excname[32] = {
        [T_DIVIDE] = "divide error",
        [T_DEBUG] = "debug exception",
        [T_NMI] = "non-maskable interrupt",
        [T_BRKPT] = "breakpoint",
        [T_OFLOW] = "overflow",
        [T_BOUND] = "bound range exceeded",
        [T_ILLOP] = "invalid opcode",
        [T_DEVICE] = "device not available (floating point)",
        [T_DBLFLT] = "double fault",
        [T_TSS] = "invalid TSS",
        [T_SEGNP] = "segment not present",
        [T_STACK] = "stack-segment fault",
        [T_GPFLT] = "general protection",
        [T_PGFLT] = "page fault",
        [T_FPERR] = "x87 floating-point error",
        [T_ALIGN] = "alignment check",
        [T_MCHK] = "machine check",
        [T_SIMDERR] = "SIMD floating-point error",
};

void
dump_regs(const struct trapframe *tf)
{
	kprintf("rip %016llx cs %llx rflags %llx rsp %016llx ss %llx\n",
	        (unsigned long long)tf->rip, (unsigned long long)tf->cs,
	        (unsigned long long)tf->rflags, (unsigned long long)tf->rsp,
	        (unsigned long long)tf->ss);
	kprintf("rax %016llx rbx %016llx rcx %016llx rdx %016llx\n", (unsigned long long)tf->rax,
	        (unsigned long long)tf->rbx, (unsigned long long)tf->rcx,
	        (unsigned long long)tf->rdx);
	kprintf("rsi %016llx rdi %016llx rbp %016llx r8  %016llx\n", (unsigned long long)tf->rsi,
	        (unsigned long long)tf->rdi, (unsigned long long)tf->rbp,
	        (unsigned long long)tf->r8);
	kprintf("r9  %016llx r10 %016llx r11 %016llx r12 %016llx\n", (unsigned long long)tf->r9,
	        (unsigned long long)tf->r10, (unsigned long long)tf->r11,
	        (unsigned long long)tf->r12);
	kprintf("r13 %016llx r14 %016llx r15 %016llx cr2 %016llx\n", (unsigned long long)tf->r13,
	        (unsigned long long)tf->r14, (unsigned long long)tf->r15,
	        (unsigned long long)rcr2());
}

// Print a code address with its symbol. A return address is looked up one
// byte back: a call that ends a function returns past the function's end.
static void
printsym(uint64_t pc, int isret)
{
	uint64_t off;
	const char *name = ksym_lookup(pc - (uint64_t)isret, &off);

	off += (uint64_t)isret;
	if (name)
		kprintf("  %016llx %s+0x%llx\n", (unsigned long long)pc, name,
		        (unsigned long long)off);
	else
		kprintf("  %016llx ?\n", (unsigned long long)pc);
}

// Walk the frame-pointer chain (the kernel is built with frame pointers),
// stopping at anything that is not a kernel address.
void
backtrace(uint64_t rbp)
{
	kprintf("backtrace:\n");
	for (int depth = 0; depth < 32; depth++) {
		if (rbp < KERNBASE || rbp % 8 != 0)
			break;
		uint64_t *frame = (uint64_t *)rbp;

		printsym(frame[1], 1);
		rbp = frame[0];
	}
}

static void
kernelfault(struct trapframe *tf)
{
	const char *name = tf->vector < 32 ? excname[tf->vector] : NULL;

	kprintf("panic: kernel %s (vector %llu, error %llx)\n", name ? name : "exception",
	        (unsigned long long)tf->vector, (unsigned long long)tf->err);
	dump_regs(tf);
	printsym(tf->rip, 0);
	backtrace(tf->rbp);
	for (;;)
		halt();
}

// Whether the instruction at rip is one user mode may not execute (the
// usual cause of a #GP that is not about an address): hlt, cli/sti,
// in/out/ins/outs, and the 0F-prefixed system instructions.
static int
privileged(struct proc *p, uint64_t rip)
{
	uint8_t b[16];
	int n, i = 0;

	for (n = 0; n < (int)sizeof b && copyin(&p->as, &b[n], rip + (uint64_t)n, 1) == 0; n++)
		;
	// Skip legacy prefixes and REX.
	while (i < n && (b[i] == 0x66 || b[i] == 0x67 || b[i] == 0xf2 || b[i] == 0xf3 ||
	                 b[i] == 0x2e || b[i] == 0x36 || b[i] == 0x3e || b[i] == 0x26 ||
	                 b[i] == 0x64 || b[i] == 0x65 || (b[i] & 0xf0) == 0x40))
		i++;
	if (i >= n)
		return 0;
	switch (b[i]) {
	case 0xf4: // hlt
	case 0xfa: // cli
	case 0xfb: // sti
	case 0xe4:
	case 0xe5:
	case 0xe6:
	case 0xe7: // in/out imm8
	case 0xec:
	case 0xed:
	case 0xee:
	case 0xef: // in/out dx
	case 0x6c:
	case 0x6d:
	case 0x6e:
	case 0x6f: // ins/outs
		return 1;
	case 0x0f:
		if (i + 1 >= n)
			return 0;
		switch (b[i + 1]) {
		case 0x00: // lldt, ltr, ...
		case 0x01: // lgdt, lidt, lmsw, invlpg, swapgs, ...
		case 0x06: // clts
		case 0x07: // sysret
		case 0x08: // invd
		case 0x09: // wbinvd
		case 0x20:
		case 0x21:
		case 0x22:
		case 0x23: // mov to/from CR, DR
		case 0x30: // wrmsr
		case 0x32: // rdmsr
		case 0x33: // rdpmc
			return 1;
		}
	}
	return 0;
}

// Describe a user-mode exception and the exit status it maps to.
static int32_t
usercause(struct proc *p, struct trapframe *tf, char *why, int n)
{
	unsigned long long rip = tf->rip;

	switch (tf->vector) {
	case T_PGFLT:
		return vm_fault(p, rcr2(), tf->err, tf->rip, why, n);
	case T_DIVIDE:
		fmt(why, (size_t)n, "divide error at rip 0x%llx", rip);
		return KILLSTATUS_FPE;
	case T_FPERR:
	case T_SIMDERR:
		fmt(why, (size_t)n, "%s at rip 0x%llx", excname[tf->vector], rip);
		return KILLSTATUS_FPE;
	case T_ILLOP:
		fmt(why, (size_t)n, "invalid opcode at rip 0x%llx", rip);
		return KILLSTATUS_ILL;
	case T_GPFLT:
		if (privileged(p, tf->rip)) {
			fmt(why, (size_t)n,
			    "general protection (privileged instruction) at rip 0x%llx", rip);
			return KILLSTATUS_ILL;
		}
		fmt(why, (size_t)n,
		    "general protection (non-canonical address or bad segment) at rip 0x%llx", rip);
		return KILLSTATUS_SEGV;
	case T_DEVICE:
		fmt(why, (size_t)n,
		    "floating point is not enabled yet (device not available) at rip 0x%llx", rip);
		return KILLSTATUS_ILL;
	default:
		fmt(why, (size_t)n, "%s at rip 0x%llx",
		    tf->vector < 32 && excname[tf->vector] ? excname[tf->vector] : "exception",
		    rip);
		return KILLSTATUS_SEGV;
	}
}

static void
irq(struct trapframe *tf)
{
	int n = (int)tf->vector - T_IRQ0;

	if (n == IRQ_TIMER) {
		pic_eoi(n);
		timer_intr();
	} else if (n == IRQ_COM1) {
		uart_intr();
		pic_eoi(n);
	} else if (n == 7 || n == 15) {
		// Spurious interrupts from the 8259 need no EOI on the master.
		if (n == 15)
			pic_eoi(2);
	} else {
		pic_eoi(n);
	}
}

void
trap(struct trapframe *tf)
{
	struct proc *p = curproc();
	int user = (tf->cs & 3) == 3;

	if (tf->vector >= T_IRQ0) {
		irq(tf);
		if (user && p && tf->vector == T_IRQ0 + IRQ_TIMER && p->slice == 0 && !p->killed)
			yield();
		// A note may have come while it waited for the CPU.
		if (user && p && p->killed)
			proc_exit(p, p->xstatus, p->xmsg);
		if (user && p)
			note_deliver(p, tf);
		return;
	}
	if (tf->vector == T_NMI) {
		// Not the running process's doing; QEMU sends one on `nmi` in its monitor.
		kprintf("NMI received (rip 0x%llx)\n", (unsigned long long)tf->rip);
		return;
	}
	if (!user || p == NULL || tf->vector == T_MCHK || tf->vector == T_DBLFLT)
		kernelfault(tf);
	char why[WAITMSG_LEN];
	int32_t status = usercause(p, tf, why, sizeof why);

	if (status != 0)
		proc_kill(p, status, why);
	if (p->killed)
		proc_exit(p, p->xstatus, p->xmsg);
	note_deliver(p, tf);
}
