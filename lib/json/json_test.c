// lib/json/json_test.c: tests for the JSON parser and writer (RFC 8259 examples, malformed input).
#include "json/json.h"
#include "tap/tap.h"

#include <stdlib.h>
#include <string.h>

// RFC 8259 section 13, first example.
static const char rfc_image[] = "{\n"
                                "  \"Image\": {\n"
                                "    \"Width\":  800,\n"
                                "    \"Height\": 600,\n"
                                "    \"Title\":  \"View from 15th Floor\",\n"
                                "    \"Thumbnail\": {\n"
                                "      \"Url\":    \"http://www.example.com/image/481989943\",\n"
                                "      \"Height\": 125,\n"
                                "      \"Width\":  100\n"
                                "    },\n"
                                "    \"Animated\" : false,\n"
                                "    \"IDs\": [116, 943, 234, 38793]\n"
                                "  }\n"
                                "}\n";

// RFC 8259 section 13, second example.
static const char rfc_array[] = "[\n"
                                "  {\n"
                                "     \"precision\": \"zip\",\n"
                                "     \"Latitude\":  37.7668,\n"
                                "     \"Longitude\": -122.3959,\n"
                                "     \"Address\":   \"\",\n"
                                "     \"City\":      \"SAN FRANCISCO\",\n"
                                "     \"State\":     \"CA\",\n"
                                "     \"Zip\":       \"94107\",\n"
                                "     \"Country\":   \"US\"\n"
                                "  },\n"
                                "  {\n"
                                "     \"precision\": \"zip\",\n"
                                "     \"Latitude\":  37.371991,\n"
                                "     \"Longitude\": -122.026020,\n"
                                "     \"Address\":   \"\",\n"
                                "     \"City\":      \"SUNNYVALE\",\n"
                                "     \"State\":     \"CA\",\n"
                                "     \"Zip\":       \"94085\",\n"
                                "     \"Country\":   \"US\"\n"
                                "  }\n"
                                "]\n";

static struct json *
parse(const char *s)
{
	return json_parse(s, strlen(s), NULL);
}

static void
test_rfc_examples(void)
{
	struct json *j = parse(rfc_image);
	const struct json *img = json_get(j, "Image");
	uint64_t v = 0;

	tap_ok(j != NULL, "RFC 8259 Image example parses");
	tap_ok(json_u64(json_get(img, "Width"), &v) && v == 800, "Image.Width = 800");
	tap_ok(json_string(json_get(img, "Title")) &&
	               strcmp(json_string(json_get(img, "Title")), "View from 15th Floor") == 0,
	       "Image.Title");
	tap_ok(json_is(json_get(img, "Animated"), JSON_FALSE), "Image.Animated is false");
	tap_ok(json_u64(json_at(json_get(img, "IDs"), 3), &v) && v == 38793, "Image.IDs[3]");
	tap_ok(json_get(json_get(img, "Thumbnail"), "Url") != NULL, "Thumbnail.Url present");
	json_free(j);

	j = parse(rfc_array);
	tap_ok(j && j->n == 2, "RFC 8259 array example parses with 2 items");
	const struct json *lon = json_get(json_at(j, 1), "Longitude");
	tap_ok(lon && strcmp(lon->str, "-122.026020") == 0, "number text kept exactly: %s",
	       lon ? lon->str : "(null)");
	json_free(j);

	j = parse("\"Hello world!\"");
	tap_ok(j && j->type == JSON_STRING && strcmp(j->str, "Hello world!") == 0,
	       "top-level string");
	json_free(j);
	j = parse("42");
	tap_ok(json_u64(j, &v) && v == 42, "top-level number");
	json_free(j);
	j = parse(" true ");
	tap_ok(json_is(j, JSON_TRUE), "top-level true with whitespace");
	json_free(j);
}

