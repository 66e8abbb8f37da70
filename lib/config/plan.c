// lib/config/plan.c: the plan from one resolved generation to another
// (which snaps to stop, start, restart or keep, and which system settings
// change), in the order plan.h gives, and its text form.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/check.h"
#include "config/plan.h"

const char *const plan_field_names[PLAN_NFIELDS] = {
        "path",       "entry",   "syscalls", "capabilities", "ethereum",  "compute",
        "encryption", "restart", "memory",   "environment",  "processes",
};

static int
str_eq(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
list_eq(const struct config_strlist *a, const struct config_strlist *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

static int
pairs_eq(const struct config_pairs *a, const struct config_pairs *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, b->v[i].name) != 0 || strcmp(a->v[i].value, b->v[i].value))
			return 0;
	return 1;
}

uint32_t
plan_diff_snap(const struct config_snap *a, const struct config_snap *b)
{
	uint32_t d = 0;

	d |= str_eq(a->path, b->path) ? 0 : PLAN_F_PATH;
	d |= str_eq(a->entry, b->entry) ? 0 : PLAN_F_ENTRY;
	d |= a->syscall_mask == b->syscall_mask ? 0 : PLAN_F_SYSCALLS;
	d |= list_eq(&a->capabilities, &b->capabilities) ? 0 : PLAN_F_CAPABILITIES;
	d |= a->ethereum == b->ethereum ? 0 : PLAN_F_ETHEREUM;
	d |= a->compute == b->compute ? 0 : PLAN_F_COMPUTE;
	d |= a->encryption == b->encryption ? 0 : PLAN_F_ENCRYPTION;
	d |= a->restart == b->restart ? 0 : PLAN_F_RESTART;
	d |= a->memory == b->memory ? 0 : PLAN_F_MEMORY;
	d |= pairs_eq(&a->environment, &b->environment) ? 0 : PLAN_F_ENVIRONMENT;
	d |= a->processes == b->processes ? 0 : PLAN_F_PROCESSES;
	return d;
}

static int
in_list(const struct config_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

// Append a step; the strings are copied. -1 when out of memory.
static int
add(struct plan *p, enum plan_op op, const char *name, const char *from, const char *to,
    uint32_t changed)
{
	struct plan_step *v = realloc(p->v, (p->n + 1) * sizeof *v), *s;

	if (v == NULL)
		return -1;
	p->v = v;
	s = &v[p->n++];
	memset(s, 0, sizeof *s);
	s->op = op;
	s->changed = changed;
	s->name = name != NULL ? dupstr(name) : NULL;
	s->from = from != NULL ? dupstr(from) : NULL;
	s->to = to != NULL ? dupstr(to) : NULL;
	if ((name != NULL && s->name == NULL) || (from != NULL && s->from == NULL) ||
	    (to != NULL && s->to == NULL))
		return -1;
	return 0;
}

// The kind of step for snap name of the new boot_snaps.
static int
snap_step(struct plan *p, const struct resolved *old, const struct resolved *new, const char *name)
{
	const struct config_snap *a = NULL, *b = resolved_snap(new, name);
	uint32_t d;

	if (old != NULL && in_list(&old->boot_snaps, name))
		a = resolved_snap(old, name);
	if (a == NULL || b == NULL)
		return add(p, PLAN_START, name, NULL, NULL, 0);
	d = plan_diff_snap(a, b);
	return add(p, d ? PLAN_RESTART : PLAN_KEEP, name, NULL, NULL, d);
}

static int
steps(struct plan *p, const struct resolved *old, const struct resolved *new)
{
	static const struct resolved none = {0};

	if (old == NULL)
		old = &none;
	for (size_t i = old->boot_snaps.n; i-- > 0;)
		if (!in_list(&new->boot_snaps, old->boot_snaps.v[i]) &&
		    add(p, PLAN_STOP, old->boot_snaps.v[i], NULL, NULL, 0) < 0)
			return -1;
	if (!str_eq(old->hostname, new->hostname) &&
	    add(p, PLAN_HOSTNAME, NULL, old->hostname, new->hostname, 0) < 0)
		return -1;
	if (!str_eq(old->timezone, new->timezone) &&
	    add(p, PLAN_TIMEZONE, NULL, old->timezone, new->timezone, 0) < 0)
		return -1;
	for (size_t i = 0; i < new->boot_snaps.n; i++)
		if (snap_step(p, old, new, new->boot_snaps.v[i]) < 0)
			return -1;
	return 0;
}

int
plan_make(const struct resolved *old, const struct resolved *new, struct plan *p)
{
	memset(p, 0, sizeof *p);
	if (steps(p, old, new) < 0) {
		plan_free(p);
		return -1;
	}
	return 0;
}

// "syscalls, memory" for the changed bits.
static void
fields(uint32_t changed, char *out, size_t n)
{
	size_t k = 0;

	out[0] = '\0';
	for (int i = 0; i < PLAN_NFIELDS; i++) {
		if (!(changed & 1u << i) || k >= n)
			continue;
		k += (size_t)snprintf(out + k, n - k, "%s%s", k ? ", " : "", plan_field_names[i]);
	}
}

int
plan_step_format(const struct plan_step *s, char *out, size_t n)
{
	char f[160];

	switch (s->op) {
	case PLAN_STOP:
		return snprintf(out, n, "stop %s", s->name);
	case PLAN_START:
		return snprintf(out, n, "start %s", s->name);
	case PLAN_KEEP:
		return snprintf(out, n, "keep %s", s->name);
	case PLAN_RESTART:
		fields(s->changed, f, sizeof f);
		return snprintf(out, n, "restart %s (%s changed)", s->name, f);
	case PLAN_HOSTNAME:
	case PLAN_TIMEZONE:
		return snprintf(
		        out, n, "%s %s -> %s", s->op == PLAN_HOSTNAME ? "hostname" : "timezone",
		        s->from != NULL ? s->from : "(unset)", s->to != NULL ? s->to : "(unset)");
	}
	return snprintf(out, n, "(unknown step)");
}

size_t
plan_changes(const struct plan *p)
{
	size_t k = 0;

	for (size_t i = 0; i < p->n; i++)
		k += p->v[i].op != PLAN_KEEP;
	return k;
}

void
plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].name);
		free(p->v[i].from);
		free(p->v[i].to);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}
