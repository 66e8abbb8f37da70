// lib/json/json_fuzz.c: libFuzzer target: parse anything; what parses must write and re-parse
// identically.
#include "json/json.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_error e;
	struct json_writer w;
	struct json *j = json_parse((const char *)data, size, &e), *k;
	size_t n, m;
	char *s, *t;

	if (!j)
		return 0;
	jw_init(&w);
	jw_value(&w, j);
	s = jw_finish(&w, &n);
	if (!s)
		abort();
	k = json_parse(s, n, &e);
	if (!k)
		abort();
	jw_init(&w);
	jw_value(&w, k);
	t = jw_finish(&w, &m);
	if (!t || m != n || memcmp(s, t, n) != 0)
		abort();
	free(s);
	free(t);
	json_free(j);
	json_free(k);
	return 0;
}
