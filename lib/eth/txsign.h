// lib/eth/txsign.h: the signing subcommands of `eth` (txsign.c, typedsign.c):
// tx-sign, personal-sign, typed-hash and typed-sign.
#ifndef ETH_TXSIGN_H
#define ETH_TXSIGN_H

#include <stddef.h>
#include <stdint.h>

// Each takes argv[0] = its own name; returns 0, or 1 after printing
// "eth <command>: <why>" on stderr.
int eth_cmd_tx_sign(int argc, char **argv);
int eth_cmd_personal_sign(int argc, char **argv);
int eth_cmd_typed_hash(int argc, char **argv);
int eth_cmd_typed_sign(int argc, char **argv);

// Read a whole file of at most max bytes into a new NUL-terminated buffer.
int eth_read_file(const char *path, size_t max, char **out, size_t *len, char *err);

// Read a secret key (64 hex digits, optional 0x, optional trailing newline)
// from path. Returns 0, or -1 with err. The caller wipes key after use.
int eth_read_key_file(const char *path, uint8_t key[32], char *err);

#endif
