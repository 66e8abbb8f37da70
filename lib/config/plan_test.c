// lib/config/plan_test.c: tests of plan_make and plan_step_format: which
// snaps are stopped, started, restarted (and why) or kept, in which order,
// and the hostname and timezone steps. The descriptions are written in the
// resolved format (gen.h), which also tests that they read back.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/plan.h"
#include "tap/tap.h"

// Does text have a line for key?
static int
has_key(const char *text, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = text; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "")
		if (strncmp(p, key, n) == 0 && (p[n] == ' ' || p[n] == '\n'))
			return 1;
	return 0;
}

// A snap block: the lines of extra, then the default of every other field.
static void
snap_text(char *out, size_t n, const char *name, const char *extra)
{
	static const char *const keys[] = {"path",     "entry",     "syscalls",   "capabilities",
	                                   "ethereum", "compute",   "encryption", "restart",
	                                   "memory",   "processes", "environment"};
	const char *dflt[11] = {NULL, NULL, "read write", "/net", "-", "-", "-", "-", "-", "-", ""};
	char path[80], entry[80];

	snprintf(path, sizeof path, "/apps/%s", name);
	snprintf(entry, sizeof entry, "/bin/%s", name);
	dflt[0] = path;
	dflt[1] = entry;
	snprintf(out, n, "snap %s\n%s", name, extra);
	for (int i = 0; i < 11; i++) {
		size_t o = strlen(out);

		if (!has_key(extra, keys[i]))
			snprintf(out + o, n - o, "%s%s%s\n", keys[i], dflt[i][0] ? " " : "",
			         dflt[i]);
	}
	strncat(out, "end\n", n - strlen(out) - 1);
}

// Read a description from text; 0 on success (a failure is a test failure).
static int
desc(const char *text, struct resolved *r)
{
	struct gen_err e;

	if (resolved_parse(text, strlen(text), r, &e) == 0)
		return 0;
	tap_ok(0, "test description reads: %s", e.msg);
	return -1;
}

// The plan as lines.
static char *
render(const struct plan *p)
{
	static char out[4096];
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < p->n && o < sizeof out; i++) {
		char line[512];

		plan_step_format(&p->v[i], line, sizeof line);
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? "\n" : "", line);
	}
	return out;
}

static void
plan_is(const char *what, const char *old, const char *new, const char *want)
{
	struct resolved a, b;
	struct plan p;

	if (old != NULL && desc(old, &a) < 0)
		return;
	if (desc(new, &b) < 0) {
		if (old != NULL)
			resolved_free(&a);
		return;
	}
	if (plan_make(old != NULL ? &a : NULL, &b, &p) < 0) {
		tap_ok(0, "%s: plan_make", what);
	} else if (!tap_ok(strcmp(render(&p), want) == 0, "%s", what)) {
		tap_diag("got:\n%s", render(&p));
		tap_diag("want:\n%s", want);
	}
	plan_free(&p);
	if (old != NULL)
		resolved_free(&a);
	resolved_free(&b);
}

// A whole description: system lines, then snaps a..d (each given extra
// lines, or left out when NULL).
static char *
doc(const char *host, const char *tz, const char *boot, const char *const extra[4])
{
	static char bufs[2][8192];
	static int which;
	static const char *const names[] = {"alpha", "beta", "gamma", "delta"};
	char *out = bufs[which++ % 2], snap[1024];

	snprintf(out, 8192, "gremlin-resolved 2\nhostname %s\ntimezone %s\nboot_snaps%s\n", host,
	         tz, boot);
	for (int i = 0; i < 4; i++) {
		if (extra[i] == NULL)
			continue;
		snap_text(snap, sizeof snap, names[i], extra[i]);
		strncat(out, snap, 8192 - strlen(out) - 1);
	}
	return out;
}

