// lib/c/stdlib/heap.c: a boundary-tag allocator with size-segregated free
// lists (see heap.h).
//
// Memory from heap_morecore forms segments. A segment is a run of chunks
// ended by a fence header (size 0, in use). Every chunk starts with a 16-byte
// header: the size of the previous chunk (meaningful only when that one is
// free) and this chunk's size with three flag bits. Free chunks also hold
// their free-list links in the first 16 payload bytes, and their size is
// repeated in the next chunk's header, so neighbours can merge in O(1). Two
// free chunks are never adjacent. Requests of MMAP_MIN bytes or more get a
// mapping of their own, returned to the system on free.
#include "heap.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#define HDR 16
#define MINCHUNK 32
#define INUSE 1u
#define PREV_INUSE 2u
#define MMAPPED 4u
#define FLAGS 7u
#define PAGE 4096
#define GROW_MIN (64 * 1024)
#define MMAP_MIN (256 * 1024)
#define NBINS 64
#define NSEG 64

struct chunk {
	size_t prev_size;
	size_t head;               // size | flags
	struct chunk *next, *prev; // free chunks only
};

struct segment {
	char *start;
	char *end; // one past the fence header
};

static struct chunk *bins[NBINS];
static struct segment segs[NSEG];
static int nsegs;

static size_t
csize(const struct chunk *c)
{
	return c->head & ~(size_t)FLAGS;
}

static struct chunk *
after(struct chunk *c)
{
	return (struct chunk *)((char *)c + csize(c));
}

static void *
payload(struct chunk *c)
{
	return (char *)c + HDR;
}

static struct chunk *
header(void *p)
{
	return (struct chunk *)((char *)p - HDR);
}

static int
bin_of(size_t size)
{
	return 63 - __builtin_clzll((unsigned long long)size);
}

static void
bin_insert(struct chunk *c)
{
	int b = bin_of(csize(c));

	c->prev = NULL;
	c->next = bins[b];
	if (bins[b])
		bins[b]->prev = c;
	bins[b] = c;
}

static void
bin_remove(struct chunk *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		bins[bin_of(csize(c))] = c->next;
	if (c->next)
		c->next->prev = c->prev;
}

// Mark c free with its current size, tell its successor, and file it.
static void
make_free(struct chunk *c)
{
	struct chunk *n;

	c->head &= ~(size_t)INUSE;
	n = after(c);
	n->prev_size = csize(c);
	n->head &= ~(size_t)PREV_INUSE;
	bin_insert(c);
}

// Free chunk c merged with its free neighbours; returns the merged chunk,
// unfiled.
static struct chunk *
coalesce(struct chunk *c)
{
	struct chunk *n = after(c), *p;

	if (!(n->head & INUSE)) {
		bin_remove(n);
		c->head += csize(n);
	}
	if (!(c->head & PREV_INUSE)) {
		p = (struct chunk *)((char *)c - c->prev_size);
		bin_remove(p);
		p->head += csize(c);
		c = p;
	}
	return c;
}

// Shrink in-use chunk c to size need, freeing the tail if it is big enough.
static void
split(struct chunk *c, size_t need)
{
	size_t have = csize(c);
	struct chunk *rest;

	if (have - need < MINCHUNK)
		return;
	c->head = need | (c->head & FLAGS);
	rest = after(c);
	rest->head = (have - need) | PREV_INUSE | INUSE;
	after(rest)->head |= PREV_INUSE;
	rest = coalesce(rest);
	make_free(rest);
}

static struct chunk *
find_fit(size_t need)
{
	struct chunk *c;
	int b;

	for (c = bins[bin_of(need)]; c; c = c->next)
		if (csize(c) >= need)
			return c;
	for (b = bin_of(need) + 1; b < NBINS; b++)
		if (bins[b])
			return bins[b];
	return NULL;
}

