// lib/config/cli.h: the `config` and `system` commands, as functions, so
// that the host commands (cmd_config.c, cmd_system.c) and Gremlin's
// (cmd/config, cmd/system) are one program each. docs/man/config.1 and
// docs/man/system.8 describe them.
#ifndef CONFIG_CLI_H
#define CONFIG_CLI_H

#include <stdio.h>

// The store of the running system, which init boots and applies.
#define SYSTEM_ROOT "/writable/system"

// `config check FILE [--apps DIR]` and `config check --manifest FILE
// [--name NAME]`: returns the exit status (0 no problem, 1 problems, 2
// usage).
int config_cli(int argc, char **argv);

// Ask the running system to apply the current generation now (after a
// switch or rollback stored it and made it current). request is init's
// request line, "apply"; what the answer says goes to out. Returns 0 when
// it was applied.
typedef int system_apply_fn(const char *request, FILE *out);

// `system [--root DIR] [--apps DIR] [--default FILE] CMD ...`: returns the
// exit status. apply is NULL where there is no running system to tell (the
// host); otherwise a switch or rollback of the store SYSTEM_ROOT calls it.
int system_cli(int argc, char **argv, system_apply_fn *apply);

#endif
