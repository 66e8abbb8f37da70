// kernel/mm/vm.c: address spaces. Each process has its own PML4 whose
// upper half (entries 256-511: the direct map of physical memory and the
// kernel image and stacks) is shared with every other; the lower half is its
// own, described by VMAs (mm/vma.c) and filled lazily on page faults. fork
// shares pages copy-on-write.
#include "defs.h"
#include "lib/fmt.h"

extern uint64_t boot_pml4[];

extern uint64_t boot_pdpt_kernel[];
extern char kernel_text_start[], kernel_rodata_start[], kernel_data_start[], kernel_end[];

// Flags for the kernel-image page at va: text read-only and executable,
// rodata read-only, the rest (data, bss, what lies around the image)
// writable and not executable.
static uint64_t
kimageflags(uint64_t va)
{
	uint64_t nx = cpu_has_nx ? PTE_NX : 0;

	if (va >= (uint64_t)kernel_text_start && va < (uint64_t)kernel_rodata_start)
		return PTE_P;
	if (va >= (uint64_t)kernel_rodata_start && va < (uint64_t)kernel_data_start)
		return PTE_P | nx;
	return PTE_P | PTE_W | nx;
}

// Map the kernel image with 4 KiB pages and real permissions (the boot
// tables map it writable and executable with 2 MiB pages, shared with the
// direct map). A kernel write to its own code then faults at once.
static void
protect_kernel(void)
{
	uint64_t *pd = kpage_alloc(), *bootpd;
	uint64_t end = KV2P(kernel_end);

	if (pd == NULL)
		panic("no memory for the kernel page tables");
	bootpd = P2V(boot_pdpt_kernel[510] & PTE_ADDR);
	for (int i = 0; i < 512; i++)
		pd[i] = bootpd[i];
	for (uint64_t slot = 0; slot * (2ULL << 20) < end; slot++) {
		uint64_t *pt = kpage_alloc();

		if (pt == NULL)
			panic("no memory for the kernel page tables");
		for (int i = 0; i < 512; i++) {
			uint64_t pa = slot * (2ULL << 20) + (uint64_t)i * PGSIZE;

			pt[i] = pa | kimageflags(KERNBASE + pa);
		}
		pd[slot] = V2P(pt) | PTE_P | PTE_W;
	}
	boot_pdpt_kernel[510] = V2P(pd) | PTE_P | PTE_W;
}

void
vm_init(void)
{
	protect_kernel();
	// Drop the boot identity map; nothing below the higher half is used
	// by the kernel from here on.
	boot_pml4[0] = 0;
	lcr3(KV2P(boot_pml4));
}

// The PTE for va, creating page tables if create; page tables for user
// spaces are counted against as (NULL: kernel tables).
static uint64_t *
walk(uint64_t pml4, uint64_t va, int create, struct aspace *as)
{
	uint64_t *t = P2V(pml4);

	for (int level = 3; level > 0; level--) {
		uint64_t *e = &t[(va >> (12 + 9 * level)) & 511];

		if (!(*e & PTE_P)) {
			uint64_t pa;

			if (!create)
				return NULL;
			if (as) {
				pa = upage_alloc(as);
			} else {
				void *k = kpage_alloc();

				pa = k ? V2P(k) : 0;
			}
			if (pa == 0)
				return NULL;
			*e = pa | PTE_P | PTE_W | (as ? PTE_U : 0);
		}
		t = P2V(*e & PTE_ADDR);
	}
	return &t[(va >> 12) & 511];
}

static uint64_t
pteflags(uint32_t prot)
{
	uint64_t f = PTE_P | PTE_U;

	if (prot & PROT_WRITE)
		f |= PTE_W;
	if (!(prot & PROT_EXEC) && cpu_has_nx)
		f |= PTE_NX;
	return f;
}

static int
iscurrent(struct aspace *as)
{
	return rcr3() == as->pml4;
}

// A new, empty address space charged to limit group lim (NULL: none).
int
as_new(struct aspace *as, struct limgrp *lim)
{
	uint64_t *pml4;

	memset(as, 0, sizeof *as);
	as->lim = lim;
	as->pml4 = upage_alloc(as);
	if (as->pml4 == 0) {
		as->lim = NULL;
		return -ENOMEM;
	}
	lim_get(lim);
	pml4 = P2V(as->pml4);
	for (int i = 256; i < 512; i++)
		pml4[i] = boot_pml4[i];
	return 0;
}

// Free a page table of the given level (3 = PDPT ... 0 = leaf pages) and
// everything under it.
static void
freetable(struct aspace *as, uint64_t pa, int level)
{
	uint64_t *t = P2V(pa);

	for (int i = 0; i < 512; i++) {
		if (!(t[i] & PTE_P))
			continue;
		if (level > 0)
			freetable(as, t[i] & PTE_ADDR, level - 1);
		else
			upage_free(as, t[i] & PTE_ADDR);
	}
	upage_free(as, pa);
}

