// lib/eth/address.c: addresses as text with EIP-55 checksums (see address.h).
#include <string.h>

#include "crypto/keccak.h"
#include "eth/address.h"
#include "eth/err.h"
#include "eth/hex.h"

char *
addr_to_checksum(const uint8_t addr[20], char out[ADDR_TEXT_MAX])
{
	char lower[41];
	uint8_t h[32];
	int i;

	hex_encode(addr, 20, lower);
	keccak256(lower, 40, h);
	out[0] = '0';
	out[1] = 'x';
	for (i = 0; i < 40; i++) {
		int nib = i % 2 == 0 ? h[i / 2] >> 4 : h[i / 2] & 15;
		char c = lower[i];

		out[2 + i] = (char)(c >= 'a' && nib >= 8 ? c - 'a' + 'A' : c);
	}
	out[42] = 0;
	return out;
}

int
addr_checksum_ok(const char *s)
{
	uint8_t a[20];
	char want[ADDR_TEXT_MAX];
	size_t n;

	if (strlen(s) != 42 || hex_decode(s, a, 20, &n) < 0 || n != 20 || s[0] != '0' ||
	    s[1] != 'x')
		return 0;
	return strcmp(addr_to_checksum(a, want) + 2, s + 2) == 0;
}

int
addr_parse(const char *s, uint8_t addr[20], char *err)
{
	int lower = 0, upper = 0;
	size_t n, i;

	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return eth_err(err, "address \"%.50s\": must start with 0x", s);
	if (strlen(s) != 42)
		return eth_err(err, "address \"%.50s\": %zu hex digits, need 40", s, strlen(s) - 2);
	if (hex_decode(s, addr, 20, &n) < 0 || n != 20)
		return eth_err(err, "address \"%.50s\": not hexadecimal", s);
	for (i = 2; i < 42; i++) {
		lower |= s[i] >= 'a' && s[i] <= 'f';
		upper |= s[i] >= 'A' && s[i] <= 'F';
	}
	if (lower && upper && !addr_checksum_ok(s)) {
		char want[ADDR_TEXT_MAX];

		return eth_err(err, "address %s: bad EIP-55 checksum (expected %s)", s,
		               addr_to_checksum(addr, want));
	}
	return 0;
}
