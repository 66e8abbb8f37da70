// kernel/mm/uaccess.c: moving data between the kernel and user memory.
// Every range is checked against the user half and the VMAs, and pages are
// reached by walking the page tables and going through the direct map, so
// no user pointer is ever dereferenced and nothing a process passes can
// fault the kernel.
#include "defs.h"

static int
userrange(uint64_t va, uint64_t n)
{
	return va < USER_TOP && n <= USER_TOP - va;
}

// Whether [va, va + n) lies in user space and in VMAs that allow the
// access (without touching or allocating any page).
int
uaccess_ok(struct aspace *as, uint64_t va, uint64_t n, int write)
{
	if (!userrange(va, n))
		return 0;
	while (n > 0) {
		struct vma *v = vma_find(as, va);
		uint64_t chunk;

		if (v == NULL || v->prot == PROT_NONE || (write && !(v->prot & PROT_WRITE)))
			return 0;
		chunk = v->end - va < n ? v->end - va : n;
		va += chunk;
		n -= chunk;
	}
	return 1;
}

int
copyin(struct aspace *as, void *dst, uint64_t usrc, uint64_t n)
{
	uint8_t *d = dst;

	if (!userrange(usrc, n))
		return -EFAULT;
	while (n > 0) {
		uint64_t pa, chunk = PGSIZE - (usrc & (PGSIZE - 1));
		int r = vm_populate(as, usrc, &pa, 0);

		if (r < 0)
			return r;
		if (chunk > n)
			chunk = n;
		memcpy(d, P2V(pa), chunk);
		d += chunk;
		usrc += chunk;
		n -= chunk;
	}
	return 0;
}

int
copyout(struct aspace *as, uint64_t udst, const void *src, uint64_t n)
{
	const uint8_t *s = src;

	if (!userrange(udst, n))
		return -EFAULT;
	while (n > 0) {
		uint64_t pa, chunk = PGSIZE - (udst & (PGSIZE - 1));
		int r = vm_populate(as, udst, &pa, 1);

		if (r < 0)
			return r;
		if (chunk > n)
			chunk = n;
		memcpy(P2V(pa), s, chunk);
		s += chunk;
		udst += chunk;
		n -= chunk;
	}
	return 0;
}

// Copy a NUL-terminated string of at most max bytes (NUL included).
// Returns its length, -EFAULT or -ENAMETOOLONG.
int
copyinstr(struct aspace *as, char *dst, uint64_t usrc, uint64_t max)
{
	for (uint64_t i = 0; i < max;) {
		uint64_t pa, chunk = PGSIZE - (usrc & (PGSIZE - 1));
		int r;

		if (usrc >= USER_TOP)
			return -EFAULT;
		r = vm_populate(as, usrc, &pa, 0);
		if (r < 0)
			return r;
		const char *s = P2V(pa);

		for (uint64_t j = 0; j < chunk && i < max; j++, i++) {
			dst[i] = s[j];
			if (s[j] == '\0')
				return (int)i;
		}
		usrc += chunk;
	}
	return -ENAMETOOLONG;
}
