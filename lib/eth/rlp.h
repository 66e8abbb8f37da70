// lib/eth/rlp.h: Recursive Length Prefix, Ethereum's serialization.
//
// Status: everything declared here is implemented and tested (rlp_test.c on
// ethereum/tests RLPTests; rlp_fuzz.c).
//
// Wire format (Yellow Paper appendix B):
//   0x00..0x7f          the byte itself (a one-byte string)
//   0x80+n, n <= 55     string of n bytes follows
//   0xb7+k, then k-byte big-endian length n > 55, then n bytes
//   0xc0+n, n <= 55     list whose items take n bytes follow
//   0xf7+k, then k-byte big-endian length n > 55, then n bytes of items
// The decoder is strict: it accepts only the one canonical encoding (no
// leading zeros in lengths, no long form for short payloads, no 0x81 0x00..0x7f)
// and never reads past the buffer.
#ifndef ETH_RLP_H
#define ETH_RLP_H

#include <stddef.h>
#include <stdint.h>

#include "eth/u256.h"

// An encoder appends to a growing heap buffer. After any allocation failure
// `oom` is set and further calls do nothing; check it once at the end.
typedef struct RlpBuf {
	uint8_t *p;
	size_t len, cap;
	int oom;
} RlpBuf;

void rlp_init(RlpBuf *b);
void rlp_free(RlpBuf *b);
void rlp_put_bytes(RlpBuf *b, const uint8_t *s, size_t n);
void rlp_put_str(RlpBuf *b, const char *s);
// Integers are strings holding the minimal big-endian bytes (0 is empty).
void rlp_put_u64(RlpBuf *b, uint64_t v);
void rlp_put_u256(RlpBuf *b, const U256 *v);
// An already-encoded item, appended as is.
void rlp_put_raw(RlpBuf *b, const uint8_t *item, size_t n);
// Lists: mark = rlp_list_begin(b); put the items; rlp_list_end(b, mark).
size_t rlp_list_begin(RlpBuf *b);
void rlp_list_end(RlpBuf *b, size_t mark);

// A decoded item: for a string, p/len is its content; for a list, p/len is
// the encoded items inside. raw/rawlen is the whole encoding with its header.
typedef struct RlpItem {
	int list;
	const uint8_t *p;
	size_t len;
	const uint8_t *raw;
	size_t rawlen;
} RlpItem;

// Decode the item at the start of in; *used is its encoded size. Returns 0,
// or -1 with err (see eth/err.h) when it is truncated or not canonical.
int rlp_item(const uint8_t *in, size_t len, RlpItem *it, size_t *used, char *err);
// Decode exactly one item that fills all of in (trailing bytes are an error).
int rlp_decode(const uint8_t *in, size_t len, RlpItem *it, char *err);
// Check that in is one canonical item, recursively (every nested list too).
int rlp_validate(const uint8_t *in, size_t len, char *err);

// Walk the items of a list.
typedef struct RlpIter {
	const uint8_t *p, *end;
} RlpIter;
void rlp_iter(RlpIter *i, const RlpItem *list);
// 1 with the next item, 0 at the end, -1 on a malformed item.
int rlp_next(RlpIter *i, RlpItem *it, char *err);
// Count a list's items (-1 if one is malformed).
int rlp_count(const RlpItem *list, char *err);

// Canonical integers: a string with no leading zero byte, fitting the type.
int rlp_to_u64(const RlpItem *it, uint64_t *v, char *err);
int rlp_to_u256(const RlpItem *it, U256 *v, char *err);

#endif
