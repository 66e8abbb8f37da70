// lib/c/stdlib/arc4random.c: arc4random_buf, over getrandom(2). The kernel
// generator never blocks and returns at most GETRANDOM_MAX a call, so this
// loops; a failure means buf is not writable memory, a caller bug, so it
// aborts as OpenBSD's does rather than return predictable bytes.
#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>

void
arc4random_buf(void *buf, size_t n)
{
	unsigned char *p = buf;

	while (n > 0) {
		ssize_t r = getrandom(p, n, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			abort();
		p += r;
		n -= (size_t)r;
	}
}
