// cmd/kill/killargs.c: parsing kill's arguments.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "killargs.h"

// A process id: decimal digits, 1 to 2^31-1.
static int
pidof(const char *s, int *pid)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < 1 || v > 0x7fffffff)
		return -1;
	*pid = (int)v;
	return 0;
}

int
kill_parse(int argc, char **argv, const char **note, int *pids, int maxpids, char *err,
           size_t errlen)
{
	int i = 1, n = 0, last = argc;

	*note = "kill";
	if (i < argc && strcmp(argv[i], "-n") == 0) {
		if (i + 1 == argc || argv[i + 1][0] == '\0') {
			snprintf(err, errlen, "-n needs a note");
			return -1;
		}
		*note = argv[i + 1];
		i += 2;
	} else if (argc == 3 && pidof(argv[2], &pids[0]) < 0 && argv[2][0] != '-') {
		// "kill PID NOTE": the second word is not a number, so it is the note.
		*note = argv[2];
		last = 2;
	}
	if (i < last && strcmp(argv[i], "--") == 0)
		i++;
	if (i == last) {
		snprintf(err, errlen, "no process named");
		return -1;
	}
	for (; i < last; i++) {
		if (n == maxpids) {
			snprintf(err, errlen, "more than %d processes named", maxpids);
			return -1;
		}
		if (pidof(argv[i], &pids[n]) < 0) {
			snprintf(err, errlen, "'%s' is not a process id", argv[i]);
			return -1;
		}
		n++;
	}
	if (strlen(*note) >= 128) {
		snprintf(err, errlen, "the note is longer than 127 bytes");
		return -1;
	}
	return n;
}
