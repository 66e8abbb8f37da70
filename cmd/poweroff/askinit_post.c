// cmd/poweroff/askinit_post.c: posting the request note to init.
#include <gremlin.h>
#include <stdio.h>

#include "askinit.h"

int
askinit_post(const char *prog, const char *note)
{
	char why[ERRMAX];

	if (postnote(1, note) == 0)
		return 0;
	errstr(why, sizeof why);
	fprintf(stderr,
	        "%s: init did not take the request: %s\n"
	        "%s: (init must accept the note \"%s\"; see docs/cmd.md, \"Asking init\")\n",
	        prog, why, prog, note);
	return 1;
}
