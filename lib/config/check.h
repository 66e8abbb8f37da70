// lib/config/check.h: what lib/config's files share: the validation
// context, the table walker driven by field lists, and the value checkers
// (check.c) that schema.c combines into config.toml and manifest.toml.
#ifndef CONFIG_CHECK_H
#define CONFIG_CHECK_H

#include "config/config.h"
#include "toml/toml.h"

struct ctx {
	const char *file;
	struct config_problems *pr;
	size_t count; // problems added by this parse
};

// A checker validates value v (named path in messages, e.g.
// "snaps.ethnode.syscalls") and stores it through out.
typedef void check_fn(struct ctx *C, const toml_node *v, const char *path, void *out);

struct field {
	const char *key;
	check_fn *check;
	size_t off; // where in the struct the value goes
};

// Report a problem at the value's position, or at its key's.
void bad(struct ctx *C, const toml_node *n, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
void bad_key(struct ctx *C, const toml_node *n, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

// Check every member of table t against fields (ended by a NULL key);
// members not in the list are unknown keys of `where`. path is the dotted
// prefix of the members ("" at the top level).
void check_table(struct ctx *C, const toml_node *t, const char *path, const char *where,
                 const struct field *fields, void *base);
// Is v of type want? If not, say so and return 0.
int want_type(struct ctx *C, const toml_node *v, const char *path, enum toml_type want);

char *dupstr(const char *s);
void pairs_free(struct config_pairs *p);

// Snap names: a lower-case letter or digit, then lower-case letters,
// digits, '-', '_' or '.'; no "..", no '.' at the end; at most
// CONFIG_SNAPNAME_MAX bytes. SNAP_NAME_RULE says so in messages.
int valid_snap_name(const char *s);
#define SNAP_NAME_RULE_(max)                                                                       \
	"a lower-case letter or digit, then lower-case letters, digits, '-', '_' or '.'; "         \
	"no \"..\", no '.' at the end; at most " #max " bytes"
#define SNAP_NAME_RULE_N(max) SNAP_NAME_RULE_(max)
#define SNAP_NAME_RULE SNAP_NAME_RULE_N(CONFIG_SNAPNAME_MAX)

check_fn ck_string, ck_bool, ck_hostname, ck_timezone, ck_snap_names, ck_abs_path, ck_paths,
        ck_restart, ck_memory, ck_encryption, ck_url, ck_secret, ck_chain_id, ck_contracts,
        ck_addresses, ck_fault_tolerance, ck_ipv4_cidr, ck_ipv4, ck_ipv4_list, ck_environment,
        ck_snap_name, ck_processes;

// Syscall names fill both the list and the mask of struct config_snap, so
// this checker's out is the snap itself.
check_fn ck_syscalls;

#endif
