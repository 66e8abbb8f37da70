// tests/apps/t-memory/t-memory.c: touch 16 MiB under a 4 MiB limit. The
// kernel either refuses the memory (malloc fails: the program says so and
// exits 0) or kills it at the page that crosses the limit (status
// KILLSTATUS_MEM); both are what tests/guest/snap_test.c accepts.
#include <stdlib.h>

#include "../hostile.h"

int
main(void)
{
	size_t got = 0;

	while (got < (16u << 20)) {
		char *p = malloc(256 * 1024);

		if (p == NULL) {
			char why[ERRMAX];

			errstr(why, sizeof why);
			printf("refused after %zu bytes: %s\n", got, why);
			return 0;
		}
		for (size_t i = 0; i < 256 * 1024; i += 4096)
			p[i] = 1;
		got += 256 * 1024;
	}
	printf("not ok - touched %zu bytes under a 4 MiB limit\n", got);
	return 1;
}
