// cmd/poweroff/askinit.c: the note poweroff and reboot post to init.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "askinit.h"

int
askinit_note(const char *prog, int argc, char **argv, char *note, size_t n, char *err,
             size_t errlen)
{
	char *end;
	long status;

	if (strcmp(prog, "reboot") == 0) {
		if (argc > 1) {
			snprintf(err, errlen, "takes no arguments");
			return -1;
		}
		snprintf(note, n, "reboot");
		return 0;
	}
	if (strcmp(prog, "poweroff") != 0) {
		snprintf(err, errlen, "unknown request '%s'", prog);
		return -1;
	}
	if (argc > 2) {
		snprintf(err, errlen, "takes at most one argument, the exit status");
		return -1;
	}
	if (argc == 1) {
		snprintf(note, n, "poweroff");
		return 0;
	}
	errno = 0;
	status = strtol(argv[1], &end, 10);
	if (argv[1][0] < '0' || argv[1][0] > '9' || *end || errno || status > 255) {
		snprintf(err, errlen, "'%s' is not an exit status (0 to 255)", argv[1]);
		return -1;
	}
	snprintf(note, n, "poweroff %ld", status);
	return 0;
}
