// bench/guest/syscallbench.c: null-syscall and fork+exit+wait latency.
//
// The same source is built for Gremlin (lib/c, as /bin/bench/syscallbench)
// and for the Linux baseline (static glibc, bench/kernel/bench.py), so both
// guests run identical code under the same QEMU. For each figure it runs
// ROUNDS rounds and prints the median round, one line per figure:
//   syscall-null ns=<nanoseconds per getppid()>
//   fork-exit-wait us=<microseconds per fork, child _exit, parent waitpid>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#define ROUNDS 7
#define NULL_CALLS 20000
#define FORKS 50

// Integer arithmetic only: figures are kept in tenths of a unit, so the
// program needs no floating-point printf.
static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static long long
median(long long *v, int n)
{
	qsort(v, (size_t)n, sizeof v[0], cmp_ll);
	return v[n / 2];
}

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
