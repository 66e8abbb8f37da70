// lib/c/stdlib/malloc.c: malloc and friends for Gremlin programs: the heap
// (heap.c) over brk for small blocks and mmap for large ones.
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
