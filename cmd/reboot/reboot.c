// cmd/reboot/reboot.c: ask init to stop everything and restart the machine.
// The request code is poweroff's (cmd/poweroff/askinit*.c), compiled in here
// too because every command is built from its own directory.
#include <stdio.h>

#include "../poweroff/askinit.h"

int
main(int argc, char **argv)
{
	char note[ASKINIT_NOTEMAX], err[128];

	if (askinit_note("reboot", argc, argv, note, sizeof note, err, sizeof err) < 0) {
		fprintf(stderr, "reboot: %s\nusage: reboot\n", err);
		return 2;
	}
	return askinit_post("reboot", note);
}
