// lib/eth/txdecode.h: the `eth tx-decode` subcommand (txdecode.c).
#ifndef ETH_TXDECODE_H
#define ETH_TXDECODE_H

// The program name used in messages ("eth" unless a command sets it).
extern const char *eth_progname;

// argv[0] is "tx-decode". Prints the transaction as JSON on stdout and
// returns 0, or prints "<progname> tx-decode: <why>" on stderr and returns 1.
int eth_cmd_tx_decode(int argc, char **argv);

#endif
