// kernel/main.c: kmain, the boot sequence after the trampoline: serial
// console, GDT/TSS, IDT, memory, SYSCALL, the boot image, the clocks, then
// init (pid 1) and the scheduler.
#include "defs.h"
#include "lib/tar.h"
#include "sys/sys.h"

#define MB_BOOT_MAGIC 0x2badb002

char boot_cmdline[CMDLINE_MAX];
const uint8_t *boot_image;
uint64_t boot_image_len;
int cpu_has_nx;
struct cpu cpu0;

struct mbmod {
	uint32_t start, end, string, reserved;
};

// Copy the command line and find module 0 (the base image).
static void
readmultiboot(const uint32_t *mbi)
{
	if (mbi[0] & (1 << 2)) {
		const char *cmdline = P2V(mbi[4]);

		if (strlen(cmdline) >= sizeof boot_cmdline)
			kprintf("warning: boot command line longer than %d bytes: truncated\n",
			        CMDLINE_MAX - 1);
		strlcpy(boot_cmdline, cmdline, sizeof boot_cmdline);
	}
	if (!(mbi[0] & (1 << 3)) || mbi[5] == 0)
		panic("no boot module: load the base image (a ustar archive) as module 0");
	const struct mbmod *m = P2V(mbi[6]);

	if (m[0].end < m[0].start)
		panic("boot module 0 at [0x%x, 0x%x) is not usable", m[0].start, m[0].end);
	boot_image = P2V(m[0].start);
	boot_image_len = m[0].end - m[0].start;
}

// Check the whole archive once so a corrupt image is reported at boot.
static void
checkimage(void)
{
	struct tariter it;
	struct tarent e;
	char why[ERRMAX];
	int n = 0, r;

	tar_start(&it, boot_image, boot_image_len);
	while ((r = tar_next(&it, &e, why, sizeof why)) == 1)
		n++;
	if (r < 0)
		kprintf("boot image: %s (only the %d members before it are usable)\n", why, n);
	else
		kprintf("boot image: %llu bytes, %d members\n", (unsigned long long)boot_image_len,
		        n);
}

// Turn on SMEP and SMAP when the CPU has them: the kernel never runs or
// touches user pages through user addresses (uaccess.c goes through the
// direct map), so any such access is a bug to stop at once.
static void
protect_user_pages(void)
{
	uint32_t a, b, c, d;
	uint64_t cr4;

	cpuid(0, &a, &b, &c, &d);
	if (a < 7)
		return;
	cpuid(7, &a, &b, &c, &d);
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	if (b & (1 << 7))
		cr4 |= 1ULL << 20; // SMEP
	if (b & (1 << 20))
		cr4 |= 1ULL << 21; // SMAP
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
}

void kmain(uint32_t magic, uint32_t mbinfo);

void
kmain(uint32_t magic, uint32_t mbinfo)
{
	uint32_t a, b, c, d;

	uart_init();
	kprintf("Gremlin booting\n");
	if (magic != MB_BOOT_MAGIC)
		panic("not started by a Multiboot loader (magic 0x%x)", magic);
	cpuid(0x80000001, &a, &b, &c, &d);
	cpu_has_nx = (d >> 20) & 1;
	protect_user_pages();
	fpu_init();
	gdt_init();
	idt_init();
	readmultiboot(P2V(mbinfo));
	mem_init(mbinfo);
	vm_init();
	syscall_init();
	checkimage();
	boot_epoch = rtc_read_epoch();
	random_init(boot_epoch);
	timer_init();
	// Input that arrived before the PIC was set up left the UART's interrupt
	// line raised with no edge to come; drain it so the next byte makes one.
	uart_intr();
	proc_start_init();
	kprintf("starting /bin/init (command line '%s')\n", boot_cmdline);
	scheduler();
}
