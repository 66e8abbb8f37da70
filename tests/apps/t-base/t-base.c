// tests/apps/t-base/t-base.c: /base is granted, and read-only: opening a
// file for writing, creating one and removing one all fail, and the file
// is still there afterwards.
#include <sys/stat.h>

#include "../hostile.h"

int
main(void)
{
	struct stat st;

	check(stat("/base/bin/sh", &st) == 0, "/base/bin/sh is visible");
	check(open("/base/bin/sh", O_WRONLY) < 0, "/base/bin/sh cannot be opened for writing");
	check(open("/base/newfile", O_WRONLY | O_CREAT, 0644) < 0,
	      "no file can be created in /base");
	check(remove("/base/bin/sh") < 0, "no file can be removed from /base");
	check(stat("/base/bin/sh", &st) == 0, "/base/bin/sh is still there");
	return hostile_failed;
}
