// kernel/ns/name_test.c: host tests of cleanname, the lexical ".." rule.
#include <stdio.h>
#include <string.h>

#include "ns/name.h"
#include "tap/tap.h"

static void
check(const char *in, const char *want)
{
	char buf[NSPATH];

	snprintf(buf, sizeof buf, "%s", in);
	cleanname(buf);
	tap_ok(strcmp(buf, want) == 0, "cleanname(\"%s\") = \"%s\" (want \"%s\")", in, buf, want);
}

int
main(void)
{
	static const char *const cases[][2] = {
	        {"/", "/"},
	        {"//", "/"},
	        {"/a/b", "/a/b"},
	        {"/a//b/", "/a/b"},
	        {"/a/./b/.", "/a/b"},
	        {"/a/b/..", "/a"},
	        {"/a/b/../..", "/"},
	        {"/..", "/"},
	        {"/../../a", "/a"},
	        {"/a/../../b", "/b"},
	        {"/mnt/..", "/"},
	        {"a/b/../c", "a/c"},
	        {"..", ".."},
	        {"../a/..", ".."},
	        {"a/..", "."},
	        {".", "."},
	        {"", "."},
	        {"#b", "#b"},
	        {"#b/", "#b"},
	        {"#b/bin/..", "#b"},
	        {"#b/..", "#b"},
	        {"#b/../../x", "#b/x"},
	        {"#/", "#/"},
	        {"#//bin", "#//bin"},
	        {"#//bin/..", "#/"},
	        {"#|spec/data", "#|spec/data"},
	        {"#", "#"},
	};
	char big[NSPATH];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check(cases[i][0], cases[i][1]);
	// The longest path still fits and comes out unchanged.
	memset(big, 'x', sizeof big - 1);
	big[0] = '/';
	big[sizeof big - 1] = '\0';
	{
		char copy[NSPATH];

		memcpy(copy, big, sizeof copy);
		cleanname(big);
		tap_ok(strcmp(big, copy) == 0, "a %zu-byte path survives", strlen(copy));
	}
	return tap_done();
}
