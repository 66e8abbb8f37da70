// kernel/mm/vma_test.c: host tests of the VMA list (mm/vma.c): adding,
// merging, refusing overlaps, trimming and splitting on removal, and
// placing mmaps top-down. vm_unmap is replaced by a recorder: these tests
// are about the list, not about page tables.
#include "defs.h"
#include "tap/tap.h"

static uint64_t unmapped_start, unmapped_end;

void
vm_unmap(struct aspace *as, uint64_t start, uint64_t end)
{
	(void)as;
	unmapped_start = start;
	unmapped_end = end;
}

#define P 4096ULL
#define RW (PROT_READ | PROT_WRITE)

static int
is(struct aspace *as, int i, uint64_t start, uint64_t end)
{
	return i < as->nvma && as->vma[i].start == start && as->vma[i].end == end;
}

int
main(void)
{
	struct aspace as = {0};
	uint64_t at;

	tap_ok(vma_add(&as, 10 * P, 20 * P, RW, VMA_MMAP) == 0 && as.nvma == 1, "add one");
	tap_ok(vma_add(&as, 20 * P, 30 * P, RW, VMA_MMAP) == 0 && as.nvma == 1 &&
	               is(&as, 0, 10 * P, 30 * P),
	       "an adjacent compatible range merges upward");
	tap_ok(vma_add(&as, 5 * P, 10 * P, RW, VMA_MMAP) == 0 && as.nvma == 1 &&
	               is(&as, 0, 5 * P, 30 * P),
	       "...and downward");
	tap_ok(vma_add(&as, 30 * P, 40 * P, PROT_READ, VMA_MMAP) == 0 && as.nvma == 2,
	       "different protection does not merge");
	tap_ok(vma_add(&as, 50 * P, 60 * P, RW, VMA_MMAP) == 0 &&
	               vma_add(&as, 40 * P, 50 * P, PROT_READ, VMA_MMAP) == 0 && as.nvma == 3 &&
	               is(&as, 1, 30 * P, 50 * P),
	       "filling a gap joins the neighbour that matches");
	tap_ok(vma_add(&as, 29 * P, 31 * P, RW, VMA_MMAP) == -EEXIST && as.nvma == 3,
	       "overlap refused");
	tap_ok(vma_find(&as, 5 * P) == &as.vma[0] && vma_find(&as, 30 * P - 1) == &as.vma[0] &&
	               vma_find(&as, 4 * P) == NULL && vma_find(&as, 60 * P) == NULL,
	       "find: bounds inclusive at start, exclusive at end");

	tap_ok(vma_remove(&as, 10 * P, 12 * P) == 0 && as.nvma == 4 && is(&as, 0, 5 * P, 10 * P) &&
	               is(&as, 1, 12 * P, 30 * P) && unmapped_start == 10 * P &&
	               unmapped_end == 12 * P,
	       "remove from the middle splits and unmaps");
	tap_ok(vma_remove(&as, 0, 6 * P) == 0 && is(&as, 0, 6 * P, 10 * P), "remove a head");
	tap_ok(vma_remove(&as, 25 * P, 35 * P) == 0 && is(&as, 1, 12 * P, 25 * P) &&
	               is(&as, 2, 35 * P, 50 * P),
	       "remove across two ranges trims both");
	tap_ok(vma_remove(&as, 0, 100 * P) == 0 && as.nvma == 0, "remove everything");

	// A full list: a split must fail and change nothing.
	for (int i = 0; i < NVMA; i++)
		vma_add(&as, (uint64_t)(10 * i) * P, (uint64_t)(10 * i + 5) * P, RW, VMA_MMAP);
	tap_ok(as.nvma == NVMA, "fill all %d slots", NVMA);
	tap_ok(vma_add(&as, 1000 * P, 1001 * P, RW, VMA_MMAP) == -ENOMEM, "one more: ENOMEM");
	unmapped_end = 0;
	tap_ok(vma_remove(&as, 11 * P, 12 * P) == -ENOMEM && as.nvma == NVMA &&
	               is(&as, 1, 10 * P, 15 * P) && unmapped_end == 0,
	       "a split with no free slot fails and changes nothing");
	tap_ok(vma_remove(&as, 10 * P, 15 * P) == 0 && as.nvma == NVMA - 1,
	       "removing a whole range works");

	// mmap placement: top-down below MMAP_TOP, skipping what is there.
	memset(&as, 0, sizeof as);
	vma_add(&as, STACK_TOP - STACK_SIZE, STACK_TOP, RW, VMA_STACK);
	vma_add(&as, 0x400000, 0x402000, PROT_READ | PROT_EXEC, VMA_ELF);
	tap_ok(vma_free_gap(&as, 3 * P, &at) == 0 && at == MMAP_TOP - 3 * P,
	       "first mmap right under MMAP_TOP");
	vma_add(&as, at, at + 3 * P, RW, VMA_MMAP);
	vma_add(&as, at - 10 * P, at - 5 * P, RW, VMA_MMAP);
	tap_ok(vma_free_gap(&as, 5 * P, &at) == 0 && at == MMAP_TOP - 8 * P,
	       "a gap that fits exactly is used");
	tap_ok(vma_free_gap(&as, 6 * P, &at) == 0 && at == MMAP_TOP - 19 * P,
	       "a gap too small is skipped");
	tap_ok(vma_free_gap(&as, MMAP_TOP, &at) == -ENOMEM, "more than the mmap area: ENOMEM");
	return tap_done();
}