static void
test_strings(void)
{
	struct json *j = parse("\"a\\u00e9\\uD834\\uDD1E\\n\\\"\\/\\\\\\b\\f\\r\\t\\u0000z\"");
	static const char want[] = "a\xc3\xa9\xf0\x9d\x84\x9e\n\"/\\\b\f\r\t\0z";

	tap_ok(j && j->len == sizeof want - 1 && memcmp(j->str, want, j->len) == 0,
	       "escapes incl. surrogate pair U+1D11E and \\u0000 decode");
	json_free(j);
	j = parse("\"\xe2\x82\xac \xf0\x9f\x98\x80\"");
	tap_ok(j && strcmp(j->str, "\xe2\x82\xac \xf0\x9f\x98\x80") == 0, "raw UTF-8 accepted");
	json_free(j);
}

static void
test_numbers(void)
{
	static const char *good[] = {"0",    "-0",   "1.5", "-1.5e10",
	                             "1E+2", "1e-2", "0.0", "123456789012345678901234567890"};
	static const char *bad[] = {"01",  "+1",   "1.",  ".5",       "1e",   "1e+", "-",
	                            "--1", "0x10", "NaN", "Infinity", "1.e3", "-01"};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		struct json *j = parse(good[i]);
		tap_ok(j && j->type == JSON_NUMBER && strcmp(j->str, good[i]) == 0,
		       "number %s accepted", good[i]);
		json_free(j);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct json *j = parse(bad[i]);
		tap_ok(j == NULL, "number %s rejected", bad[i]);
		json_free(j);
	}
	uint64_t u;
	int64_t s;
	struct json *j = parse("18446744073709551615");
	tap_ok(json_u64(j, &u) && u == UINT64_MAX, "u64 max");
	json_free(j);
	j = parse("18446744073709551616");
	tap_ok(j && !json_u64(j, &u), "u64 overflow refused, text kept");
	json_free(j);
	j = parse("-9223372036854775808");
	tap_ok(json_i64(j, &s) && s == INT64_MIN, "i64 min");
	json_free(j);
	j = parse("1.0");
	tap_ok(j && !json_u64(j, &u), "1.0 is not a u64 integer");
	json_free(j);
}

struct badcase {
	const char *text;
	size_t len; // 0: strlen
	int line, col;
	const char *msg; // a substring of the message
};

