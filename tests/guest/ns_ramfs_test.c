// tests/guest/ns_ramfs_test.c: the real 9P server sys/ramfs, run as
// /bin/ramfs on a pipe and mounted with the kernel's mount driver: create,
// write, read back, directories, union with MCREATE, stat lengths, O_TRUNC,
// remove, and the server's own errors coming back as errno + errstr. If the
// image has no /bin/ramfs (it needs a build rule in mk/gremlin.mk), every
// check is reported as skipped, saying so.
#include "nsutil.h"

#define NCHECK 10

static pid_t server;

static int64_t
startramfs(void)
{
	int32_t p[2] = {-1, -1};
	char fd[16];
	int64_t r;

	kpipe(p);
	snprintf(fd, sizeof fd, "%d", p[1]);
	fflush(stdout);
	server = fork();
	if (server == 0) {
		char *argv[] = {"/bin/ramfs", "-i", fd, "-o", fd, NULL};

		kclose(p[0]);
		execve(argv[0], argv, NULL);
		exits(1, "cannot exec /bin/ramfs");
	}
	kclose(p[1]);
	r = SC4(SYS_mount, p[0], -1, "/tmp", MREPL | MCREATE);
	kclose(p[0]);
	return r;
}

int
main(void)
{
	static char buf[20000], text[1024];
	uint8_t st[256];
	struct waitmsg w;
	int64_t fd, r;
	int bad = 0;

	if (!exists("/bin/ramfs")) {
		for (int i = 1; i <= NCHECK; i++)
			printf("ok %d # SKIP /bin/ramfs is not in the image (mk/gremlin.mk has no "
			       "rule "
			       "for sys/ramfs yet)\n",
			       i);
		printf("1..%d\n", NCHECK);
		fflush(stdout);
		exits(0, "tap ok=0 notok=0");
	}
	if (rawsyscall(SYS_rfork, RFNAMEG, 0, 0, 0, 0, 0) < 0)
		exits(1, "rfork RFNAMEG failed");
	tap_ok(startramfs() == 0, "mount /bin/ramfs on /tmp (%s)", kerr());
	fd = kcreate("/tmp/a", O_RDWR, 0644);
	for (int i = 0; i < (int)sizeof buf; i++)
		buf[i] = (char)(i % 251);
	tap_ok(fd >= 0 && kwrite((int)fd, buf, sizeof buf) == sizeof buf,
	       "create /tmp/a and write 20000 bytes");
	memset(buf, 0, sizeof buf);
	r = SC4(SYS_pread, fd, buf, sizeof buf, 0);
	for (int i = 0; i < (int)sizeof buf; i++)
		bad += buf[i] != (char)(i % 251);
	tap_ok(r == sizeof buf && bad == 0, "read it back (%lld bytes, %d wrong)", (long long)r,
	       bad);
	kclose((int)fd);
	tap_ok(kstat("/tmp/a", st, sizeof st) > 0 && statlength(st) == sizeof buf,
	       "stat gives its length");
	fd = kcreate("/tmp/d", O_RDONLY, DMDIR | 0755);
	kclose((int)fd);
	fd = kcreate("/tmp/d/b", O_WRONLY, 0644);
	tap_ok(fd >= 0 && kwrite((int)fd, "bee", 3) == 3, "a directory and a file in it");
	kclose((int)fd);
	tap_ok(dirnames("/tmp", text, sizeof text) == 0 && strcmp(text, " a d ") == 0 &&
	               slurp("/tmp/d/b", buf, sizeof buf) == 3,
	       "list /tmp:%s", text);
	tap_ok(SC(SYS_remove, "/tmp/d", 0, 0) == -ENOTEMPTY && strstr(kerr(), "remove /tmp/d: ") &&
	               strlen(kerr()) > 16 && !strchr(kerr(), '%'),
	       "remove of a non-empty directory fails with the server's reason (%s)", kerr());
	fd = kopen("/tmp/a", O_WRONLY | O_TRUNC);
	tap_ok(fd >= 0 && kstat("/tmp/a", st, sizeof st) > 0 && statlength(st) == 0,
	       "O_TRUNC through wstat");
	kclose((int)fd);
	tap_ok(kbind("#c", "/tmp", MAFTER) == 0 && (fd = kcreate("/tmp/c", O_WRONLY, 0644)) >= 0 &&
	               exists("/tmp/cons") && dirnames("/tmp", text, sizeof text) == 0 &&
	               strcmp(text, " a d c cons consctl kmsg reboot audit hostname ") == 0,
	       "union with #c: create goes to the MCREATE ramfs:%s", text);
	kclose((int)fd);
	kunmount(NULL, "/tmp");
	r = waitmsg(server, &w, 0);
	tap_ok(r == server && w.status == 0, "ramfs exits when the mount goes away (%d '%s')",
	       w.status, w.msg);
	guest_done();
}
