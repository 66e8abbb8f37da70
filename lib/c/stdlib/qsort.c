// lib/c/stdlib/qsort.c: qsort as a heapsort: O(n log n) in the worst case,
// no recursion, no allocation.
#include <stddef.h>
#include <stdlib.h>

static void
swap(char *a, char *b, size_t size)
{
	while (size-- > 0) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

// Move element i down the max-heap of n elements until it is in place.
static void
sift(char *base, size_t i, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;
		if (l < n && cmp(base + l * size, base + big * size) > 0)
			big = l;
		if (r < n && cmp(base + r * size, base + big * size) > 0)
			big = r;
		if (big == i)
			return;
		swap(base + i * size, base + big * size, size);
		i = big;
	}
}

void
qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *b = base;
	size_t i;

	if (n < 2 || size == 0)
		return;
	for (i = n / 2; i-- > 0;)
		sift(b, i, n, size, cmp);
	for (i = n - 1; i > 0; i--) {
		swap(b, b + i * size, size);
		sift(b, 0, i, size, cmp);
	}
}
