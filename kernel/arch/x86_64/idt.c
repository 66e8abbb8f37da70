// kernel/arch/x86_64/idt.c: the interrupt descriptor table. Vectors 0-47
// go to the stubs in trapasm.S; double faults and NMIs run on IST stacks.
#include "defs.h"

#define NVEC 48

struct gate {
	uint16_t off0, sel;
	uint8_t ist, type;
	uint16_t off1;
	uint32_t off2, zero;
} __attribute__((packed));

static struct gate idt[256];
extern uint64_t trap_vectors[NVEC];

static void
setgate(int v, uint64_t handler, int ist, int dpl)
{
	idt[v].off0 = handler & 0xffff;
	idt[v].sel = SEG_KCODE;
	idt[v].ist = (uint8_t)ist;
	idt[v].type = (uint8_t)(0x8e | dpl << 5); // present, 64-bit interrupt gate
	idt[v].off1 = (handler >> 16) & 0xffff;
	idt[v].off2 = (uint32_t)(handler >> 32);
	idt[v].zero = 0;
}

void
idt_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) r = {sizeof idt - 1, (uint64_t)idt};

	for (int v = 0; v < NVEC; v++)
		setgate(v, trap_vectors[v], 0, 0);
	setgate(T_DBLFLT, trap_vectors[T_DBLFLT], 1, 0);
	setgate(T_NMI, trap_vectors[T_NMI], 2, 0);
	setgate(T_BRKPT, trap_vectors[T_BRKPT], 0, 3);
	__asm__ volatile("lidt %0" : : "m"(r));
}
