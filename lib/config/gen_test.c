// lib/config/gen_test.c: tests of the generation store and its operations:
// switch and rollback sequences with their exact plans, invalid configs that
// never become generations, monotonic numbers, crashes in the middle of a
// switch, corrupt generations and current files, the boot's choice of
// generation and its fallbacks, and the resolved format's round trip and
// its refusal of damaged text. Each test builds its own store in a fresh
// temporary directory.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/gen.h"
#include "config/gen_fs.h"
#include "config/plan.h"
#include "tap/tap.h"

static char top[256]; // the temporary directory
static char apps[300], root[300];

static void
write_file(const char *path, const char *text)
{
	FILE *f;

	chmod(path, 0644);
	f = fopen(path, "w");
	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

static char *
slurp(const char *path)
{
	char err[600];
	size_t len;
	int missing;

	return genfs_read(path, 1 << 20, &len, &missing, err, sizeof err);
}

static void
app(const char *name, const char *manifest)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", apps, name);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/%s/manifest.toml", apps, name);
	write_file(path, manifest);
}

// A fresh, empty store root (and the apps, which never change).
static void
fresh(void)
{
	static int k;
	char cmd[700];

	snprintf(root, sizeof root, "%s/root%d", top, ++k);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		exit(1);
}

static void
setup(void)
{
	char *t = getenv("TMPDIR");

	snprintf(top, sizeof top, "%s/gen_test.XXXXXX", t != NULL ? t : "/tmp");
	if (mkdtemp(top) == NULL) {
		printf("Bail out! mkdtemp\n");
		exit(1);
	}
	snprintf(apps, sizeof apps, "%s/apps", top);
	mkdir(apps, 0755);
	app("shell", "name = \"shell\"\nentry = \"/bin/sh\"\nsyscalls = [\"read\", \"write\"]\n"
	             "restart = \"always\"\n");
	app("ethnode", "name = \"ethnode\"\nentry = \"/bin/ethnode\"\n"
	               "syscalls = [\"read\", \"write\", \"open\"]\ncapabilities = [\"/net\"]\n"
	               "ethereum = true\n");
	app("tor", "name = \"tor\"\nentry = \"/bin/tor\"\n"
	           "syscalls = [\"read\", \"write\", \"sendto\", \"recvfrom\"]\n");
	app("ml_worker", "name = \"ml_worker\"\nentry = \"/bin/infer\"\ncompute = true\n"
	                 "encryption = \"homomorphic\"\n");
}

static void
teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", top);
}

static const char C1[] = "[system]\nhostname = \"gremlin\"\n"
                         "boot_snaps = [\"shell\", \"ethnode\", \"tor\"]\n";
static const char C2[] = "[system]\nhostname = \"box\"\ntimezone = \"Europe/Berlin\"\n"
                         "boot_snaps = [\"shell\", \"ethnode\", \"ml_worker\"]\n\n"
                         "[snaps.ethnode]\nsyscalls = [\"read\", \"write\", \"open\", "
                         "\"mmap\"]\n";
static const char C3[] = "[system]\nhostname = \"gremlin\"\nboot_snaps = []\n";
static const char BAD[] = "[system]\nhostname = \"gremlin\"\nboot_snaps = [\"shell\", \"nope\"]\n"
                          "\n[snaps.shell]\nsyscalls = [\"read\", \"sendfile\"]\n";

static char *
plan_text(const struct plan *p)
{
	static char out[4096];
	size_t o;

	o = (size_t)snprintf(out, sizeof out, "%u -> %u", (unsigned)p->from, (unsigned)p->to);
	for (size_t i = 0; i < p->n && o < sizeof out; i++) {
		char line[512];

		plan_step_format(&p->v[i], line, sizeof line);
		o += (size_t)snprintf(out + o, sizeof out - o, "\n%s", line);
	}
	return out;
}

static char *
problems_text(struct config_problems *pr)
{
	static char out[4096];
	size_t o = 0;

	config_problems_sort(pr);
	out[0] = '\0';
	for (size_t i = 0; i < pr->n && o < sizeof out; i++)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s:%u:%u: %s", i ? "\n" : "",
		                      pr->v[i].file, (unsigned)pr->v[i].line,
		                      (unsigned)pr->v[i].col, pr->v[i].msg);
	return out;
}

