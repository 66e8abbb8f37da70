// sys/devfs/entropy_os.c: the operating system's own generator:
// getrandom(2), on the Linux host and on Gremlin (lib/c's getrandom, the
// kernel's ChaCha20 generator; Gremlin programs are built by the Linux
// compiler, so __linux__ holds there too, with lib/c's <sys/random.h>).
// Elsewhere this source reports nothing.
#include "entropy.h"

#if defined(__linux__)
#include <sys/random.h>

size_t
os_entropy(uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = getrandom(buf + got, n - got, GRND_NONBLOCK);

		if (k <= 0)
			return 0;
		got += (size_t)k;
	}
	return n;
}

#else

size_t
os_entropy(uint8_t *buf, size_t n)
{
	(void)buf;
	(void)n;
	return 0;
}

#endif
