// tests/apps/t-syscall/t-syscall.c: write is listed, pipe is not: the
// kernel must kill it at pipe with "syscall 'pipe' denied for snap
// 't-syscall'" (tests/guest/snap_test.c checks the status, the message and
// the audit record).
#include "../hostile.h"

int
main(void)
{
	int p[2];

	check(write(1, "", 0) == 0, "write, which it lists, works");
	pipe(p);
	check(0, "still alive after pipe, which it does not list");
	return 1;
}
