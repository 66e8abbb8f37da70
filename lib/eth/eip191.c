// lib/eth/eip191.c: EIP-191 personal_sign messages (see eip191.h).
#include <stdio.h>
#include <string.h>

#include "crypto/keccak.h"
#include "eth/eip191.h"
#include "eth/secp.h"

void
eip191_hash(const uint8_t *msg, size_t len, uint8_t out[32])
{
	char prefix[64];
	int n = snprintf(prefix, sizeof prefix,
	                 "\x19"
	                 "Ethereum Signed Message:\n%zu",
	                 len);
	Keccak k;

	keccak256_init(&k);
	keccak_update(&k, prefix, (size_t)n);
	keccak_update(&k, msg, len);
	keccak_final(&k, out, 32);
}

int
eip191_sign(const uint8_t key[32], const uint8_t *msg, size_t len, uint8_t sig[65])
{
	uint8_t h[32];
	EthSig s;

	eip191_hash(msg, len, h);
	if (secp_sign(key, h, &s) < 0)
		return -1;
	memcpy(sig, s.r, 32);
	memcpy(sig + 32, s.s, 32);
	sig[64] = (uint8_t)(27 + s.v);
	return 0;
}

int
eip191_recover(const uint8_t *msg, size_t len, const uint8_t sig[65], uint8_t addr[20])
{
	uint8_t h[32];
	EthSig s;

	memcpy(s.r, sig, 32);
	memcpy(s.s, sig + 32, 32);
	s.v = sig[64] >= 27 ? (uint8_t)(sig[64] - 27) : sig[64];
	eip191_hash(msg, len, h);
	return secp_recover_address(h, &s, addr);
}
