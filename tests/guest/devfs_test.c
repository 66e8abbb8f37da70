// tests/guest/devfs_test.c: /dev as init builds it: the kernel's '#c'
// with /bin/devfs (sys/devfs, posted as /srv/devfs) mounted after it.
// devfs adds null, zero and random; cons, consctl and kmsg stay the
// kernel's. If the image has no /bin/devfs, every check is skipped, saying
// so.
#include "nsutil.h"

#define NCHECK 20

static uint8_t buf[4096], big[20000];
static char text[4096];

static void
nulldev(void)
{
	int64_t fd = kopen("/dev/null", O_RDWR);

	tap_ok(fd >= 0, "open /dev/null read-write (%s)", fd < 0 ? kerr() : "ok");
	tap_ok(kwrite((int)fd, "swallowed", 9) == 9, "a write of 9 bytes to /dev/null returns 9");
	tap_ok(kread((int)fd, buf, sizeof buf) == 0, "a read of /dev/null is end of file");
	// Twrites larger than a Gremlin pipe's 4096-byte buffer cross devfs's
	// reader pipes (sys/devfs/gremlin/loop.c) in pieces.
	tap_ok(kwrite((int)fd, big, sizeof big) == (int64_t)sizeof big,
	       "a write of %zu bytes to /dev/null returns %zu", sizeof big, sizeof big);
	kclose((int)fd);
}

static void
zerodev(void)
{
	int64_t fd = kopen("/dev/zero", O_RDONLY), n;
	int nonzero = 0;

	memset(buf, 0xa5, sizeof buf);
	n = kread((int)fd, buf, sizeof buf);
	for (int64_t i = 0; i < n; i++)
		nonzero += buf[i] != 0;
	tap_ok(n > 0 && nonzero == 0, "/dev/zero reads %lld zero bytes (%d non-zero)", (long long)n,
	       nonzero);
	kclose((int)fd);
}

// Two reads of /dev/random differ and each has many distinct byte values
// (a uniform 1024-byte read has about 250 of the 256; fewer than 128 is
// astronomically unlikely).
static void
randomdev(void)
{
	static uint8_t a[1024], b[1024];
	int64_t fd = kopen("/dev/random", O_RDWR), na, nb;
	int seen[256] = {0}, distinct = 0;

	na = kread((int)fd, a, sizeof a);
	nb = kread((int)fd, b, sizeof b);
	for (int64_t i = 0; i < na; i++)
		distinct += seen[a[i]]++ == 0;
	tap_ok(na == (int64_t)sizeof a && nb == (int64_t)sizeof b,
	       "/dev/random gives two reads of 1024 bytes (%lld, %lld)", (long long)na,
	       (long long)nb);
	tap_ok(memcmp(a, b, sizeof a) != 0, "the two reads differ");
	tap_ok(distinct >= 128, "the first read has %d distinct byte values (>= 128)", distinct);
	tap_ok(kwrite((int)fd, "mixed in", 8) == 8, "a write to /dev/random is accepted");
	kclose((int)fd);
}

// cons stays the kernel's: /dev/cons has #c/cons's qid and mode (devfs's
// cons has qid path 1 and mode 0600).
static void
consdev(void)
{
	uint8_t st[256], kst[256];
	int64_t fd = kopen("/dev/cons", O_WRONLY);
	static const char msg[] = "devfs_test: writing /dev/cons\n";

	tap_ok(fd >= 0 && kwrite((int)fd, msg, sizeof msg - 1) == (int64_t)sizeof msg - 1,
	       "a write to /dev/cons works (%s)", fd < 0 ? kerr() : "ok");
	kclose((int)fd);
	// The stat entry: size[2] type[2] dev[4] qid[13] mode[4] ...
	tap_ok(kstat("/dev/cons", st, sizeof st) > 0 && kstat("#c/cons", kst, sizeof kst) > 0 &&
	               memcmp(st + 8, kst + 8, 13 + 4) == 0,
	       "/dev/cons is the kernel's '#c/cons' (same qid and mode), not devfs's");
	tap_ok(dirnames("/dev", text, sizeof text) == 0 && hasname(text, "consctl") &&
	               hasname(text, "kmsg") && hasname(text, "null") && hasname(text, "zero") &&
	               hasname(text, "random"),
	       "/dev lists consctl, kmsg (kernel) and null, zero, random (devfs):%s", text);
}

