// kernel/mm/page.h: the physical page allocator, a bitmap over page frames
// (1 = free). Pure code over a caller-supplied bitmap so the host unit tests
// drive it with a fake memory map.
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include <stdint.h>

#define PGSIZE 4096ULL
#define PGSHIFT 12

struct pagepool {
	uint64_t *bits;   // one bit a frame, 1 = free
	uint64_t nframes; // frames covered, starting at physical address 0
	uint64_t nfree;   // frames free now
	uint64_t hint;    // bitmap word where the next search starts
};

// Start with every frame reserved; bits must hold (nframes + 63) / 64 words.
void pp_init(struct pagepool *pp, uint64_t *bits, uint64_t nframes);
// Make the whole pages inside [base, base + len) free (a memory map entry).
void pp_add(struct pagepool *pp, uint64_t base, uint64_t len);
// Reserve every page that [base, base + len) touches (kernel, modules).
void pp_reserve(struct pagepool *pp, uint64_t base, uint64_t len);
// Take one free page: its physical address, or 0 when none is left.
// Frame 0 is never handed out, so 0 is unambiguous.
uint64_t pp_alloc(struct pagepool *pp);
// Take n physically consecutive free pages: the first one's address, or 0.
uint64_t pp_alloc_run(struct pagepool *pp, uint64_t n);
// Give a page back. Returns 0, or -1 for an address that is unaligned,
// outside the pool or already free (a double free), leaving the pool as it was.
int pp_free(struct pagepool *pp, uint64_t pa);
int pp_isfree(const struct pagepool *pp, uint64_t pa);

#endif
