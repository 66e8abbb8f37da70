// kernel/dev/audit.c: the audit ring, read as '#c/audit'. One line per
// event the kernel refused, in the form
//   <monotonic s>.<ns> pid=N name=NAME snap=SNAP EVENT
// where EVENT is "syscall=X nr=N" for a call outside a process's syscall
// filter, "memlimit=BYTES" for a page fault over its memory limit.
// The ring keeps the last AUDIT_SIZE bytes; a reader whose offset fell out
// of it resumes at the first whole line still held.
#include "defs.h"
#include "lib/fmt.h"

#define AUDIT_SIZE 8192

static char ring[AUDIT_SIZE];
static uint64_t end; // total bytes ever appended

// Append one record: the time, the process, and what happened (event).
static void
record(int pid, const char *pname, const char *snap, const char *event)
{
	char line[192];
	uint64_t ns = clock_mono_ns();
	int n;

	n = fmt(line, sizeof line, "%llu.%09llu pid=%d name=%s snap=%s %s\n",
	        (unsigned long long)(ns / 1000000000), (unsigned long long)(ns % 1000000000), pid,
	        pname, snap[0] ? snap : "(none)", event);
	if (n <= 0)
		return;
	// A truncated line still ends the line.
	line[n - 1] = '\n';
	for (int i = 0; i < n; i++)
		ring[(end + (uint64_t)i) % AUDIT_SIZE] = line[i];
	end += (uint64_t)n;
}

// A call outside the syscall filter: "syscall=X nr=N".
void
audit_log(int pid, const char *pname, const char *snap, const char *call, uint64_t nr)
{
	char ev[64];

	fmt(ev, sizeof ev, "syscall=%s nr=%llu", call, (unsigned long long)nr);
	record(pid, pname, snap, ev);
}

// A page fault over a memory limit (proc/limit.c): "memlimit=BYTES".
void
audit_limit(int pid, const char *pname, const char *snap, uint64_t memlimit)
{
	char ev[48];

	fmt(ev, sizeof ev, "memlimit=%llu", (unsigned long long)memlimit);
	record(pid, pname, snap, ev);
}

// The first fork a process limit refused in its group (proc/limit.c):
// "proclimit=N".
void
audit_proclimit(int pid, const char *pname, const char *snap, uint64_t proclimit)
{
	char ev[48];

	fmt(ev, sizeof ev, "proclimit=%llu", (unsigned long long)proclimit);
	record(pid, pname, snap, ev);
}

// Copy up to n bytes of the ring from absolute offset off; returns the
// bytes copied (0 at the end).
uint64_t
audit_read(char *buf, uint64_t off, uint64_t n)
{
	uint64_t start = end > AUDIT_SIZE ? end - AUDIT_SIZE : 0, i;

	if (off < start) {
		off = start;
		while (off < end && ring[off % AUDIT_SIZE] != '\n')
			off++;
		off++;
	}
	for (i = 0; i < n && off + i < end; i++)
		buf[i] = ring[(off + i) % AUDIT_SIZE];
	return i;
}
