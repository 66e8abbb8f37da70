// lib/c/stdlib/malloc.c: malloc and friends for Gremlin programs: the heap
// (heap.c) over brk for small blocks and mmap for large ones.
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heap.h"

void *
heap_morecore(size_t n)
{
	void *p = sbrk((intptr_t)n);

	return p == (void *)-1 ? NULL : p;
}

void *
heap_mapzero(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

void
heap_unmap(void *p, size_t n)
{
	munmap(p, n);
}

void
heap_fatal(const char *msg, void *p)
{
	dprintf(2, "%s %p\n", msg, p);
	abort();
}

void *
malloc(size_t n)
{
	return heap_malloc(n);
}

void
free(void *p)
{
	heap_free(p);
}

void *
realloc(void *p, size_t n)
{
	return heap_realloc(p, n);
}

void *
calloc(size_t count, size_t size)
{
	return heap_calloc(count, size);
}

void *
reallocarray(void *p, size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return heap_realloc(p, count * size);
}

// C11: size need not be a multiple of align here (glibc accepts it too).
void *
aligned_alloc(size_t align, size_t n)
{
	return heap_memalign(align, n);
}

void *
memalign(size_t align, size_t n)
{
	return heap_memalign(align, n);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
	void *p;
	int saved = errno;

	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return EINVAL;
	p = heap_memalign(align, n);
	if (p == NULL) {
		int e = errno;
		errno = saved;
		return e;
	}
	*out = p;
	return 0;
}

size_t
malloc_usable_size(void *p)
{
	return heap_usable_size(p);
}
