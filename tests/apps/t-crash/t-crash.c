// tests/apps/t-crash/t-crash.c: say so and fail with status 3.
#include "../hostile.h"

int
main(void)
{
	printf("t-crash: failing on purpose\n");
	return 3;
}
