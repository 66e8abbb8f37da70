// tests/apps/t-capmissing/t-capmissing.c: must never run (its manifest
// grants a path that does not exist, so snaprun refuses it).
#include "../hostile.h"

int
main(void)
{
	check(0, "t-capmissing ran although its capability does not exist");
	return 1;
}
