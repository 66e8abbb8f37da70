// bench/guest/pipebench.c: pipe round-trip latency between two processes.
//
// The same source is built for Gremlin (lib/c, as /bin/bench/pipebench) and
// for the Linux baseline (static glibc, bench/kernel/bench.py). The parent
// writes one byte into one pipe, the child reads it and writes it back
// through a second pipe, the parent reads it: one round trip. ROUNDS rounds
// of TRIPS round trips each; the median round is printed as
//   pipe-rtt us=<microseconds per round trip, two decimals>
// Every byte is checked, so a lost or corrupted message fails the run.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "bench.h"

#define ROUNDS 7
#define TRIPS 2000

static void
fail(const char *what)
{
	perror(what);
	exit(1);
}

// The child: echo every byte back until the parent closes its end.
static _Noreturn void
echoer(int in, int out)
{
	unsigned char c;
	ssize_t r;

	while ((r = read(in, &c, 1)) == 1) {
		if (write(out, &c, 1) != 1)
			_exit(2);
	}
	_exit(r == 0 ? 0 : 3);
}

// One round: TRIPS round trips; hundredths of a microsecond per trip.
static long long
round_trips(int out, int in, int round)
{
	long long t0 = now_ns();

	for (int i = 0; i < TRIPS; i++) {
		unsigned char c = (unsigned char)(i + round), back;

		if (write(out, &c, 1) != 1)
			fail("pipebench: write");
		if (read(in, &back, 1) != 1)
			fail("pipebench: read");
		if (back != c) {
			fprintf(stderr, "pipebench: sent %u, got %u back\n", c, back);
			exit(1);
		}
	}
	return (now_ns() - t0) / TRIPS / 10;
}

int
main(void)
{
	int to[2], from[2], status;
	long long r[ROUNDS], m;
	pid_t pid;

	if (pipe(to) < 0 || pipe(from) < 0)
		fail("pipebench: pipe");
	pid = fork();
	if (pid < 0)
		fail("pipebench: fork");
	if (pid == 0) {
		close(to[1]);
		close(from[0]);
		echoer(to[0], from[1]);
	}
	close(to[0]);
	close(from[1]);
	for (int i = 0; i < ROUNDS; i++)
		r[i] = round_trips(to[1], from[0], i);
	close(to[1]);
	if (waitpid(pid, &status, 0) != pid)
		fail("pipebench: waitpid");
	if (status != 0) {
		fprintf(stderr, "pipebench: the echoing child exited with status %d\n", status);
		return 1;
	}
	m = median(r, ROUNDS);
	printf("pipe-rtt us=%lld.%02lld\n", m / 100, m % 100);
	return 0;
}
