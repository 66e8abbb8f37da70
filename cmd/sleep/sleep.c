// cmd/sleep/sleep.c: sleep for a number of seconds (decimals allowed: 0.5).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int
main(int argc, char **argv)
{
	struct timespec ts = {0, 0};
	char *end;
	long ns = 0, scale = 100000000;

	if (argc != 2) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 2;
	}
	errno = 0;
	ts.tv_sec = strtol(argv[1], &end, 10);
	if (*end == '.')
		for (end++; *end >= '0' && *end <= '9'; end++, scale /= 10)
			ns += (*end - '0') * scale;
	if (end == argv[1] || *end != '\0' || ts.tv_sec < 0 || errno) {
		fprintf(stderr, "sleep: '%s' is not a number of seconds\n", argv[1]);
		return 2;
	}
	ts.tv_nsec = ns;
	if (nanosleep(&ts, NULL) < 0) {
		perror("sleep");
		return 1;
	}
	return 0;
}
