// lib/eth/abi_fuzz.c: libFuzzer target for the ABI decoder and type parser. The first byte
// picks a type (or, when 0xff, the rest is parsed as a type spelling); data that decodes must
// re-encode to data that decodes to the same value.
#include <stdlib.h>
#include <string.h>

#include "eth/abi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *types[] = {
        "(uint256,bool,address)",           "(bytes,string)",         "(uint8[],int16[3])",
        "((uint256,bytes)[],string[])",     "(uint256[][],string[])", "(bytes3[2],int8,bytes32)",
        "((bool,(string,uint64[2])[])[2])", "(string[][2][])",
};

static char *
to_json(const struct abi_type *t, const struct abi_value *v)
{
	struct json_writer w;
	jw_init(&w);
	abi_value_to_json(t, v, &w);
	return jw_finish(&w, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[ETH_ERRLEN], buf[512];
	struct abi_value v, v2;
	struct abi_buf b = {0};

	if (size == 0)
		return 0;
	if (data[0] == 0xff) {
		char *s = malloc(size);
		memcpy(s, data + 1, size - 1);
		s[size - 1] = 0;
		struct abi_type *t = abi_type_parse(s, err);
		if (t && abi_type_canonical(t, buf, sizeof buf) == 0) {
			struct abi_type *u = abi_type_parse(buf, err);
			if (!u)
				abort(); // the canonical form must parse
			abi_type_free(u);
		}
		abi_type_free(t);
		free(s);
		return 0;
	}
	struct abi_type *t = abi_type_parse(types[data[0] % (sizeof types / sizeof *types)], err);
	if (abi_decode(t, data + 1, size - 1, &v, err) == 0) {
		char *j1 = to_json(t, &v);
		if (abi_encode(t, &v, &b, err) < 0 || abi_decode(t, b.p, b.len, &v2, err) < 0)
			abort();
		char *j2 = to_json(t, &v2);
		if (!j1 || !j2 || strcmp(j1, j2) != 0)
			abort();
		free(j1);
		free(j2);
		abi_value_free(&v2);
		abi_value_free(&v);
		abi_buf_free(&b);
	}
	abi_type_free(t);
	return 0;
}
