// tests/cmd/gr_test.c: host tests of the Gremlin-only commands' parsing and
// formatting (kill, ns, bind, mount, unmount, ps, poweroff, reboot); their
// system calls cannot run on the host.
#include <stdio.h>
#include <string.h>

#include "../../cmd/bind/bindargs.h"
#include "../../cmd/kill/killargs.h"
#include "../../cmd/mount/mountargs.h"
#include "../../cmd/ns/nsfmt.h"
#include "../../cmd/poweroff/askinit.h"
#include "../../cmd/ps/psparse.h"
#include "../../cmd/unmount/unmountargs.h"
#include "tap/tap.h"

#define ARGV(...) ((char *[]){__VA_ARGS__, NULL})
#define ARGC(...) ((int)(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *)))
#define CALL(f, ...) f(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__)

static char err[256];

static void
test_kill(void)
{
	const char *note;
	int pids[4], n;

	n = CALL(kill_parse, "kill", "12"), &note, pids, 4, err, sizeof err);
	tap_ok(n == 1 && pids[0] == 12 && strcmp(note, "kill") == 0, "kill 12: note kill");
	n = CALL(kill_parse, "kill", "12", "34", "5"), &note, pids, 4, err, sizeof err);
	tap_ok(n == 3 && pids[1] == 34 && pids[2] == 5, "kill 12 34 5: three pids");
	n = CALL(kill_parse, "kill", "12", "interrupt"), &note, pids, 4, err, sizeof err);
	tap_ok(n == 1 && pids[0] == 12 && strcmp(note, "interrupt") == 0, "kill PID NOTE");
	n = CALL(kill_parse, "kill", "-n", "hangup", "7", "8"), &note, pids, 4, err, sizeof err);
	tap_ok(n == 2 && pids[1] == 8 && strcmp(note, "hangup") == 0, "kill -n NOTE PID PID");
	n = CALL(kill_parse, "kill"), &note, pids, 4, err, sizeof err);
	tap_ok(n == -1 && strstr(err, "no process"), "kill alone: %s", err);
	n = CALL(kill_parse, "kill", "12x", "3", "4"), &note, pids, 4, err, sizeof err);
	tap_ok(n == -1 && strstr(err, "'12x' is not a process id"), "bad pid: %s", err);
	n = CALL(kill_parse, "kill", "0"), &note, pids, 4, err, sizeof err);
	tap_ok(n == -1, "pid 0 refused");
	n = CALL(kill_parse, "kill", "99999999999"), &note, pids, 4, err, sizeof err);
	tap_ok(n == -1, "pid out of range refused");
	n = CALL(kill_parse, "kill", "-n"), &note, pids, 4, err, sizeof err);
	tap_ok(n == -1 && strstr(err, "-n needs a note"), "-n without note: %s", err);
	n = CALL(kill_parse, "kill", "1", "2", "3", "4", "5"), &note, pids, 4, err, sizeof err);
	tap_ok(n == -1 && strstr(err, "more than 4"), "too many pids: %s", err);
	n = CALL(kill_parse, "kill", "12", "-9"), &note, pids, 4, err, sizeof err);
	tap_ok(n == -1, "signal numbers are not notes: %s", err);
}

// Parse line, format it, and compare with want (NULL: must fail).
static void
ns_case(const char *line, const char *want)
{
	static struct ns_line l;
	char out[4096];
	int r = ns_parse(line, &l, err, sizeof err);

	if (!want) {
		tap_ok(r == -1, "ns rejects [%s]: %s", line, err);
		return;
	}
	tap_ok(r == 1 && ns_format(&l, out, sizeof out) > 0 && strcmp(out, want) == 0,
	       "ns [%s] -> [%s]", line, r == 1 ? out : err);
}

