// cmd/ps/psparse.h: the text of /proc/N/status (docs/procfs.md, format 1)
// parsed into a psinfo, and a psinfo printed as a line of ps. Apart from the
// directory walk so the host can test it (tests/cmd/gr_test.c).
#ifndef PSPARSE_H
#define PSPARSE_H

#include <stddef.h>

struct psinfo {
	long pid, ppid;
	char state[16];
	char name[64];
	long long mem; // KiB of user memory (pages x 4); -1 if the file does not say
	long long cpu; // milliseconds of CPU time; -1 if the file does not say
	char snap[32]; // the snap it belongs to (its filter's name); "-" if none
};

// Parse the n bytes of a status file. Returns 0, or -1 with a message
// (which line, what is wrong) in err.
int ps_parse(const char *text, size_t n, struct psinfo *p, char *err, size_t errlen);

// The heading line and one process's line (without newlines).
void ps_heading(char *buf, size_t n);
void ps_format(const struct psinfo *p, char *buf, size_t n);

#endif
