// kernel/arch/x86_64/timer.c: time. The 8259 PICs are remapped to vectors
// 32-47 with only the timer (IRQ 0) and COM1 (IRQ 4) unmasked; the 8254 PIT
// ticks at HZ and drives preemption and sleeps. The monotonic clock is the
// TSC, whose rate is measured against the PIT over the first CALIB_TICKS
// ticks (no busy wait at boot); until then it is the tick count plus the
// time into the current tick read from the PIT's counter. Ticks can be
// lost while the kernel runs with interrupts off, the TSC cannot, so after
// calibration the clock keeps real time whatever the kernel does.
#include "defs.h"

#define PIC1 0x20
#define PIC2 0xa0
#define PIT_HZ 1193182
#define CALIB_TICKS 200
#define NS_PER_TICK (1000000000ULL / HZ)
#define PIT_DIV ((uint16_t)((PIT_HZ + HZ / 2) / HZ))

volatile uint64_t ticks;
static uint64_t tsc_first;
static uint64_t calib_tsc, calib_ns, mult; // ns = calib_ns + (tsc - calib_tsc) * mult / 2^32
static uint64_t last_ns;

static void
pic_init(void)
{
	outb(PIC1, 0x11); // ICW1: edge, cascade, ICW4 follows
	outb(PIC2, 0x11);
	outb(PIC1 + 1, T_IRQ0); // ICW2: vector base
	outb(PIC2 + 1, T_IRQ0 + 8);
	outb(PIC1 + 1, 4); // ICW3: slave on IRQ 2
	outb(PIC2 + 1, 2);
	outb(PIC1 + 1, 1); // ICW4: 8086 mode
	outb(PIC2 + 1, 1);
	outb(PIC1 + 1, (uint8_t) ~(1 << IRQ_TIMER | 1 << IRQ_COM1 | 1 << 2));
	outb(PIC2 + 1, 0xff);
}

void
pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2, 0x20);
	outb(PIC1, 0x20);
}

void
timer_init(void)
{
	pic_init();
	outb(0x43, 0x34); // channel 0, lobyte/hibyte, mode 2 (rate generator)
	outb(0x40, PIT_DIV & 0xff);
	outb(0x40, PIT_DIV >> 8);
}

void
timer_intr(void)
{
	uint64_t now = rdtsc();

	ticks++;
	if (ticks == 1)
		tsc_first = now;
	if (ticks == 1 + CALIB_TICKS && now > tsc_first) {
		calib_ns = clock_mono_ns();
		calib_tsc = rdtsc();
		mult = ((uint64_t)CALIB_TICKS * NS_PER_TICK << 32) / (now - tsc_first);
	}
	sched_tick();
}

// Nanoseconds into the current tick, from PIT channel 0's counter, which
// counts PIT_DIV down to 1 in mode 2: a resolution of 838 ns. Used only until
// the TSC is calibrated (the tick never pauses before then), so what a
// program measures in its first CALIB_TICKS ms is not rounded to whole ticks.
static uint64_t
pit_ns_into_tick(void)
{
	uint16_t count;

	outb(0x43, 0x00); // latch channel 0's count
	count = inb(0x40);
	count |= (uint16_t)(inb(0x40) << 8);
	if (count == 0 || count > PIT_DIV)
		return 0;
	return (uint64_t)(PIT_DIV - count) * 1000000000ULL / PIT_HZ;
}

// Nanoseconds since boot, never less than a value already returned. Before
// calibration the tick count is read before the PIT, so a tick landing in
// between can only make the sum too small, which the clamp turns into a
// short pause rather than a jump forward.
uint64_t
clock_mono_ns(void)
{
	uint64_t ns = ticks * NS_PER_TICK;

	if (mult == 0)
		ns += pit_ns_into_tick();
	else
		ns = calib_ns + (uint64_t)(((unsigned __int128)(rdtsc() - calib_tsc) * mult) >> 32);
	if (ns < last_ns)
		ns = last_ns;
	last_ns = ns;
	return ns;
}

// Whether the tick may stop while the CPU idles: only once the TSC clock is
// calibrated (time no longer depends on counting ticks).
int
timer_can_pause(void)
{
	return mult != 0;
}

// Stop (or restart) the periodic tick, for an idle CPU with nobody asleep
// on a deadline: a quiet machine then does not wake HZ times a second (nor
// does QEMU's PIT model). Pausing leaves the PIT in one-shot mode with the
// longest count, so at most one stray tick comes 55 ms later.
void
timer_pause(int pause)
{
	if (pause) {
		outb(0x43, 0x30); // channel 0, lobyte/hibyte, mode 0 (one-shot)
		outb(0x40, 0xff);
		outb(0x40, 0xff);
		return;
	}
	outb(0x43, 0x34); // back to mode 2 (rate generator)
	outb(0x40, PIT_DIV & 0xff);
	outb(0x40, PIT_DIV >> 8);
}
