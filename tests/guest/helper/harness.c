// tests/guest/helper/harness.c: /bin/test/helper/harness, a program for the
// host-side harness test (tests/host/harness_test.sh), not run by runtests.
//   harness exit N      exit with status N
//   harness args A...   print each argument as [A] on its own line
//   harness fault       dereference NULL (the kernel kills it: 139)
//   harness spin        loop forever without system calls
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "args") == 0) {
		for (int i = 2; i < argc; i++)
			printf("[%s]\n", argv[i]);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "fault") == 0) {
		volatile int *volatile p = NULL;
		return *p;
	}
	if (argc >= 2 && strcmp(argv[1], "spin") == 0)
		for (volatile unsigned long n = 0;; n++)
			;
	fprintf(stderr, "usage: harness exit N | args A... | fault | spin\n");
	return 2;
}
