// lib/c/stdlib/heap.h: the memory allocator behind malloc, free, realloc and
// calloc. Portable C over three backend hooks, so the host unit test
// (lib/c/test/heap_test.c) runs the same allocator natively under ASan.
#ifndef LIBC_STDLIB_HEAP_H
#define LIBC_STDLIB_HEAP_H

#include <stddef.h>

void *heap_malloc(size_t n);
void heap_free(void *p);
void *heap_realloc(void *p, size_t n);
void *heap_calloc(size_t count, size_t size);
// n bytes aligned to align (a power of two); EINVAL otherwise.
void *heap_memalign(size_t align, size_t n);
// The bytes usable in the block p (at least what was asked for).
size_t heap_usable_size(void *p);

// Walk the whole heap and check every invariant. Returns 0 if it is
// consistent; otherwise writes what is wrong into why and returns -1.
int heap_check(char *why, size_t n);

// Backend hooks, supplied by whoever links heap.c (lib/c/stdlib/malloc.c in
// Gremlin, the test in the host build).
//   heap_morecore: n more bytes (a multiple of 4096) of fresh memory, or
//                  NULL; consecutive calls usually return adjacent memory
//                  (brk), but need not.
//   heap_mapzero:  n bytes (a multiple of 4096) of fresh zeroed pages, or NULL.
//   heap_unmap:    give back what heap_mapzero returned.
//   heap_fatal:    report heap corruption (msg, the pointer) and end the program.
void *heap_morecore(size_t n);
void *heap_mapzero(size_t n);
void heap_unmap(void *p, size_t n);
_Noreturn void heap_fatal(const char *msg, void *p);

#endif
