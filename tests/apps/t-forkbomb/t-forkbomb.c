// tests/apps/t-forkbomb/t-forkbomb.c: every process forks as fast as it
// can; with processes = 8 the kernel must refuse the ninth with EAGAIN and
// the limit's message, and the machine must go on.
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

#include "../hostile.h"

int
main(void)
{
	char why[ERRMAX] = "";
	int refused = 0, made = 0;
	pid_t pid;

	for (int i = 0; i < 64; i++) {
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			// A child of the bomb tries too, then waits and leaves.
			struct timespec t = {0, 300 * 1000 * 1000};

			for (int j = 0; j < 8; j++)
				if (fork() == 0)
					break;
			nanosleep(&t, NULL);
			_exit(0);
		}
		if (pid < 0) {
			refused = errno == EAGAIN;
			errstr(why, sizeof why);
			break;
		}
		made++;
	}
	check(refused && strstr(why, "process limit of 8 reached (snap 't-forkbomb')"),
	      "fork is refused at the limit with EAGAIN (after %d; errstr '%s')", made, why);
	while (wait(NULL) > 0)
		;
	return hostile_failed;
}
