// lib/config/config.h: Gremlin's declarative configuration (DESIGN sections
// 4 and 5): the system's config.toml and each snap's manifest.toml, read
// into C structs with strict validation.
//
// Every problem is collected, not just the first: unknown keys, wrong types,
// bad values, unknown syscall names, secrets written inline, unknown snaps in
// boot_snaps. Each is "FILE:LINE:COL: what is wrong", e.g.
//   config.toml:12:5: unknown syscall "sendfile" in snaps.ethnode.syscalls
// The schema is documented in docs/config.md.
#ifndef CONFIG_CONFIG_H
#define CONFIG_CONFIG_H

#include <stddef.h>
#include <stdint.h>

// The longest snap name, in bytes: the kernel's SNAPNAME_LEN (abi/syscall.h)
// less its NUL (syscalls.c checks the two agree).
#define CONFIG_SNAPNAME_MAX 31
// The most processes a snap may be allowed to have at once.
#define CONFIG_PROCESSES_MAX 4096

struct config_problem {
	char *file;
	uint32_t line, col; // 0:0 when the problem has no place in the file
	char *msg;
};

struct config_problems {
	struct config_problem *v;
	size_t n, cap;
};

struct config_strlist {
	char **v;
	size_t n;
};

enum config_restart {
	RESTART_UNSET = 0,
	RESTART_NEVER,
	RESTART_ON_FAILURE,
	RESTART_ALWAYS,
};

enum config_encryption {
	ENCRYPTION_UNSET = 0,
	ENCRYPTION_NONE,        // plaintext: only for trusted nodes
	ENCRYPTION_HOMOMORPHIC, // data leaves the machine only FHE-encrypted
};

// Where a secret comes from; the secret itself is never in the file.
enum config_secret_kind {
	SECRET_UNSET = 0,
	SECRET_ENV,      // "env:NAME": the boot environment variable NAME
	SECRET_KEYSTORE, // "keystore:PATH": an Ethereum keystore v3 file
};

struct config_secret {
	enum config_secret_kind kind;
	char *ref; // the NAME or the PATH
};

struct config_pair {
	char *name, *value;
};

struct config_pairs {
	struct config_pair *v;
	size_t n;
};

// What a snap may do. In config.toml ([snaps.NAME]) every field is an
// override and may be unset; a manifest gives the snap's own values.
struct config_snap {
	char *name;
	uint32_t line, col; // where it is declared
	char *path;         // config.toml only: the snap's tree (default /apps/NAME)
	char *entry;        // absolute path of the program to run
	int compute;        // manifest only: a compute snap (section 7); -1 unset
	int ethereum;       // manifest only: /mnt/eth bound in; -1 unset
	enum config_encryption encryption;
	struct config_strlist syscalls; // names, each a SYS_* of abi/syscall.h
	uint64_t syscall_mask;          // bit SYS_x set for each name
	struct config_strlist capabilities;
	enum config_restart restart;
	uint64_t memory;                 // bytes; 0 unset
	uint32_t processes;              // 1..CONFIG_PROCESSES_MAX at once; 0 unset
	struct config_pairs environment; // manifest only
};

struct config {
	struct {
		char *hostname, *timezone;
		struct config_strlist boot_snaps;
	} system;
	struct {
		int dhcp;                // -1 unset
		char *address, *gateway; // "10.0.2.15/24", "10.0.2.2"
		struct config_strlist dns;
	} network;
	struct {
		int enabled, use_zksync; // -1 unset
		char *provider;          // http:// or https:// URL
		struct config_secret wallet_private_key;
		int64_t chain_id;              // 0 unset
		struct config_pairs contracts; // name -> 0x address
	} ethereum;
	struct {
		int allow_rented_devices; // -1 unset
		enum config_encryption default_encryption;
		struct config_strlist trusted_nodes; // 0x addresses
		int64_t fault_tolerance;             // f of 3f+1; -1 unset
	} compute;
	struct config_snap *snaps;
	size_t nsnaps;
};

// Read config.toml (file names the file in messages). Fills *c as far as
// the document allows and appends every problem to *pr; returns the number
// of problems added. If known (the snaps that have a manifest in /apps) is
// given, every name in boot_snaps must be in it or have a [snaps.NAME]
// table; with known NULL, boot_snaps is checked only for its form.
size_t config_parse(const char *file, const char *buf, size_t len, struct config *c,
                    const struct config_strlist *known, struct config_problems *pr);
void config_free(struct config *c);

// Read a snap's manifest.toml into *m; as config_parse. dir, if given, is
// the name of the directory it is in, which must equal the manifest's name.
size_t manifest_parse(const char *file, const char *buf, size_t len, const char *dir,
                      struct config_snap *m, struct config_problems *pr);
void config_snap_free(struct config_snap *s);

// Add a problem (used by callers for problems of their own, such as a file
// that cannot be read).
void config_problem(struct config_problems *pr, const char *file, uint32_t line, uint32_t col,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
// Sort problems by file, line and column (stable).
void config_problems_sort(struct config_problems *pr);
void config_problems_free(struct config_problems *pr);
void config_strlist_free(struct config_strlist *l);

// The syscall names of abi/syscall.h, indexed by number (abi/sysnames.h,
// generated from the header by tools/gen-sysnames).
extern const char *const config_syscall_names[];
extern const int config_nsyscalls;
// The number of a syscall name, or -1.
int config_syscall(const char *name);
// A syscall_mask as the kernel's sysfilter bitmap (bit n, byte n/8, least
// significant first): fills map and returns its length, or 0 when n is
// too small.
size_t config_syscall_bitmap(uint64_t mask, uint8_t *map, size_t n);

#endif