// Switch to text; the plan must be want (NULL: the switch must fail
// validation, and the problems must be want_problems).
static void
switch_is(const char *what, const char *text, const char *want, const char *want_problems)
{
	struct config_problems pr = {0}, warn = {0};
	struct gen_err e;
	struct plan p;
	int rc = gen_switch(root, "config.toml", text, strlen(text), apps, 1795830000, &p, &pr,
	                    &warn, &e);

	if (want != NULL) {
		if (!tap_ok(rc == 0 && strcmp(plan_text(&p), want) == 0, "switch: %s", what))
			tap_diag("rc %d (%s; %s)\ngot:\n%s\nwant:\n%s", rc, rc < 0 ? e.msg : "",
			         problems_text(&pr), rc == 0 ? plan_text(&p) : "", want);
	} else if (!tap_ok(rc == 1 && strcmp(problems_text(&pr), want_problems) == 0,
	                   "switch refused: %s", what)) {
		tap_diag("rc %d\ngot:\n%s\nwant:\n%s", rc, problems_text(&pr), want_problems);
	}
	plan_free(&p);
	config_problems_free(&pr);
	config_problems_free(&warn);
}

static void
rollback_is(const char *what, uint32_t n, const char *want, const char *want_err)
{
	struct config_problems warn = {0};
	struct gen_err e;
	struct plan p;
	int rc = gen_rollback(root, n, &p, &warn, &e);

	if (want != NULL) {
		if (!tap_ok(rc == 0 && strcmp(plan_text(&p), want) == 0, "rollback: %s", what))
			tap_diag("rc %d (%s)\ngot:\n%s\nwant:\n%s", rc, rc < 0 ? e.msg : "",
			         rc == 0 ? plan_text(&p) : "", want);
	} else if (!tap_ok(rc < 0 && strcmp(e.msg, want_err) == 0, "rollback refused: %s", what)) {
		tap_diag("rc %d, got: %s\nwant: %s", rc, rc < 0 ? e.msg : "", want_err);
	}
	plan_free(&p);
	config_problems_free(&warn);
}

static uint32_t
current(void)
{
	struct gen_err e;
	uint32_t n;

	return gen_read_current(root, &n, &e) == 0 ? n : 0;
}

// The generation numbers on disk and their states, "1 2c 3u" (c corrupt, u
// unfinished).
static char *
listing(void)
{
	static char out[256];
	struct gen_list l;
	struct gen_err e;
	size_t o = 0;

	out[0] = '\0';
	if (gen_list(root, &l, &e) < 0)
		return strcpy(out, "(error)");
	for (size_t i = 0; i < l.n; i++)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%u%s", i ? " " : "",
		                      (unsigned)l.v[i].n,
		                      l.v[i].state == GEN_OK        ? ""
		                      : l.v[i].state == GEN_CORRUPT ? "c"
		                                                    : "u");
	gen_list_free(&l);
	return out;
}

static void
file_in(uint32_t n, const char *file, char *out, size_t size)
{
	snprintf(out, size, "%s/generations/%u/%s", root, (unsigned)n, file);
}

