// lib/eth/tx_fuzz.c: libFuzzer target for transaction parsing. Any input must
// be rejected or accepted without a crash or leak; an accepted EVM
// transaction must serialize back to exactly the input bytes, and every
// accepted one must survive the checks, hashing and sender recovery.
#include <stdlib.h>
#include <string.h>

#include "eth/tx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t h[32], addr[20];
	char err[200];
	uint64_t gas;
	RlpBuf b;
	Tx tx, back;

	if (tx_parse(data, size, &tx, err) < 0)
		return 0;
	tx_check(&tx, NULL, err);
	tx_intrinsic_gas(&tx, &gas);
	tx_hash(&tx, h, err);
	tx_sender(&tx, addr, err);
	rlp_init(&b);
	if (tx_serialize(&tx, &b, err) < 0)
		abort();
	// zkSync's signature slot has more than one spelling; EVM types have one.
	if (tx.type != TX_ZKSYNC && (b.len != size || memcmp(b.p, data, size) != 0))
		abort();
	if (tx_parse(b.p, b.len, &back, err) < 0)
		abort();
	tx_free(&back);
	rlp_free(&b);
	tx_free(&tx);
	return 0;
}
