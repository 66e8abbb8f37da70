// lib/config/gen.h: configuration generations (DESIGN section 4). Every
// config.toml that is applied becomes a numbered, immutable generation;
// one of them is current; `system switch`, `system rollback` and the boot
// use this API. docs/generations.md explains it for people.
//
// The on-disk format, version GEN_FORMAT_VERSION, under a root directory
// (/writable/system on Gremlin):
//
//   generations/N/config.toml  the exact bytes applied (mode 0444)
//   generations/N/resolved     what they resolved to (below; mode 0444)
//   generations/N/complete     the marker, written last (mode 0444):
//                                gremlin-generation 1
//                                number N
//                                time SECONDS-SINCE-1970-UTC
//                                config BYTES FNV1A64-HEX
//                                resolved BYTES FNV1A64-HEX
//   current                    "N\n": the current generation
//
// N is a decimal number from 1, without leading zeros; a new generation is
// one more than the largest N in generations/, so numbers only grow and a
// rollback never frees one. Each file is written to NAME.tmp, flushed and
// renamed, and the marker is written only after both other files: a
// directory without a valid marker is a generation that was never
// finished; it is never used and gen_recover removes it. A directory whose
// marker is there but whose files do not match it (size or checksum) is
// corrupt: refused, reported, never removed automatically. `current` is
// replaced (current.tmp, rename) only after the generation is complete.
//
// The resolved file (GEN_RESOLVED_MAGIC, version GEN_RESOLVED_VERSION) is lines of a key and
// values, each value after one space, percent-encoded (%XX for bytes up to
// 0x20, '%', 0x7F, and a value that is just "-"); "-" alone means unset:
//
//   gremlin-resolved 2
//   hostname gremlin
//   timezone UTC
//   boot_snaps ethnode ml_worker
//   snap ethnode            one block per snap: those in boot_snaps in
//   path /apps/ethnode      their order, then the other [snaps.NAME]
//   entry /bin/ethnode      tables; the snap's manifest (APPS/NAME/
//   syscalls read write     manifest.toml) with the config's overrides
//   capabilities /net       applied; syscalls in number order
//   ethereum true
//   compute -
//   encryption -
//   restart always
//   memory 67108864
//   processes 16            (not in version 1 files: unset)
//   environment K=V
//   end
#ifndef CONFIG_GEN_H
#define CONFIG_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"

// The store's layout and its marker.
#define GEN_FORMAT_VERSION 1
#define GEN_MARKER_MAGIC "gremlin-generation"
// The resolved file: version 2 added the processes line; version 1 files
// (without it: processes unset) are still read.
#define GEN_RESOLVED_VERSION 2
#define GEN_RESOLVED_MAGIC "gremlin-resolved"
// The largest config.toml or resolved file the store accepts.
#define GEN_MAX_FILE (1u << 20)
// The largest generation number (numbers are uint32_t; far beyond use).
#define GEN_MAX_NUMBER 999999999u

struct plan;

// Why an operation failed, in words: what, where, why.
struct gen_err {
	char msg[768];
};

// What a config resolved to: the system settings and, for each snap, its
// effective description (a config_snap with every field the launcher uses).
struct resolved {
	char *hostname, *timezone; // NULL: unset
	struct config_strlist boot_snaps;
	struct config_snap *snaps;
	size_t nsnaps;
};

// Validate config.toml (file names it in messages) and every APPS/NAME/
// manifest.toml, exactly as `config check FILE --apps APPS` does, and
// resolve it: each snap's manifest with the config's [snaps.NAME] overrides.
// A snap that ends up with no entry is a problem too. Appends every problem
// to *pr and returns their number. *r is filled as far as possible even
// when there are problems (a snap that cannot be resolved is left out of
// it and of its boot_snaps).
size_t gen_validate(const char *file, const char *buf, size_t len, const char *apps,
                    struct resolved *r, struct config_problems *pr);

// The resolved file: write (malloc'd text, *len bytes) and read back.
// resolved_parse never crashes on bad input; it says "line N: why".
char *resolved_format(const struct resolved *r, size_t *len);
int resolved_parse(const char *buf, size_t len, struct resolved *r, struct gen_err *e);
const struct config_snap *resolved_snap(const struct resolved *r, const char *name);
void resolved_free(struct resolved *r);

