// lib/config/cmd_config.c: the host's `config` command; the program is
// config_cli (cli_config.c), the same as Gremlin's /bin/config.
#include "config/cli.h"

int
main(int argc, char **argv)
{
	return config_cli(argc, argv);
}
