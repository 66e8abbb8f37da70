// tests/cmd/re_test.c: grep's regular-expression matcher (cmd/grep/regex.c)
// against a table of patterns, lines and expected results, and its errors.
#include <stdio.h>
#include <string.h>

#include "../../cmd/grep/regex.h"
#include "tap/tap.h"

#define E RE_EXTENDED
#define I RE_ICASE

static const struct {
	const char *pat;
	int flags;
	const char *text;
	int want;
} cases[] = {
        {"abc", 0, "xxabcxx", 1},
        {"abc", 0, "ab c", 0},
        {"", 0, "anything", 1},
        {"", 0, "", 1},
        {"a.c", 0, "abc", 1},
        {"a.c", 0, "ac", 0},
        {"^abc", 0, "abcd", 1},
        {"^abc", 0, "xabc", 0},
        {"abc$", 0, "xabc", 1},
        {"abc$", 0, "abcx", 0},
        {"^$", 0, "", 1},
        {"^$", 0, "x", 0},
        {"ab*c", 0, "ac", 1},
        {"ab*c", 0, "abbbbc", 1},
        {"ab*c", 0, "abxc", 0},
        {"a.*z", 0, "a to z", 1},
        {"^a.*a$", 0, "abcba", 1},
        {"^a.*a$", 0, "abcb", 0},
        {"*a", 0, "x*a", 1}, // a leading * is literal
        {"*a", 0, "xa", 0},
        {"^*a", 0, "*a", 1},
        {"a+", 0, "a+", 1}, // + is literal in basic syntax
        {"a+", 0, "aa", 0},
        {"a+", E, "aa", 1},
        {"ba+c", E, "bc", 0},
        {"ba?c", E, "bc", 1},
        {"ba?c", E, "baac", 0},
        {"cat|dog", E, "hotdog", 1},
        {"cat|dog", E, "bird", 0},
        {"^cat|dog$", E, "cats", 1},
        {"^cat|dog$", E, "dogs", 0},
        {"a|b", 0, "a|b", 1}, // | is literal in basic syntax
        {"a|b", 0, "a", 0},
        {"[abc]x", 0, "zbx", 1},
        {"[abc]x", 0, "zdx", 0},
        {"[^abc]x", 0, "adx", 1},
        {"^[^abc]x", 0, "ax", 0},
        {"[a-z][0-9]", 0, "Q7 b5", 1},
        {"[a-z][0-9]", 0, "Q7 B5", 0},
        {"[]x]", 0, "]", 1},
        {"[^]x]", 0, "]x", 0},
        {"[a-]", 0, "-", 1},
        {"[[:digit:]]+", E, "abc123", 1},
        {"^[[:alpha:]_][[:alnum:]_]*$", 0, "snake_case9", 1},
        {"^[[:alpha:]_][[:alnum:]_]*$", 0, "9lives", 0},
        {"[[:space:]]", 0, "a\tb", 1},
        {"\\.", 0, "a.b", 1},
        {"\\.", 0, "ab", 0},
        {"\\*", 0, "2*3", 1},
        {"a\\$", 0, "a$b", 1},
        {"\\[x]", 0, "[x]", 1},
        {"a$b", 0, "a$b", 1}, // $ not at the end is literal
        {"HeLLo", I, "say hello", 1},
        {"[a-c]+", E | I, "ABC", 1},
        {"[^a]", I, "A", 0},
        {"x*", 0, "", 1},
        {"a*a*a*a*a*b", 0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0},
};

static const struct {
	const char *pat;
	int flags;
	const char *why;
} bad[] = {
        {"[abc", 0, "unterminated ["},    {"a\\", 0, "trailing backslash"},
        {"(ab)", E, "not supported"},     {"a{2}", E, "not supported"},
        {"\\(ab\\)", 0, "not supported"}, {"\\w", 0, "not supported"},
        {"[z-a]", 0, "out of order"},     {"[[:nope:]]", 0, "unknown character class"},
        {"[[:alpha", 0, "unterminated"},  {"a^b", E, "only supported at the start"},
};

// A long line of 'a's, for patterns that backtrack a lot.
static char as[4001];

int
main(void)
{
	char err[128];
	struct re re;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int ok = re_compile(&re, cases[i].pat, cases[i].flags, err, sizeof err) == 0;
		int got = ok && re_match(&re, cases[i].text, strlen(cases[i].text));

		tap_ok(ok && got == cases[i].want, "/%s/%s%s on \"%s\": %s", cases[i].pat,
		       cases[i].flags & E ? "E" : "", cases[i].flags & I ? "i" : "", cases[i].text,
		       ok ? (cases[i].want ? "match" : "no match") : err);
		if (ok)
			re_free(&re);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int r = re_compile(&re, bad[i].pat, bad[i].flags, err, sizeof err);

		tap_ok(r == -1 && strstr(err, bad[i].why) != NULL, "/%s/ refused: %s", bad[i].pat,
		       r == -1 ? err : "(compiled)");
		if (r == 0)
			re_free(&re);
	}
	memset(as, 'a', sizeof as - 1);
	tap_ok(re_compile(&re, ".*.*.*.*.*.*.*.*.*.*x", 0, err, sizeof err) == 0 &&
	               !re_match(&re, as, strlen(as)),
	       "/.*.*.*.*.*.*.*.*.*.*x/ on 4000 a's: no match (failed states remembered)");
	re_free(&re);
	as[3999] = 'x';
	tap_ok(re_compile(&re, "^a*a*a*a*a*a*a*a*x$", 0, err, sizeof err) == 0 &&
	               re_match(&re, as, strlen(as)),
	       "/^a*a*a*a*a*a*a*a*x$/ on 3999 a's and x: match");
	re_free(&re);
	return tap_done();
}
