// kernel/mm/page_test.c: host tests of the page allocator (mm/page.c)
// driven by a fake Multiboot memory map with holes and reservations.
#include <stdlib.h>
#include <string.h>

#include "mm/page.h"
#include "tap/tap.h"

#define NFRAMES 4096 // 16 MiB of fake physical memory

static uint64_t bits[NFRAMES / 64];

// Available: 0-640K, 1M-8M, 9M-16M+ (clipped); reserved: 0-1M, kernel
// 1M-1.5M, a module at 3M+100 bytes long 5000 bytes.
static void
setup(struct pagepool *pp)
{
	pp_init(pp, bits, NFRAMES);
	pp_add(pp, 0, 640 * 1024);
	pp_add(pp, 1 << 20, 7 << 20);
	pp_add(pp, (9 << 20) + 100, (8 << 20)); // unaligned start, runs past the end
	pp_reserve(pp, 0, 1 << 20);
	pp_reserve(pp, 1 << 20, 512 * 1024);
	pp_reserve(pp, (3 << 20) + 100, 5000);
}

static int
allowed(uint64_t pa)
{
	if (pa < (1 << 20) + 512 * 1024)
		return 0;
	if (pa >= (3 << 20) && pa < (3 << 20) + 2 * 4096)
		return 0;
	if (pa >= (8 << 20) && pa < (9 << 20) + 4096)
		return 0;
	return pa + 4096 <= (uint64_t)NFRAMES * 4096;
}

int
main(void)
{
	struct pagepool pp;
	static uint8_t seen[NFRAMES];
	uint64_t expect, n = 0, pa;
	int bad = 0;

	setup(&pp);
	// 1.5M..8M minus 2 module pages, plus (9M+4K)..16M.
	expect = ((8 << 20) - (1 << 20) - 512 * 1024) / 4096 - 2 +
	         ((16 << 20) - (9 << 20) - 4096) / 4096;
	tap_ok(pp.nfree == expect, "free pages after setup: %llu (want %llu)",
	       (unsigned long long)pp.nfree, (unsigned long long)expect);
	while ((pa = pp_alloc(&pp)) != 0) {
		if (pa % 4096 != 0 || !allowed(pa) || seen[pa / 4096])
			bad++;
		seen[pa / 4096] = 1;
		n++;
	}
	tap_ok(bad == 0, "every page allocated is aligned, available, unreserved and unique");
	tap_ok(n == expect && pp.nfree == 0, "allocated exactly the free pages (%llu)",
	       (unsigned long long)n);
	tap_ok(pp_alloc(&pp) == 0, "empty pool returns 0");
	tap_ok(pp_free(&pp, 2 << 20) == 0 && pp.nfree == 1, "free one page");
	tap_ok(pp_free(&pp, 2 << 20) == -1 && pp.nfree == 1, "double free refused");
	tap_ok(pp_free(&pp, (2 << 20) + 8) == -1, "unaligned free refused");
	tap_ok(pp_free(&pp, (uint64_t)NFRAMES * 4096) == -1, "free past the pool refused");
	tap_ok(pp_free(&pp, 0) == -1, "free of frame 0 refused");
	tap_ok(pp_alloc(&pp) == 2 << 20, "the freed page comes back");
	for (uint64_t f = 0; f < NFRAMES; f++)
		if (seen[f])
			pp_free(&pp, f * 4096);
	tap_ok(pp.nfree == expect, "all pages returned");
	tap_ok(!pp_isfree(&pp, 0) && !pp_isfree(&pp, 1 << 20) && !pp_isfree(&pp, 3 << 20),
	       "reserved pages stay reserved after frees");
	setup(&pp);
	pa = pp_alloc_run(&pp, 100);
	tap_ok(pa == (1 << 20) + 512 * 1024, "a run of 100 pages starts after the kernel (0x%llx)",
	       (unsigned long long)pa);
	tap_ok(pp.nfree == expect - 100 && !pp_isfree(&pp, pa) && !pp_isfree(&pp, pa + 99 * 4096) &&
	               pp_isfree(&pp, pa + 100 * 4096),
	       "the run is taken, the page after it is not");
	pa = pp_alloc_run(&pp, 1700);
	tap_ok(pa == (9 << 20) + 4096, "a run too long for the first region comes from the next");
	tap_ok(pp_alloc_run(&pp, 4000) == 0 && pp_alloc_run(&pp, 0) == 0,
	       "runs longer than any free stretch (or empty) fail");
	pp_init(&pp, bits, NFRAMES);
	pp_add(&pp, UINT64_MAX - 4096, 8192);
	pp_add(&pp, 4096, UINT64_MAX);
	tap_ok(pp.nfree == NFRAMES - 1, "huge and wrapping regions are clipped (%llu)",
	       (unsigned long long)pp.nfree);
	pp_reserve(&pp, 8192, UINT64_MAX);
	tap_ok(pp.nfree == 1, "wrapping reservation clipped");
	return tap_done();
}