static void
test_ns(void)
{
	static struct ns_line l;
	char small[8];

	ns_case("bind -b /writable /", "bind -b /writable /");
	// The kernel's form (kernel/ns/ns.c nsline): every name quoted.
	ns_case("bind -a '#b' '/'", "bind -a '#b' /");
	ns_case("mount -bc '#M/tarfs' '/base'", "mount -bc '#M/tarfs' /base");
	ns_case("mount -c #s/tarfs /base", "mount -c '#s/tarfs' /base");
	ns_case("mount -c '#s/tarfs' /base", "mount -c '#s/tarfs' /base");
	ns_case("mount -bC /srv/ram /tmp spec", "mount -bC /srv/ram /tmp spec");
	ns_case("bind '/a b' /c", "bind '/a b' /c");
	ns_case("bind 'it''s' /c", "bind 'it'\\''s' /c");
	ns_case("  bind\t/a   /b  ", "bind /a /b");
	ns_case("cd /usr/glenda", "cd /usr/glenda");
	ns_case("bind /a", NULL);
	ns_case("bind /a /b /c", NULL);
	ns_case("mount /a", NULL);
	ns_case("bind -x /a /b", NULL);
	ns_case("frob /a /b", NULL);
	ns_case("bind 'unterminated /b", NULL);
	ns_case("a b c d e f g h i j", NULL);
	tap_ok(ns_parse("   ", &l, err, sizeof err) == 0, "ns: blank line is no command");
	ns_parse("bind /aaaaaaaa /b", &l, err, sizeof err);
	tap_ok(ns_format(&l, small, sizeof small) == -1, "ns_format: small buffer refused");
}

static void
test_bind(void)
{
	struct bindargs b;
	struct mountargs m;
	struct unmountargs u;

	tap_ok(CALL(bind_parse, "bind", "/a", "/b"), &b, err, sizeof err) == 0 && !b.before &&
	               !b.after && !b.create && strcmp(b.new, "/a") == 0 && strcmp(b.old, "/b") == 0,
	       "bind new old");
	tap_ok(CALL(bind_parse, "bind", "-bc", "/w", "/"), &b, err, sizeof err) == 0 && b.before &&
	               b.create && !b.after,
	       "bind -bc");
	tap_ok(CALL(bind_parse, "bind", "-a", "-c", "/w", "/"), &b, err, sizeof err) == 0 &&
	               b.after && b.create,
	       "bind -a -c");
	tap_ok(CALL(bind_parse, "bind", "-ab", "/w", "/"), &b, err, sizeof err) == -1 &&
	               strstr(err, "-a and -b"),
	       "bind -ab refused: %s", err);
	tap_ok(CALL(bind_parse, "bind", "/w"), &b, err, sizeof err) == -1, "bind one name: %s",
	       err);
	tap_ok(CALL(bind_parse, "bind", "-q", "/w", "/"), &b, err, sizeof err) == -1 &&
	               strstr(err, "-q"),
	       "bind -q: %s", err);
	tap_ok(CALL(bind_parse, "bind", "--", "-odd", "/"), &b, err, sizeof err) == 0 &&
	               strcmp(b.new, "-odd") == 0,
	       "bind -- -odd /");

	tap_ok(CALL(mount_parse, "mount", "-c", "#s/tarfs", "/base"), &m, err, sizeof err) == 0 &&
	               m.create && strcmp(m.srv, "#s/tarfs") == 0 && strcmp(m.old, "/base") == 0 &&
	               strcmp(m.aname, "") == 0,
	       "mount -c srv old");
	tap_ok(CALL(mount_parse, "mount", "-a", "/srv/x", "/n/x", "spec"), &m, err, sizeof err) ==
	                       0 &&
	               m.after && strcmp(m.aname, "spec") == 0,
	       "mount -a srv old aname");
	tap_ok(CALL(mount_parse, "mount", "/srv/x"), &m, err, sizeof err) == -1, "mount one word");
	tap_ok(CALL(mount_parse, "mount", "a", "b", "c", "d"), &m, err, sizeof err) == -1,
	       "mount four words");
	tap_ok(CALL(mount_parse, "mount", "-ba", "a", "b"), &m, err, sizeof err) == -1,
	       "mount -ba refused");

	tap_ok(CALL(unmount_parse, "unmount", "/n/x"), &u, err, sizeof err) == 0 && !u.new &&
	               strcmp(u.old, "/n/x") == 0,
	       "unmount old");
	tap_ok(CALL(unmount_parse, "unmount", "/a", "/n/x"), &u, err, sizeof err) == 0 &&
	               strcmp(u.new, "/a") == 0,
	       "unmount new old");
	tap_ok(CALL(unmount_parse, "unmount", "a", "b", "c"), &u, err, sizeof err) == -1,
	       "unmount three names");
	tap_ok(CALL(unmount_parse, "unmount", "-x", "b"), &u, err, sizeof err) == -1,
	       "unmount -x");
}

