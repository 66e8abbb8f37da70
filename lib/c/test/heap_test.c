// lib/c/test/heap_test.c: host unit test of lib/c's allocator
// (stdlib/heap.c) over a test backend: morecore hands out memory from a
// reserved region, sometimes from a separate mapping (a non-contiguous
// segment), and can be made to run out.
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../stdlib/heap.h"
#include "tap/tap.h"

#define REGION (256u << 20)

static char *region;
static size_t used, limit = REGION;
static int calls, split_every; // every split_every-th call returns a new mapping
static int mapped_now;

void *
heap_morecore(size_t n)
{
	calls++;
	if (used + n > limit)
		return NULL;
	if (split_every && calls % split_every == 0) {
		void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		used += n;
		return p == MAP_FAILED ? NULL : p;
	}
	used += n;
	return region + used - n;
}

void *
heap_mapzero(size_t n)
{
	void *p;

	if (used + n > limit)
		return NULL;
	p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED)
		mapped_now++;
	return p == MAP_FAILED ? NULL : p;
}

void
heap_unmap(void *p, size_t n)
{
	mapped_now--;
	munmap(p, n);
}

void
heap_fatal(const char *msg, void *p)
{
	fprintf(stderr, "heap_fatal: %s %p\n", msg, p);
	_exit(99);
}

static int
consistent(const char *when)
{
	char why[160];

	if (heap_check(why, sizeof why) == 0)
		return 1;
	tap_diag("heap inconsistent %s: %s", when, why);
	return 0;
}

static uint64_t rng = 88172645463325252ull;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

#define SLOTS 600

struct slot {
	unsigned char *p;
	size_t n;
	unsigned char tag;
};

static int
intact(const struct slot *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->p[i] != (unsigned char)(s->tag + i))
			return 0;
	return 1;
}

static void
stamp(struct slot *s)
{
	for (size_t i = 0; i < s->n; i++)
		s->p[i] = (unsigned char)(s->tag + i);
}

static size_t
random_size(void)
{
	uint64_t r = next() % 100;

	if (r < 60)
		return next() % 64;
	if (r < 95)
		return next() % 4096;
	if (r < 99)
		return next() % 65536;
	return 200000 + next() % 300000; // mapped of its own
}

static void
stress(void)
{
	static struct slot slots[SLOTS];
	int corrupt = 0, misaligned = 0, failed = 0, ok = 1;

	for (int op = 0; op < 60000; op++) {
		struct slot *s = &slots[next() % SLOTS];
		if (s->p && !intact(s))
			corrupt++;
		if (s->p == NULL) {
			s->n = random_size();
			s->p = heap_malloc(s->n);
		} else if (next() % 3 == 0) {
			size_t n = random_size();
			unsigned char *q = heap_realloc(s->p, n);
			if (n == 0) {
				s->p = NULL;
				continue;
			}
			if (q == NULL) {
				failed++;
				continue;
			}
			// The common prefix must have survived the move.
			for (size_t i = 0; i < (n < s->n ? n : s->n); i++)
				if (q[i] != (unsigned char)(s->tag + i))
					corrupt++;
			s->p = q;
			s->n = n;
		} else {
			heap_free(s->p);
			s->p = NULL;
			continue;
		}
		if (s->p == NULL) {
			failed++;
			continue;
		}
		misaligned += ((uintptr_t)s->p & 15) != 0;
		s->tag = (unsigned char)next();
		stamp(s);
		if (op % 5000 == 0)
			ok &= consistent("during stress");
	}
	ok &= consistent("after stress");
	tap_ok(corrupt == 0, "60000 random malloc/realloc/free: contents intact (%d corrupt)",
	       corrupt);
	tap_ok(misaligned == 0, "every block is 16-byte aligned (%d not)", misaligned);
	tap_ok(failed == 0, "no allocation failed (%d did)", failed);
	tap_ok(ok, "heap_check finds the heap consistent throughout");
	for (int i = 0; i < SLOTS; i++) {
		heap_free(slots[i].p);
		slots[i].p = NULL;
	}
	tap_ok(consistent("after freeing all") && mapped_now == 0,
	       "after freeing everything: consistent, all big mappings returned (%d left)",
	       mapped_now);
}

