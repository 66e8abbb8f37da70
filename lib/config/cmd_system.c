// lib/config/cmd_system.c: the host's `system` command; the program is
// system_cli (cli_system.c), the same as Gremlin's /bin/system. The host
// has no running Gremlin system to tell, so nothing is applied.
#include "config/cli.h"

int
main(int argc, char **argv)
{
	return system_cli(argc, argv, NULL);
}
