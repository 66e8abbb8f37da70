// lib/config/gen_fuzz.c: libFuzzer target for the resolved file reader
// (resolved_parse): any input is read without crashing, and whatever it
// accepts is written back in a form it reads again to the same text.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct resolved r, r2;
	struct gen_err e;
	char *text, *again;
	size_t len, len2;

	if (resolved_parse((const char *)data, size, &r, &e) < 0)
		return 0;
	text = resolved_format(&r, &len);
	if (text == NULL)
		abort();
	if (resolved_parse(text, len, &r2, &e) < 0)
		abort();
	again = resolved_format(&r2, &len2);
	if (again == NULL || len2 != len || memcmp(again, text, len) != 0)
		abort();
	free(again);
	free(text);
	resolved_free(&r);
	resolved_free(&r2);
	return 0;
}
