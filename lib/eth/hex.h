// lib/eth/hex.h: hexadecimal byte strings as Ethereum writes them ("0x...").
//
// Status: implemented and tested (u256_test.c).
#ifndef ETH_HEX_H
#define ETH_HEX_H

#include <stddef.h>
#include <stdint.h>

// Decode s (an optional 0x/0X prefix, then an even number of hex digits of
// either case) into out, at most max bytes. Sets *len. Returns 0, or -1 for
// an odd digit count, a non-hex character or more than max bytes.
int hex_decode(const char *s, uint8_t *out, size_t max, size_t *len);
// Same for the first n characters of s.
int hex_decode_n(const char *s, size_t n, uint8_t *out, size_t max, size_t *len);
// Lower-case digits, no prefix, NUL-terminated: out needs 2*n+1 bytes.
void hex_encode(const uint8_t *in, size_t n, char *out);

#endif
