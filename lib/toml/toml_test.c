// lib/toml/toml_test.c: API-level tests of lib/toml: positions of values
// and keys, the exact text of error messages, lookups and iteration order,
// typed getters, the nesting limit and big tables. (The toml-test
// conformance cases run from toml_test.sh.)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap/tap.h"
#include "toml/toml.h"

static toml_node *
parse(const char *s)
{
	struct toml_error err;
	char msg[256];
	toml_node *root = toml_parse(s, strlen(s), &err);

	if (root == NULL) {
		toml_error_format(&err, msg, sizeof msg);
		tap_diag("unexpected parse error: %s", msg);
	}
	return root;
}

// Parse s, which must fail with exactly the message want.
static void
error_is(const char *s, const char *want)
{
	struct toml_error err;
	char msg[256] = "";
	toml_node *root = toml_parse(s, strlen(s), &err);

	if (root == NULL)
		toml_error_format(&err, msg, sizeof msg);
	if (!tap_ok(root == NULL && strcmp(msg, want) == 0, "error \"%s\"", want))
		tap_diag("got \"%s\"", root != NULL ? "(accepted)" : msg);
	toml_free(root);
}

static void
test_positions(void)
{
	toml_node *r = parse("# comment\n"
	                     "name = \"x\"\n"
	                     "[server]\n"
	                     "  port = 8080\n"
	                     "  \"é\" = 'ü' # two-byte characters count as one column\n"
	                     "  list = [1,\n"
	                     "     2]\n");
	const toml_node *n;

	if (!tap_ok(r != NULL, "positions document parses"))
		return;
	n = toml_get(r, "name");
	tap_ok(n && toml_key_line(n) == 2 && toml_key_col(n) == 1 && toml_line(n) == 2 &&
	               toml_col(n) == 8,
	       "value and key positions of name");
	n = toml_get(r, "server");
	tap_ok(n && toml_line(n) == 3 && toml_col(n) == 1 && toml_key_col(n) == 2,
	       "a [header] table is at its '[' and its key at the name");
	n = toml_path(r, "server.port");
	tap_ok(n && toml_line(n) == 4 && toml_col(n) == 10, "server.port at 4:10");
	n = toml_get(toml_get(r, "server"), "é");
	tap_ok(n && toml_key_col(n) == 3 && toml_col(n) == 9, "columns count characters");
	n = toml_at(toml_path(r, "server.list"), 1);
	tap_ok(n && toml_line(n) == 7 && toml_col(n) == 6, "array element on its own line");
	toml_free(r);
}