int
main(void)
{
	static const char *const plain[4] = {"", "", "", ""};
	static const char *const changed[4] = {"", "syscalls read write open\nmemory 1024\n", "",
	                                       "restart always\n"};
	static const char *const env[4] = {"environment A=1\n", "capabilities /net /dev/cons\n",
	                                   "entry /bin/other\n", "ethereum true\n"};
	static const char *const env2[4] = {"environment A=2\n", "capabilities /dev/cons /net\n",
	                                    "path /writable/gamma\n", "ethereum false\n"};
	struct plan_step st = {PLAN_RESTART, "x", NULL, NULL, (1u << PLAN_NFIELDS) - 1};
	char line[512];

	plan_is("first generation: every boot snap starts, in boot_snaps order", NULL,
	        doc("gremlin", "UTC", " beta alpha gamma", plain),
	        "hostname (unset) -> gremlin\ntimezone (unset) -> UTC\nstart beta\nstart alpha\n"
	        "start gamma");
	plan_is("the same description: everything is kept, nothing else",
	        doc("gremlin", "UTC", " alpha beta", plain),
	        doc("gremlin", "UTC", " alpha beta", plain), "keep alpha\nkeep beta");
	plan_is("removed snaps stop in reverse boot_snaps order, before anything else",
	        doc("-", "-", " alpha beta gamma delta", plain), doc("-", "-", " beta", plain),
	        "stop delta\nstop gamma\nstop alpha\nkeep beta");
	plan_is("added snaps start in the new boot_snaps order", doc("-", "-", " beta", plain),
	        doc("-", "-", " delta beta alpha", plain), "start delta\nkeep beta\nstart alpha");
	plan_is("changed snaps restart, naming the fields that changed",
	        doc("-", "-", " alpha beta gamma delta", plain),
	        doc("-", "-", " alpha beta gamma delta", changed),
	        "keep alpha\nrestart beta (syscalls, memory changed)\nkeep gamma\n"
	        "restart delta (restart changed)");
	plan_is("a new process limit is a change, like memory",
	        doc("-", "-", " alpha beta",
	            (const char *const[4]){"processes 8\n", "", NULL, NULL}),
	        doc("-", "-", " alpha beta",
	            (const char *const[4]){"processes 16\n", "processes 4\n", NULL, NULL}),
	        "restart alpha (processes changed)\nrestart beta (processes changed)");
	plan_is("a version 1 description (no processes line) against an unset limit: keep",
	        "gremlin-resolved 1\nhostname -\ntimezone -\nboot_snaps alpha\nsnap alpha\npath "
	        "/apps/alpha\nentry /bin/alpha\nsyscalls read write\ncapabilities /net\nethereum "
	        "-\ncompute -\nencryption -\nrestart -\nmemory -\nenvironment\nend\n",
	        doc("-", "-", " alpha", (const char *const[4]){"", NULL, NULL, NULL}),
	        "keep alpha");
	plan_is("environment, capability order, entry, path and ethereum are changes",
	        doc("-", "-", " alpha beta gamma delta", env),
	        doc("-", "-", " alpha beta gamma delta", env2),
	        "restart alpha (environment changed)\nrestart beta (capabilities changed)\n"
	        "restart gamma (path, entry changed)\nrestart delta (ethereum changed)");
	plan_is("a new boot_snaps order alone restarts nothing",
	        doc("-", "-", " alpha beta gamma", plain),
	        doc("-", "-", " gamma alpha beta", plain), "keep gamma\nkeep alpha\nkeep beta");
	plan_is("a snap that is not booted can change without a step",
	        doc("-", "-", " alpha", plain), doc("-", "-", " alpha", changed), "keep alpha");
	plan_is("a snap that was described but not booted is started, not restarted",
	        doc("-", "-", " alpha", plain), doc("-", "-", " alpha beta", changed),
	        "keep alpha\nstart beta");
	plan_is("hostname and timezone changes come after stops and before starts",
	        doc("gremlin", "UTC", " alpha", plain), doc("box", "Europe/Berlin", " beta", plain),
	        "stop alpha\nhostname gremlin -> box\ntimezone UTC -> Europe/Berlin\nstart beta");
	plan_is("an unset hostname is a change too", doc("gremlin", "UTC", "", plain),
	        doc("-", "UTC", "", plain), "hostname gremlin -> (unset)");
	plan_is("everything stops when boot_snaps empties", doc("-", "-", " alpha beta", plain),
	        doc("-", "-", "", plain), "stop beta\nstop alpha");

	plan_step_format(&st, line, sizeof line);
	tap_ok(strcmp(line, "restart x (path, entry, syscalls, capabilities, ethereum, compute, "
	                    "encryption, restart, memory, environment, processes changed)") == 0,
	       "every field has its name in a restart step: %s", line);
	return tap_done();
}