static void
nsdev(void)
{
	int n = slurp("#p/self/ns", text, sizeof text);

	tap_ok(n > 0 && strstr(text, "mount ") != NULL && strstr(text, "'/dev'\n") != NULL &&
	               strstr(text, "bind -b '#c' '/dev'") != NULL,
	       "ns shows devfs mounted on /dev with '#c' before it");
	tap_ok(exists("/srv/devfs"), "devfs is posted as /srv/devfs");
}

// A devfs of the test's own, mounted alone on /mnt, with a pipe as its
// console: console reads and writes go through Gremlin's reader processes
// (sys/devfs/gremlin/loop.c), kmsg is proxied, and the server ends when
// the mount goes away.
static void
owndevfs(void)
{
	int32_t p[2] = {-1, -1}, cp[2] = {-1, -1};
	char num[16], cons[16], kmsg[16], got[64] = "", want[32] = "";
	int64_t kfd = kopen("#c/kmsg", O_RDONLY), fd, n;
	struct waitmsg w;
	pid_t pid, r;

	kpipe(p);
	kpipe(cp);
	snprintf(num, sizeof num, "%d", p[1]);
	snprintf(cons, sizeof cons, "%d", cp[1]);
	snprintf(kmsg, sizeof kmsg, "%lld", (long long)kfd);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = {"/bin/devfs", "-q", "-i", num,  "-o",      num, "-c",
		                cons,         "-k", kmsg, "-u", "gremlin", NULL};

		kclose(p[0]);
		kclose(cp[0]);
		execve(argv[0], argv, NULL);
		exits(1, "cannot exec /bin/devfs");
	}
	kclose(p[1]);
	kclose(cp[1]);
	tap_ok(SC4(SYS_mount, p[0], -1, "/mnt", MREPL) == 0,
	       "mount a devfs of our own on /mnt (%s)", kerr());
	kclose(p[0]);
	kwrite(cp[0], "typed\n", 6);
	fd = kopen("/mnt/cons", O_RDWR);
	n = kread((int)fd, got, sizeof got - 1);
	tap_ok(n == 6 && memcmp(got, "typed\n", 6) == 0,
	       "a read of its cons gets the line written into the console pipe (%lld)",
	       (long long)n);
	tap_ok(kwrite((int)fd, "shown", 5) == 5 && kread(cp[0], got, sizeof got) == 5 &&
	               memcmp(got, "shown", 5) == 0,
	       "a write to its cons comes out of the console pipe");
	kclose(cp[0]);
	tap_ok(kread((int)fd, got, sizeof got) == 0,
	       "the console pipe closed: a read of cons is end of file");
	kclose((int)fd);
	fd = kopen("/mnt/kmsg", O_RDONLY);
	n = kread((int)fd, got, 16);
	tap_ok(n == 16 && SC4(SYS_pread, kfd, want, 16, 0) == 16 && memcmp(got, want, 16) == 0,
	       "its kmsg starts as '#c/kmsg' does (%lld bytes)", (long long)n);
	kclose((int)fd);
	kclose((int)kfd);
	kunmount(NULL, "/mnt");
	memset(&w, 0, sizeof w);
	r = waitmsg(pid, &w, 0);
	tap_ok(r == pid && w.status == 0, "devfs exits with 0 when the mount goes away (%d '%s')",
	       w.status, w.msg);
}

int
main(void)
{
	if (!exists("/bin/devfs")) {
		for (int i = 1; i <= NCHECK; i++)
			printf("ok %d # SKIP /bin/devfs is not in the image\n", i);
		printf("1..%d\n", NCHECK);
		fflush(stdout);
		exits(0, "tap ok=0 notok=0");
	}
	nulldev();
	zerodev();
	randomdev();
	consdev();
	nsdev();
	if (rawsyscall(SYS_rfork, RFNAMEG, 0, 0, 0, 0, 0) < 0)
		exits(1, "rfork RFNAMEG failed");
	owndevfs();
	guest_done();
}