static void
test_sequence(void)
{
	char path[600], *s;

	fresh();
	switch_is("the first config starts its boot snaps", C1,
	          "0 -> 1\nhostname (unset) -> gremlin\nstart shell\nstart ethnode\nstart tor",
	          NULL);
	tap_ok(current() == 1, "generation 1 is current");
	switch_is("the second stops, restarts and starts exactly what changed", C2,
	          "1 -> 2\nstop tor\nhostname gremlin -> box\ntimezone (unset) -> Europe/Berlin\n"
	          "keep shell\nrestart ethnode (syscalls changed)\nstart ml_worker",
	          NULL);
	tap_ok(current() == 2, "generation 2 is current");
	file_in(2, "config.toml", path, sizeof path);
	s = slurp(path);
	tap_ok(s != NULL && strcmp(s, C2) == 0, "generation 2 holds the exact bytes applied");
	free(s);

	switch_is("an invalid config", BAD, NULL,
	          "config.toml:3:24: unknown snap \"nope\" in system.boot_snaps\n"
	          "config.toml:6:21: unknown syscall \"sendfile\" in snaps.shell.syscalls");
	tap_ok(current() == 2 && strcmp(listing(), "1 2") == 0,
	       "an invalid config never becomes a generation: still 1 2, current 2 (%s)",
	       listing());

	rollback_is("to the one before", 0,
	            "2 -> 1\nstop ml_worker\nhostname box -> gremlin\ntimezone Europe/Berlin -> "
	            "(unset)\nkeep shell\nrestart ethnode (syscalls changed)\nstart tor",
	            NULL);
	tap_ok(current() == 1 && strcmp(listing(), "1 2") == 0,
	       "a rollback creates no generation: 1 2, current 1");
	rollback_is("past the first", 0, NULL,
	            "generation 1 is the first usable generation: there is none before it to roll "
	            "back to");
	switch_is("after a rollback the next number is still new", C3,
	          "1 -> 3\nstop tor\nstop ethnode\nstop shell", NULL);
	tap_ok(current() == 3 && strcmp(listing(), "1 2 3") == 0, "numbers only grow: 1 2 3");
	rollback_is("forward to a later generation", 2,
	            "3 -> 2\nhostname gremlin -> box\ntimezone (unset) -> Europe/Berlin\nstart "
	            "shell\nstart ethnode\nstart ml_worker",
	            NULL);
	rollback_is("to the current one: nothing to do", 2,
	            "2 -> 2\nkeep shell\nkeep ethnode\nkeep ml_worker", NULL);
	rollback_is("to an unknown generation", 9, NULL,
	            "cannot roll back to generation 9: no generation 9");
	rollback_is("default: the newest below current, not the last one used", 0,
	            "2 -> 1\nstop ml_worker\nhostname box -> gremlin\ntimezone Europe/Berlin -> "
	            "(unset)\nkeep shell\nrestart ethnode (syscalls changed)\nstart tor",
	            NULL);
	switch_is("the same config again is a new generation with nothing to change", C1,
	          "1 -> 4\nkeep shell\nkeep ethnode\nkeep tor", NULL);
}

// Snaps that come only from [snaps.NAME] tables, and overrides.
static void
test_resolve(void)
{
	static const char own[] = "[system]\nboot_snaps = [\"custom\", \"shell\"]\n\n"
	                          "[snaps.custom]\npath = \"/writable/apps/custom\"\n"
	                          "entry = \"/bin/custom\"\nmemory = \"2M\"\n\n"
	                          "[snaps.shell]\ncapabilities = []\nrestart = \"never\"\n";
	static const char noentry[] = "[system]\nboot_snaps = [\"custom\"]\n\n"
	                              "[snaps.custom]\npath = \"/writable/apps/custom\"\n";
	struct config_problems pr = {0};
	struct resolved r;
	const struct config_snap *c, *sh;
	char want[600];

	tap_ok(gen_validate("config.toml", own, strlen(own), apps, &r, &pr) == 0,
	       "a snap with its own path and entry needs no manifest");
	c = resolved_snap(&r, "custom");
	sh = resolved_snap(&r, "shell");
	tap_ok(c != NULL && strcmp(c->path, "/writable/apps/custom") == 0 &&
	               strcmp(c->entry, "/bin/custom") == 0 && c->memory == 2u << 20 &&
	               c->syscalls.n == 0 && c->restart == RESTART_UNSET,
	       "it resolves from the overrides alone");
	tap_ok(sh != NULL && strcmp(sh->path, "/apps/shell") == 0 &&
	               strcmp(sh->entry, "/bin/sh") == 0 && sh->restart == RESTART_NEVER &&
	               sh->syscalls.n == 2 && sh->capabilities.n == 0,
	       "overrides replace the manifest's values; the rest is the manifest's");
	resolved_free(&r);
	snprintf(want, sizeof want,
	         "config.toml:4:8: snap \"custom\" has no entry: no %s/custom/manifest.toml and "
	         "no entry in [snaps.custom]",
	         apps);
	tap_ok(gen_validate("config.toml", noentry, strlen(noentry), apps, &r, &pr) == 1 &&
	               strcmp(problems_text(&pr), want) == 0,
	       "a snap with no entry anywhere is a problem: %s", problems_text(&pr));
	tap_ok(r.nsnaps == 0 && r.boot_snaps.n == 0, "and is left out of what resolves");
	resolved_free(&r);
	config_problems_free(&pr);
}

