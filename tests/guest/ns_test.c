// tests/guest/ns_test.c: namespaces: the initial namespace, bind with
// MREPL, MBEFORE and MAFTER, union directory order and duplicate names,
// lookup order, create going to the MCREATE member, unmount, RFNAMEG
// isolation and fork sharing, RFCNAMEG starting clean, RFNOMNT, ".." at
// mount points, chdir/getcwd, and the error strings.
//
// Checks that change the namespace run in a child made with RFNAMEG; a
// child reports its checks as bits of its exit status (bit set: failed),
// and the parent turns each into a TAP line.
#include "nsutil.h"

static char list[2048];

// Run fn in a child with the given rfork flags; returns its exit status
// (the failed-check bits), or 255 if it did not exit normally.
static int
child(int (*fn)(void), int flags)
{
	struct waitmsg w;
	pid_t pid;

	fflush(stdout);
	pid = (pid_t)rawsyscall(SYS_rfork, RFPROC | RFFDG | flags, 0, 0, 0, 0, 0);
	if (pid == 0)
		exits(fn(), NULL);
	if (pid < 0 || waitmsg(pid, &w, 0) != pid)
		return 255;
	return w.msg[0] && w.status == 0 ? 255 : w.status;
}

static void
report(int status, const char *const *what, int n)
{
	for (int i = 0; i < n; i++)
		tap_ok(status != 255 && !(status & (1 << i)), "%s%s", what[i],
		       status == 255 ? " (child died)" : "");
}

#define CHECK(bit, cond)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			fails |= 1 << (bit);                                                       \
	} while (0)

static void
initial(void)
{
	char buf[256];

	tap_ok(dirnames("/", list, sizeof list) == 0 && hasname(list, "bin") &&
	               hasname(list, "proc") && hasname(list, "srv") && hasname(list, "test"),
	       "/ is the '#/' root with the boot archive after it:%s", list);
	tap_ok(exists("/bin/init") && exists("/base/bin/init") && exists("/dev/cons") &&
	               exists("/proc/self/status") && exists("/srv"),
	       "/bin, /base, /dev, /proc and /srv are bound");
	tap_ok(kopen("/bin/nope", O_RDONLY) == -ENOENT &&
	               strcmp(kerr(), "open /bin/nope: 'nope' does not exist in /bin") == 0,
	       "a missing file: ENOENT, \"%s\"", kerr());
	tap_ok(kopen("/bin/init/x", O_RDONLY) == -ENOTDIR && strstr(kerr(), "not a directory"),
	       "walking through a file: ENOTDIR, \"%s\"", kerr());
	tap_ok(SC(SYS_getcwd, buf, sizeof buf, 0) == 1 && strcmp(buf, "/") == 0,
	       "getcwd is / at first (%s)", buf);
}

static const char *const repl_what[] = {
        "bind MREPL: /mnt shows #c (cons, consctl, kmsg, reboot, audit, hostname)",
        "bind MREPL: the old contents are hidden",
        "bind MBEFORE: the new member's names come first in a union read",
        "bind MAFTER: the new member's names come last",
        "a union lists a name once even if two members have it",
        "lookup in a union takes the first member that has the name",
        "lookup falls through to a later member",
        "unmount of one member leaves the others",
};

static int
repl_union(void)
{
	int fails = 0;
	char *a, *b;

	CHECK(0, kbind("#c", "/mnt", MREPL) == 0 && dirnames("/mnt", list, sizeof list) == 0 &&
	                 strcmp(list, " cons consctl kmsg reboot audit hostname ") == 0);
	CHECK(1, kbind("#b/test", "/mnt", MREPL) == 0 && !exists("/mnt/cons") &&
	                 exists("/mnt/badelf"));
	// /mnt = #b/bin before #c.
	kbind("#c", "/mnt", MREPL);
	CHECK(2, kbind("#b/bin", "/mnt", MBEFORE) == 0 &&
	                 dirnames("/mnt", list, sizeof list) == 0 && (a = strstr(list, " init ")) &&
	                 (b = strstr(list, " cons ")) && a < b);
	// Again with #p after: its names (self, pids) come after cons.
	CHECK(3, kbind("#p", "/mnt", MAFTER) == 0 && dirnames("/mnt", list, sizeof list) == 0 &&
	                 (a = strstr(list, " kmsg ")) && (b = strstr(list, " self ")) && a < b);
	CHECK(4, kbind("#c", "/mnt", MAFTER) == 0 && dirnames("/mnt", list, sizeof list) == 0 &&
	                 countname(list, "cons") == 1 && countname(list, "kmsg") == 1);
	// #b and #b/bin both have "test": in a union the first one wins.
	kbind("#b", "/tmp", MREPL);
	kbind("#b/bin", "/tmp", MBEFORE);
	CHECK(5, exists("/tmp/test/runtests") && !exists("/tmp/test/badelf"));
	CHECK(6, exists("/tmp/bin/init") && exists("/tmp/init"));
	CHECK(7, kunmount("#b/bin", "/tmp") == 0 && !exists("/tmp/init") &&
	                 exists("/tmp/test/badelf"));
	return fails;
}

