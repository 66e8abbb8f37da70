// lib/config/gen_resolve.c: validating a config.toml with the manifests of
// an apps directory, and resolving it: each snap's effective description
// is its manifest with the config's [snaps.NAME] overrides applied.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/check.h"
#include "config/gen.h"
#include "config/gen_fs.h"

// The manifests of an apps directory: names[i] has manifest m[i].
struct apps {
	struct config_strlist names;
	struct config_snap *m;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

// Read and validate APPS/NAME/manifest.toml for each NAME in apps (a
// directory without a manifest is not a snap, as in `config check`).
static void
load_apps(const char *dir, struct apps *a, struct config_problems *pr)
{
	char **names, err[512], path[4096];
	size_t n, len;
	int missing;

	memset(a, 0, sizeof *a);
	if (genfs_list(dir, &names, &n, err, sizeof err) < 0) {
		config_problem(pr, dir, 0, 0, "cannot open the apps directory");
		return;
	}
	qsort(names, n, sizeof *names, cmp_str);
	a->names.v = calloc(n ? n : 1, sizeof *a->names.v);
	a->m = calloc(n ? n : 1, sizeof *a->m);
	for (size_t i = 0; i < n; i++) {
		char *buf = NULL;

		snprintf(path, sizeof path, "%s/%s/manifest.toml", dir, names[i]);
		if (names[i][0] != '.' && a->names.v != NULL && a->m != NULL)
			buf = genfs_read(path, GEN_MAX_FILE, &len, &missing, err, sizeof err);
		if (buf == NULL) {
			if (names[i][0] != '.' && !missing && a->m != NULL)
				config_problem(pr, path, 0, 0, "cannot read the file");
			free(names[i]);
			continue;
		}
		manifest_parse(path, buf, len, names[i], &a->m[a->names.n], pr);
		a->names.v[a->names.n++] = names[i];
		free(buf);
	}
	free(names);
}

static void
apps_free(struct apps *a)
{
	for (size_t i = 0; i < a->names.n; i++)
		config_snap_free(&a->m[i]);
	free(a->m);
	config_strlist_free(&a->names);
}

static const struct config_snap *
manifest_of(const struct apps *a, const char *name)
{
	for (size_t i = 0; i < a->names.n; i++)
		if (strcmp(a->names.v[i], name) == 0)
			return &a->m[i];
	return NULL;
}

static const struct config_snap *
override_of(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->nsnaps; i++)
		if (strcmp(c->snaps[i].name, name) == 0)
			return &c->snaps[i];
	return NULL;
}

static int
strlist_copy(struct config_strlist *to, const struct config_strlist *from)
{
	to->n = 0;
	to->v = calloc(from->n ? from->n : 1, sizeof *to->v);
	if (to->v == NULL)
		return -1;
	for (size_t i = 0; i < from->n; i++) {
		if ((to->v[i] = dupstr(from->v[i])) == NULL)
			return -1;
		to->n++;
	}
	return 0;
}

static int
pairs_copy(struct config_pairs *to, const struct config_pairs *from)
{
	to->n = 0;
	to->v = calloc(from->n ? from->n : 1, sizeof *to->v);
	if (to->v == NULL)
		return -1;
	for (size_t i = 0; i < from->n; i++) {
		to->v[i].name = dupstr(from->v[i].name);
		to->v[i].value = dupstr(from->v[i].value);
		to->n++;
		if (to->v[i].name == NULL || to->v[i].value == NULL)
			return -1;
	}
	return 0;
}

// The syscall names of a mask, in number order: the one spelling of a set.
static int
syscalls_of(uint64_t mask, struct config_strlist *l)
{
	l->n = 0;
	l->v = calloc((size_t)config_nsyscalls + 1, sizeof *l->v);
	if (l->v == NULL)
		return -1;
	for (int i = 0; i < config_nsyscalls && i < 64; i++) {
		if (!(mask & (uint64_t)1 << i) || config_syscall_names[i] == NULL)
			continue;
		if ((l->v[l->n] = dupstr(config_syscall_names[i])) == NULL)
			return -1;
		l->n++;
	}
	return 0;
}

// The manifest m (or none) with the overrides o (or none) applied. A list
// set in the config replaces the manifest's list; it is not merged.
static int
merge(const char *name, const struct config_snap *m, const struct config_snap *o,
      struct config_snap *s)
{
	static const struct config_snap none = {.compute = -1, .ethereum = -1};
	static const struct config_strlist empty = {0};
	const char *entry, *path;
	char dflt[80];
	int rc = 0;

