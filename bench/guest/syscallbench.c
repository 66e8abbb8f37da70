// bench/guest/syscallbench.c: null-syscall and fork+exit+wait latency.
//
// The same source is built for Gremlin (lib/c, as /bin/bench/syscallbench)
// and for the Linux baseline (static glibc, bench/kernel/bench.py), so both
// guests run identical code under the same QEMU. For each figure it runs
// ROUNDS rounds and prints the median round, one line per figure:
//   syscall-null ns=<nanoseconds per getppid()>
//   fork-exit-wait us=<microseconds per fork, child _exit, parent waitpid>
// Figures are kept in tenths of a unit (bench.h: integers only).
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "bench.h"

#define ROUNDS 7
#define NULL_CALLS 20000
#define FORKS 50

// getppid is a real system call on both sides (glibc does not cache it).
// Tenths of a nanosecond per call.
static long long
null_round(void)
{
	long long t0 = now_ns();

	for (int i = 0; i < NULL_CALLS; i++)
		(void)getppid();
	return (now_ns() - t0) * 10 / NULL_CALLS;
}

// Tenths of a microsecond per fork, _exit and waitpid.
static long long
fork_round(void)
{
	long long t0 = now_ns();

	for (int i = 0; i < FORKS; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0) {
			perror("syscallbench: fork");
			exit(1);
		}
		if (waitpid(pid, NULL, 0) != pid) {
			perror("syscallbench: waitpid");
			exit(1);
		}
	}
	return (now_ns() - t0) / FORKS / 100;
}

int
main(void)
{
	long long r[ROUNDS], m;

	for (int i = 0; i < ROUNDS; i++)
		r[i] = null_round();
	m = median(r, ROUNDS);
	printf("syscall-null ns=%lld.%lld\n", m / 10, m % 10);
	for (int i = 0; i < ROUNDS; i++)
		r[i] = fork_round();
	m = median(r, ROUNDS);
	printf("fork-exit-wait us=%lld.%lld\n", m / 10, m % 10);
	return 0;
}
