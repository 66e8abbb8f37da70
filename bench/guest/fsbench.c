// bench/guest/fsbench.c: time the system's own cat and ls on big inputs.
//
// The same source is built for Gremlin (lib/c, /bin/bench/fsbench, over the
// ramfs on /tmp) and for the Linux baseline (static glibc, over tmpfs on
// /tmp, with busybox's cat and ls). It makes a 10 MiB file and a directory
// of 1000 empty files under DIR, then times whole runs of
//   /bin/cat DIR/big     (output read from a pipe and counted)
//   /bin/ls DIR/many     (output read from a pipe, lines counted)
// including fork, exec and exit, as a shell would run them. ROUNDS runs of
// each; the median is printed as
//   cat-10mb ms=<milliseconds, one decimal>
//   ls-1000 ms=<milliseconds, one decimal>
// The byte and line counts are checked, so a short read fails the run.
// Usage: fsbench [DIR] (default /tmp/fsbench; removed afterwards).
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "bench.h"

#define ROUNDS 5
#define BIG (10L * 1024 * 1024)
#define FILES 1000
#define CHUNK 65536

static char chunk[CHUNK];

static void
fail(const char *what, const char *path)
{
	fprintf(stderr, "fsbench: %s %s: ", what, path);
	perror(NULL);
	exit(1);
}

static void
make_big(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		fail("cannot create", path);
	for (int i = 0; i < CHUNK; i++)
		chunk[i] = (char)('a' + i % 26);
	chunk[CHUNK - 1] = '\n';
	for (long done = 0; done < BIG; done += CHUNK) {
		if (write(fd, chunk, CHUNK) != CHUNK)
			fail("write", path);
	}
	if (close(fd) < 0)
		fail("close", path);
}

static void
make_many(const char *dir)
{
	char path[256];

	if (mkdir(dir, 0755) < 0)
		fail("mkdir", dir);
	for (int i = 0; i < FILES; i++) {
		int fd;

		snprintf(path, sizeof path, "%s/f%04d", dir, i);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || close(fd) < 0)
			fail("cannot create", path);
	}
}

// Run prog arg with its standard output on a pipe; count the bytes and
// newlines that come out. Returns the time taken in tenths of a ms.
static long long
run(const char *prog, const char *arg, long *bytes, long *lines)
{
	char *argv[] = {(char *)prog, (char *)arg, NULL};
	long long t0 = now_ns();
	int p[2], status;
	ssize_t r;
	pid_t pid;

	if (pipe(p) < 0)
		fail("pipe", "");
	pid = fork();
	if (pid < 0)
		fail("fork", "");
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execv(prog, argv);
		fail("cannot run", prog);
	}
	close(p[1]);
	*bytes = *lines = 0;
	while ((r = read(p[0], chunk, CHUNK)) > 0) {
		*bytes += r;
		for (ssize_t i = 0; i < r; i++)
			*lines += chunk[i] == '\n';
	}
	close(p[0]);
	if (r < 0)
		fail("read from", prog);
	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid", prog);
	if (status != 0) {
		fprintf(stderr, "fsbench: %s %s: exit status %d\n", prog, arg, status);
		exit(1);
	}
	return (now_ns() - t0) / 100000;
}

static void
report(const char *name, long long *r)
{
	long long m;

	m = median(r, ROUNDS);
	printf("%s ms=%lld.%lld\n", name, m / 10, m % 10);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp/fsbench";
	char big[200], many[200], path[256];
	long long r[ROUNDS];
	long bytes, lines;

	snprintf(big, sizeof big, "%s/big", dir);
	snprintf(many, sizeof many, "%s/many", dir);
	if (mkdir(dir, 0755) < 0)
		fail("mkdir", dir);
	make_big(big);
	make_many(many);
	for (int i = 0; i < ROUNDS; i++) {
		r[i] = run("/bin/cat", big, &bytes, &lines);
		if (bytes != BIG) {
			fprintf(stderr, "fsbench: cat %s gave %ld bytes, not %ld\n", big, bytes,
			        BIG);
			return 1;
		}
	}
	report("cat-10mb", r);
	for (int i = 0; i < ROUNDS; i++) {
		r[i] = run("/bin/ls", many, &bytes, &lines);
		if (lines != FILES) {
			fprintf(stderr, "fsbench: ls %s gave %ld lines, not %d\n", many, lines,
			        FILES);
			return 1;
		}
	}
	report("ls-1000", r);
	for (int i = 0; i < FILES; i++) {
		snprintf(path, sizeof path, "%s/f%04d", many, i);
		unlink(path);
	}
	rmdir(many);
	unlink(big);
	rmdir(dir);
	return 0;
}