static void
test_errors(void)
{
	error_is("name = 1\nx = 2\n      name = 2\n",
	         "3:7: duplicate key \"name\" (first defined at 1:1)");
	error_is("[a]\nb = 1\n[a]\n", "3:2: table [a] defined twice (first defined at 1:2)");
	error_is("a.b = 1\n[a]\n", "2:2: cannot define table \"a\": already defined as a table (by "
	                           "dotted keys) at 1:1");
	error_is(
	        "[a.b.c]\n[a]\nb.c.d = 1\n",
	        "3:1: cannot add to table \"b\" with a dotted key: it is defined by a [header] (at "
	        "1:4)");
	error_is("t = {x = 1}\n[t]\n",
	         "2:2: cannot define table \"t\": already defined as an inline table at 1:1");
	error_is("t = {x = 1}\nt.y = 2\n",
	         "2:1: cannot add to inline table \"t\" (defined at 1:1)");
	error_is("a = [1]\n[[a]]\n",
	         "2:3: cannot define array of tables \"a\": already defined as an array at 1:1");
	error_is("a = 1\na.b = 2\n",
	         "2:1: key \"a\" is already an integer (defined at 1:1), not a table");
	error_is("a = 1 b = 2\n", "1:7: expected end of line after the value, found 'b'");
	error_is("a = \"abc\n", "1:5: unterminated string");
	error_is("a = \"\\q\"\n", "1:6: invalid escape sequence \\q");
	error_is("a = \"\\uD800\"\n", "1:6: \\uD800 is not a Unicode scalar value");
	error_is("a = \"x\x01\"\n", "1:7: control character U+0001 in string");
	error_is("a = 9223372036854775808\n",
	         "1:5: invalid number \"9223372036854775808\": out of the 64-bit integer range");
	error_is("a = 0x_1\n",
	         "1:5: invalid number \"0x_1\": an underscore must be between two digits");
	error_is("a = 01\n", "1:5: invalid number \"01\": leading zeros are not allowed");
	error_is("a = 1.\n", "1:5: invalid number \"1.\": digits expected after the decimal point");
	error_is("a = 2023-02-29\n", "1:5: invalid date: 2023-02 has no day 29");
	error_is("a = 10:61:00\n", "1:5: invalid time: 10:61:00 is out of range");
	error_is("a = 07:32\n", "1:5: invalid time: expected HH:MM:SS (seconds are required)");
	error_is("a = hello\n", "1:5: invalid value \"hello\" (a string needs quotes)");
	error_is("a = {b = 1,}\n", "1:12: trailing comma not allowed in inline table");
	error_is("a = {b = 1\n}\n", "1:11: expected ',' or '}' in inline table, found end of line");
	error_is("a = [1 2]\n", "1:8: expected ',' or ']' in array, found '2'");
	error_is("x = 1\ny = \xff\n", "2:5: invalid UTF-8 (byte 0xFF)");
	error_is("x = 1\r\n# bare \r x\n", "2:8: control character U+000D in comment");
	error_is("[a\n", "1:3: expected ']' to close the header, found end of line");
	error_is("= 1\n", "1:1: expected a key, found '='");
}

static void
test_lookup(void)
{
	toml_node *r = parse(
	        "z = 1\ny = 'two'\nx.w = true\n[t]\nq = 1.5\n[[arr]]\nk = 1\n[[arr]]\nk = 2\n");
	const toml_node *n;
	const char *s;
	int64_t i = 0;
	double f = 0;
	int b = 0;

	if (!tap_ok(r != NULL, "lookup document parses"))
		return;
	tap_ok(toml_len(r) == 5, "root has 5 members");
	tap_ok(strcmp(toml_key(toml_at(r, 0), NULL), "z") == 0 &&
	               strcmp(toml_key(toml_at(r, 1), NULL), "y") == 0 &&
	               strcmp(toml_key(toml_at(r, 2), NULL), "x") == 0 &&
	               strcmp(toml_key(toml_at(r, 3), NULL), "t") == 0,
	       "members in document order");
	tap_ok(toml_int(toml_get(r, "z"), &i) == 0 && i == 1, "toml_int");
	tap_ok(toml_string(toml_get(r, "y"), &s, NULL) == 0 && strcmp(s, "two") == 0,
	       "toml_string");
	tap_ok(toml_bool(toml_path(r, "x.w"), &b) == 0 && b == 1, "toml_bool through a dotted key");
	tap_ok(toml_float(toml_path(r, "t.q"), &f) == 0 && f == 1.5, "toml_float");
	tap_ok(toml_int(toml_get(r, "y"), &i) == -1 &&
	               toml_string(toml_get(r, "z"), &s, NULL) == -1,
	       "getters refuse other types");
	tap_ok(toml_get(r, "nope") == NULL && toml_path(r, "t.q.r") == NULL &&
	               toml_path(r, "x.nope") == NULL && toml_int(NULL, &i) == -1,
	       "missing keys give NULL and getters accept NULL");
	n = toml_get(r, "arr");
	tap_ok(toml_type(n) == TOML_ARRAY && toml_len(n) == 2 &&
	               toml_int(toml_get(toml_at(n, 1), "k"), &i) == 0 && i == 2,
	       "array of tables in order");
	tap_ok(toml_at(n, 2) == NULL && toml_at(toml_get(r, "z"), 0) == NULL,
	       "toml_at out of range");
	toml_free(r);
}

