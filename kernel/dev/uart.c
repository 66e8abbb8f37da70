// kernel/dev/uart.c: the COM1 16550 UART at 115200 baud, 8N1. Output is
// polled; input raises IRQ 4 and goes to the console line discipline.
#include "defs.h"

#define COM1 0x3f8
#define THR 0 // transmit holding register
#define RBR 0 // receive buffer register
#define IER 1 // interrupt enable
#define FCR 2 // FIFO control
#define LCR 3 // line control
#define MCR 4 // modem control
#define LSR 5 // line status
#define LSR_DR 0x01
#define LSR_THRE 0x20

void
uart_init(void)
{
	char early[16];
	int n = 0;

	// Keep what was typed before boot: enabling the FIFOs clears them.
	while (n < (int)sizeof early && (inb(COM1 + LSR) & LSR_DR))
		early[n++] = (char)inb(COM1 + RBR);
	outb(COM1 + IER, 0);
	outb(COM1 + LCR, 0x80); // DLAB: set the divisor
	outb(COM1 + 0, 1);      // 115200 = 115200 / 1
	outb(COM1 + 1, 0);
	outb(COM1 + LCR, 0x03); // 8 bits, no parity, 1 stop
	outb(COM1 + FCR, 0x07); // enable and clear FIFOs
	outb(COM1 + MCR, 0x0b); // DTR, RTS, OUT2 (routes the IRQ)
	outb(COM1 + IER, 0x01); // interrupt on received data
	for (int i = 0; i < n; i++)
		cons_input(early[i]);
}

void
uart_putc(char c)
{
	while (!(inb(COM1 + LSR) & LSR_THRE))
		;
	outb(COM1 + THR, (uint8_t)c);
}

// Write n bytes, turning "\n" into "\r\n" for the terminal.
void
uart_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

void
uart_intr(void)
{
	while (inb(COM1 + LSR) & LSR_DR)
		cons_input((char)inb(COM1 + RBR));
}
