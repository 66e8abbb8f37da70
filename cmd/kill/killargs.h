// cmd/kill/killargs.h: kill's argument parsing, apart from the system call
// so the host can test it (tests/cmd/gr_test.c).
#ifndef KILLARGS_H
#define KILLARGS_H

#include <stddef.h>

// Parse "kill [-n note] pid ..." or "kill pid note". *note becomes the note
// ("kill" unless given); pids[0..return) the process ids. Returns the number
// of pids, or -1 with a message (what and why) in err.
int kill_parse(int argc, char **argv, const char **note, int *pids, int maxpids, char *err,
               size_t errlen);

#endif
