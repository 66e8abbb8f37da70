// cmd/grep/regex.h: grep's small backtracking regular-expression matcher.
// The syntax it accepts is documented in docs/man/grep.1 and docs/cmd.md.
#ifndef GREP_REGEX_H
#define GREP_REGEX_H

#include <stddef.h>

enum { RE_EXTENDED = 1, RE_ICASE = 2 };

// One atom and how often it may repeat.
struct re_node {
	unsigned char set[32]; // bytes the atom matches (a bitmap)
	unsigned char min;     // 0 or 1
	unsigned char many;    // 1: any number more than min (* and +)
};

// One alternative of an extended expression (a basic one has one).
struct re_branch {
	struct re_node *nodes;
	int nnodes;
	int bol, eol; // anchored with ^ or $
};

struct re {
	struct re_branch *branches;
	int nbranches;
};

// Compile pat. Returns 0, or -1 with a message in err (what and where).
int re_compile(struct re *re, const char *pat, int flags, char *err, size_t errlen);

// Whether the n bytes at s contain a match.
int re_match(const struct re *re, const char *s, size_t n);

void re_free(struct re *re);

#endif