static const char *const after_what[] = {
        "MAFTER: the earlier member's file wins the lookup",
        "unmount of everything at a mount point restores the covered directory",
        "unmount of something not mounted there: ENOENT",
        "unmount of a path that is not a mount point: EINVAL",
        "bind of a file onto a directory: EINVAL",
        "a file can be bound onto a file",
        "MREPL over a mount point replaces it in place (free slots before it)",
};

static int
after(void)
{
	int fails = 0;
	uint8_t st[256];

	kbind("#b", "/tmp", MREPL);
	kbind("#b/bin", "/tmp", MAFTER);
	CHECK(0,
	      exists("/tmp/test/badelf") && !exists("/tmp/test/runtests") && exists("/tmp/init"));
	CHECK(1, kunmount(NULL, "/tmp") == 0 && dirnames("/tmp", list, sizeof list) == 0 &&
	                 strcmp(list, " ") == 0);
	CHECK(2, kbind("#c", "/mnt", MREPL) == 0 && kunmount("#p", "/mnt") == -ENOENT);
	CHECK(3, kunmount(NULL, "/sys") == -EINVAL && strstr(kerr(), "not a mount point"));
	CHECK(4, kbind("/bin/init", "/mnt", MREPL) == -EINVAL);
	// A freed slot before an existing mount point, then MREPL over that
	// mount point: the table must stay consistent.
	kbind("#c", "/net", MREPL);
	kbind("#c", "/guests", MREPL);
	kunmount(NULL, "/net");
	CHECK(6, kbind("#p", "/guests", MREPL) == 0 && kbind("#b", "/guests", MREPL) == 0 &&
	                 exists("/guests/bin/init") && !exists("/guests/self") &&
	                 kunmount(NULL, "/guests") == 0 && !exists("/guests/bin") &&
	                 slurp("/proc/self/ns", list, sizeof list) > 0 && !strstr(list, "/guests"));
	CHECK(5, kbind("/dev/kmsg", "/dev/cons", MREPL) == 0 &&
	                 kstat("/dev/cons", st, sizeof st) > 0 && get16(st + 41) == 4 &&
	                 memcmp(st + 43, "kmsg", 4) == 0);
	return fails;
}

static const char *const create_what[] = {
        "create in a union without an MCREATE member: EACCES",
        "create goes to the MCREATE member (#s)",
        "the created file is found through the union and in its device",
        "open with O_CREAT|O_EXCL of an existing file: EEXIST",
        "remove through the union",
        "create in '#b': EACCES",
};

static int
create(void)
{
	int fails = 0;
	int64_t fd;

	kbind("#c", "/mnt", MREPL);
	kbind("#p", "/mnt", MAFTER);
	CHECK(0, kcreate("/mnt/nsx", O_WRONLY, 0666) == -EACCES && strstr(kerr(), "bind -c"));
	kbind("#s", "/mnt", MAFTER | MCREATE);
	fd = kcreate("/mnt/nsx", O_WRONLY, 0666);
	CHECK(1, fd >= 0);
	kclose((int)fd);
	CHECK(2, exists("/mnt/nsx") && exists("#s/nsx") && exists("/srv/nsx"));
	CHECK(3, SC(SYS_open, "/mnt/nsx", O_CREAT | O_EXCL | O_WRONLY, 0666) == -EEXIST);
	CHECK(4, SC(SYS_remove, "/mnt/nsx", 0, 0) == 0 && !exists("#s/nsx"));
	CHECK(5, kcreate("/bin/newfile", O_WRONLY, 0666) == -EACCES);
	return fails;
}

static const char *const dotdot_what[] = {
        "chdir into a bound directory; getcwd names it",
        "relative names resolve from the current directory",
        "'..' from a mount point goes to its parent in the namespace, not the device's",
        "'..' cannot climb out of the root",
        "fd2path gives the cleaned name an fd was opened by",
        "stat of /mnt/.. is the root",
};