// Free every user page and table of as and its PML4, and let go of its
// limit group (as->refused stays, for the caller's message). as must not
// be the space loaded in CR3.
void
as_free(struct aspace *as)
{
	uint64_t *pml4;

	if (as->pml4 == 0)
		return;
	pml4 = P2V(as->pml4);
	for (int i = 0; i < 256; i++)
		if (pml4[i] & PTE_P)
			freetable(as, pml4[i] & PTE_ADDR, 2);
	upage_free(as, as->pml4);
	as->pml4 = 0;
	as->nvma = 0;
	lim_put(as->lim);
	as->lim = NULL;
}

// Share every present page of a table (level 0 = leaf) with dst: writable
// pages become read-only and copy-on-write in both spaces.
static int
sharetable(struct aspace *dst, uint64_t pa, int level, uint64_t va)
{
	uint64_t *t = P2V(pa);

	for (int i = 0; i < 512; i++) {
		uint64_t v = va | (uint64_t)i << (12 + 9 * level);
		uint64_t *pte;

		if (!(t[i] & PTE_P))
			continue;
		if (level > 0) {
			if (sharetable(dst, t[i] & PTE_ADDR, level - 1, v) < 0)
				return -1;
			continue;
		}
		pte = walk(dst->pml4, v, 1, dst);
		if (pte == NULL)
			return -1;
		if (upage_share(dst, t[i] & PTE_ADDR) < 0)
			return -1;
		if (t[i] & PTE_W)
			t[i] = (t[i] & ~PTE_W) | PTE_COW;
		*pte = t[i];
	}
	return 0;
}

// Make dst a copy of src for fork: VMAs, break, and every present page
// shared copy-on-write, charged to src's limit group. -ENOMEM if memory or
// the group runs out (dst->refused says whether the group did).
int
as_copy(struct aspace *dst, struct aspace *src)
{
	uint64_t *pml4;
	int r = 0;

	if (as_new(dst, src->lim) < 0)
		return -ENOMEM;
	memcpy(dst->vma, src->vma, sizeof src->vma);
	dst->nvma = src->nvma;
	dst->brk_start = src->brk_start;
	dst->brk = src->brk;
	pml4 = P2V(src->pml4);
	for (int i = 0; i < 256 && r == 0; i++)
		if (pml4[i] & PTE_P)
			r = sharetable(dst, pml4[i] & PTE_ADDR, 2, (uint64_t)i << 39);
	// src lost write permissions: drop its stale TLB entries.
	if (iscurrent(src))
		lcr3(src->pml4);
	if (r < 0) {
		as_free(dst);
		return -ENOMEM;
	}
	return 0;
}

void
as_switch(struct aspace *as)
{
	uint64_t pa = as ? as->pml4 : KV2P(boot_pml4);

	if (rcr3() != pa)
		lcr3(pa);
}

// Free the pages mapped in [start, end) and clear their entries.
void
vm_unmap(struct aspace *as, uint64_t start, uint64_t end)
{
	int cur = iscurrent(as);

	for (uint64_t va = start; va < end; va += PGSIZE) {
		uint64_t *pte = walk(as->pml4, va, 0, NULL);

		if (pte == NULL) {
			// Skip the rest of an absent page table (2 MiB).
			va = (va | 0x1fffff);
			if (va + 1 == 0)
				break;
			va -= PGSIZE - 1;
			continue;
		}
		if (*pte & PTE_P) {
			upage_free(as, *pte & PTE_ADDR);
			*pte = 0;
			if (cur)
				invlpg(va);
		}
	}
}

// Give a copy-on-write page its own writable copy (or just write access
// when no other space shares it any more).
static int
breakcow(struct aspace *as, uint64_t va, uint64_t *pte)
{
	uint64_t old = *pte & PTE_ADDR, npa;

	if (upage_refs(old) > 1) {
		npa = upage_alloc(as);
		if (npa == 0)
			return -ENOMEM;
		memcpy(P2V(npa), P2V(old), PGSIZE);
		upage_free(as, old);
		*pte = npa | (*pte & ~PTE_ADDR);
	}
	*pte = (*pte | PTE_W) & ~PTE_COW;
	if (iscurrent(as))
		invlpg(PGROUNDDOWN(va));
	return 0;
}

// Make sure the page holding va is present; return its physical address.
// With check, the access must be allowed by the VMA (write if write).
static int
populate(struct aspace *as, uint64_t va, uint64_t *pa, int write, int check)
{
	struct vma *v = vma_find(as, va);
	uint64_t *pte;

	if (v == NULL)
		return -EFAULT;
	if (check && (v->prot == PROT_NONE || (write && !(v->prot & PROT_WRITE))))
		return -EFAULT;
	pte = walk(as->pml4, va, 1, as);
	if (pte == NULL)
		return -ENOMEM;
	if ((*pte & PTE_P) && write && (*pte & PTE_COW) && breakcow(as, va, pte) < 0)
		return -ENOMEM;
	if (!(*pte & PTE_P)) {
		uint64_t npa = upage_alloc(as);

		if (npa == 0)
			return -ENOMEM;
		*pte = npa | pteflags(v->prot);
	}
	*pa = (*pte & PTE_ADDR) + (va & (PGSIZE - 1));
	return 0;
}

