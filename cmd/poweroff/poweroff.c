// cmd/poweroff/poweroff.c: ask init to stop everything and power the
// machine off, optionally with an exit status (QEMU passes it to the host).
#include <stdio.h>

#include "askinit.h"

int
main(int argc, char **argv)
{
	char note[ASKINIT_NOTEMAX], err[128];

	if (askinit_note("poweroff", argc, argv, note, sizeof note, err, sizeof err) < 0) {
		fprintf(stderr, "poweroff: %s\nusage: poweroff [status]\n", err);
		return 2;
	}
	return askinit_post("poweroff", note);
}
