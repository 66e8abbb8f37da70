// lib/c/stdlib/misc.c: the small parts of stdlib.h and inttypes.h: div,
// imaxdiv, bsearch, atoll, strtoimax,
// and rand (a 64-bit LCG whose high 31 bits are returned; the C standard's
// rand_r has a 32-bit state, so it runs its own 32-bit LCG).
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>

div_t
div(int a, int b)
{
	return (div_t){a / b, a % b};
}

ldiv_t
ldiv(long a, long b)
{
	return (ldiv_t){a / b, a % b};
}

lldiv_t
lldiv(long long a, long long b)
{
	return (lldiv_t){a / b, a % b};
}

long long
atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

void *
bsearch(const void *key, const void *base, size_t n, size_t size,
        int (*cmp)(const void *, const void *))
{
	const char *b = base;

	while (n > 0) {
		const char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}

static uint64_t rand_state = 1;

void
srand(unsigned seed)
{
	rand_state = seed;
}

int
rand(void)
{
	rand_state = rand_state * 6364136223846793005ull + 1442695040888963407ull;
	return (int)(rand_state >> 33);
}

int
rand_r(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (int)((*seed >> 1) & RAND_MAX);
}

intmax_t
imaxabs(intmax_t x)
{
	return x < 0 ? -x : x;
}

imaxdiv_t
imaxdiv(intmax_t a, intmax_t b)
{
	return (imaxdiv_t){a / b, a % b};
}

intmax_t
strtoimax(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base);
}

uintmax_t
strtoumax(const char *restrict s, char **restrict end, int base)
{
	return strtoull(s, end, base);
}
