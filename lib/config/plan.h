// lib/config/plan.h: the plan of a switch or a rollback: what init must do
// to go from the running generation's resolved description to the new
// one. docs/generations.md describes it.
//
// The steps come in the order they are to be carried out:
//   1. stop    each snap that leaves boot_snaps, in reverse of the old
//              boot_snaps order;
//   2. hostname, timezone, when the value changes;
//   3. for each snap of the new boot_snaps, in its order: start (it was
//      not running), restart (its effective description changed: the
//      step says which fields) or keep.
// A change in boot_snaps order alone restarts nothing. Snaps that are not
// in boot_snaps are not running, so their changes need no step.
#ifndef CONFIG_PLAN_H
#define CONFIG_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "config/gen.h"

enum plan_op {
	PLAN_STOP = 1,
	PLAN_HOSTNAME,
	PLAN_TIMEZONE,
	PLAN_RESTART,
	PLAN_START,
	PLAN_KEEP,
};

// The fields of a snap's effective description, as bits of
// plan_step.changed; plan_field_names gives their names in bit order.
enum {
	PLAN_F_PATH = 1u << 0,
	PLAN_F_ENTRY = 1u << 1,
	PLAN_F_SYSCALLS = 1u << 2,
	PLAN_F_CAPABILITIES = 1u << 3,
	PLAN_F_ETHEREUM = 1u << 4,
	PLAN_F_COMPUTE = 1u << 5,
	PLAN_F_ENCRYPTION = 1u << 6,
	PLAN_F_RESTART = 1u << 7,
	PLAN_F_MEMORY = 1u << 8,
	PLAN_F_ENVIRONMENT = 1u << 9,
	PLAN_F_PROCESSES = 1u << 10,
	PLAN_NFIELDS = 11,
};
extern const char *const plan_field_names[PLAN_NFIELDS];

struct plan_step {
	enum plan_op op;
	char *name;       // the snap (STOP, RESTART, START, KEEP)
	char *from, *to;  // HOSTNAME, TIMEZONE: old and new value (NULL: unset)
	uint32_t changed; // RESTART: PLAN_F_* bits
};

struct plan {
	uint32_t from, to; // generation numbers (0: nothing was running)
	struct plan_step *v;
	size_t n;
};

// The plan from old (NULL: nothing is running) to new. 0, or -1 when out of
// memory (*p is then empty).
int plan_make(const struct resolved *old, const struct resolved *new, struct plan *p);
// The snap fields that differ between a and b (PLAN_F_* bits).
uint32_t plan_diff_snap(const struct config_snap *a, const struct config_snap *b);
// One step as text: "stop tor", "start ml_worker", "keep shell",
// "restart ethnode (syscalls, memory changed)", "hostname gremlin -> box",
// "timezone (unset) -> UTC". Returns what snprintf returns.
int plan_step_format(const struct plan_step *s, char *out, size_t n);
// The number of steps that change something (all but keep).
size_t plan_changes(const struct plan *p);
void plan_free(struct plan *p);

#endif
