// lib/9p/fcall_fuzz.c: libFuzzer target for the 9P2000 codec. Any input
// that decodes must re-encode to exactly the same bytes, and every stat
// entry sequence that unpacks must repack identically.
#include <stdlib.h>
#include <string.h>

#include "9p/fcall.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t out[1 << 17];

static void
dirs(const uint8_t *data, size_t size)
{
	size_t off = 0, used;
	P9Dir d;

	while (off < size && p9_dir_unpack(data + off, size - off, &d, &used, NULL) == P9_OK) {
		long n = p9_dir_pack(&d, out, sizeof out, NULL);

		if (n < 0 || (size_t)n != used || memcmp(out, data + off, used) != 0)
			abort();
		off += used;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	P9Fcall f;
	P9Error err;
	long n;

	dirs(data, size);
	if (p9_decode(data, size, 0, &f, &err) != P9_OK) {
		if (err.code == P9_OK || err.msg[0] == '\0')
			abort();
		return 0;
	}
	n = p9_encode(&f, out, sizeof out, &err);
	if (n < 0 || (size_t)n != size || memcmp(out, data, size) != 0)
		abort();
	if (p9_size(&f) != size)
		abort();
	return 0;
}