int
vm_populate(struct aspace *as, uint64_t va, uint64_t *pa, int write)
{
	return populate(as, va, pa, write, 1);
}

// Copy n bytes into a (possibly not current) space at va regardless of its
// protection, widening the page's permissions by prot (the ELF loader:
// two segments may share a page).
int
vm_fill(struct aspace *as, uint64_t va, const void *src, uint64_t n, uint32_t prot)
{
	const uint8_t *s = src;

	while (n > 0) {
		uint64_t pa, chunk = PGSIZE - (va & (PGSIZE - 1));
		uint64_t *pte;
		int r = populate(as, va, &pa, 1, 0);

		if (r < 0)
			return r;
		pte = walk(as->pml4, va, 0, NULL);
		*pte |= pteflags(prot) & PTE_W;
		if (prot & PROT_EXEC)
			*pte &= ~PTE_NX;
		if (chunk > n)
			chunk = n;
		memcpy(P2V(pa), s, chunk);
		s += chunk;
		va += chunk;
		n -= chunk;
	}
	return 0;
}

static const char *
accesskind(uint64_t err)
{
	if (err & 0x10)
		return "exec";
	return (err & 2) ? "write" : "read";
}

// Handle a user page fault: fill a lazily allocated page, or say why the
// process must die (and with what status).
int32_t
vm_fault(struct proc *p, uint64_t addr, uint64_t err, uint64_t rip, char *why, int n)
{
	struct aspace *as = &p->as;
	struct vma *v = vma_find(as, addr);
	struct vma *stack = vma_find(as, STACK_TOP - 1);
	unsigned long long a = addr, ip = rip;
	uint64_t pa;

	if (v == NULL) {
		if (stack && stack->kind == VMA_STACK && addr < stack->start &&
		    addr >= stack->start - STACK_GUARD) {
			fmt(why, (size_t)n, "stack overflow (page fault at 0x%llx, rip 0x%llx)", a,
			    ip);
			return KILLSTATUS_SEGV;
		}
		fmt(why, (size_t)n, "page fault at 0x%llx (%s, not present) rip 0x%llx", a,
		    accesskind(err), ip);
		return KILLSTATUS_SEGV;
	}
	if (v->prot == PROT_NONE || ((err & 2) && !(v->prot & PROT_WRITE)) ||
	    ((err & 0x10) && !(v->prot & PROT_EXEC))) {
		fmt(why, (size_t)n, "page fault at 0x%llx (%s, protection) rip 0x%llx", a,
		    accesskind(err), ip);
		return KILLSTATUS_SEGV;
	}
	if (err & 1) {
		// Present: only a write to a copy-on-write page is expected.
		uint64_t *pte = walk(as->pml4, addr, 0, NULL);

		if (!(err & 2) || pte == NULL || !(*pte & PTE_COW)) {
			fmt(why, (size_t)n, "page fault at 0x%llx (%s, protection) rip 0x%llx", a,
			    accesskind(err), ip);
			return KILLSTATUS_SEGV;
		}
	}
	as->refused = NULL;
	if (populate(as, addr, &pa, (err & 2) != 0, 0) < 0) {
		if (as->refused) {
			lim_fault(p, why, n);
			return KILLSTATUS_MEM;
		}
		fmt(why, (size_t)n, "out of memory (page fault at 0x%llx, rip 0x%llx)", a, ip);
		return KILLSTATUS_KILL;
	}
	return 0;
}

// Map a kernel stack for process slot: KSTACK_PAGES pages over an unmapped
// guard page. *top gets the address just above it.
int
kstack_map(int slot, uint64_t *top)
{
	uint64_t base = KSTACKS + (uint64_t)slot * (KSTACK_PAGES + 1) * PGSIZE;

	for (int i = 1; i <= KSTACK_PAGES; i++) {
		uint64_t *pte = walk(KV2P(boot_pml4), base + (uint64_t)i * PGSIZE, 1, NULL);
		void *page;

		if (pte == NULL || (page = kpage_alloc()) == NULL) {
			kstack_unmap(slot);
			return -ENOMEM;
		}
		*pte = V2P(page) | PTE_P | PTE_W | (cpu_has_nx ? PTE_NX : 0);
	}
	*top = base + (KSTACK_PAGES + 1) * PGSIZE;
	return 0;
}

void
kstack_unmap(int slot)
{
	uint64_t base = KSTACKS + (uint64_t)slot * (KSTACK_PAGES + 1) * PGSIZE;

	for (int i = 1; i <= KSTACK_PAGES; i++) {
		uint64_t va = base + (uint64_t)i * PGSIZE;
		uint64_t *pte = walk(KV2P(boot_pml4), va, 0, NULL);

		if (pte && (*pte & PTE_P)) {
			kpage_free(P2V(*pte & PTE_ADDR));
			*pte = 0;
			invlpg(va);
		}
	}
}
