// bench/guest/ninepbench.c: latency of a 1-byte read from a 9P file server.
//
// Inside Gremlin /tmp is a ramfs (a user-space 9P server on a pipe), so
// every read here is a Tread/Rread exchange between this process, the
// kernel's mount driver and the ramfs process. The file is opened once and
// read with pread(fd, buf, 1, 0): ROUNDS rounds of READS reads (1e5 in
// all); the median round is printed as
//   9p-read-1b us=<microseconds per read, two decimals>
// Every byte read is checked against the byte written.
// Usage: ninepbench [FILE] (default /tmp/ninepbench.dat).
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define ROUNDS 5
#define READS 20000

static void
fail(const char *what, const char *path)
{
	fprintf(stderr, "ninepbench: %s %s: ", what, path);
	perror(NULL);
	exit(1);
}

// One round: READS preads of byte 0; hundredths of a microsecond per read.
static long long
reads(int fd, const char *path)
{
	long long t0 = now_ns();
	char c;

	for (int i = 0; i < READS; i++) {
		if (pread(fd, &c, 1, 0) != 1)
			fail("pread", path);
		if (c != 'g') {
			fprintf(stderr, "ninepbench: %s: read %#x, wrote 'g'\n", path,
			        (unsigned char)c);
			exit(1);
		}
	}
	return (now_ns() - t0) / READS / 10;
}

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/ninepbench.dat";
	long long r[ROUNDS], m;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail("cannot create", path);
	if (write(fd, "gremlin\n", 8) != 8)
		fail("write", path);
	for (int i = 0; i < ROUNDS; i++)
		r[i] = reads(fd, path);
	close(fd);
	unlink(path);
	m = median(r, ROUNDS);
	printf("9p-read-1b us=%lld.%02lld\n", m / 100, m % 100);
	return 0;
}
