// cmd/date/date.c: print the date and time, always in UTC (Gremlin keeps
// no time zones): date [-u] [+FORMAT], FORMAT as for strftime.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int
main(int argc, char **argv)
{
	const char *fmt = "%a %b %e %H:%M:%S UTC %Y";
	char out[1024];
	struct tm tm;
	time_t now;
	int i = 1;

	if (i < argc && strcmp(argv[i], "-u") == 0)
		i++; // UTC is all there is.
	if (i < argc && argv[i][0] == '+')
		fmt = argv[i++] + 1;
	if (i < argc) {
		fprintf(stderr,
		        "date: unexpected '%s' (setting the clock is not supported)\n"
		        "usage: date [-u] [+format]\n",
		        argv[i]);
		return 2;
	}
	now = time(NULL);
	if (now == (time_t)-1 || !gmtime_r(&now, &tm)) {
		fprintf(stderr, "date: cannot read the clock: %s\n", strerror(errno));
		return 1;
	}
	// strftime returns 0 both for an empty result and for one that did not
	// fit; an empty format is the only way to get the former.
	if (strftime(out, sizeof out, fmt, &tm) == 0 && fmt[0] != '\0') {
		fprintf(stderr, "date: the format gives more than %zu bytes\n", sizeof out - 1);
		return 1;
	}
	puts(out);
	return fflush(stdout) == 0 ? 0 : 1;
}
