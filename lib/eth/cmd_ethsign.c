// lib/eth/cmd_ethsign.c: `ethsign`, offline signing with a key file: build
// and sign transactions of every type (tx-sign), EIP-191 messages
// (personal-sign) and EIP-712 typed data (typed-hash, typed-sign), and
// decode transactions (tx-decode, the same as `eth tx-decode`). Nothing here
// talks to a node; `eth` is the online wallet. See docs/man/ethsign.1.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "eth/txdecode.h"
#include "eth/txsign.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} cmds[] = {
        {"tx-sign", eth_cmd_tx_sign,
         "tx-sign --key-file F [--type legacy|1|2|0x71] [--FIELD VALUE]...   print the signed tx"},
        {"tx-decode", eth_cmd_tx_decode,
         "tx-decode [--chain-id N] 0xRAW   decode and check a signed transaction as JSON"},
        {"personal-sign", eth_cmd_personal_sign,
         "personal-sign --key-file F (--text S | --hex 0xBYTES)   EIP-191 signature"},
        {"typed-hash", eth_cmd_typed_hash, "typed-hash TYPED.json   EIP-712 digest"},
        {"typed-sign", eth_cmd_typed_sign,
         "typed-sign --key-file F TYPED.json   EIP-712 signature"},
};

static int
usage(void)
{
	size_t i;

	fprintf(stderr, "usage: ethsign command [args]\ncommands:\n");
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		fprintf(stderr, "  %s\n", cmds[i].help);
	return 1;
}

int
main(int argc, char **argv)
{
	size_t i;

	eth_progname = "ethsign";
	if (argc < 2)
		return usage();
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "ethsign: unknown command \"%s\"\n", argv[1]);
	return usage();
}