static void
semantics(void)
{
	unsigned char *p, *q;
	int zero = 1;

	p = heap_malloc(1000);
	memset(p, 0xee, 1000);
	heap_free(p);
	q = heap_calloc(10, 100);
	for (int i = 0; i < 1000; i++)
		zero &= q[i] == 0;
	tap_ok(zero, "calloc zeroes reused memory");
	heap_free(q);
	errno = 0;
	tap_ok(heap_calloc(SIZE_MAX / 2, 3) == NULL && errno == ENOMEM,
	       "calloc overflow gives NULL, ENOMEM");
	errno = 0;
	tap_ok(heap_malloc(SIZE_MAX - 8) == NULL && errno == ENOMEM,
	       "malloc(SIZE_MAX - 8) gives NULL, ENOMEM");
	p = heap_malloc(0);
	tap_ok(p != NULL, "malloc(0) returns a unique pointer");
	heap_free(p);
	heap_free(NULL);
	tap_ok(heap_realloc(NULL, 10) != NULL, "realloc(NULL, n) allocates");
	p = heap_malloc(100);
	tap_ok(heap_realloc(p, 0) == NULL && consistent("realloc to 0"), "realloc(p, 0) frees");
	p = heap_malloc(40);
	strcpy((char *)p, "grow me");
	p = heap_realloc(p, 100000);
	tap_ok(p && strcmp((char *)p, "grow me") == 0, "realloc grows and keeps contents");
	p = heap_realloc(p, 500000);
	tap_ok(p && strcmp((char *)p, "grow me") == 0, "realloc into a mapping keeps contents");
	p = heap_realloc(p, 16);
	tap_ok(p && strcmp((char *)p, "grow me") == 0, "realloc shrinks out of a mapping");
	heap_free(p);
	tap_ok(consistent("after semantics"), "heap consistent after the edge cases");
}

static void
exhaustion(void)
{
	void *blocks[4096];
	int n = 0, ok;

	limit = used + (8u << 20);
	while (n < 4096 && (blocks[n] = heap_malloc(16384)) != NULL)
		n++;
	ok = n > 0 && n < 4096 && errno == ENOMEM;
	tap_ok(ok, "running out of memory gives NULL and ENOMEM after %d blocks", n);
	tap_ok(consistent("at exhaustion"), "heap consistent when out of memory");
	while (n > 0)
		heap_free(blocks[--n]);
	tap_ok(heap_malloc(16384) != NULL, "memory freed after exhaustion is usable again");
	limit = REGION;
}

// Run fn in a child; true if it ended through heap_fatal (status 99).
static int
dies(void (*fn)(void))
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) && WEXITSTATUS(st) == 99;
}

static void
double_free(void)
{
	void *p = heap_malloc(64);

	heap_free(p);
	heap_free(p);
}

static void
bad_pointer(void)
{
	char *p = heap_malloc(64);

	heap_free(p + 16);
}

// memalign over every alignment up to 64 KiB, small and mapped sizes,
// mixed with plain blocks, then all freed: contents survive, the heap
// stays consistent and every mapping is given back.
static void
aligned(void)
{
	enum { N = 400 };
	static unsigned char *p[N];
	static size_t sz[N];
	int misaligned = 0, corrupt = 0, failed = 0;

	for (int i = 0; i < N; i++) {
		size_t align = (size_t)1 << (4 + next() % 13);
		sz[i] = next() % (i % 10 == 0 ? 300000 : 3000);
		p[i] = i % 3 == 0 ? heap_malloc(sz[i]) : heap_memalign(align, sz[i]);
		if (p[i] == NULL) {
			failed++;
			continue;
		}
		if (i % 3 != 0 && ((uintptr_t)p[i] & (align - 1)) != 0)
			misaligned++;
		if (heap_usable_size(p[i]) < sz[i])
			failed++;
		memset(p[i], i & 0xff, sz[i]);
		if (i % 4 == 1) {
			heap_free(p[i]);
			p[i] = NULL;
		}
	}
	for (int i = 0; i < N; i++) {
		for (size_t k = 0; p[i] && k < sz[i]; k++)
			corrupt += p[i][k] != (i & 0xff);
		heap_free(p[i]);
	}
	tap_ok(failed == 0 && misaligned == 0 && corrupt == 0,
	       "memalign 16..64K: aligned, usable size, contents intact (%d failed, %d misaligned, "
	       "%d corrupt)",
	       failed, misaligned, corrupt);
	tap_ok(consistent("after memalign") && mapped_now == 0,
	       "heap consistent and every mapping returned after memalign");
	errno = 0;
	tap_ok(heap_memalign(24, 10) == NULL && errno == EINVAL, "memalign refuses alignment 24");
}

int
main(void)
{
	region = mmap(NULL, REGION, PROT_READ | PROT_WRITE,
	              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (region == MAP_FAILED) {
		tap_ok(0, "reserve the test region");
		return tap_done();
	}
	split_every = 7;
	semantics();
	stress();
	aligned();
	exhaustion();
	tap_ok(dies(double_free), "double free is caught (heap_fatal)");
	tap_ok(dies(bad_pointer), "freeing a pointer malloc never returned is caught");
	return tap_done();
}
