// tests/guest/ns_dev_test.c: the in-kernel devices: '#s' (posting a pipe
// end and opening it back, listing, removing, refusing bad posts), '#p'
// (status, ns and fd of a process, self, the pid directories), '#c'
// (cons and kmsg) and '#b' (files and directories of the boot archive:
// stat, reads at offsets, seek to the end).
#include "nsutil.h"

static char text[4096];

static void
srv(void)
{
	int32_t p[2] = {-1, -1};
	char num[16], buf[16] = "";
	int64_t fd, s;

	kpipe(p);
	fd = kcreate("/srv/nstest", O_WRONLY, 0666);
	snprintf(num, sizeof num, "%d", p[0]);
	tap_ok(fd >= 0 && kwrite((int)fd, num, strlen(num)) == (int64_t)strlen(num),
	       "post a pipe end as /srv/nstest (%s)", fd < 0 ? kerr() : "ok");
	tap_ok(kwrite((int)fd, num, strlen(num)) == -EBUSY, "a second post on it: EBUSY");
	kclose((int)fd);
	tap_ok(dirnames("#s", text, sizeof text) == 0 && hasname(text, "nstest"),
	       "'#s' lists it:%s", text);
	s = kopen("#s/nstest", O_RDWR);
	tap_ok(s >= 0 && kwrite((int)s, "via srv", 7) == 7 && kread(p[1], buf, sizeof buf) == 7 &&
	               memcmp(buf, "via srv", 7) == 0,
	       "opening it yields the posted channel");
	kclose((int)s);
	kclose(p[0]);
	s = kopen("/srv/nstest", O_RDWR);
	tap_ok(s >= 0 && kwrite((int)s, "again", 5) == 5,
	       "the posted end stays open while posted, after its fd is closed");
	kclose((int)s);
	tap_ok(SC(SYS_remove, "/srv/nstest", 0, 0) == 0 && kopen("#s/nstest", O_RDWR) == -ENOENT,
	       "remove withdraws it");
	tap_ok(kread(p[1], buf, sizeof buf) == 5, "data written through it arrived");
	tap_ok(kread(p[1], buf, sizeof buf) == 0, "and the pipe ends once the post is removed");
	kclose(p[1]);
	fd = kcreate("#s/nsbad", O_WRONLY, 0666);
	tap_ok(kwrite((int)fd, "x1", 2) == -EINVAL && kwrite((int)fd, "63", 2) == -EBADF,
	       "posting text that is not an open fd number: EINVAL, EBADF");
	tap_ok(kcreate("#s/nsbad", O_WRONLY | O_EXCL, 0666) == -EEXIST,
	       "a name posted twice: EEXIST");
	tap_ok(kopen("#s/nsbad", O_RDONLY) == -ENOENT && strstr(kerr(), "nothing is posted"),
	       "opening an empty post: ENOENT (%s)", kerr());
	kclose((int)fd);
	SC(SYS_remove, "#s/nsbad", 0, 0);
}

static void
proc(void)
{
	char path[64], want[64];
	const char *root;
	int64_t fd;

	snprintf(want, sizeof want, "pid %d\n", getpid());
	tap_ok(slurp("/proc/self/status", text, sizeof text) > 0 && strstr(text, want) &&
	               strstr(text, "name ns_dev_test") && strstr(text, "state Running"),
	       "/proc/self/status is this process");
	snprintf(path, sizeof path, "/proc/%d/status", getppid());
	snprintf(want, sizeof want, "pid %d\n", getppid());
	tap_ok(slurp(path, text, sizeof text) > 0 && strstr(text, want), "/proc/PPID/status");
	tap_ok(dirnames("/proc", text, sizeof text) == 0 && hasname(text, "self") &&
	               hasname(text, "1"),
	       "/proc lists self and the pids");
	// With tarfs and ramfs in the image, init made / the union of '#/',
	// /writable (-c: it takes new files) and /base (docs/namespaces.md).
	root = exists("/bin/tarfs") && exists("/bin/ramfs")
	               ? "mount -ac '#|/data' '/'\nmount -a '#|/data' '/'\n"
	               : "bind -a '#b' '/'\n";
	tap_ok(slurp("/proc/self/ns", text, sizeof text) > 0 &&
	               strstr(text, "bind '#b/bin' '/bin'\n") && strstr(text, root) &&
	               strstr(text, "bind '#p' '/proc'\n"),
	       "/proc/self/ns gives the binds");
	fd = kopen("/bin/init", O_RDONLY);
	snprintf(want, sizeof want, "%lld r 0 /bin/init\n", (long long)fd);
	tap_ok(slurp("/proc/self/fd", text, sizeof text) > 0 && strncmp(text, "/\n", 2) == 0 &&
	               strstr(text, "\n0 rw ") && strstr(text, " #c/cons\n") && strstr(text, want),
	       "/proc/self/fd: the current directory, then the fds");
	if (tap_failed)
		printf("# %s\n", text);
	kclose((int)fd);
	tap_ok(kopen("/proc/99999/status", O_RDONLY) == -ENOENT && strstr(kerr(), "does not exist"),
	       "a pid that does not exist: ENOENT (%s)", kerr());
	tap_ok(kopen("/proc/self/status", O_WRONLY) == -EACCES, "/proc is read-only");
}