enum gen_state {
	GEN_OK = 0,
	GEN_INCOMPLETE, // no valid marker: never finished
	GEN_CORRUPT,    // marked complete, but the files do not match
};

struct gen_info {
	uint32_t n;
	enum gen_state state;
	int64_t time;  // GEN_OK only
	char *summary; // GEN_OK: the boot_snaps; otherwise why it is not usable
};

struct gen_list {
	struct gen_info *v; // in increasing number
	size_t n;
};

// A loaded, verified generation.
struct generation {
	uint32_t n;
	int64_t time;
	char *config; // the exact bytes applied (NUL-terminated)
	size_t config_len;
	struct resolved r;
};

// The store. Every function returns 0, or -1 with *e saying why.
// Make root and root/generations if they are not there.
int gen_init(const char *root, struct gen_err *e);
// Remove unfinished generations and stray temporary files (after a crash);
// each removal is reported in *warn.
int gen_recover(const char *root, struct config_problems *warn, struct gen_err *e);
// Every generation directory, usable or not.
int gen_list(const char *root, struct gen_list *l, struct gen_err *e);
void gen_list_free(struct gen_list *l);
// Load generation n and check it against its marker.
int gen_load(const char *root, uint32_t n, struct generation *g, struct gen_err *e);
void gen_free(struct generation *g);
// Store a new generation (number *n) from validated bytes and what they
// resolved to. It does not become current.
int gen_create(const char *root, const char *config, size_t len, const struct resolved *r,
               int64_t now, uint32_t *n, struct gen_err *e);
// Read the current file (which may name a missing or corrupt generation).
int gen_read_current(const char *root, uint32_t *n, struct gen_err *e);
// Make n (which must be a usable generation) current, atomically.
int gen_set_current(const char *root, uint32_t n, struct gen_err *e);
// The generation in effect: current if it is usable; otherwise (current
// missing, corrupt or naming a generation that is not usable) the newest
// usable one, with a warning. Returns 0 with g->n == 0 when there is none.
int gen_effective(const char *root, struct generation *g, struct config_problems *warn,
                  struct gen_err *e);

// The newest usable generation below limit (0: any), loaded; the unusable
// ones passed over are reported in *warn. g->n == 0 if there is none.
int gen_newest_below(const char *root, uint32_t limit, struct generation *g,
                     struct config_problems *warn, struct gen_err *e);

// `system switch`: validate (as gen_validate); if there is any problem,
// return 1 with them in *pr and change nothing. Otherwise store generation
// N+1, make it current and fill *p with the plan from the generation in
// effect before (nothing, on the first switch) to it. -1 on a store error.
int gen_switch(const char *root, const char *file, const char *buf, size_t len, const char *apps,
               int64_t now, struct plan *p, struct config_problems *pr,
               struct config_problems *warn, struct gen_err *e);

// `system rollback [N]`: make generation n current (n == 0: the newest
// usable generation below the one in effect); no generation is created.
// Fills *p with the plan from the old current to it. -1 (nothing changed)
// when n is unknown, unusable, or there is nothing before the first.
int gen_rollback(const char *root, uint32_t n, struct plan *p, struct config_problems *warn,
                 struct gen_err *e);

// What to boot with.
struct gen_boot {
	uint32_t n;   // the generation; 0 when booting without one (below)
	char *config; // its config.toml bytes (NULL: none could be read)
	size_t config_len;
	struct resolved r;
};

// The boot: requested is the kernel command line's gen=N (0 if absent).
// Uses generation N if it is usable, else the one in effect (with a
// warning). With no usable generation at all, default_config (the base
// image's config.toml) becomes a new generation and current. If even that
// fails (unreadable, invalid, store not writable), the default config is
// booted as far as it resolves, with n == 0 and every problem in *warn:
// this never leaves the system without something to boot. The requested
// generation is used for this boot only; current does not change.
void gen_boot(const char *root, uint32_t requested, const char *default_config, const char *apps,
              int64_t now, struct gen_boot *b, struct config_problems *warn);
void gen_boot_free(struct gen_boot *b);

// Parse a generation number ("7"): digits, no leading zero, 1 to
// GEN_MAX_NUMBER. Returns 0 and *n, or -1.
int gen_number(const char *s, size_t len, uint32_t *n);
// "YYYY-MM-DD HH:MM:SS" (UTC) for seconds since 1970.
void gen_time_format(int64_t t, char out[32]);

#endif