static void
test_empty_store(void)
{
	struct gen_err e;
	struct plan p;
	struct config_problems warn = {0};
	struct generation g;

	fresh();
	tap_ok(gen_rollback(root, 0, &p, &warn, &e) < 0 && strstr(e.msg, "no generations") != NULL,
	       "rollback with no store: refused (%s)", e.msg);
	tap_ok(gen_read_current(root, &(uint32_t){0}, &e) < 0 &&
	               strstr(e.msg, "does not exist: there is no current generation") != NULL,
	       "current with no store: says there is none");
	gen_init(root, &e);
	tap_ok(gen_effective(root, &g, &warn, &e) == 0 && g.n == 0 && warn.n == 0,
	       "an empty store has no generation in effect, and no warning");
	tap_ok(gen_rollback(root, 0, &p, &warn, &e) < 0 && strstr(e.msg, "no generations") != NULL,
	       "rollback in an empty store: refused (%s)", e.msg);
	config_problems_free(&warn);
}

// A crash at each point of a switch, simulated by what it leaves behind.
static void
test_crash(void)
{
	struct config_problems warn = {0};
	struct gen_err e;
	struct resolved r;
	char path[600];
	uint32_t n;

	fresh();
	switch_is("before the crash", C1,
	          "0 -> 1\nhostname (unset) -> gremlin\nstart shell\nstart ethnode\nstart tor",
	          NULL);
	// Crash 1: generation 2's directory with its config but no marker.
	snprintf(path, sizeof path, "%s/generations/2", root);
	mkdir(path, 0755);
	file_in(2, "config.toml", path, sizeof path);
	write_file(path, C2);
	file_in(2, "resolved.tmp", path, sizeof path);
	write_file(path, "gremlin-resolved 1\nhostn");
	snprintf(path, sizeof path, "%s/current.tmp", root);
	write_file(path, "2");
	tap_ok(strcmp(listing(), "1 2u") == 0, "a generation without marker is listed unfinished");
	{
		struct generation g;

		tap_ok(gen_load(root, 2, &g, &e) < 0 &&
		               strcmp(e.msg, "generation 2 is incomplete: it has no marker (it was "
		                             "never finished)") == 0,
		       "an unfinished generation is never loaded (%s)", e.msg);
		tap_ok(gen_effective(root, &g, &warn, &e) == 0 && g.n == 1 && warn.n == 0,
		       "current is still 1 after the crash");
		gen_free(&g);
	}
	tap_ok(gen_recover(root, &warn, &e) == 0 && warn.n == 2 && strcmp(listing(), "1") == 0,
	       "recovery removes the unfinished generation and the stray current.tmp");
	tap_ok(warn.n == 2 && strstr(warn.v[1].msg, "removed generation 2: it was never finished"),
	       "and says so: %s", warn.n == 2 ? warn.v[1].msg : "");
	snprintf(path, sizeof path, "%s/current.tmp", root);
	tap_ok(access(path, F_OK) != 0, "current.tmp is gone");
	config_problems_free(&warn);

	// Crash 2: the generation is complete but current was not switched.
	memset(&r, 0, sizeof r);
	tap_ok(gen_create(root, C3, strlen(C3), &r, 1795830000, &n, &e) == 0 && n == 2,
	       "a complete generation 2 that never became current");
	tap_ok(current() == 1, "current stays 1");
	switch_is("the next switch plans from 1 (what runs), numbered 3", C2,
	          "1 -> 3\nstop tor\nhostname gremlin -> box\ntimezone (unset) -> Europe/Berlin\n"
	          "keep shell\nrestart ethnode (syscalls changed)\nstart ml_worker",
	          NULL);
	tap_ok(strcmp(listing(), "1 2 3") == 0, "generation 2 is kept: 1 2 3");

	// Crash 3 (or damage): current holds garbage. The next switch plans
	// from the newest usable generation, and says so.
	snprintf(path, sizeof path, "%s/current", root);
	write_file(path, "3\n3\n");
	{
		struct config_problems pr = {0};
		struct plan p;
		int rc = gen_switch(root, "config.toml", C3, strlen(C3), apps, 1795830000, &p, &pr,
		                    &warn, &e);

		tap_ok(rc == 0 && p.from == 3 && p.to == 4 && current() == 4 && warn.n == 2 &&
		               strstr(warn.v[0].msg, "is corrupt: it does not hold a generation") &&
		               strstr(warn.v[1].msg, "using generation 3, the newest usable one"),
		       "a switch over a corrupt current file plans from the newest usable one, "
		       "with warnings");
		plan_free(&p);
		config_problems_free(&pr);
		config_problems_free(&warn);
	}
}

