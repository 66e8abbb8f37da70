// kernel/lib/ksyms.c: symbol lookup for backtraces. The table (ksymtab,
// sorted by address) is generated from `nm` of a first link of the kernel
// and linked into the final one (mk/kernel.mk); text addresses do not move
// between the links because the table lives after .text.
#include "defs.h"

struct ksym {
	uint64_t addr;
	const char *name;
};

extern const struct ksym ksymtab[];
extern const uint64_t nksyms;

const char *
ksym_lookup(uint64_t addr, uint64_t *off)
{
	uint64_t lo = 0, hi = nksyms;

	if (nksyms == 0 || addr < ksymtab[0].addr)
		return NULL;
	// The last symbol at or below addr.
	while (hi - lo > 1) {
		uint64_t mid = (lo + hi) / 2;

		if (ksymtab[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*off = addr - ksymtab[lo].addr;
	return ksymtab[lo].name;
}
