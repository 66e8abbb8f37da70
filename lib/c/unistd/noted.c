// lib/c/unistd/noted.c: noted(2), Plan 9's: leave a note handler, resuming
// (NCONT; does not return) or with the note's default action (NDFLT).
#include <gremlin.h>

#include "../internal.h"

int
noted(int how)
{
	return (int)__sysret(rawsyscall(SYS_noted, how, 0, 0, 0, 0, 0));
}