static int
dotdot(void)
{
	int fails = 0;
	char buf[256];
	uint8_t st[256];
	int64_t fd;

	kbind("#b/test/badelf", "/mnt", MREPL);
	CHECK(0, SC(SYS_chdir, "/mnt", 0, 0) == 0 && SC(SYS_getcwd, buf, sizeof buf, 0) == 4 &&
	                 strcmp(buf, "/mnt") == 0);
	CHECK(1, exists("empty") && exists("./empty"));
	CHECK(2, exists("../bin/init") && exists("../proc") && !exists("../badelf"));
	CHECK(3, exists("../../../../bin/init") && exists("/../../bin/init"));
	fd = kopen("../mnt/./empty", O_RDONLY);
	CHECK(4, fd >= 0 && SC(SYS_fd2path, fd, buf, sizeof buf) == 0 &&
	                 strcmp(buf, "/mnt/empty") == 0);
	kclose((int)fd);
	CHECK(5, kstat("/mnt/..", st, sizeof st) > 0 && get16(st + 41) == 1 && st[43] == '/');
	return fails;
}

static const char *const clean_what[] = {
        "RFCNAMEG: /bin/init does not exist",
        "RFCNAMEG: / is the bare '#/' root with its empty mount-point directories",
        "RFCNAMEG: '#' names still work",
        "RFCNAMEG: the current directory is /",
        "RFCNAMEG: binds build a namespace from nothing",
};

static int
clean(void)
{
	int fails = 0;
	char buf[64];

	CHECK(0, kopen("/bin/init", O_RDONLY) == -ENOENT);
	CHECK(1, dirnames("/", list, sizeof list) == 0 && hasname(list, "bin") &&
	                 !hasname(list, "test") && dirnames("/bin", list, sizeof list) == 0 &&
	                 strcmp(list, " ") == 0);
	CHECK(2, exists("#b/bin/init") && exists("#c/cons"));
	CHECK(3, SC(SYS_getcwd, buf, sizeof buf, 0) == 1);
	CHECK(4, kbind("#b/bin", "/bin", MREPL) == 0 && exists("/bin/init"));
	return fails;
}

static int
nomnt_grandchild(void)
{
	return kbind("#c", "/mnt", MREPL) == -EPERM && kopen("#c/cons", O_RDONLY) == -ENOENT ? 0
	                                                                                     : 1;
}

static const char *const nomnt_what[] = {
        "RFNOMNT: bind fails with EPERM",
        "RFNOMNT: '#' names do not exist",
        "RFNOMNT: unmount fails with EPERM",
        "RFNOMNT: the inherited namespace still works",
        "RFNOMNT: a child inherits it, even with RFNAMEG",
        "RFNOMNT: mount fails with EPERM",
};

static int
nomnt(void)
{
	int fails = 0;

	CHECK(0, kbind("#c", "/mnt", MREPL) == -EPERM && strstr(kerr(), "RFNOMNT"));
	CHECK(1, kopen("#c/cons", O_RDONLY) == -ENOENT && strstr(kerr(), "RFNOMNT"));
	CHECK(2, kunmount(NULL, "/bin") == -EPERM);
	CHECK(3, exists("/bin/init") && exists("/dev/cons"));
	CHECK(4, child(nomnt_grandchild, RFNAMEG) == 0);
	CHECK(5, SC(SYS_mount, 0, -1, "/mnt") == -EPERM);
	return fails;
}

static int
sharer(void)
{
	return kbind("#c", "/mnt", MREPL) == 0 ? 0 : 1;
}

// /mnt is free in the runner's namespace (init mounts only /tmp and
// /writable), so the shared-namespace check uses it and undoes its bind.
static void
isolation(void)
{
	tap_ok(child(sharer, RFNAMEG) == 0 && !exists("/mnt/cons"),
	       "a bind in an RFNAMEG child does not change the parent");
	tap_ok(child(sharer, 0) == 0 && exists("/mnt/cons"),
	       "a bind in a plain fork child changes the shared namespace (Plan 9)");
	tap_ok(kunmount(NULL, "/mnt") == 0 && !exists("/mnt/cons"), "and unmount undoes it");
}

int
main(void)
{
	initial();
	report(child(repl_union, RFNAMEG), repl_what, (int)NELEM(repl_what));
	report(child(after, RFNAMEG), after_what, (int)NELEM(after_what));
	report(child(create, RFNAMEG), create_what, (int)NELEM(create_what));
	report(child(dotdot, RFNAMEG), dotdot_what, (int)NELEM(dotdot_what));
	report(child(clean, RFCNAMEG), clean_what, (int)NELEM(clean_what));
	report(child(nomnt, RFNOMNT), nomnt_what, (int)NELEM(nomnt_what));
	isolation();
	guest_done();
}
