// cmd/config/config.c: Gremlin's /bin/config (docs/man/config.1): config
// check of a config.toml or a snap's manifest.toml. The program is
// lib/config's config_cli, the same as the host's config command.
#include "config/cli.h"

int
main(int argc, char **argv)
{
	return config_cli(argc, argv);
}
