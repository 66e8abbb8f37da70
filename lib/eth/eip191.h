// lib/eth/eip191.h: EIP-191 version 0x45, "personal_sign".
//
// Status: implemented and tested (eip712_test.c, ethers_test.sh).
//
// The digest is keccak256("\x19Ethereum Signed Message:\n" || decimal(len) || msg).
#ifndef ETH_EIP191_H
#define ETH_EIP191_H

#include <stddef.h>
#include <stdint.h>

void eip191_hash(const uint8_t *msg, size_t len, uint8_t out[32]);
// The 65-byte signature r || s || v with v = 27 or 28, as ethers' signMessage.
int eip191_sign(const uint8_t key[32], const uint8_t *msg, size_t len, uint8_t sig[65]);
// Recover the signer's address from a 65-byte signature (v 27/28 or 0/1).
int eip191_recover(const uint8_t *msg, size_t len, const uint8_t sig[65], uint8_t addr[20]);

#endif