// Grow the heap by at least need bytes of usable chunk space.
static int
grow(size_t need)
{
	size_t n = (need + 2 * HDR + GROW_MIN + PAGE - 1) & ~(size_t)(PAGE - 1);
	char *mem = heap_morecore(n);
	struct chunk *c, *fence;

	if (mem == NULL)
		return -1;
	if (nsegs > 0 && mem == segs[nsegs - 1].end) {
		// Adjacent: the old fence becomes the header of the new space.
		c = (struct chunk *)(mem - HDR);
		c->head = n | (c->head & PREV_INUSE) | INUSE;
		segs[nsegs - 1].end = mem + n;
	} else {
		if (nsegs == NSEG)
			return -1;
		segs[nsegs].start = mem;
		segs[nsegs].end = mem + n;
		nsegs++;
		c = (struct chunk *)mem;
		c->prev_size = 0;
		c->head = (n - HDR) | PREV_INUSE | INUSE;
	}
	fence = after(c);
	fence->head = 0 | INUSE;
	c = coalesce(c);
	make_free(c);
	return 0;
}

static void *
map_alloc(size_t n)
{
	size_t size = (n + HDR + PAGE - 1) & ~(size_t)(PAGE - 1);
	struct chunk *c;

	if (size < n)
		return NULL;
	c = heap_mapzero(size);
	if (c == NULL)
		return NULL;
	c->prev_size = 0;
	c->head = size | MMAPPED | INUSE;
	return payload(c);
}

// The chunk size that holds n bytes, or 0 if n is absurdly large.
static size_t
chunk_for(size_t n)
{
	if (n > SIZE_MAX / 2)
		return 0;
	n = (n + HDR + 15) & ~(size_t)15;
	return n < MINCHUNK ? MINCHUNK : n;
}

void *
heap_malloc(size_t n)
{
	size_t need = chunk_for(n);
	struct chunk *c;
	void *p;

	if (need == 0) {
		errno = ENOMEM;
		return NULL;
	}
	if (need >= MMAP_MIN) {
		p = map_alloc(n);
		if (p == NULL)
			errno = ENOMEM;
		return p;
	}
	while ((c = find_fit(need)) == NULL)
		if (grow(need) < 0) {
			errno = ENOMEM;
			return NULL;
		}
	bin_remove(c);
	c->head |= INUSE;
	after(c)->head |= PREV_INUSE;
	split(c, need);
	return payload(c);
}

static struct chunk *
checked_header(void *p, const char *who)
{
	struct chunk *c = header(p);

	if (((uintptr_t)p & 15) != 0 || !(c->head & INUSE) || csize(c) < MINCHUNK)
		heap_fatal(who, p);
	return c;
}

void
heap_free(void *p)
{
	struct chunk *c;

	if (p == NULL)
		return;
	c = checked_header(p, "free: invalid pointer or double free");
	if (c->head & MMAPPED) {
		// prev_size is the offset of an aligned chunk into its mapping.
		heap_unmap((char *)c - c->prev_size, csize(c) + c->prev_size);
		return;
	}
	if (!(after(c)->head & PREV_INUSE))
		heap_fatal("free: heap corrupted next to", p);
	c = coalesce(c);
	make_free(c);
}

void *
heap_realloc(void *p, size_t n)
{
	struct chunk *c, *next;
	size_t need;
	void *q;

	if (p == NULL)
		return heap_malloc(n);
	if (n == 0) {
		heap_free(p);
		return NULL;
	}
	c = checked_header(p, "realloc: invalid pointer");
	need = chunk_for(n);
	if (need == 0) {
		errno = ENOMEM;
		return NULL;
	}
	if (c->head & MMAPPED) {
		if (need <= csize(c))
			return p;
	} else if (need <= csize(c)) {
		split(c, need);
		return p;
	} else {
		next = after(c);
		if (!(next->head & INUSE) && csize(c) + csize(next) >= need) {
			bin_remove(next);
			c->head += csize(next);
			after(c)->head |= PREV_INUSE;
			split(c, need);
			return p;
		}
	}
	q = heap_malloc(n);
	if (q == NULL)
		return NULL;
	memcpy(q, p, csize(c) - HDR < n ? csize(c) - HDR : n);
	heap_free(p);
	return q;
}

void *
heap_calloc(size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = heap_malloc(count * size);
	if (p && !(header(p)->head & MMAPPED))
		memset(p, 0, count * size);
	return p;
}

