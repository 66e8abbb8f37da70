// bench/guest/snapbench.c: what the sandbox costs to enter. It times
// starting the smallest snap (tests/apps/t-true) through /bin/snaprun —
// description, limits, private ramfs, namespace, seal, filter, exec — and,
// as the baseline, fork+execve of the very same program with nothing
// around it, both to the end of wait. ROUNDS rounds of LAUNCHES each, the
// median round, one line:
//   bench snap-start ours=<us per snaprun> baseline=<us per plain exec>
//   ratio=<ours/baseline> unit=us
// (docs/snaps.md). Gremlin only: Linux has no snaps to compare with.
#include <gremlin.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define ROUNDS 7
#define LAUNCHES 5
#define PROG "/apps/t-true/bin/t-true"

// Tenths of a microsecond per launch of argv, to the end of its wait.
static long long
round_of(char **argv)
{
	long long t0 = now_ns();
	struct waitmsg w;

	for (int i = 0; i < LAUNCHES; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			execve(argv[0], argv, NULL);
			_exit(127);
		}
		if (pid < 0 || waitmsg(pid, &w, 0) != pid || w.status != 0) {
			fprintf(stderr, "snapbench: %s failed (status %d %s)\n", argv[0],
			        pid < 0 ? -1 : w.status, pid < 0 ? "" : w.msg);
			exit(1);
		}
	}
	return (now_ns() - t0) / 100 / LAUNCHES;
}

int
main(void)
{
	char *snap[] = {"/bin/snaprun", "t-true", NULL}, *plain[] = {PROG, NULL};
	long long ours[ROUNDS], base[ROUNDS], o, b;

	for (int r = 0; r < ROUNDS; r++) {
		base[r] = round_of(plain);
		ours[r] = round_of(snap);
	}
	o = median(ours, ROUNDS);
	b = median(base, ROUNDS);
	printf("bench snap-start ours=%lld.%lld baseline=%lld.%lld ratio=%lld.%02lld unit=us\n",
	       o / 10, o % 10, b / 10, b % 10, o / b, (o * 100 / b) % 100);
	return 0;
}
