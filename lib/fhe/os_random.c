// lib/fhe/os_random.c: the one place lib/fhe asks the operating system for
// randomness: getrandom(2), on the host and in Gremlin (lib/c's getrandom).
#include <errno.h>
#include <sys/random.h>

#include "fhe/fhe.h"

int
fhe_os_random(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len > 0) {
		ssize_t got = getrandom(p, len, 0);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			return FHE_ERANDOM;
		}
		p += got;
		len -= (size_t)got;
	}
	return 0;
}
