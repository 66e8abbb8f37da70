// kernel/mm/page.c: the physical page allocator (see page.h).
#include "mm/page.h"

void
pp_init(struct pagepool *pp, uint64_t *bits, uint64_t nframes)
{
	pp->bits = bits;
	pp->nframes = nframes;
	pp->nfree = 0;
	pp->hint = 0;
	for (uint64_t i = 0; i < (nframes + 63) / 64; i++)
		bits[i] = 0;
}

static int
bit(const struct pagepool *pp, uint64_t f)
{
	return (pp->bits[f / 64] >> (f % 64)) & 1;
}

static void
setbit(struct pagepool *pp, uint64_t f, int free)
{
	if (bit(pp, f) == free)
		return;
	if (free) {
		pp->bits[f / 64] |= 1ULL << (f % 64);
		pp->nfree++;
	} else {
		pp->bits[f / 64] &= ~(1ULL << (f % 64));
		pp->nfree--;
	}
}

void
pp_add(struct pagepool *pp, uint64_t base, uint64_t len)
{
	uint64_t first = (base + PGSIZE - 1) / PGSIZE;
	uint64_t end = base + len < base ? UINT64_MAX : base + len;
	uint64_t last = end / PGSIZE; // exclusive

	if (base > UINT64_MAX - (PGSIZE - 1))
		return;
	if (last > pp->nframes)
		last = pp->nframes;
	if (first == 0)
		first = 1;
	for (uint64_t f = first; f < last; f++)
		setbit(pp, f, 1);
}

void
pp_reserve(struct pagepool *pp, uint64_t base, uint64_t len)
{
	uint64_t first = base / PGSIZE;
	uint64_t end = base + len < base ? UINT64_MAX : base + len;
	uint64_t last = end / PGSIZE + (end % PGSIZE != 0);

	if (len == 0)
		return;
	if (last > pp->nframes)
		last = pp->nframes;
	for (uint64_t f = first; f < last; f++)
		setbit(pp, f, 0);
}

uint64_t
pp_alloc(struct pagepool *pp)
{
	uint64_t nwords = (pp->nframes + 63) / 64;

	if (pp->nfree == 0)
		return 0;
	for (uint64_t i = 0; i < nwords; i++) {
		uint64_t w = (pp->hint + i) % nwords;

		if (pp->bits[w] != 0) {
			uint64_t f = w * 64 + (uint64_t)__builtin_ctzll(pp->bits[w]);

			setbit(pp, f, 0);
			pp->hint = w;
			return f * PGSIZE;
		}
	}
	return 0;
}

uint64_t
pp_alloc_run(struct pagepool *pp, uint64_t n)
{
	uint64_t run = 0;

	if (n == 0 || n > pp->nfree)
		return 0;
	for (uint64_t f = 1; f < pp->nframes; f++) {
		run = bit(pp, f) ? run + 1 : 0;
		if (run == n) {
			for (uint64_t g = f + 1 - n; g <= f; g++)
				setbit(pp, g, 0);
			return (f + 1 - n) * PGSIZE;
		}
	}
	return 0;
}

int
pp_free(struct pagepool *pp, uint64_t pa)
{
	uint64_t f = pa / PGSIZE;

	if (pa % PGSIZE != 0 || f == 0 || f >= pp->nframes || bit(pp, f))
		return -1;
	setbit(pp, f, 1);
	return 0;
}

int
pp_isfree(const struct pagepool *pp, uint64_t pa)
{
	uint64_t f = pa / PGSIZE;

	return f < pp->nframes && bit(pp, f);
}
