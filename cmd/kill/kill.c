// cmd/kill/kill.c: post a note to processes: "kill" (the default) ends
// them; "interrupt" is what Ctrl-C sends. kill [-n note] pid ... | kill pid note
#include <errno.h>
#include <gremlin.h>
#include <stdio.h>
#include <string.h>

#include "killargs.h"

int
main(int argc, char **argv)
{
	char err[ERRMAX];
	const char *note;
	int pids[64], n, rc = 0;

	n = kill_parse(argc, argv, &note, pids, 64, err, sizeof err);
	if (n < 0) {
		fprintf(stderr, "kill: %s\nusage: kill [-n note] pid ... | kill pid note\n", err);
		return 2;
	}
	for (int i = 0; i < n; i++) {
		if (postnote(pids[i], note) < 0) {
			// The kernel's reason names the call: "kill 9: no such process".
			errstr(err, sizeof err);
			fprintf(stderr, "kill: %s\n", err[0] ? err : strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
