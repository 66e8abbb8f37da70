// kernel/sys/sysmem.c: memory system calls: brk, mmap (anonymous private
// only) and munmap. Memory is committed lazily: pages arrive on first touch,
// but a request larger than what is left for user space fails with ENOMEM
// up front.
#include "sys/sys.h"

#define MAP_KNOWN (MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | 0x4000 | 0x20000)

static struct vma *
heapvma(struct aspace *as)
{
	for (int i = 0; i < as->nvma; i++)
		if (as->vma[i].kind == VMA_HEAP)
			return &as->vma[i];
	return NULL;
}

static int
overlaps(struct aspace *as, uint64_t start, uint64_t end)
{
	for (int i = 0; i < as->nvma; i++)
		if (start < as->vma[i].end && as->vma[i].start < end)
			return 1;
	return 0;
}

// Whether len more bytes fit in p's limit group; if not, sets the error
// string ("<what>: memory limit of N bytes reached (snap 'Y')").
static int
fitslimit(struct proc *p, uint64_t len, const char *what)
{
	struct limgrp *g;

	if (len <= lim_room(p->as.lim, &g))
		return 1;
	lim_msg(p->err, sizeof p->err, what, p, g, "reached");
	return 0;
}

SYSCALL(sys_brk)
{
	struct aspace *as = &p->as;
	uint64_t addr = tf->rdi, oldend = PGROUNDUP(as->brk), newend;

	if (addr == 0)
		return (int64_t)as->brk;
	if (addr < as->brk_start || addr > MMAP_LO)
		return seterr(p, -ENOMEM, "brk: 0x%llx outside the heap [0x%llx, 0x%llx)",
		              (unsigned long long)addr, (unsigned long long)as->brk_start,
		              (unsigned long long)MMAP_LO);
	newend = PGROUNDUP(addr);
	if (newend > oldend) {
		struct vma *h = heapvma(as);

		if (overlaps(as, oldend, newend))
			return seterr(p, -ENOMEM, "brk: 0x%llx would run into a mapping",
			              (unsigned long long)addr);
		if ((newend - oldend) / PGSIZE > mem_free_pages())
			return seterr(p, -ENOMEM,
			              "brk: out of memory (%llu KiB asked, %llu KiB left)",
			              (unsigned long long)(newend - oldend) / 1024,
			              (unsigned long long)mem_free_pages() * 4);
		if (!fitslimit(p, newend - oldend, "brk"))
			return -ENOMEM;
		if (h && h->end == oldend)
			h->end = newend;
		else if (vma_add(as, oldend, newend, PROT_READ | PROT_WRITE, VMA_HEAP) < 0)
			return seterr(p, -ENOMEM, "brk: too many mappings (%d)", NVMA);
	} else if (newend < oldend) {
		if (vma_remove(as, newend, oldend) < 0)
			return seterr(p, -ENOMEM, "brk: too many mappings (%d)", NVMA);
	}
	as->brk = addr;
	return (int64_t)addr;
}

SYSCALL(sys_mmap)
{
	uint64_t addr = tf->rdi, len = tf->rsi, start;
	int prot = (int)tf->rdx, flags = (int)tf->r10;
	struct aspace *as = &p->as;

	if (!(flags & MAP_ANONYMOUS) || !(flags & MAP_PRIVATE))
		return seterr(p, -EINVAL,
		              "mmap: only anonymous private mappings for now (flags 0x%x)", flags);
	if (flags & ~MAP_KNOWN)
		return seterr(p, -EINVAL, "mmap: unsupported flags 0x%x", flags & ~MAP_KNOWN);
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return seterr(p, -EINVAL, "mmap: bad protection 0x%x", prot);
	if (len == 0 || len > USER_TOP)
		return seterr(p, -EINVAL, "mmap: bad length %llu", (unsigned long long)len);
	len = PGROUNDUP(len);
	if (len / PGSIZE > mem_free_pages())
		return seterr(p, -ENOMEM, "mmap: out of memory (%llu KiB asked, %llu KiB left)",
		              (unsigned long long)len / 1024,
		              (unsigned long long)mem_free_pages() * 4);
	if (!fitslimit(p, len, "mmap"))
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr % PGSIZE != 0 || addr < USER_LO || addr >= USER_TOP ||
		    len > USER_TOP - addr)
			return seterr(p, -EINVAL, "mmap: bad fixed address 0x%llx (length %llu)",
			              (unsigned long long)addr, (unsigned long long)len);
		if (vma_remove(as, addr, addr + len) < 0)
			return seterr(p, -ENOMEM, "mmap: too many mappings (%d)", NVMA);
		start = addr;
	} else if (vma_free_gap(as, len, &start) < 0) {
		return seterr(p, -ENOMEM, "mmap: no room for %llu bytes", (unsigned long long)len);
	}
	if (vma_add(as, start, start + len, (uint32_t)prot, VMA_MMAP) < 0)
		return seterr(p, -ENOMEM, "mmap: too many mappings (%d)", NVMA);
	return (int64_t)start;
}

SYSCALL(sys_munmap)
{
	uint64_t addr = tf->rdi, len = tf->rsi;

	if (addr % PGSIZE != 0 || len == 0 || addr >= USER_TOP || len > USER_TOP - addr)
		return seterr(p, -EINVAL, "munmap: bad range 0x%llx length %llu",
		              (unsigned long long)addr, (unsigned long long)len);
	if (vma_remove(&p->as, addr, addr + PGROUNDUP(len)) < 0)
		return seterr(p, -ENOMEM, "munmap: too many mappings (%d) to split one", NVMA);
	return 0;
}
