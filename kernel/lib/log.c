// kernel/lib/log.c: the kernel log. kprintf writes "kernel: "-prefixed lines
// to the serial console and keeps them in the kmsg ring buffer (for a later
// /dev/kmsg); panic prints, dumps and halts.
#include "defs.h"
#include "lib/fmt.h"

#define KMSG_SIZE 16384

static char kmsg[KMSG_SIZE];
static uint64_t kmsg_end; // total bytes ever logged

static void
kmsg_put(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		kmsg[(kmsg_end + i) % KMSG_SIZE] = s[i];
	kmsg_end += n;
}

// Copy up to n bytes of the log starting at absolute offset off (clamped
// to what the ring still holds); returns the bytes copied.
uint64_t
kmsg_read(char *buf, uint64_t off, uint64_t n)
{
	uint64_t start = kmsg_end > KMSG_SIZE ? kmsg_end - KMSG_SIZE : 0;
	uint64_t i;

	if (off < start)
		off = start;
	for (i = 0; i < n && off + i < kmsg_end; i++)
		buf[i] = kmsg[(off + i) % KMSG_SIZE];
	return i;
}

static void
vlog(const char *prefix, const char *f, va_list ap)
{
	char line[512];
	int n = fmt(line, sizeof line, "kernel: %s", prefix);

	n += vfmt(line + n, sizeof line - (size_t)n, f, ap);
	if (n > 0 && line[n - 1] != '\n' && (size_t)n + 1 < sizeof line) {
		line[n++] = '\n';
		line[n] = '\0';
	}
	kmsg_put(line, (size_t)n);
	uart_write(line, (size_t)n);
}

void
kprintf(const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vlog("", f, ap);
	va_end(ap);
}

void
panic(const char *f, ...)
{
	va_list ap;
	uint64_t rbp;

	cli();
	va_start(ap, f);
	vlog("panic: ", f, ap);
	va_end(ap);
	__asm__ volatile("mov %%rbp, %0" : "=r"(rbp));
	backtrace(rbp);
	for (;;)
		halt();
}
