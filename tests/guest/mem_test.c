// tests/guest/mem_test.c: brk, mmap and munmap semantics (fresh memory is
// zero, unmapped pages fault, MAP_FIXED places, partial munmap splits), and
// one process exhausting memory while others finish correctly; memory comes
// back when a process exits.
#include <sys/mman.h>

#include "guest.h"

#define PG 4096

static void
brk_semantics(void)
{
	char *start = sbrk(0), *p;
	int zero = 1, r;

	tap_ok(start != (void *)-1 && start != NULL, "sbrk(0) gives the break (%p)", (void *)start);
	p = sbrk(3 * PG);
	tap_ok(p == start && sbrk(0) == start + 3 * PG, "sbrk(3 pages) moves the break by 3 pages");
	for (int i = 0; i < 3 * PG; i++)
		zero &= p[i] == 0;
	tap_ok(zero, "new heap memory reads as zero");
	memset(p, 0x5a, 3 * PG);
	tap_ok(p[3 * PG - 1] == 0x5a, "new heap memory is writable");
	tap_ok(brk(start + PG) == 0 && sbrk(0) == start + PG, "brk shrinks the heap");
	r = brk(start - 64 * PG);
	tap_ok(r < 0 && errno == ENOMEM, "brk below the heap's start fails with ENOMEM (%s)",
	       lasterr());
}

static void
touch(void *addr)
{
	(void)*(volatile char *)addr;
}

static void
mmap_semantics(void)
{
	struct waitmsg w;
	char *p, *q;
	int zero = 1, r;

	p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	tap_ok(p != MAP_FAILED && ((uintptr_t)p & (PG - 1)) == 0, "mmap 8 pages: page aligned (%p)",
	       (void *)p);
	if (p == MAP_FAILED)
		return;
	for (int i = 0; i < 8 * PG; i++)
		zero &= p[i] == 0;
	tap_ok(zero, "fresh mapping reads as zero");
	memset(p, 1, 8 * PG);
	tap_ok(munmap(p + 2 * PG, 2 * PG) == 0, "munmap of 2 pages in the middle");
	r = in_child(touch, p + 2 * PG, &w);
	tap_ok(r == 0 && w.status == KILLSTATUS_SEGV, "touching an unmapped page kills (%d: %s)",
	       w.status, w.msg);
	r = in_child(touch, p + 5 * PG, &w);
	tap_ok(r == 0 && w.status == 0 && p[5 * PG] == 1, "the pages after the hole are intact");
	q = mmap(p + 2 * PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
	         -1, 0);
	tap_ok(q == p + 2 * PG && q[0] == 0, "MAP_FIXED maps exactly into the hole, zeroed");
	tap_ok(munmap(p, 8 * PG) == 0, "munmap of the whole range, hole and all");
	r = in_child(touch, p, &w);
	tap_ok(r == 0 && w.status == KILLSTATUS_SEGV, "the first page faults after munmap (%d)",
	       w.status);
	errno = 0;
	p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 3, 0);
	tap_ok(p == MAP_FAILED && errno == EINVAL,
	       "file or shared mappings are refused with EINVAL for now (%s)", lasterr());
}

// The memory hog: map and touch 1 MB chunks until the kernel says no (or
// kills it); report how many it got in the exit string.
static void
hog(void *a)
{
	char msg[64];
	int n = 0;

	(void)a;
	for (;;) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		               -1, 0);
		if (p == MAP_FAILED)
			break;
		for (int i = 0; i < (1 << 20); i += PG)
			p[i] = 1;
		n++;
		snprintf(msg, sizeof msg, "hog %d MB", n);
	}
	snprintf(msg, sizeof msg, "hog %d MB", n);
	exits(errno == ENOMEM ? 0 : 1, msg);
}

// The overcommitting hog: grow the break 1 MB at a time without touching
// (up to 1 GB, far beyond this machine), then touch it all. The kernel may
// refuse the break early (status 0) or kill the hog when the pages run out
// (KILLSTATUS_KILL); it must not hang or hurt anyone else.
static void
brk_hog(void *a)
{
	char msg[64], *start = sbrk(0);
	int n = 0;

	(void)a;
	while (n < 1024 && sbrk(1 << 20) != (void *)-1)
		n++;
	for (char *p = start; p < start + ((size_t)n << 20); p += PG)
		*p = 1;
	snprintf(msg, sizeof msg, "hog %d MB", n);
	exits(0, msg);
}

static uint64_t
work(uint64_t seed)
{
	for (int i = 0; i < 200000; i++)
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return seed;
}

static int
hog_megabytes(const struct waitmsg *w)
{
	int mb = -1;

	if (strncmp(w->msg, "hog ", 4) == 0)
		mb = atoi(w->msg + 4);
	return mb;
}

// A worker takes its memory first, then sleeps while the hog runs, then
// computes and checks that its memory is intact.
static void
worker(void)
{
	struct timespec t = {0, 300 * 1000 * 1000};
	char *p = malloc(100000);
	uint64_t want = work(42);

	if (p == NULL)
		exits(1, "worker malloc failed");
	memset(p, 7, 100000);
	nanosleep(&t, NULL);
	exits(work(42) == want && p[0] == 7 && p[99999] == 7 ? 0 : 1, "");
}

// Run 3 workers beside a hog; returns the hog's megabytes (or -1).
static int
beside_hog(void (*hogfn)(void *), const char *what)
{
	struct waitmsg w;
	pid_t workers[3], hogpid;
	int good = 0, mb;

	fflush(stdout);
	for (int i = 0; i < 3; i++) {
		workers[i] = fork();
		if (workers[i] == 0)
			worker();
	}
	hogpid = fork();
	if (hogpid == 0)
		hogfn(NULL);
	for (int i = 0; i < 3; i++)
		if (waitmsg(workers[i], &w, 0) == workers[i] && w.status == 0)
			good++;
	tap_ok(good == 3, "3 workers finish correctly beside %s (%d did)", what, good);
	waitmsg(hogpid, &w, 0);
	mb = hog_megabytes(&w);
	tap_ok((w.status == 0 && mb > 0) || w.status == KILLSTATUS_KILL,
	       "%s ends by ENOMEM or an out-of-memory kill, not a hang (status %d, \"%s\")", what,
	       w.status, w.msg);
	return w.status == 0 ? mb : -1;
}

// A hog alone: it touches as it goes, so it must end by ENOMEM (not be
// killed); returns its megabytes, or -1.
static int
lone_hog(const char *when)
{
	struct waitmsg w;
	int mb = -1;

	if (in_child(hog, NULL, &w) == 0)
		mb = w.status == 0 ? hog_megabytes(&w) : -1;
	tap_ok(mb > 0, "a lone mmap hog %s ends by ENOMEM (status %d, \"%s\")", when, w.status,
	       w.msg);
	return mb;
}

static void
exhaustion(void)
{
	int before, after;

	before = lone_hog("before");
	beside_hog(hog, "an mmap hog");
	beside_hog(brk_hog, "an overcommitting brk hog");
	after = lone_hog("after");
	// If every hog's memory came back, the last gets as much as the first.
	tap_ok(before > 0 && after >= before - 2,
	       "memory comes back on exit: %d MB before the hogs, %d MB after", before, after);
}

int
main(void)
{
	brk_semantics();
	mmap_semantics();
	exhaustion();
	guest_done();
}