// Parse a status text into p.
#define PARSE(s) ps_parse(s, strlen(s), &p, err, sizeof err)

static void
test_ps(void)
{
	static const char good[] =
	        "pid 12\nppid 1\nstate Sleeping\nname sh -i\npages 24\ncpu 1234\n"
	        "snap shell\nfuture thing\n";
	struct psinfo p;
	char line[160], head[160];

	tap_ok(ps_parse(good, sizeof good - 1, &p, err, sizeof err) == 0 && p.pid == 12 &&
	               p.ppid == 1 && strcmp(p.state, "Sleeping") == 0 &&
	               strcmp(p.name, "sh -i") == 0 && p.mem == 96 && p.cpu == 1234,
	       "ps parses a full status");
	ps_format(&p, line, sizeof line);
	{
		// Exactly what kernel/dev/devproc.c writes today.
		static const char kern[] = "pid 1\nppid 0\nname init\nstate Sleeping\npages 23\n";
		char kl[160];

		tap_ok(PARSE(kern) == 0 && p.pid == 1 && p.ppid == 0 && p.mem == 92 && p.cpu == -1,
		       "ps parses the kernel's status");
		ps_format(&p, kl, sizeof kl);
		tap_ok(strcmp(kl, "      1       0 Sleeping       92K         - -            init") == 0,
		       "ps line for the kernel's status [%s]", kl);
		PARSE(good);
	}
	ps_heading(head, sizeof head);
	tap_ok(strcmp(line, "     12       1 Sleeping       96K     1.23s shell        sh -i") == 0,
	       "ps line [%s]", line);
	tap_ok(strcmp(head, "    PID    PPID STATE          MEM       CPU SNAP         NAME") == 0,
	       "ps heading [%s]", head);
	tap_ok(PARSE("pid 3\nppid 1\nstate Running\nname x") == 0 && p.mem == -1 && p.cpu == -1,
	       "ps: optional fields absent, no final newline");
	ps_format(&p, line, sizeof line);
	tap_ok(strstr(line, " - ") != NULL, "ps shows - for unknown mem [%s]", line);
	tap_ok(PARSE("pid 3\nppid 1\nstate Running\n") == -1 && strstr(err, "no 'name' line"),
	       "ps: missing name: %s", err);
	tap_ok(PARSE("pid x3\nppid 1\nstate R\nname a\n") == -1 && strstr(err, "line 1"),
	       "ps: bad pid: %s", err);
	tap_ok(PARSE("pid 3\nppid\n") == -1 && strstr(err, "line 2"), "ps: key without value: %s",
	       err);
	tap_ok(PARSE("") == -1, "ps: empty file: %s", err);
	tap_ok(PARSE("pid 99999999999999999999999\n") == -1, "ps: huge pid: %s", err);
}

// The note for prog with the given words (argv[0] first), or NULL.
#define NOTE(prog, ...) note_of(prog, ARGC(__VA_ARGS__), ARGV(__VA_ARGS__))

static const char *
note_of(const char *prog, int argc, char **argv)
{
	static char note[ASKINIT_NOTEMAX];

	return askinit_note(prog, argc, argv, note, sizeof note, err, sizeof err) == 0 ? note
	                                                                               : NULL;
}

static void
test_askinit(void)
{
	const char *n;

	n = NOTE("poweroff", "poweroff");
	tap_ok(n && strcmp(n, "poweroff") == 0, "poweroff -> note poweroff");
	n = NOTE("poweroff", "poweroff", "3");
	tap_ok(n && strcmp(n, "poweroff 3") == 0, "poweroff 3 -> note 'poweroff 3'");
	tap_ok(NOTE("poweroff", "poweroff", "256") == NULL, "poweroff 256 refused: %s", err);
	tap_ok(NOTE("poweroff", "poweroff", "-1") == NULL, "poweroff -1 refused: %s", err);
	tap_ok(NOTE("poweroff", "poweroff", "1", "2") == NULL, "poweroff 1 2 refused: %s", err);
	n = NOTE("reboot", "reboot");
	tap_ok(n && strcmp(n, "reboot") == 0, "reboot -> note reboot");
	tap_ok(NOTE("reboot", "reboot", "now") == NULL, "reboot now refused: %s", err);
}

int
main(void)
{
	test_kill();
	test_ns();
	test_bind();
	test_ps();
	test_askinit();
	return tap_done();
}