static void
damage(uint32_t n, const char *file, const char *text)
{
	char path[600];

	file_in(n, file, path, sizeof path);
	write_file(path, text);
}

static void
test_corrupt(void)
{
	struct config_problems warn = {0};
	struct generation g;
	struct gen_err e;

	fresh();
	switch_is("one", C1,
	          "0 -> 1\nhostname (unset) -> gremlin\nstart shell\nstart ethnode\n"
	          "start tor",
	          NULL);
	switch_is("two", C2,
	          "1 -> 2\nstop tor\nhostname gremlin -> box\ntimezone (unset) -> Europe/Berlin\n"
	          "keep shell\nrestart ethnode (syscalls changed)\nstart ml_worker",
	          NULL);
	switch_is("three", C3,
	          "2 -> 3\nstop ml_worker\nstop ethnode\nstop shell\nhostname box -> gremlin\n"
	          "timezone Europe/Berlin -> (unset)",
	          NULL);
	damage(2, "config.toml", "[system]\nhostname = \"evil\"\n");
	tap_ok(gen_load(root, 2, &g, &e) < 0 &&
	               strstr(e.msg, "generation 2 is corrupt: config.toml is 27 bytes with "
	                             "checksum") != NULL,
	       "a changed config.toml is detected (%s)", e.msg);
	tap_ok(strcmp(listing(), "1 2c 3") == 0, "and listed as corrupt");
	rollback_is("to a corrupt generation", 2, NULL,
	            "cannot roll back to generation 2: generation 2 is corrupt: config.toml is 27 "
	            "bytes with checksum cf24aa149ac7726e; its marker says 162 bytes, "
	            "0b6e941dbd9df261");
	tap_ok(current() == 3, "a refused rollback changes nothing");
	rollback_is("the default skips the corrupt one", 0,
	            "3 -> 1\nstart shell\nstart ethnode\nstart tor", NULL);
	tap_ok(gen_recover(root, &warn, &e) == 0 && strcmp(listing(), "1 2c 3") == 0,
	       "recovery never removes a corrupt generation");

	damage(3, "complete", "gremlin-generation 1\nnumber 3\n");
	tap_ok(gen_load(root, 3, &g, &e) < 0 &&
	               strcmp(e.msg, "generation 3 is corrupt: its marker is not a version 1 "
	                             "marker for it") == 0,
	       "a truncated marker is corrupt (%s)", e.msg);
	damage(1, "resolved", "gremlin-resolved 1\nhostname x\n");
	tap_ok(gen_load(root, 1, &g, &e) < 0 &&
	               strstr(e.msg, "generation 1 is corrupt: resolved is 30 bytes") != NULL,
	       "a changed resolved file is detected");
	tap_ok(gen_effective(root, &g, &warn, &e) == 0 && g.n == 0,
	       "with every generation damaged there is none in effect");
	config_problems_free(&warn);
}

// The boot's choice, and what it warns about.
static uint32_t
boot(uint32_t requested, const char *dflt, struct config_problems *warn, struct gen_boot *b)
{
	gen_boot(root, requested, dflt, apps, 1795830000, b, warn);
	return b->n;
}

