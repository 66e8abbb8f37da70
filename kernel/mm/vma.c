// kernel/mm/vma.c: the VMAs of an address space: a sorted array of
// non-overlapping page-aligned ranges, each with its protection and kind
// (ELF, heap, stack, mmap). Adjacent compatible ranges merge.
#include "defs.h"

struct vma *
vma_find(struct aspace *as, uint64_t addr)
{
	for (int i = 0; i < as->nvma; i++)
		if (addr >= as->vma[i].start && addr < as->vma[i].end)
			return &as->vma[i];
	return NULL;
}

// Add [start, end) (page aligned, not overlapping any VMA), merging with an
// adjacent VMA of the same kind and protection.
int
vma_add(struct aspace *as, uint64_t start, uint64_t end, uint32_t prot, uint32_t kind)
{
	int i;

	if (start >= end)
		return 0;
	for (i = 0; i < as->nvma; i++) {
		struct vma *v = &as->vma[i];

		if (start < v->end && v->start < end)
			return -EEXIST;
	}
	for (i = 0; i < as->nvma && as->vma[i].start < start; i++)
		;
	struct vma *prev = i > 0 ? &as->vma[i - 1] : NULL;
	struct vma *next = i < as->nvma ? &as->vma[i] : NULL;
	int joinprev = prev && prev->end == start && prev->prot == prot && prev->kind == kind;
	int joinnext = next && next->start == end && next->prot == prot && next->kind == kind;

	if (joinprev && joinnext) {
		prev->end = next->end;
		memmove(next, next + 1, (size_t)(as->nvma - i - 1) * sizeof as->vma[0]);
		as->nvma--;
		return 0;
	}
	if (joinprev) {
		prev->end = end;
		return 0;
	}
	if (joinnext) {
		next->start = start;
		return 0;
	}
	if (as->nvma == NVMA)
		return -ENOMEM;
	memmove(&as->vma[i + 1], &as->vma[i], (size_t)(as->nvma - i) * sizeof as->vma[0]);
	as->vma[i] = (struct vma){start, end, prot, kind};
	as->nvma++;
	return 0;
}

// Remove [start, end) from the VMAs (trimming or splitting them) and free
// its pages. Fails with nothing changed if a split needs a slot and there
// is none.
int
vma_remove(struct aspace *as, uint64_t start, uint64_t end)
{
	for (int i = 0; i < as->nvma; i++) {
		struct vma *v = &as->vma[i];

		if (v->start < start && v->end > end && as->nvma == NVMA)
			return -ENOMEM;
	}
	for (int i = 0; i < as->nvma; i++) {
		struct vma *v = &as->vma[i];

		if (v->end <= start || v->start >= end)
			continue;
		if (v->start < start && v->end > end) {
			struct vma tail = *v;

			tail.start = end;
			v->end = start;
			memmove(&as->vma[i + 2], &as->vma[i + 1],
			        (size_t)(as->nvma - i - 1) * sizeof as->vma[0]);
			as->vma[i + 1] = tail;
			as->nvma++;
			break;
		}
		if (v->start < start) {
			v->end = start;
		} else if (v->end > end) {
			v->start = end;
		} else {
			memmove(v, v + 1, (size_t)(as->nvma - i - 1) * sizeof as->vma[0]);
			as->nvma--;
			i--;
		}
	}
	vm_unmap(as, start, end);
	return 0;
}

// Find len bytes of unused space for mmap, searching down from MMAP_TOP.
int
vma_free_gap(struct aspace *as, uint64_t len, uint64_t *start)
{
	uint64_t hi = MMAP_TOP;

	for (int i = as->nvma - 1; i >= 0; i--) {
		const struct vma *v = &as->vma[i];

		if (v->start >= hi)
			continue;
		if (v->end <= hi && hi - v->end >= len)
			break;
		hi = v->start;
	}
	if (hi < MMAP_LO || hi - MMAP_LO < len)
		return -ENOMEM;
	*start = hi - len;
	return 0;
}
