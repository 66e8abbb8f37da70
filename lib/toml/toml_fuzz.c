// lib/toml/toml_fuzz.c: libFuzzer target for toml_parse. Any input must
// either parse into a tree whose every node has a position and whose values
// read back through the getters, or fail with a non-empty message; never
// crash, leak or read outside the buffer.
#include <stdlib.h>
#include <string.h>

#include "toml/toml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
walk(const toml_node *n)
{
	struct toml_datetime dt;
	const char *s;
	size_t len;
	char buf[64];
	int64_t i;
	double f;
	int b;

	if (toml_line(n) == 0 || toml_col(n) == 0)
		abort();
	switch (toml_type(n)) {
	case TOML_TABLE:
		for (size_t k = 0; k < toml_len(n); k++) {
			const toml_node *c = toml_at(n, k);
			const char *key = toml_key(c, &len);

			if (toml_getn(n, key, len) != c)
				abort();
			walk(c);
		}
		break;
	case TOML_ARRAY:
		for (size_t k = 0; k < toml_len(n); k++)
			walk(toml_at(n, k));
		break;
	case TOML_STRING:
		if (toml_string(n, &s, &len) != 0 || s[len] != '\0')
			abort();
		break;
	case TOML_INTEGER:
		if (toml_int(n, &i) != 0)
			abort();
		break;
	case TOML_FLOAT:
		if (toml_float(n, &f) != 0)
			abort();
		break;
	case TOML_BOOL:
		if (toml_bool(n, &b) != 0)
			abort();
		break;
	default:
		if (toml_datetime(n, &dt) != 0 || toml_datetime_format(n, buf, sizeof buf) <= 0)
			abort();
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct toml_error err;
	toml_node *root = toml_parse((const char *)data, size, &err);

	if (root == NULL) {
		if (err.msg[0] == '\0')
			abort();
		return 0;
	}
	walk(root);
	toml_free(root);
	return 0;
}
