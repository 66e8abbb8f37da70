// tests/guest/ns_pipe_test.c: pipes and file descriptors: data both ways,
// end of file when the other end is closed, writing to a closed pipe
// (EPIPE and the note that kills the writer, status 141), a 1 MiB
// transfer through a child, offsets shared across fork, dup/dup2/close,
// fds kept across execve and O_CLOEXEC ones closed.
#include "nsutil.h"

#define SELF "/bin/test/ns_pipe_test"
#define BIG (1024 * 1024)

static void
bothways(void)
{
	int32_t fd[2] = {-1, -1};
	char buf[16] = "";

	int64_t r = kpipe(fd);

	tap_ok(r == 0 && fd[0] >= 3 && fd[1] > fd[0], "pipe gives two fds (%d, %d)", fd[0], fd[1]);
	tap_ok(kwrite(fd[0], "ping", 4) == 4 && kread(fd[1], buf, sizeof buf) == 4 &&
	               memcmp(buf, "ping", 4) == 0,
	       "written on one end, read on the other");
	tap_ok(kwrite(fd[1], "pong!", 5) == 5 && kread(fd[0], buf, 3) == 3 &&
	               kread(fd[0], buf + 3, sizeof buf) == 2 && memcmp(buf, "pong!", 5) == 0,
	       "and the other way, in pieces");
	tap_ok(SC(SYS_seek, fd[0], 0, SEEK_SET) == -ESPIPE, "seek on a pipe: ESPIPE");
	kclose(fd[0]);
	tap_ok(kread(fd[1], buf, sizeof buf) == 0, "read after the other end closed: end of file");
	kclose(fd[1]);
}

static int32_t pfd[2];

static void
closed_writer(void *arg)
{
	(void)arg;
	kwrite(pfd[0], "x", 1);
	exits(3, "write on a closed pipe returned");
}

static void
broken(void)
{
	struct waitmsg w;

	kpipe(pfd);
	kclose(pfd[1]);
	if (in_child(closed_writer, NULL, &w) == 0)
		tap_ok(w.status == 141 && strcmp(w.msg, "sys: write on closed pipe") == 0,
		       "a write on a closed pipe kills the writer: %d '%s'", w.status, w.msg);
	kclose(pfd[0]);
}

static void
writer(void *arg)
{
	static uint8_t buf[8192];
	uint64_t done = 0;

	(void)arg;
	kclose(pfd[1]);
	while (done < BIG) {
		for (unsigned i = 0; i < sizeof buf; i++)
			buf[i] = (uint8_t)((done + i) * 7 + 3);
		if (kwrite(pfd[0], buf, sizeof buf) != sizeof buf)
			exits(1, "short write");
		done += sizeof buf;
	}
	exits(0, NULL);
}

static void
large(void)
{
	static uint8_t buf[5000];
	struct waitmsg w;
	uint64_t got = 0, bad = 0;
	int64_t r;
	pid_t pid;

	kpipe(pfd);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		writer(NULL);
	kclose(pfd[0]);
	while ((r = kread(pfd[1], buf, sizeof buf)) > 0) {
		for (int64_t i = 0; i < r; i++)
			bad += buf[i] != (uint8_t)((got + (uint64_t)i) * 7 + 3);
		got += (uint64_t)r;
	}
	kclose(pfd[1]);
	tap_ok(got == BIG && bad == 0 && r == 0,
	       "1 MiB through a pipe from a child, intact (%llu bytes, %llu wrong)",
	       (unsigned long long)got, (unsigned long long)bad);
	tap_ok(waitmsg(pid, &w, 0) == pid && w.status == 0, "the writer finished (%s)", w.msg);
}

static void
fds(void)
{
	int64_t fd = kopen("/bin/init", O_RDONLY), d, d2;
	char a[8], b[8], path[64];
	struct waitmsg w;
	pid_t pid;

	tap_ok(fd >= 0, "open /bin/init");
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		exits(kread((int)fd, a, 100 > sizeof a ? sizeof a : 100) == sizeof a ? 0 : 1, NULL);
	waitmsg(pid, &w, 0);
	tap_ok(w.status == 0 && SC(SYS_seek, fd, 0, SEEK_CUR) == 8,
	       "a child's read moves the shared offset (Plan 9 fork)");
	d = SC(SYS_dup, fd, 0, 0);
	tap_ok(d > fd && SC(SYS_seek, d, 0, SEEK_SET) == 0 && kread((int)fd, a, 4) == 4 &&
	               memcmp(a, "\177ELF", 4) == 0,
	       "dup shares the offset too");
	d2 = SC(SYS_dup2, fd, 40, 0);
	tap_ok(d2 == 40 && SC(SYS_fd2path, 40, path, sizeof path) == 0 &&
	               strcmp(path, "/bin/init") == 0,
	       "dup2 to 40; fd2path says %s", path);
	tap_ok(SC4(SYS_pread, 40, b, 4, 1) == 4 && memcmp(b, "ELF", 3) == 0 &&
	               SC(SYS_seek, fd, 0, SEEK_CUR) == 4,
	       "pread does not move the offset");
	tap_ok(kclose(40) == 0 && kclose(40) == -EBADF && kread((int)fd, a, 1) == 1,
	       "close of a dup leaves the original open");
	kclose((int)d);
	kclose((int)fd);
}

// Re-executed as "ns_pipe_test exec FD CLOEXECFD": write to the inherited
// pipe, and say whether the close-on-exec fd is gone.
static _Noreturn void
execchild(char **argv)
{
	int fd = atoi(argv[2]), cfd = atoi(argv[3]);
	uint8_t st[256];
	int gone = SC(SYS_fstat, cfd, st, sizeof st) == -EBADF;

	kwrite(fd, gone ? "kept+closed" : "kept+open", gone ? 11 : 9);
	exits(0, NULL);
}

static void
acrossexec(void)
{
	int32_t p[2] = {-1, -1};
	int64_t c = SC(SYS_open, "/bin/init", O_RDONLY | O_CLOEXEC, 0);
	char a[16], b[16], buf[32] = "";
	struct waitmsg w;
	pid_t pid;

	kpipe(p);
	snprintf(a, sizeof a, "%d", p[0]);
	snprintf(b, sizeof b, "%lld", (long long)c);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = {SELF, "exec", a, b, NULL};

		execve(SELF, argv, NULL);
		exits(1, "execve failed");
	}
	kclose(p[0]);
	kread(p[1], buf, sizeof buf - 1);
	waitmsg(pid, &w, 0);
	tap_ok(strcmp(buf, "kept+closed") == 0,
	       "execve keeps fds and closes O_CLOEXEC ones (child said '%s')", buf);
	kclose(p[1]);
	kclose((int)c);
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "exec") == 0)
		execchild(argv);
	bothways();
	broken();
	large();
	fds();
	acrossexec();
	guest_done();
}
