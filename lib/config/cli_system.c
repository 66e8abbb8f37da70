// lib/config/cli_system.c: the `system` command (cli.h), on the host and on
// Gremlin: the configuration generations of a Gremlin machine
// (docs/man/system.8, docs/generations.md):
//   system [options] switch FILE     validate FILE; it becomes generation N+1
//   system [options] rollback [N]    generation N (or the one before) is current
//   system [options] generations     list them
//   system [options] current         print the current number
//   system [options] boot [--gen N]  what a boot would use (and its fallbacks)
// Options: --root DIR (the store, /writable/system), --apps DIR (/apps),
// --default FILE (the base image's config, /base/system/config.toml).
// On Gremlin a switch or rollback of the running system's store then asks
// init to apply the new current generation (system_apply_fn).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/cli.h"
#include "config/gen.h"
#include "config/gen_fs.h"
#include "config/plan.h"

struct opts {
	const char *root, *apps, *dflt, *gen;
	const char *cmd;
	char *args[2];
	int nargs;
	system_apply_fn *apply;
};

static void
usage(void)
{
	fprintf(stderr,
	        "usage: system [--root DIR] [--apps DIR] switch FILE\n"
	        "       system [--root DIR] rollback [N]\n"
	        "       system [--root DIR] generations\n"
	        "       system [--root DIR] current\n"
	        "       system [--root DIR] [--apps DIR] [--default FILE] boot [--gen N]\n");
	exit(2);
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){SYSTEM_ROOT, "/apps", "/base/system/config.toml",
	                   NULL,        NULL,    {NULL, NULL},
	                   0,           NULL};
	for (int i = 1; i < argc; i++) {
		const char **opt = strcmp(argv[i], "--root") == 0      ? &o->root
		                   : strcmp(argv[i], "--apps") == 0    ? &o->apps
		                   : strcmp(argv[i], "--default") == 0 ? &o->dflt
		                   : strcmp(argv[i], "--gen") == 0     ? &o->gen
		                                                       : NULL;
		if (opt != NULL) {
			if (++i == argc)
				usage();
			*opt = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "system: unknown option %s\n", argv[i]);
			usage();
		} else if (o->cmd == NULL) {
			o->cmd = argv[i];
		} else if (o->nargs < 2) {
			o->args[o->nargs++] = argv[i];
		} else {
			usage();
		}
	}
	if (o->cmd == NULL)
		usage();
	if (o->gen != NULL && strcmp(o->cmd, "boot") != 0) {
		fprintf(stderr, "system: --gen is for boot only\n");
		usage();
	}
}

// Problems and warnings: FILE:LINE:COL: msg, or FILE: msg.
static void
print_problems(const struct config_problems *pr, const char *prefix)
{
	for (size_t i = 0; i < pr->n; i++) {
		if (pr->v[i].line == 0)
			fprintf(stderr, "%s%s: %s\n", prefix, pr->v[i].file, pr->v[i].msg);
		else
			fprintf(stderr, "%s%s:%u:%u: %s\n", prefix, pr->v[i].file,
			        (unsigned)pr->v[i].line, (unsigned)pr->v[i].col, pr->v[i].msg);
	}
}

static void
print_plan(const char *what, const struct plan *p)
{
	char line[512], from[16];

	snprintf(from, sizeof from, "%u", (unsigned)p->from);
	printf("%s generation %u (from %s)\n", what, (unsigned)p->to, p->from ? from : "none");
	for (size_t i = 0; i < p->n; i++) {
		plan_step_format(&p->v[i], line, sizeof line);
		printf("%s\n", line);
	}
	if (plan_changes(p) == 0)
		printf("nothing to change\n");
}

// After a switch or rollback made a new generation current: ask the
// running system to apply it, if there is one and this is its store. 0, or
// 3 when it was stored but not applied (the reason is printed).
static int
apply_now(const struct opts *o)
{
	if (o->apply == NULL)
		return 0;
	if (strcmp(o->root, SYSTEM_ROOT) != 0) {
		fprintf(stderr,
		        "system: %s is not the running system's store (%s): init is not told\n",
		        o->root, SYSTEM_ROOT);
		return 0;
	}
	fflush(stdout);
	return o->apply("apply", stdout) == 0 ? 0 : 3;
}

static int
number_arg(const char *s, uint32_t *n)
{
	if (gen_number(s, strlen(s), n) == 0)
		return 0;
	fprintf(stderr, "system: \"%s\" is not a generation number (1 to %u)\n", s, GEN_MAX_NUMBER);
	return -1;
}

static int
do_switch(const struct opts *o)
{
	struct config_problems pr = {0}, warn = {0};
	struct gen_err e;
	struct plan p;
	char err[600], *buf;
	size_t len;
	int missing, rc;

	if (o->nargs != 1)
		usage();
	buf = genfs_read(o->args[0], GEN_MAX_FILE, &len, &missing, err, sizeof err);
	if (buf == NULL) {
		fprintf(stderr, "system: %s\n", err);
		return 1;
	}
	rc = gen_switch(o->root, o->args[0], buf, len, o->apps, genfs_now(), &p, &pr, &warn, &e);
	print_problems(&warn, "system: warning: ");
	if (rc == 1) {
		config_problems_sort(&pr);
		print_problems(&pr, "");
		fprintf(stderr, "system: %zu problem%s: %s did not become a generation\n", pr.n,
		        pr.n == 1 ? "" : "s", o->args[0]);
	} else if (rc < 0) {
		fprintf(stderr, "system: switch failed: %s\n", e.msg);
	} else {
		print_plan("switched to", &p);
		rc = apply_now(o);
		plan_free(&p);
	}
	config_problems_free(&pr);
	config_problems_free(&warn);
	free(buf);
	return rc == 0 ? 0 : rc == 3 ? 3 : 1;
}

