// tests/guest/system_test.c: /bin/config and /bin/system on Gremlin, over
// its ramfs: config check of a good and a bad config.toml and of a lone
// manifest (exact messages); system switch into a fresh store under
// /tmp/sys (the generation store of lib/config's gen_fs.c, written through
// lib/c), the files and the plan it makes, generations, current, rollback,
// an invalid config refused, a corrupt generation refused, and what a boot
// picks. The store is not the running system's (/writable/system), so init
// is not asked to apply anything.
#include <fcntl.h>
#include <sys/stat.h>

#include "guest.h"

#define DIR "/tmp/systest"
#define ROOT "/tmp/sys"
#define APPS DIR "/apps"
#define RULE                                                                                       \
	"a lower-case letter or digit, then lower-case letters, digits, '-', '_' or '.'; no "      \
	"\"..\", no '.' at the end; at most 31 bytes"

static int
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (f == NULL)
		return -1;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

// The whole of path (at most 8 KiB), or "" if it cannot be read.
static const char *
read_file(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	size_t len = 0;

	buf[0] = '\0';
	if (f == NULL)
		return buf;
	len = fread(buf, 1, n - 1, f);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static char out[8192], err[8192];

// Run argv with stdout and stderr into files, then read them into out and
// err. Returns the exit status, or -1 if it did not exit normally.
static int
run(char *const argv[])
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int o = open(DIR "/out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(DIR "/err", O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			exits(126, "cannot redirect");
		execv(argv[0], argv);
		exits(127, "cannot exec");
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	read_file(DIR "/out", out, sizeof out);
	read_file(DIR "/err", err, sizeof err);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Check that the last run exited with rc and printed want on stdout.
static void
expect(int got, int rc, const char *want, const char *what)
{
	if (!tap_ok(got == rc && strcmp(out, want) == 0, "%s", what)) {
		tap_diag("exit %d (want %d)", got, rc);
		tap_diag("stdout:\n%s", out);
		tap_diag("want:\n%s", want);
		tap_diag("stderr:\n%s", err);
	}
}

static int
setup(void)
{
	int ok = mkdir(DIR, 0755) == 0 && mkdir(APPS, 0755) == 0 &&
	         mkdir(APPS "/tor.d", 0755) == 0 && mkdir(APPS "/shell", 0755) == 0;

	ok = ok && write_file(APPS "/tor.d/manifest.toml",
	                      "name = \"tor.d\"\nentry = \"/apps/tor.d/bin/tor.d\"\n"
	                      "syscalls = [\"read\", \"write\", \"exit\"]\nprocesses = 8\n") == 0;
	ok = ok &&
	     write_file(APPS "/shell/manifest.toml",
	                "name = \"shell\"\nentry = \"/bin/sh\"\ncapabilities = [\"/\"]\n") == 0;
	ok = ok && write_file(DIR "/good.toml",
	                      "[system]\nhostname = \"gremlin\"\nboot_snaps = [\"shell\", "
	                      "\"tor.d\"]\n\n[snaps.\"tor.d\"]\nprocesses = 4\n") == 0;
	ok = ok && write_file(DIR "/two.toml", "[system]\nboot_snaps = [\"shell\"]\n\n"
	                                       "[snaps.shell]\nprocesses = 16\n") == 0;
	ok = ok && write_file(DIR "/bad.toml",
	                      "[system]\nboot_snaps = [\"shell\", \"tor..d\", \"nosuch\"]\n"
	                      "[snaps.shell]\nprocesses = 0\n") == 0;
	return tap_ok(ok, "set up configs and manifests in " DIR ": %s", ok ? "" : lasterr()) ? 0
	                                                                                      : -1;
}

static void
config_checks(void)
{
	int rc;

	rc = run((char *[]){"/bin/config", "check", DIR "/good.toml", "--apps", APPS, NULL});
	expect(rc, 0, DIR "/good.toml: ok\n", "config check: a good config with its apps");
	rc = run((char *[]){"/bin/config", "check", DIR "/bad.toml", "--apps", APPS, NULL});
	expect(rc, 1,
	       DIR "/bad.toml:2:24: invalid snap name \"tor..d\" in system.boot_snaps (" RULE
	           ")\n" DIR "/bad.toml:2:34: unknown snap \"nosuch\" in system.boot_snaps\n" DIR
	           "/bad.toml:4:13: snaps.shell.processes must be between 1 and 4096 (the most "
	           "processes the snap may have at once), not 0\n",
	       "config check: a bad config, every problem exactly");
	tap_ok(strcmp(err, "config: 3 problems\n") == 0, "and their count on stderr");
	rc = run((char *[]){"/bin/config", "check", "--manifest", APPS "/tor.d/manifest.toml",
	                    NULL});
	expect(rc, 0, APPS "/tor.d/manifest.toml: ok\n", "config check --manifest: tor.d");
	rc = run((char *[]){"/bin/config", "check", DIR "/none.toml", NULL});
	expect(rc, 1, DIR "/none.toml: cannot open the file\n", "config check: a missing file");
}

static char *const sys_switch_good[] = {"/bin/system", "--root",         ROOT, "--apps", APPS,
                                        "switch",      DIR "/good.toml", NULL};

// The store's files after the first switch.
static void
store_files(void)
{
	char a[4096], b[4096];
	struct stat st;

	read_file(ROOT "/generations/1/config.toml", a, sizeof a);
	read_file(DIR "/good.toml", b, sizeof b);
	tap_ok(a[0] != '\0' && strcmp(a, b) == 0, "generation 1 holds the exact bytes applied");
	read_file(ROOT "/current", a, sizeof a);
	tap_ok(strcmp(a, "1\n") == 0, "current is \"1\\n\"");
	read_file(ROOT "/generations/1/resolved", a, sizeof a);
	tap_ok(starts(a, "gremlin-resolved 2\n") &&
	               strstr(a, "\nsnap tor.d\npath /apps/tor.d\nentry /apps/tor.d/bin/tor.d\n"
	                         "syscalls exit read write\n") != NULL &&
	               strstr(a, "\nmemory -\nprocesses 4\nenvironment\nend\n") != NULL,
	       "resolved: version 2, tor.d with the config's processes");
	read_file(ROOT "/generations/1/complete", a, sizeof a);
	tap_ok(starts(a, "gremlin-generation 1\nnumber 1\ntime "), "the marker is complete");
	tap_ok(stat(ROOT "/generations/1/config.toml.tmp", &st) < 0 &&
	               stat(ROOT "/current.tmp", &st) < 0,
	       "no temporary file is left");
}

static void
switches(void)
{
	int rc;

	rc = run(sys_switch_good);
	expect(rc, 0,
	       "switched to generation 1 (from none)\nhostname (unset) -> gremlin\nstart shell\n"
	       "start tor.d\n",
	       "system switch into a fresh store: generation 1 and its plan");
	if (!tap_ok(strcmp(err, "system: " ROOT " is not the running system's store "
	                        "(/writable/system): init is not told\n") == 0,
	            "and it says init is not told about another store"))
		tap_diag("stderr: %s", err);
	store_files();
	rc = run((char *[]){"/bin/system", "--root", ROOT, "--apps", APPS, "switch",
	                    DIR "/two.toml", NULL});
	expect(rc, 0,
	       "switched to generation 2 (from 1)\nstop tor.d\nhostname gremlin -> (unset)\n"
	       "restart shell (processes changed)\n",
	       "system switch: generation 2, a stop and a restart for a new process limit");
	rc = run((char *[]){"/bin/system", "--root", ROOT, "--apps", APPS, "switch",
	                    DIR "/bad.toml", NULL});
	tap_ok(rc == 1 && out[0] == '\0' &&
	               strstr(err, "system: 3 problems: " DIR "/bad.toml did not become a "
	                           "generation\n") != NULL &&
	               strstr(err, DIR "/bad.toml:4:13: snaps.shell.processes must be") != NULL,
	       "system switch of an invalid config: refused with its problems");
	rc = run((char *[]){"/bin/system", "--root", ROOT, "current", NULL});
	expect(rc, 0, "2\n", "and no generation 3: current is still 2");
}

// "  N  YYYY-MM-DD HH:MM:SS  snaps" (or "* N ..." for current).
static int
gen_line(const char *line, char mark, int n, const char *snaps)
{
	char head[16];
	int len = snprintf(head, sizeof head, "%c %d  ", mark, n);

	return strncmp(line, head, (size_t)len) == 0 && line[len + 4] == '-' &&
	       line[len + 10] == ' ' && line[len + 13] == ':' && line[len + 19] == ' ' &&
	       strncmp(line + len + 21, snaps, strlen(snaps)) == 0 &&
	       line[len + 21 + strlen(snaps)] == '\n';
}

static void
history(void)
{
	char *nl;
	int rc;

	rc = run((char *[]){"/bin/system", "--root", ROOT, "generations", NULL});
	nl = strchr(out, '\n');
	if (!tap_ok(rc == 0 && nl != NULL && gen_line(out, ' ', 1, "shell tor.d") &&
	                    gen_line(nl + 1, '*', 2, "shell") && strchr(nl + 1, '\n')[1] == '\0',
	            "system generations: two, with dates and boot snaps, 2 current"))
		tap_diag("got:\n%s", out);
	rc = run((char *[]){"/bin/system", "--root", ROOT, "rollback", NULL});
	expect(rc, 0,
	       "rolled back to generation 1 (from 2)\nhostname (unset) -> gremlin\n"
	       "restart shell (processes changed)\nstart tor.d\n",
	       "system rollback: to 1, with its plan");
	rc = run((char *[]){"/bin/system", "--root", ROOT, "current", NULL});
	expect(rc, 0, "1\n", "current is 1");
	rc = run((char *[]){"/bin/system", "--root", ROOT, "rollback", NULL});
	tap_ok(rc == 1 && strcmp(err, "system: rollback refused: generation 1 is the first usable "
	                              "generation: there is none before it to roll back to\n") == 0,
	       "rollback past the first: refused");
}

// Damage generation 2's config.toml: rollback to it must be refused.
static void
corrupt(void)
{
	int rc;

	tap_ok(unlink(ROOT "/generations/2/config.toml") == 0 &&
	               write_file(ROOT "/generations/2/config.toml", "[system]\n") == 0,
	       "replace generation 2's config.toml behind the store's back");
	rc = run((char *[]){"/bin/system", "--root", ROOT, "rollback", "2", NULL});
	tap_ok(rc == 1 && starts(err, "system: rollback refused: cannot roll back to generation 2: "
	                              "generation 2 is corrupt: config.toml is 9 bytes with "
	                              "checksum "),
	       "rollback to a corrupt generation: refused");
	rc = run((char *[]){"/bin/system", "--root", ROOT, "generations", NULL});
	tap_ok(rc == 0 && strstr(out, "\n  2  corrupt  generation 2 is corrupt: config.toml is 9 "
	                              "bytes") != NULL,
	       "generations shows it as corrupt");
	rc = run((char *[]){"/bin/system", "--root", ROOT, "current", NULL});
	expect(rc, 0, "1\n", "and current is still 1");
	rc = run((char *[]){"/bin/system", "--root", ROOT, "--apps", APPS, "boot", "--gen", "2",
	                    NULL});
	tap_ok(rc == 0 && starts(out, "boot generation 1\n") &&
	               strstr(err, "gen=2 was asked for, but generation 2 is corrupt") != NULL,
	       "boot gen=2 (corrupt): the current generation, with a warning");
	rc = run(sys_switch_good);
	tap_ok(rc == 0 && starts(out, "switched to generation 3 (from 1)\n"),
	       "the next switch makes generation 3; the corrupt 2 is kept");
}

// A crash while a generation was written leaves a directory without its
// marker: the next switch removes it (gen_fs's remove_dir) and reuses the
// number.
static void
unfinished(void)
{
	struct stat st;
	int rc;

	tap_ok(mkdir(ROOT "/generations/4", 0755) == 0 &&
	               write_file(ROOT "/generations/4/config.toml", "[system]\n") == 0 &&
	               write_file(ROOT "/generations/4/resolved.tmp", "gremlin") == 0,
	       "leave an unfinished generation 4 behind");
	rc = run((char *[]){"/bin/system", "--root", ROOT, "generations", NULL});
	tap_ok(rc == 0 && strstr(out, "\n  4  unfinished  generation 4 is incomplete") != NULL,
	       "generations shows it as unfinished");
	rc = run(sys_switch_good);
	tap_ok(rc == 0 && starts(out, "switched to generation 4 (from 3)\n") &&
	               strstr(err, "removed generation 4: it was never finished") != NULL,
	       "the next switch removes it, with a warning, and makes its own 4");
	tap_ok(stat(ROOT "/generations/4/resolved.tmp", &st) < 0 &&
	               stat(ROOT "/generations/4/complete", &st) == 0,
	       "the stray file is gone, the new generation complete");
}

int
main(void)
{
	if (setup() < 0)
		guest_done();
	config_checks();
	switches();
	history();
	corrupt();
	unfinished();
	guest_done();
}
