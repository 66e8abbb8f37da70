// cmd/ps/psparse.c: parsing /proc/N/status and formatting ps's lines. The
// file is lines "key value"; pid, ppid, state and name must be there, pages,
// cpu and snap may be, and keys ps does not know are skipped (later kernels may
// add some). See docs/procfs.md.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psparse.h"

// A decimal number that must fill the value. Returns 0 or -1.
static int
number(const char *v, size_t len, long long *out)
{
	char buf[24], *end;

	if (len == 0 || len >= sizeof buf || v[0] < '0' || v[0] > '9')
		return -1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	errno = 0;
	*out = strtoll(buf, &end, 10);
	return *end || errno ? -1 : 0;
}

// Copy a text value into dst (of size n). Returns 0 or -1 if it is empty or
// does not fit.
static int
text(const char *v, size_t len, char *dst, size_t n)
{
	if (len == 0 || len >= n)
		return -1;
	memcpy(dst, v, len);
	dst[len] = '\0';
	return 0;
}

// Apply one "key value" line. Returns the bit of the required key it set
// (0 for others), or -1 if the value is bad.
static int
field(struct psinfo *p, const char *key, size_t klen, const char *v, size_t vlen)
{
	long long x;

#define IS(k) (klen == sizeof k - 1 && memcmp(key, k, klen) == 0)
	if (IS("pid") || IS("ppid")) {
		if (number(v, vlen, &x) < 0 || x > 0x7fffffff)
			return -1;
		*(IS("pid") ? &p->pid : &p->ppid) = (long)x;
		return IS("pid") ? 1 : 2;
	}
	if (IS("state"))
		return text(v, vlen, p->state, sizeof p->state) < 0 ? -1 : 4;
	if (IS("name"))
		return text(v, vlen, p->name, sizeof p->name) < 0 ? -1 : 8;
	if (IS("snap"))
		return text(v, vlen, p->snap, sizeof p->snap) < 0 ? -1 : 0;
	if (IS("pages") || IS("cpu")) {
		if (number(v, vlen, &x) < 0 || x > 0x7fffffffffffffffLL / 4)
			return -1;
		if (IS("pages"))
			p->mem = x * 4; // 4 KiB pages
		else
			p->cpu = x;
	}
	return 0;
#undef IS
}

int
ps_parse(const char *s, size_t n, struct psinfo *p, char *err, size_t errlen)
{
	static const char *required[] = {"pid", "ppid", "state", "name"};
	const char *end = s + n;
	int have = 0, lineno = 1;

	memset(p, 0, sizeof *p);
	p->mem = p->cpu = -1;
	strcpy(p->snap, "-");
	for (; s < end; lineno++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s)), *sp;
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
		int bit;

		sp = memchr(s, ' ', len);
		if (len > 0 && !sp) {
			snprintf(err, errlen, "line %d: no value after the key", lineno);
			return -1;
		}
		if (len > 0) {
			bit = field(p, s, (size_t)(sp - s), sp + 1, len - (size_t)(sp - s) - 1);
			if (bit < 0) {
				snprintf(err, errlen, "line %d: bad value for '%.*s'", lineno,
				         (int)(sp - s > 16 ? 16 : sp - s), s);
				return -1;
			}
			have |= bit;
		}
		s += len + (nl != NULL);
	}
	for (int i = 0; i < 4; i++) {
		if (!(have & 1 << i)) {
			snprintf(err, errlen, "no '%s' line", required[i]);
			return -1;
		}
	}
	return 0;
}

void
ps_heading(char *buf, size_t n)
{
	snprintf(buf, n, "%7s %7s %-9s %8s %9s %-12s %s", "PID", "PPID", "STATE", "MEM", "CPU",
	         "SNAP", "NAME");
}

void
ps_format(const struct psinfo *p, char *buf, size_t n)
{
	char mem[24] = "-", cpu[24] = "-";

	if (p->mem >= 0)
		snprintf(mem, sizeof mem, "%lldK", p->mem);
	if (p->cpu >= 0)
		snprintf(cpu, sizeof cpu, "%lld.%02llds", p->cpu / 1000, p->cpu % 1000 / 10);
	snprintf(buf, n, "%7ld %7ld %-9s %8s %9s %-12s %s", p->pid, p->ppid, p->state, mem, cpu,
	         p->snap, p->name);
}