static int
do_rollback(const struct opts *o)
{
	struct config_problems warn = {0};
	struct gen_err e;
	struct plan p;
	uint32_t n = 0;
	int rc;

	if (o->nargs > 1 || (o->nargs == 1 && number_arg(o->args[0], &n) < 0))
		return o->nargs > 1 ? (usage(), 2) : 1;
	rc = gen_rollback(o->root, n, &p, &warn, &e);
	print_problems(&warn, "system: warning: ");
	if (rc < 0) {
		fprintf(stderr, "system: rollback refused: %s\n", e.msg);
		config_problems_free(&warn);
		return 1;
	}
	print_plan("rolled back to", &p);
	rc = apply_now(o);
	plan_free(&p);
	config_problems_free(&warn);
	return rc;
}

static int
do_generations(const struct opts *o)
{
	struct config_problems warn = {0};
	struct gen_list l;
	struct gen_err e, ce;
	uint32_t cur = 0;
	char date[32];

	if (o->nargs != 0)
		usage();
	if (gen_list(o->root, &l, &e) < 0) {
		fprintf(stderr, "system: %s\n", e.msg);
		return 1;
	}
	if (gen_read_current(o->root, &cur, &ce) < 0 && l.n > 0)
		fprintf(stderr, "system: warning: %s\n", ce.msg);
	for (size_t i = 0; i < l.n; i++) {
		const struct gen_info *g = &l.v[i];
		char mark = g->n == cur ? '*' : ' ';

		if (g->state == GEN_OK) {
			gen_time_format(g->time, date);
			printf("%c %u  %s  %s\n", mark, (unsigned)g->n, date, g->summary);
		} else {
			printf("%c %u  %s  %s\n", mark, (unsigned)g->n,
			       g->state == GEN_CORRUPT ? "corrupt" : "unfinished", g->summary);
		}
	}
	if (l.n == 0)
		printf("no generations in %s\n", o->root);
	gen_list_free(&l);
	config_problems_free(&warn);
	return 0;
}

static int
do_current(const struct opts *o)
{
	struct config_problems warn = {0};
	struct generation g;
	struct gen_err e;
	int rc = 1;

	if (o->nargs != 0)
		usage();
	if (gen_effective(o->root, &g, &warn, &e) < 0) {
		fprintf(stderr, "system: %s\n", e.msg);
		return 1;
	}
	print_problems(&warn, "system: warning: ");
	if (g.n == 0)
		fprintf(stderr, "system: no usable generation in %s\n", o->root);
	else if (warn.n == 0)
		rc = printf("%u\n", (unsigned)g.n) < 0;
	else
		fprintf(stderr,
		        "system: the current file is not right; a boot would use "
		        "generation %u\n",
		        (unsigned)g.n);
	gen_free(&g);
	config_problems_free(&warn);
	return rc;
}

// What init would do at boot, without starting anything: the generation
// it boots and every warning on the way.
static int
do_boot(const struct opts *o)
{
	struct config_problems warn = {0};
	struct gen_boot b;
	struct plan p;
	uint32_t n = 0;

	if (o->nargs != 0 || (o->gen != NULL && number_arg(o->gen, &n) < 0))
		return o->nargs != 0 ? (usage(), 2) : 1;
	gen_boot(o->root, n, o->dflt, o->apps, genfs_now(), &b, &warn);
	print_problems(&warn, "system: warning: ");
	if (b.n != 0)
		printf("boot generation %u\n", (unsigned)b.n);
	else
		printf("boot without a generation (%s)\n",
		       b.config != NULL ? "the default config, as far as it resolves"
		                        : "no config");
	if (plan_make(NULL, &b.r, &p) == 0) {
		for (size_t i = 0; i < p.n; i++) {
			char line[512];

			plan_step_format(&p.v[i], line, sizeof line);
			printf("%s\n", line);
		}
		plan_free(&p);
	}
	gen_boot_free(&b);
	config_problems_free(&warn);
	return 0;
}

int
system_cli(int argc, char **argv, system_apply_fn *apply)
{
	struct opts o;

	parse_args(argc, argv, &o);
	o.apply = apply;
	if (strcmp(o.cmd, "switch") == 0)
		return do_switch(&o);
	if (strcmp(o.cmd, "rollback") == 0)
		return do_rollback(&o);
	if (strcmp(o.cmd, "generations") == 0)
		return do_generations(&o);
	if (strcmp(o.cmd, "current") == 0)
		return do_current(&o);
	if (strcmp(o.cmd, "boot") == 0)
		return do_boot(&o);
	fprintf(stderr, "system: unknown command \"%s\"\n", o.cmd);
	usage();
	return 2;
}
