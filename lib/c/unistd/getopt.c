// lib/c/unistd/getopt.c: POSIX getopt. Options are scanned until the first
// non-option or "--"; argv is not permuted. A leading ':' in opts makes a
// missing argument return ':' and silences messages; otherwise errors are
// printed to stderr (if opterr) and '?' is returned, optopt holding the
// offending character.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

static int pos; // position within the current argv element; 0: start of one

int
getopt(int argc, char *const argv[], const char *opts)
{
	const char *arg, *spec;
	int c, quiet = opts[0] == ':';

	// Resetting optind to 0 or 1 restarts the scan.
	if (optind == 0) {
		optind = 1;
		pos = 0;
	}
	optarg = NULL;
	if (pos == 0) {
		if (optind >= argc || argv[optind] == NULL || argv[optind][0] != '-' ||
		    argv[optind][1] == '\0')
			return -1;
		if (strcmp(argv[optind], "--") == 0) {
			optind++;
			return -1;
		}
		pos = 1;
	}
	arg = argv[optind];
	c = (unsigned char)arg[pos++];
	spec = c == ':' ? NULL : strchr(opts + quiet, c);
	if (spec == NULL) {
		optopt = c;
		if (opterr && !quiet)
			fprintf(stderr, "%s: unknown option -%c\n", argv[0], c);
		if (arg[pos] == '\0') {
			optind++;
			pos = 0;
		}
		return '?';
	}
	if (spec[1] != ':') {
		if (arg[pos] == '\0') {
			optind++;
			pos = 0;
		}
		return c;
	}
	// An option with an argument: the rest of this element, or the next.
	if (arg[pos] != '\0') {
		optarg = (char *)arg + pos;
		optind++;
	} else if (optind + 1 < argc) {
		optarg = argv[optind + 1];
		optind += 2;
	} else {
		optind++;
		pos = 0;
		optopt = c;
		if (quiet)
			return ':';
		if (opterr)
			fprintf(stderr, "%s: option -%c needs an argument\n", argv[0], c);
		return '?';
	}
	pos = 0;
	return c;
}
