// kernel/arch/x86_64/power.c: turning the machine off or restarting it.
#include "defs.h"

// Power off: QEMU's isa-debug-exit device (exit code (status << 1) | 1),
// then ACPI S5 on QEMU's PIIX4 (port 0x604) and Bochs/old QEMU (0xb004),
// then halt for good.
void
machine_poweroff(int status)
{
	cli();
	outl(0xf4, (uint32_t)status);
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000);
	kprintf("poweroff did not take effect; halted\n");
	for (;;)
		halt();
}

// Restart: pulse the reset line through the keyboard controller; if that
// does nothing, triple-fault with an empty IDT.
void
machine_restart(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) empty = {0, 0};

	cli();
	for (int i = 0; i < 100000 && (inb(0x64) & 2); i++)
		;
	outb(0x64, 0xfe);
	__asm__ volatile("lidt %0; int $3" : : "m"(empty));
	for (;;)
		halt();
}