static int
warned(const struct config_problems *w, const char *text)
{
	for (size_t i = 0; i < w->n; i++)
		if (strstr(w->v[i].msg, text) != NULL)
			return 1;
	return 0;
}

static void
test_boot(void)
{
	struct config_problems w = {0};
	struct gen_boot b;
	char dflt[600], path[600];

	snprintf(dflt, sizeof dflt, "%s/default.toml", top);
	write_file(dflt, C1);
	fresh();
	tap_ok(boot(0, dflt, &w, &b) == 1 && current() == 1 && w.n == 0,
	       "first boot: the default config becomes generation 1, current");
	tap_ok(b.config != NULL && strcmp(b.config, C1) == 0 && b.r.boot_snaps.n == 3,
	       "and is what is booted");
	gen_boot_free(&b);
	switch_is("then", C2,
	          "1 -> 2\nstop tor\nhostname gremlin -> box\ntimezone (unset) -> Europe/Berlin\n"
	          "keep shell\nrestart ethnode (syscalls changed)\nstart ml_worker",
	          NULL);
	tap_ok(boot(0, dflt, &w, &b) == 2 && w.n == 0, "boot without gen=: current (2)");
	gen_boot_free(&b);
	tap_ok(boot(1, dflt, &w, &b) == 1 && w.n == 0 && current() == 2,
	       "gen=1: generation 1, for this boot only (current stays 2)");
	gen_boot_free(&b);
	tap_ok(boot(7, dflt, &w, &b) == 2 &&
	               warned(&w, "gen=7 was asked for, but no generation 7; booting the current "
	                          "generation instead"),
	       "gen=7 (unknown): current, with a warning");
	gen_boot_free(&b);
	config_problems_free(&w);
	damage(1, "config.toml", "x");
	tap_ok(boot(1, dflt, &w, &b) == 2 && warned(&w, "generation 1 is corrupt"),
	       "gen=1 (corrupt): current, with a warning");
	gen_boot_free(&b);
	config_problems_free(&w);

	snprintf(path, sizeof path, "%s/current", root);
	write_file(path, "two\n");
	tap_ok(boot(0, dflt, &w, &b) == 2 && warned(&w, "is corrupt: it does not hold") &&
	               warned(&w, "using generation 2, the newest usable one"),
	       "a corrupt current file: the newest usable generation, with warnings");
	gen_boot_free(&b);
	config_problems_free(&w);
	write_file(path, "");
	tap_ok(boot(0, dflt, &w, &b) == 2 && warned(&w, "is corrupt"), "an empty current file too");
	gen_boot_free(&b);
	config_problems_free(&w);
	write_file(path, "42\n");
	tap_ok(boot(0, dflt, &w, &b) == 2 &&
	               warned(&w, "names generation 42, which is not usable: no generation 42"),
	       "a current file naming a missing generation too");
	gen_boot_free(&b);
	config_problems_free(&w);
	unlink(path);
	tap_ok(boot(0, dflt, &w, &b) == 2 && warned(&w, "does not exist"),
	       "a missing current file with generations: the newest, with a warning");
	gen_boot_free(&b);
	config_problems_free(&w);

	damage(2, "complete", "");
	tap_ok(boot(0, dflt, &w, &b) == 3 && current() == 3 && b.r.boot_snaps.n == 3,
	       "no usable generation at all: the default config becomes generation 3");
	gen_boot_free(&b);
	config_problems_free(&w);

	fresh();
	write_file(dflt, BAD);
	tap_ok(boot(0, dflt, &w, &b) == 0 && current() == 0 &&
	               warned(&w, "unknown syscall \"sendfile\" in snaps.shell.syscalls") &&
	               warned(&w, "the default config is not valid: booting what of it resolves"),
	       "an invalid default config: booted without a generation, every problem warned");
	tap_ok(b.r.boot_snaps.n == 1 && strcmp(b.r.boot_snaps.v[0], "shell") == 0,
	       "and the snaps that resolve are still booted (shell, not the unknown one)");
	gen_boot_free(&b);
	config_problems_free(&w);
	unlink(dflt);
	tap_ok(boot(0, dflt, &w, &b) == 0 && b.config == NULL && b.r.nsnaps == 0 &&
	               warned(&w, "cannot read the default config"),
	       "no default config at all: boot with no snaps, and say why");
	gen_boot_free(&b);
	config_problems_free(&w);
}

