// kernel/mm/heap.c: kmalloc/kfree for small kernel objects. Power-of-two
// size classes from 32 to 4096 bytes (including a 16-byte header that
// remembers the class), each carved from whole pages and kept on a free list.
#include "defs.h"

#define NCLASS 8 // 32 << 7 == 4096
#define HDR 16

struct freeobj {
	struct freeobj *next;
};

static struct freeobj *freelist[NCLASS];

static int
sizeclass(size_t n)
{
	for (int c = 0; c < NCLASS; c++)
		if (n + HDR <= (32U << c))
			return c;
	return -1;
}

static int
refill(int c)
{
	uint8_t *page = kpage_alloc();
	size_t size = 32U << c;

	if (page == NULL)
		return -1;
	for (size_t off = 0; off + size <= PGSIZE; off += size) {
		struct freeobj *o = (struct freeobj *)(page + off);

		o->next = freelist[c];
		freelist[c] = o;
	}
	return 0;
}

void *
kmalloc(size_t n)
{
	int c = sizeclass(n);
	struct freeobj *o;

	if (c < 0)
		panic("kmalloc: %llu bytes is more than a page", (unsigned long long)n);
	if (freelist[c] == NULL && refill(c) < 0)
		return NULL;
	o = freelist[c];
	freelist[c] = o->next;
	*(uint64_t *)o = (uint64_t)c;
	return (uint8_t *)o + HDR;
}

void *
kzalloc(size_t n)
{
	void *p = kmalloc(n);

	if (p)
		memset(p, 0, n);
	return p;
}

void
kfree(void *p)
{
	struct freeobj *o;
	uint64_t c;

	if (p == NULL)
		return;
	o = (struct freeobj *)((uint8_t *)p - HDR);
	c = *(uint64_t *)o;
	if (c >= NCLASS)
		panic("kfree: %p was not from kmalloc", p);
	o->next = freelist[c];
	freelist[c] = o;
}