void *
heap_memalign(size_t align, size_t n)
{
	struct chunk *c, *c2;
	char *p, *a;
	size_t front;

	if (align == 0 || (align & (align - 1)) != 0) {
		errno = EINVAL;
		return NULL;
	}
	if (align <= 16)
		return heap_malloc(n);
	if (n > SIZE_MAX / 4 || align > SIZE_MAX / 4) {
		errno = ENOMEM;
		return NULL;
	}
	p = heap_malloc(n + align + MINCHUNK);
	if (p == NULL || ((uintptr_t)p & (align - 1)) == 0)
		return p;
	// The first aligned address far enough in for a free chunk in front.
	a = (char *)(((uintptr_t)p + MINCHUNK + align - 1) & ~(uintptr_t)(align - 1));
	front = (size_t)(a - p);
	c = header(p);
	c2 = header(a);
	if (c->head & MMAPPED) {
		c2->prev_size = c->prev_size + front;
		c2->head = (csize(c) - front) | MMAPPED | INUSE;
		return a;
	}
	c2->head = (csize(c) - front) | PREV_INUSE | INUSE;
	c->head = front | (c->head & PREV_INUSE) | INUSE;
	c = coalesce(c);
	make_free(c);
	split(c2, chunk_for(n));
	return a;
}

size_t
heap_usable_size(void *p)
{
	if (p == NULL)
		return 0;
	return csize(checked_header(p, "malloc_usable_size: invalid pointer")) - HDR;
}

// Write "msg at 0x<address>" into why (truncated to n bytes); return -1.
static int
fail(char *why, size_t n, const char *msg, const void *at)
{
	static const char hex[] = "0123456789abcdef";
	char tail[24] = " at 0x";
	uintptr_t v = (uintptr_t)at;
	size_t i = 0, k;
	int s;

	for (s = 0; s < 16; s++)
		tail[6 + s] = hex[(v >> (60 - 4 * s)) & 15];
	for (; *msg && i + 1 < n; i++)
		why[i] = *msg++;
	for (k = 0; tail[k] && i + 1 < n; i++, k++)
		why[i] = tail[k];
	if (n > 0)
		why[i] = '\0';
	return -1;
}

// True if c is filed in its bin.
static int
filed(struct chunk *c)
{
	struct chunk *x;

	for (x = bins[bin_of(csize(c))]; x; x = x->next)
		if (x == c)
			return 1;
	return 0;
}

int
heap_check(char *why, size_t n)
{
	size_t nfree = 0, nfiled = 0;
	struct chunk *c, *prev;
	int s, b;

	for (s = 0; s < nsegs; s++) {
		prev = NULL;
		for (c = (struct chunk *)segs[s].start; csize(c) != 0; prev = c, c = after(c)) {
			if ((char *)c < segs[s].start || (char *)after(c) >= segs[s].end)
				return fail(why, n, "chunk runs past its segment", c);
			if (csize(c) < MINCHUNK || (csize(c) & 15))
				return fail(why, n, "bad chunk size", c);
			if (prev && !!(prev->head & INUSE) != !!(c->head & PREV_INUSE))
				return fail(why, n, "PREV_INUSE disagrees with neighbour", c);
			if (c->head & INUSE)
				continue;
			nfree++;
			if (prev && !(prev->head & INUSE))
				return fail(why, n, "two adjacent free chunks", c);
			if (after(c)->prev_size != csize(c))
				return fail(why, n, "free chunk footer wrong", c);
			if (!filed(c))
				return fail(why, n, "free chunk not in its bin", c);
		}
		if (prev && !!(prev->head & INUSE) != !!(c->head & PREV_INUSE))
			return fail(why, n, "fence PREV_INUSE disagrees with last chunk", c);
		if ((char *)c + HDR != segs[s].end)
			return fail(why, n, "fence not at segment end", c);
	}
	for (b = 0; b < NBINS; b++)
		for (c = bins[b]; c; c = c->next) {
			nfiled++;
			if (c->head & INUSE)
				return fail(why, n, "in-use chunk in a free list", c);
			if (bin_of(csize(c)) != b)
				return fail(why, n, "chunk in the wrong bin", c);
		}
	if (nfiled != nfree)
		return fail(why, n, "free-list count differs from heap walk", NULL);
	return 0;
}