// A version 1 file (before the processes line) is still read, with
// processes unset, and written back as the current version.
static void
test_resolved_v1(void)
{
	static const char v1[] = "gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps x\n"
	                         "snap x\npath /apps/x\nentry /bin/x\nsyscalls read\ncapabilities\n"
	                         "ethereum -\ncompute -\nencryption -\nrestart -\nmemory 4096\n"
	                         "environment\nend\n";
	struct resolved r;
	struct gen_err e;
	char *text;
	size_t len;

	if (!tap_ok(resolved_parse(v1, strlen(v1), &r, &e) == 0, "a version 1 file is read (%s)",
	            e.msg))
		return;
	tap_ok(r.nsnaps == 1 && r.snaps[0].processes == 0 && r.snaps[0].memory == 4096,
	       "with processes unset");
	text = resolved_format(&r, &len);
	tap_ok(text != NULL && strncmp(text, "gremlin-resolved 2\n", 19) == 0 &&
	               strstr(text, "\nmemory 4096\nprocesses -\nenvironment\n") != NULL,
	       "and written as version 2, processes \"-\"");
	free(text);
	resolved_free(&r);
}

static void
test_resolved(void)
{
	static const char *const bad[][2] = {
	        {"", "line 0: not a resolved file (empty, NUL bytes or no final newline)"},
	        {"gremlin-resolved 3\nhostname -\ntimezone -\nboot_snaps\n",
	         "line 1: not a resolved file of version 1 to 2 (\"gremlin-resolved 2\" expected)"},
	        {"gremlin-resolved 0\nhostname -\ntimezone -\nboot_snaps\n",
	         "line 1: not a resolved file of version 1 to 2 (\"gremlin-resolved 2\" expected)"},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap x\nprocesses 4\n",
	         "line 6: unknown key \"processes\" in snap x"},
	        {"gremlin-resolved 2\nhostname -\ntimezone -\nboot_snaps\nsnap x\nprocesses 0\n",
	         "line 6: bad process count \"0\""},
	        {"gremlin-resolved 2\nhostname -\ntimezone -\nboot_snaps\nsnap x\nprocesses 4097\n",
	         "line 6: process count \"4097\" is too large"},
	        {"gremlin-resolved 2\nhostname -\ntimezone -\nboot_snaps\nsnap x\npath /a\nentry "
	         "/b\nsyscalls\ncapabilities\nethereum -\ncompute -\nencryption -\nrestart "
	         "-\nmemory -\nenvironment\nend\n",
	         "line 16: snap x is missing fields"},
	        {"gremlin-resolved 1\nhostname -\n", "line 3: the file ends before boot_snaps"},
	        {"gremlin-resolved 1\ntimezone -\nhostname -\nboot_snaps\n",
	         "line 2: expected hostname, not \"timezone\""},
	        {"gremlin-resolved 1\nhostname a%zz\ntimezone -\nboot_snaps\n",
	         "line 2: bad %-escape"},
	        {"gremlin-resolved 1\nhostname a%00\ntimezone -\nboot_snaps\n",
	         "line 2: a value holds a NUL byte"},
	        {"gremlin-resolved 1\nhostname a  b\ntimezone -\nboot_snaps\n",
	         "line 2: empty value after \"hostname\""},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps x\n",
	         "line 5: boot snap x is not described"},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap x\npath /a\n",
	         "line 7: snap x has no end"},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap x\nend\n",
	         "line 6: snap x is missing fields"},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap x\ncolour red\n",
	         "line 6: unknown key \"colour\" in snap x"},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap x\nsyscalls "
	         "sendfile\n",
	         "line 6: unknown syscall \"sendfile\""},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap x\nmemory 012\n",
	         "line 6: bad memory size \"012\""},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap x\n"
	         "memory 18446744073709551616\n",
	         "line 6: memory size \"18446744073709551616\" is too large"},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap x\nrestart "
	         "sometimes\n",
	         "line 6: bad value \"sometimes\" for restart"},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap x\nentry /a\n"
	         "entry /b\n",
	         "line 7: entry given twice in snap x"},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps x x\n",
	         "line 5: boot snap x is not described"},
	        {"gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps\nsnap X\n",
	         "line 5: snap needs one valid snap name"},
	};
	struct config_snap s = {0};
	struct resolved r = {0}, back;
	struct gen_err e;
	char *text, *again;
	size_t len, len2;
	char *boot[] = {"odd"};
	char *caps[] = {"/mnt/my data", "/100%"};
	struct config_pair env[] = {{"A", "x=y z\nw"}, {"B", ""}};

	s.name = "odd";
	s.path = "-";
	s.entry = "/bin/a b";
	s.capabilities = (struct config_strlist){caps, 2};
	s.environment = (struct config_pairs){env, 2};
	s.compute = 0;
	s.ethereum = -1;
	s.restart = RESTART_ON_FAILURE;
	s.memory = 18446744073709551615u;
	s.processes = 4096;
	r.hostname = "h";
	r.boot_snaps = (struct config_strlist){boot, 1};
	r.snaps = &s;
	r.nsnaps = 1;
	text = resolved_format(&r, &len);
	tap_ok(text != NULL && strstr(text, "capabilities /mnt/my%20data /100%25\n") &&
	               strstr(text, "path %2D\n") && strstr(text, "environment A=x=y%20z%0Aw B=\n"),
	       "values with spaces, %%, newlines and a lone - are escaped");
	if (tap_ok(resolved_parse(text, len, &back, &e) == 0, "and read back (%s)", e.msg)) {
		again = resolved_format(&back, &len2);
		tap_ok(again != NULL && len2 == len && memcmp(again, text, len) == 0,
		       "and written again identically");
		tap_ok(strcmp(back.snaps[0].environment.v[0].value, "x=y z\nw") == 0 &&
		               strcmp(back.snaps[0].path, "-") == 0 && back.timezone == NULL &&
		               back.snaps[0].compute == 0 && back.snaps[0].ethereum == -1 &&
		               back.snaps[0].memory == 18446744073709551615u &&
		               back.snaps[0].processes == 4096,
		       "with the same values");
		free(again);
		resolved_free(&back);
	}
	free(text);
	test_resolved_v1();
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int rc = resolved_parse(bad[i][0], strlen(bad[i][0]), &back, &e);

		if (!tap_ok(rc < 0 && strcmp(e.msg, bad[i][1]) == 0, "resolved refused: %s",
		            bad[i][1]))
			tap_diag("got: %s", rc < 0 ? e.msg : "(accepted)");
		if (rc == 0)
			resolved_free(&back);
	}
}

