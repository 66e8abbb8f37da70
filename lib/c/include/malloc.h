// lib/c/include/malloc.h: the allocator's extras (memalign,
// malloc_usable_size); the standard ones are in stdlib.h.
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stddef.h>
#include <stdlib.h>

void *memalign(size_t align, size_t n);
size_t malloc_usable_size(void *p);

#endif
