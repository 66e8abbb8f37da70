// lib/eth/rlp_fuzz.c: libFuzzer target for the strict RLP decoder. Any input
// must be rejected or accepted without a crash; an accepted input, decoded
// and encoded again, must give back exactly the same bytes (canonical form).
#include <stdlib.h>
#include <string.h>

#include "eth/rlp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Re-encode an item tree (bounded depth, as rlp_validate checked).
static void
reencode(RlpBuf *b, const RlpItem *it)
{
	RlpIter i;
	RlpItem sub;
	size_t m;

	if (!it->list) {
		rlp_put_bytes(b, it->p, it->len);
		return;
	}
	m = rlp_list_begin(b);
	rlp_iter(&i, it);
	while (rlp_next(&i, &sub, NULL) > 0)
		reencode(b, &sub);
	rlp_list_end(b, m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	RlpItem it;
	RlpBuf b;
	uint64_t v;
	U256 x;

	if (rlp_validate(data, size, NULL) < 0)
		return 0;
	if (rlp_decode(data, size, &it, NULL) < 0)
		abort();
	rlp_to_u64(&it, &v, NULL);
	rlp_to_u256(&it, &x, NULL);
	rlp_init(&b);
	reencode(&b, &it);
	if (b.oom || b.len != size || memcmp(b.p, data, size) != 0)
		abort();
	rlp_free(&b);
	return 0;
}
