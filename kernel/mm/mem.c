// kernel/mm/mem.c: physical memory at boot and page ownership. The
// Multiboot memory map feeds the page pool (mm/page.c); the kernel image
// and the boot modules are reserved. Pages handed to user
// address spaces are counted per space, and user allocations stop short of
// a reserve kept for the kernel (page tables, stacks, heap), so a process
// that eats memory gets ENOMEM or is killed while the kernel goes on.
#include "defs.h"
#include "mm/page.h"

#define MAXFRAMES (DIRECTMAP_SIZE / PGSIZE)
#define MIN_RESERVE 64 // pages (256 KiB)

extern char kernel_phys_start[], kernel_end[];

static uint64_t bitmap[MAXFRAMES / 64];
static struct pagepool pool;
static uint64_t total_pages, reserve_pages;
// How many user mappings hold each frame (fork shares pages copy-on-write);
// one byte a frame is enough: a frame is mapped at most once per process.
static uint8_t *refs;
static uint64_t nrefs;

struct mbmod {
	uint32_t start, end, string, reserved;
};

static void
reserve_modules(const uint32_t *mbi)
{
	if (!(mbi[0] & (1 << 3)))
		return;
	const struct mbmod *m = P2V(mbi[6]);

	for (uint32_t i = 0; i < mbi[5]; i++)
		pp_reserve(&pool, m[i].start, (uint64_t)m[i].end - m[i].start);
}

void
mem_init(uint64_t mbinfo_pa)
{
	const uint32_t *mbi = P2V(mbinfo_pa);
	uint64_t top = 0, refpages;

	pp_init(&pool, bitmap, MAXFRAMES);
	if (mbi[0] & (1 << 6)) {
		const uint8_t *p = P2V(mbi[12]), *end = p + mbi[11];

		// Each entry: u32 size (not counting itself), u64 base, u64 length, u32 type.
		while (p < end) {
			uint32_t size;
			uint64_t base, len;
			uint32_t type;

			memcpy(&size, p, 4);
			memcpy(&base, p + 4, 8);
			memcpy(&len, p + 12, 8);
			memcpy(&type, p + 20, 4);
			if (type == 1) {
				pp_add(&pool, base, len);
				if (base + len > top)
					top = base + len;
			}
			p += size + 4;
		}
	} else if (mbi[0] & 1) {
		pp_add(&pool, 0x100000, (uint64_t)mbi[2] * 1024);
		top = 0x100000 + (uint64_t)mbi[2] * 1024;
	} else {
		panic("the boot loader gave no memory map");
	}
	// Low memory is used as the map says: frame 0 is never handed out, and
	// the Multiboot structures there have been read by now.
	pp_reserve(&pool, (uint64_t)kernel_phys_start,
	           KV2P(kernel_end) - (uint64_t)kernel_phys_start);
	reserve_modules(mbi);
	nrefs = (top < DIRECTMAP_SIZE ? top : DIRECTMAP_SIZE) / PGSIZE;
	refpages = (nrefs + PGSIZE - 1) / PGSIZE;
	uint64_t refpa = pp_alloc_run(&pool, refpages);

	if (refpa == 0)
		panic("no room for the page reference counts (%llu pages)",
		      (unsigned long long)refpages);
	refs = P2V(refpa);
	memset(refs, 0, refpages * PGSIZE);
	total_pages = pool.nfree;
	reserve_pages = total_pages / 16 > MIN_RESERVE ? total_pages / 16 : MIN_RESERVE;
	kprintf("memory: %llu KiB free, %llu KiB kept for the kernel\n",
	        (unsigned long long)total_pages * 4, (unsigned long long)reserve_pages * 4);
}

// A zeroed page for the kernel; may dip into the reserve. NULL when memory
// is truly gone.
void *
kpage_alloc(void)
{
	uint64_t pa = pp_alloc(&pool);

	if (pa == 0)
		return NULL;
	memset(P2V(pa), 0, PGSIZE);
	return P2V(pa);
}

void
kpage_free(void *va)
{
	if (pp_free(&pool, V2P(va)) < 0)
		panic("kpage_free: bad or double free of %p", va);
}

// n zeroed pages at consecutive addresses, for a kernel buffer larger than
// a page (the mount driver's 9P messages); freed with kpages_free(va, n).
void *
kpages_alloc(uint64_t n)
{
	uint64_t pa = pp_alloc_run(&pool, n);

	if (pa == 0)
		return NULL;
	memset(P2V(pa), 0, n * PGSIZE);
	return P2V(pa);
}

void
kpages_free(void *va, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		kpage_free((uint8_t *)va + i * PGSIZE);
}

// A zeroed page for a user address space (data or page table), counted
// against it and charged to its limit group; 0 once only the kernel's
// reserve is left, or when the group is full (as->refused says which).
uint64_t
upage_alloc(struct aspace *as)
{
	uint64_t pa;

	if (pool.nfree <= reserve_pages)
		return 0;
	if (lim_charge(as->lim, 1, &as->refused) < 0)
		return 0;
	pa = pp_alloc(&pool);
	if (pa == 0) {
		lim_uncharge(as->lim, 1);
		return 0;
	}
	memset(P2V(pa), 0, PGSIZE);
	as->npages++;
	refs[pa / PGSIZE] = 1;
	return pa;
}

// Drop one mapping of a user page; the page is free when none is left.
void
upage_free(struct aspace *as, uint64_t pa)
{
	uint64_t f = pa / PGSIZE;

	if (f >= nrefs || refs[f] == 0)
		panic("upage_free: %llx is not a user page", (unsigned long long)pa);
	as->npages--;
	lim_uncharge(as->lim, 1);
	if (--refs[f] > 0)
		return;
	if (pp_free(&pool, pa) < 0)
		panic("upage_free: bad or double free of %llx", (unsigned long long)pa);
}

// One more address space maps the user page pa (and is charged for it);
// -ENOMEM if its limit group is full.
int
upage_share(struct aspace *as, uint64_t pa)
{
	_Static_assert(NPROC < 255, "page reference counts are one byte");
	if (lim_charge(as->lim, 1, &as->refused) < 0)
		return -ENOMEM;
	refs[pa / PGSIZE]++;
	as->npages++;
	return 0;
}

int
upage_refs(uint64_t pa)
{
	return refs[pa / PGSIZE];
}

// Pages a user space could still get.
uint64_t
mem_free_pages(void)
{
	return pool.nfree > reserve_pages ? pool.nfree - reserve_pages : 0;
}

uint64_t
mem_total_pages(void)
{
	return total_pages;
}
