// tests/apps/t-flood/t-flood.c: write 1 MiB of lines to its output as
// fast as it can, then say so. Under init its output is its log, which
// init keeps to a bounded size (docs/snaps.md); tests/host/scenario.py
// checks that the shell answers meanwhile and the log stays bounded.
#include "../hostile.h"

int
main(void)
{
	char line[64];
	int n = snprintf(line, sizeof line, "flood flood flood flood flood flood flood flood\n");

	for (int sent = 0; sent < (1 << 20); sent += n)
		if (write(1, line, (size_t)n) != n)
			return 1;
	printf("t-flood: done\n");
	return 0;
}
