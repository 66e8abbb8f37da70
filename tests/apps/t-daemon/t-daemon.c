// tests/apps/t-daemon/t-daemon.c: a daemon that says it is alive once a
// second until it is stopped.
#include <time.h>

#include "../hostile.h"

int
main(void)
{
	struct timespec t = {1, 0};

	for (int n = 1;; n++) {
		printf("t-daemon: tick %d\n", n);
		fflush(stdout);
		nanosleep(&t, NULL);
	}
}