static void
test_malformed(void)
{
	static const struct badcase cases[] = {
	        {"", 0, 1, 1, "end of input"},
	        {"[1,2,]", 0, 1, 6, "expected a value"},
	        {"{\"a\":1,}", 0, 1, 8, "string key"},
	        {"[1 2]", 0, 1, 4, "expected , or ]"},
	        {"{\"a\" 1}", 0, 1, 6, "expected :"},
	        {"{\"a\":1 \"b\":2}", 0, 1, 8, "expected , or }"},
	        {"{\"a\":1,\n \"a\":2}", 0, 2, 2, "duplicate key"},
	        {"[1]x", 0, 1, 4, "trailing data"},
	        {"[1] [2]", 0, 1, 5, "trailing data"},
	        {"\"abc", 0, 1, 1, "unterminated string"},
	        {"\"a\tb\"", 0, 1, 3, "control character"},
	        {"\"\\x\"", 0, 1, 2, "invalid escape"},
	        {"\"\\u12g4\"", 0, 1, 2, "four hex digits"},
	        {"\"\\uD834\"", 0, 1, 2, "high surrogate"},
	        {"\"\\uD834\\u0041\"", 0, 1, 2, "high surrogate"},
	        {"\"\\uDD1E\"", 0, 1, 2, "lone low surrogate"},
	        {"\"\xc0\xaf\"", 0, 1, 2, "invalid UTF-8"},
	        {"\"\xed\xa0\x80\"", 0, 1, 2, "invalid UTF-8"},
	        {"\"\xf4\x90\x80\x80\"", 0, 1, 2, "invalid UTF-8"},
	        {"\"\xe2\x82\"", 0, 1, 2, "invalid UTF-8"},
	        {"\"\x80\"", 0, 1, 2, "invalid UTF-8"},
	        {"tru", 0, 1, 1, "invalid literal"},
	        {"nul", 0, 1, 1, "invalid literal"},
	        {"\xef\xbb\xbf{}", 0, 1, 1, "byte order mark"},
	        {"[\n\n  01]", 0, 3, 4, "leading zero"},
	        {"'a'", 0, 1, 1, "unexpected character"},
	        {"[1,\n2\n", 0, 3, 1, "unterminated array"},
	        {"\"a\0b\"", 5, 1, 3, "control character"},
	        {"{\"a\":1", 0, 1, 7, "unterminated object"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct badcase *c = &cases[i];
		struct json_error e;
		size_t n = c->len ? c->len : strlen(c->text);
		struct json *j = json_parse(c->text, n, &e);
		char buf[160];
		json_strerror(&e, buf, sizeof buf);
		tap_ok(!j && e.line == c->line && e.col == c->col && strstr(e.msg, c->msg),
		       "malformed #%zu rejected: %s", i, buf);
		json_free(j);
	}
}

static void
test_depth(void)
{
	char *s = malloc(2 * JSON_MAX_DEPTH + 4);
	size_t n = 0;
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		s[n++] = '[';
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		s[n++] = ']';
	struct json *j = json_parse(s, n, NULL);
	tap_ok(j != NULL, "nesting of exactly JSON_MAX_DEPTH accepted");
	json_free(j);
	memmove(s + 1, s, n);
	s[0] = '[';
	s[n + 1] = ']';
	struct json_error e;
	j = json_parse(s, n + 2, &e);
	tap_ok(!j && strstr(e.msg, "nesting") && e.offset == JSON_MAX_DEPTH,
	       "nesting of JSON_MAX_DEPTH+1 rejected at byte %zu", e.offset);
	free(s);
}

static void
test_writer(void)
{
	struct json_writer w;
	size_t n;
	char *s;

	jw_init(&w);
	jw_obj(&w);
	jw_key(&w, "jsonrpc");
	jw_str(&w, "2.0");
	jw_key(&w, "params");
	jw_arr(&w);
	jw_str(&w, "q\"\\\n\x01");
	jw_u64(&w, 18446744073709551615ull);
	jw_i64(&w, -5);
	jw_bool(&w, 1);
	jw_null(&w);
	jw_obj(&w);
	jw_obj_end(&w);
	jw_arr_end(&w);
	jw_obj_end(&w);
	s = jw_finish(&w, &n);
	static const char want[] = "{\"jsonrpc\":\"2.0\",\"params\":[\"q\\\"\\\\\\n\\u0001\","
	                           "18446744073709551615,-5,true,null,{}]}";
	tap_ok(s && strcmp(s, want) == 0, "writer output: %s", s ? s : "(null)");
	free(s);

	jw_init(&w);
	jw_obj(&w);
	jw_str(&w, "no key");
	tap_ok(jw_finish(&w, NULL) == NULL, "writer refuses a value without a key");
	jw_init(&w);
	jw_arr(&w);
	tap_ok(jw_finish(&w, NULL) == NULL, "writer refuses an unclosed array");
	jw_init(&w);
	jw_str(&w, "\xff");
	tap_ok(jw_finish(&w, NULL) == NULL, "writer refuses invalid UTF-8");
	jw_init(&w);
	jw_num(&w, "01");
	tap_ok(jw_finish(&w, NULL) == NULL, "writer refuses an invalid number");

	// Round trip: parse, write, parse again, write again: identical.
	struct json *j = parse(rfc_array);
	jw_init(&w);
	jw_value(&w, j);
	s = jw_finish(&w, &n);
	struct json *k = s ? json_parse(s, n, NULL) : NULL;
	jw_init(&w);
	jw_value(&w, k);
	char *t = jw_finish(&w, NULL);
	tap_ok(s && t && strcmp(s, t) == 0, "round trip of the RFC array example is stable");
	json_free(j);
	json_free(k);
	free(s);
	free(t);
}

int
main(void)
{
	test_rfc_examples();
	test_strings();
	test_numbers();
	test_malformed();
	test_depth();
	test_writer();
	return tap_done();
}
