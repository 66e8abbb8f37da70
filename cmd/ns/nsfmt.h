// cmd/ns/nsfmt.h: the lines of /proc/N/ns (docs/procfs.md), parsed and
// printed back as shell commands. Apart from the system calls, so the host
// can test it (tests/cmd/gr_test.c).
#ifndef NSFMT_H
#define NSFMT_H

#include <stddef.h>

enum { NS_MAXWORDS = 8, NS_LINEMAX = 1024 };

// One line: a verb (bind, mount or cd), its flags (letters of -abcC) and
// its operands.
struct ns_line {
	char verb[8];
	char flags[8];
	int nargs;
	char args[NS_MAXWORDS][NS_LINEMAX];
};

// Parse one line (without its newline). Returns 1 for a command, 0 for a
// blank line, or -1 with a message (what and why) in err.
int ns_parse(const char *line, struct ns_line *l, char *err, size_t errlen);

// Write l into buf as a command sh reads back to the same words (operands
// quoted where sh would otherwise change them). Returns the length, or -1 if
// buf is too small.
int ns_format(const struct ns_line *l, char *buf, size_t n);

#endif