static void
test_values(void)
{
	toml_node *r = parse("s = \"a\\u0000b\"\n"
	                     "d = 1979-05-27T07:32:00.123456789999-07:30\n"
	                     "f = 0.1\n"
	                     "g = 2.2250738585072011e-308\n"
	                     "h = 1_000.5e-1_0\n"
	                     "m = -9_223_372_036_854_775_808\n"
	                     "t = 00:00:60\n");
	struct toml_datetime dt;
	const char *s;
	size_t len;
	double f;
	int64_t i;
	char buf[64];

	if (!tap_ok(r != NULL, "values document parses"))
		return;
	tap_ok(toml_string(toml_get(r, "s"), &s, &len) == 0 && len == 3 &&
	               memcmp(s, "a\0b", 3) == 0,
	       "string with an escaped NUL keeps its length");
	tap_ok(toml_datetime(toml_get(r, "d"), &dt) == 0 && dt.year == 1979 && dt.month == 5 &&
	               dt.day == 27 && dt.hour == 7 && dt.minute == 32 && dt.second == 0 &&
	               dt.nanosecond == 123456789 && dt.offset_minutes == -450,
	       "offset date-time fields, fraction truncated to nanoseconds");
	toml_datetime_format(toml_get(r, "d"), buf, sizeof buf);
	tap_ok(strcmp(buf, "1979-05-27T07:32:00.123456789-07:30") == 0, "datetime formats as %s",
	       buf);
	tap_ok(toml_float(toml_get(r, "f"), &f) == 0 && f == 0.1, "0.1 is correctly rounded");
	tap_ok(toml_float(toml_get(r, "g"), &f) == 0 && f == 2.2250738585072011e-308,
	       "smallest normal double");
	tap_ok(toml_float(toml_get(r, "h"), &f) == 0 && f == 1000.5e-10, "underscores in a float");
	tap_ok(toml_int(toml_get(r, "m"), &i) == 0 && i == INT64_MIN, "INT64_MIN with underscores");
	tap_ok(toml_type(toml_get(r, "t")) == TOML_TIME_LOCAL, "leap second in a local time");
	toml_free(r);
}

// Build "a = " followed by n '[' and n ']'.
static char *
nested(int n)
{
	char *s = malloc((size_t)n * 2 + 8);

	strcpy(s, "a = ");
	memset(s + 4, '[', (size_t)n);
	memset(s + 4 + n, ']', (size_t)n);
	s[4 + 2 * n] = '\0';
	return s;
}

static void
test_limits(void)
{
	char *ok = nested(TOML_MAX_DEPTH), *deep = nested(TOML_MAX_DEPTH + 1);
	toml_node *r = parse(ok);
	char want[128], *big, *p;
	size_t i;
	int all = 1;

	tap_ok(r != NULL, "arrays nested %d deep are accepted", TOML_MAX_DEPTH);
	toml_free(r);
	snprintf(want, sizeof want, "1:%d: arrays and inline tables nested more than %d deep",
	         5 + TOML_MAX_DEPTH, TOML_MAX_DEPTH);
	error_is(deep, want);
	free(ok);
	free(deep);

	// A table big enough to use its hash index.
	big = malloc(5000 * 24);
	for (p = big, i = 0; i < 5000; i++)
		p += sprintf(p, "key%zu = %zu\n", i, i);
	r = parse(big);
	for (i = 0; r != NULL && i < 5000; i++) {
		char k[16];
		int64_t v;

		snprintf(k, sizeof k, "key%zu", i);
		all = all && toml_int(toml_get(r, k), &v) == 0 && v == (int64_t)i &&
		      strcmp(toml_key(toml_at(r, i), NULL), k) == 0;
	}
	tap_ok(r != NULL && all && toml_len(r) == 5000, "5000 keys found by name and by order");
	toml_free(r);
	strcpy(p, "key4321 = 0\n");
	error_is(big, "5001:1: duplicate key \"key4321\" (first defined at 4322:1)");
	free(big);
}

int
main(void)
{
	test_positions();
	test_errors();
	test_lookup();
	test_values();
	test_limits();
	return tap_done();
}
