// cmd/system/system.c: Gremlin's /bin/system (docs/man/system.8): switch,
// rollback, generations, current and boot over the generation store
// /writable/system, with the apps of /apps. The program is lib/config's
// system_cli, the same as the host's system command; on Gremlin, a switch
// or rollback of the running system's store then asks init to apply the
// new generation (notify.h).
#include "config/cli.h"
#include "notify.h"

int
main(int argc, char **argv)
{
	return system_cli(argc, argv, system_notify_init);
}