static void
test_numbers(void)
{
	static const struct {
		const char *s;
		uint32_t n;
	} good[] = {{"1", 1}, {"42", 42}, {"999999999", 999999999}};
	static const char *const bad[] = {"", "0", "01", "-1", "1a", " 1", "1000000000", "+3"};
	static const struct {
		int64_t t;
		const char *s;
	} times[] = {{0, "1970-01-01 00:00:00"},
	             {951782400, "2000-02-29 00:00:00"},
	             {1795830859, "2026-11-28 01:54:19"},
	             {4102444799, "2099-12-31 23:59:59"}};
	char out[32];
	uint32_t n;

	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		tap_ok(gen_number(good[i].s, strlen(good[i].s), &n) == 0 && n == good[i].n,
		       "generation number \"%s\"", good[i].s);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		tap_ok(gen_number(bad[i], strlen(bad[i]), &n) < 0,
		       "not a generation number: \"%s\"", bad[i]);
	for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
		gen_time_format(times[i].t, out);
		tap_ok(strcmp(out, times[i].s) == 0, "time %lld is %s (%s)", (long long)times[i].t,
		       times[i].s, out);
	}
}

int
main(void)
{
	setup();
	test_sequence();
	test_resolve();
	test_empty_store();
	test_crash();
	test_corrupt();
	test_boot();
	test_resolved();
	test_numbers();
	teardown();
	return tap_done();
}
