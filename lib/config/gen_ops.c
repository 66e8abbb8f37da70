// lib/config/gen_ops.c: the operations on the generation store that the
// `system` command and init use: switch (a new generation becomes
// current), rollback (an older one does) and boot (which generation, and
// what to do when none is usable). Each computes the plan init carries out.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/check.h"
#include "config/gen.h"
#include "config/gen_fs.h"
#include "config/plan.h"

static int efail(struct gen_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
efail(struct gen_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

// The plan from old (g.n == 0: nothing) to new, numbered.
static int
make_plan(const struct generation *old, const struct resolved *new, uint32_t to, struct plan *p,
          struct gen_err *e)
{
	if (plan_make(old->n != 0 ? &old->r : NULL, new, p) < 0)
		return efail(e, "out of memory while making the plan");
	p->from = old->n;
	p->to = to;
	return 0;
}

int
gen_switch(const char *root, const char *file, const char *buf, size_t len, const char *apps,
           int64_t now, struct plan *p, struct config_problems *pr, struct config_problems *warn,
           struct gen_err *e)
{
	struct generation old;
	struct resolved r;
	uint32_t n;
	int rc = -1;

	memset(p, 0, sizeof *p);
	if (gen_validate(file, buf, len, apps, &r, pr) > 0) {
		resolved_free(&r);
		return 1;
	}
	if (gen_init(root, e) < 0 || gen_recover(root, warn, e) < 0) {
		resolved_free(&r);
		return -1;
	}
	if (gen_effective(root, &old, warn, e) < 0) {
		resolved_free(&r);
		return -1;
	}
	if (gen_create(root, buf, len, &r, now, &n, e) == 0 && gen_set_current(root, n, e) == 0 &&
	    make_plan(&old, &r, n, p, e) == 0)
		rc = 0;
	gen_free(&old);
	resolved_free(&r);
	return rc;
}

// The generation to roll back to: n, or the newest usable one before the
// one in effect.
static int
target(const char *root, uint32_t n, const struct generation *old, struct generation *g,
       struct config_problems *warn, struct gen_err *e)
{
	struct gen_err why;

	if (n != 0) {
		if (gen_load(root, n, g, &why) == 0)
			return 0;
		return efail(e, "cannot roll back to generation %u: %s", (unsigned)n, why.msg);
	}
	if (old->n == 0)
		return efail(e, "%s: no generations: nothing to roll back", root);
	if (gen_newest_below(root, old->n, g, warn, e) < 0)
		return -1;
	if (g->n == 0)
		return efail(
		        e,
		        "generation %u is the first usable generation: there is none before it "
		        "to roll back to",
		        (unsigned)old->n);
	return 0;
}

int
gen_rollback(const char *root, uint32_t n, struct plan *p, struct config_problems *warn,
             struct gen_err *e)
{
	char path[4096];
	struct generation old, to;
	int rc = -1;

	memset(p, 0, sizeof *p);
	memset(&to, 0, sizeof to);
	snprintf(path, sizeof path, "%s/generations", root);
	if (!genfs_isdir(path))
		return efail(e, "%s: no generations: nothing to roll back", root);
	if (gen_recover(root, warn, e) < 0 || gen_effective(root, &old, warn, e) < 0)
		return -1;
	if (target(root, n, &old, &to, warn, e) == 0 && gen_set_current(root, to.n, e) == 0 &&
	    make_plan(&old, &to.r, to.n, p, e) == 0)
		rc = 0;
	gen_free(&old);
	gen_free(&to);
	return rc;
}

static void
take(struct gen_boot *b, struct generation *g)
{
	b->n = g->n;
	b->config = g->config;
	b->config_len = g->config_len;
	b->r = g->r;
	memset(g, 0, sizeof *g);
}

// No usable generation: make one from the default config; failing that,
// boot the default config as far as it resolves, without a generation.
static void
boot_default(const char *root, int have_store, const char *default_config, const char *apps,
             int64_t now, struct gen_boot *b, struct config_problems *warn)
{
	struct config_problems pr = {0};
	struct gen_err e;
	char err[600];
	int missing;

	b->config =
	        genfs_read(default_config, GEN_MAX_FILE, &b->config_len, &missing, err, sizeof err);
	if (b->config == NULL) {
		config_problem(warn, default_config, 0, 0,
		               "cannot read the default config (%s): booting with no snaps", err);
		return;
	}
	gen_validate(default_config, b->config, b->config_len, apps, &b->r, &pr);
	for (size_t i = 0; i < pr.n; i++)
		config_problem(warn, pr.v[i].file, pr.v[i].line, pr.v[i].col, "%s", pr.v[i].msg);
	if (pr.n > 0) {
		config_problem(warn, default_config, 0, 0,
		               "the default config is not valid: booting what of it resolves, "
		               "without a generation");
	} else if (!have_store) {
		config_problem(warn, default_config, 0, 0,
		               "booting the default config without a generation (no store)");
	} else if (gen_create(root, b->config, b->config_len, &b->r, now, &b->n, &e) < 0 ||
	           gen_set_current(root, b->n, &e) < 0) {
		b->n = 0;
		config_problem(warn, default_config, 0, 0,
		               "booting the default config without a generation: %s", e.msg);
	}
	config_problems_free(&pr);
}

void
gen_boot(const char *root, uint32_t requested, const char *default_config, const char *apps,
         int64_t now, struct gen_boot *b, struct config_problems *warn)
{
	struct generation g;
	struct gen_err e, why;
	char path[4096];
	int have_store;

	memset(b, 0, sizeof *b);
	if ((have_store = gen_init(root, &e) == 0 && gen_recover(root, warn, &e) == 0) == 0)
		config_problem(warn, root, 0, 0, "the generation store is not usable: %s", e.msg);
	if (have_store && requested != 0) {
		if (gen_load(root, requested, &g, &why) == 0) {
			take(b, &g);
			return;
		}
		snprintf(path, sizeof path, "%s/generations/%u", root, (unsigned)requested);
		config_problem(warn, path, 0, 0,
		               "gen=%u was asked for, but %s; booting the current "
		               "generation instead",
		               (unsigned)requested, why.msg);
	}
	if (have_store && gen_effective(root, &g, warn, &e) < 0) {
		config_problem(warn, root, 0, 0, "%s", e.msg);
		have_store = 0;
	}
	if (have_store && g.n != 0) {
		take(b, &g);
		return;
	}
	if (have_store)
		gen_free(&g);
	boot_default(root, have_store, default_config, apps, now, b, warn);
}

void
gen_boot_free(struct gen_boot *b)
{
	free(b->config);
	resolved_free(&b->r);
	memset(b, 0, sizeof *b);
}
