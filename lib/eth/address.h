// lib/eth/address.h: Ethereum addresses as text, with EIP-55 checksums.
//
// Status: implemented and tested (eip712_test.c, on the addresses listed in EIP-55).
//
// EIP-55: hash = keccak256(the 40 lower-case hex digits as ASCII); a letter
// digit is upper-case exactly when the matching nibble of hash is >= 8.
#ifndef ETH_ADDRESS_H
#define ETH_ADDRESS_H

#include <stdint.h>

enum { ADDR_TEXT_MAX = 43 }; // "0x" + 40 digits + NUL

// The checksummed form "0xAbC...".
char *addr_to_checksum(const uint8_t addr[20], char out[ADDR_TEXT_MAX]);
// Parse "0x" + 40 hex digits. All-lower and all-upper digits are accepted as
// unchecksummed; mixed case must be a valid EIP-55 checksum. Returns 0 or -1.
int addr_parse(const char *s, uint8_t addr[20], char *err);
// 1 when s is a correctly checksummed mixed-case address.
int addr_checksum_ok(const char *s);

#endif