	if (m == NULL)
		m = &none;
	if (o == NULL)
		o = &none;
	memset(s, 0, sizeof *s);
	snprintf(dflt, sizeof dflt, "/apps/%s", name);
	path = o->path != NULL ? o->path : dflt;
	entry = o->entry != NULL ? o->entry : m->entry;
	s->name = dupstr(name);
	s->path = dupstr(path);
	s->entry = entry != NULL ? dupstr(entry) : NULL;
	s->compute = m->compute;
	s->ethereum = m->ethereum;
	s->encryption = m->encryption;
	s->syscall_mask = o->syscalls.v != NULL ? o->syscall_mask : m->syscall_mask;
	rc |= syscalls_of(s->syscall_mask, &s->syscalls);
	rc |= strlist_copy(&s->capabilities, o->capabilities.v != NULL   ? &o->capabilities
	                                     : m->capabilities.v != NULL ? &m->capabilities
	                                                                 : &empty);
	s->restart = o->restart != RESTART_UNSET ? o->restart : m->restart;
	s->memory = o->memory != 0 ? o->memory : m->memory;
	s->processes = o->processes != 0 ? o->processes : m->processes;
	rc |= pairs_copy(&s->environment, &m->environment);
	if (s->name == NULL || s->path == NULL || (entry != NULL && s->entry == NULL))
		rc = -1;
	return rc;
}

// Resolve one snap into r (not listed in boot_snaps yet). Returns 1 if it
// was added, 0 if it cannot be resolved (reported), -1 when out of memory.
static int
resolve_snap(const char *file, const char *dir, const struct config *c, const struct apps *a,
             const char *name, struct resolved *r, struct config_problems *pr)
{
	const struct config_snap *m = manifest_of(a, name), *o = override_of(c, name);
	struct config_snap *s = &r->snaps[r->nsnaps];

	if (m == NULL && o == NULL)
		return 0; // config_parse reported it as an unknown snap
	if (m == NULL && o->path == NULL) {
		config_problem(pr, file, o->line, o->col,
		               "snap \"%s\" has no %s/%s/manifest.toml and no path", name, dir,
		               name);
		return 0;
	}
	if (merge(name, m, o, s) < 0) {
		config_snap_free(s);
		return -1;
	}
	if (s->entry == NULL) {
		if (m == NULL)
			config_problem(
			        pr, file, o->line, o->col,
			        "snap \"%s\" has no entry: no %s/%s/manifest.toml and no entry "
			        "in [snaps.%s]",
			        name, dir, name, name);
		config_snap_free(s);
		return 0; // a manifest without entry was reported by manifest_parse
	}
	r->nsnaps++;
	return 1;
}

static int
in_boot(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->system.boot_snaps.n; i++)
		if (strcmp(c->system.boot_snaps.v[i], name) == 0)
			return 1;
	return 0;
}

// The snaps of boot_snaps in their order, then the other [snaps.NAME].
static int
resolve_all(const char *file, const char *dir, const struct config *c, const struct apps *a,
            struct resolved *r, struct config_problems *pr)
{
	size_t nb = c->system.boot_snaps.n, max = nb + c->nsnaps;
	int got;

	r->snaps = calloc(max ? max : 1, sizeof *r->snaps);
	r->boot_snaps.v = calloc(nb ? nb : 1, sizeof *r->boot_snaps.v);
	if (r->snaps == NULL || r->boot_snaps.v == NULL)
		return -1;
	for (size_t i = 0; i < nb; i++) {
		const char *name = c->system.boot_snaps.v[i];

		if ((got = resolve_snap(file, dir, c, a, name, r, pr)) < 0)
			return -1;
		if (got && (r->boot_snaps.v[r->boot_snaps.n++] = dupstr(name)) == NULL)
			return -1;
	}
	for (size_t i = 0; i < c->nsnaps; i++) {
		if (in_boot(c, c->snaps[i].name))
			continue;
		if (resolve_snap(file, dir, c, a, c->snaps[i].name, r, pr) < 0)
			return -1;
	}
	return 0;
}

size_t
gen_validate(const char *file, const char *buf, size_t len, const char *apps, struct resolved *r,
             struct config_problems *pr)
{
	size_t before = pr->n;
	struct apps a;
	struct config c;

	memset(r, 0, sizeof *r);
	load_apps(apps, &a, pr);
	config_parse(file, buf, len, &c, &a.names, pr);
	if ((c.system.hostname != NULL && (r->hostname = dupstr(c.system.hostname)) == NULL) ||
	    (c.system.timezone != NULL && (r->timezone = dupstr(c.system.timezone)) == NULL) ||
	    resolve_all(file, apps, &c, &a, r, pr) < 0)
		config_problem(pr, file, 0, 0, "out of memory while resolving the snaps");
	config_free(&c);
	apps_free(&a);
	return pr->n - before;
}