static void
cons(void)
{
	int64_t fd = kopen("/dev/kmsg", O_RDONLY), r;

	r = fd < 0 ? fd : kread((int)fd, text, sizeof text - 1);
	text[r > 0 ? r : 0] = '\0';
	tap_ok(r > 0 && strstr(text, "starting /bin/init"), "/dev/kmsg reads the kernel log");
	kclose((int)fd);
	fd = kopen("/dev/cons", O_WRONLY);
	tap_ok(fd >= 0 && kwrite((int)fd, "# via /dev/cons\n", 16) == 16, "/dev/cons is writable");
	kclose((int)fd);
}

static void
boot(void)
{
	uint8_t st[256], buf[512];
	int64_t n = kstat("/bin/init", st, sizeof st), fd, len, got = 0, r;

	len = n > 0 ? (int64_t)statlength(st) : -1;
	tap_ok(n > 0 && len > 1000 && !(statmode(st) & DMDIR),
	       "stat /bin/init: a file of %lld bytes", (long long)len);
	tap_ok(kstat("/bin/init", st, 10) == n, "stat with a small buffer gives the size needed");
	tap_ok(kstat("/base/test", st, sizeof st) > 0 && (statmode(st) & DMDIR),
	       "implied and explicit directories stat as directories");
	fd = kopen("/bin/init", O_RDONLY);
	while ((r = kread((int)fd, buf, sizeof buf)) > 0)
		got += r;
	tap_ok(got == len && r == 0, "reading to the end gives the stat length (%lld)",
	       (long long)got);
	tap_ok(SC(SYS_seek, fd, -4, SEEK_END) == len - 4 && kread((int)fd, buf, 100) == 4,
	       "seek from the end");
	tap_ok(SC(SYS_fstat, fd, st, sizeof st) == n, "fstat agrees with stat");
	kclose((int)fd);
	tap_ok(kopen("/bin/init", O_RDWR) == -EROFS, "the boot archive is read-only: EROFS");
	tap_ok(SC(SYS_remove, "/bin/init", 0, 0) == -EACCES, "and cannot be removed");
	tap_ok(dirnames("/base", text, sizeof text) == 0 && hasname(text, "bin") &&
	               hasname(text, "test") && !hasname(text, "proc"),
	       "/base is the archive's top level:%s", text);
}

// init's part of the boot namespace: ramfs on /tmp and /writable when the
// image has /bin/ramfs (cmd/init/ns.c).
static void
bootns(void)
{
	int64_t fd;

	if (!exists("/bin/ramfs")) {
		printf("# SKIP boot namespace checks: /bin/ramfs is not in the image\n");
		return;
	}
	tap_ok(slurp("/proc/1/ns", text, sizeof text) > 0 &&
	               strstr(text, "mount -c '#|/data' '/tmp'\n") &&
	               strstr(text, "mount -c '#|/data' '/writable'\n"),
	       "init mounted ramfs on /tmp and /writable");
	tap_ok(exists("/srv/tmp") && exists("/srv/writable"), "and posted them in /srv");
	fd = kcreate("/tmp/ns_dev_test", O_RDWR, 0644);
	tap_ok(fd >= 0 && kwrite((int)fd, "x", 1) == 1, "/tmp takes new files");
	kclose((int)fd);
	tap_ok(SC(SYS_remove, "/tmp/ns_dev_test", 0, 0) == 0, "and removes them");
}

int
main(void)
{
	srv();
	proc();
	cons();
	boot();
	bootns();
	guest_done();
}
