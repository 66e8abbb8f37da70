// sys/devfs/cmd_devfs.c: the devfs command: serve /dev (cons, null, zero,
// random, kmsg) over 9P2000 on a pair of file descriptors (standard input
// and output unless -i/-o name others), with the console and kernel log
// on the descriptors given by -c and -k, until the client hangs up. Seeds
// the generator from every entropy source first and reports how (-q: only
// a warning when the seed is weak). See docs/man/devfs.8.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "devfs.h"
#include "entropy.h"

static void
usage(void)
{
	fprintf(stderr, "usage: devfs [-q] [-i infd] [-o outfd] [-c consfd] [-k kmsgfd] "
	                "[-m msize] [-u owner]\n");
	exit(2);
}

static long
number(const char *flag, const char *s, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *s == '-' || *end != '\0' || v > max) {
		fprintf(stderr, "devfs: %s: bad value \"%s\"\n", flag, s);
		exit(2);
	}
	return v;
}

static uint64_t
monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec;
}

// Seed from every source, then mix in the time and process id (not
// counted as entropy), and arm the periodic reseed.
static void
seed(Rng *g, int quiet)
{
	uint8_t buf[512];
	EntropyInfo info;
	size_t n = entropy_gather(buf, sizeof buf, 2048, &info);
	struct timespec ts;
	long pid = (long)getpid();

	rng_init(g, buf, n);
	rng_burn(buf, sizeof buf);
	clock_gettime(CLOCK_REALTIME, &ts);
	rng_mix(g, &ts, sizeof ts);
	rng_mix(g, &pid, sizeof pid);
	g->gather = entropy_reseed;
	g->now = monotonic;
	g->lastreseed = monotonic();
	g->entropybits = info.total;
	if (!quiet)
		fprintf(stderr,
		        "devfs: random seeded with %u bits (%s %u, getrandom %u, jitter %u)\n",
		        info.total, info.hwname, info.hwbits, info.osbits, info.jitterbits);
	if (info.total < 128)
		fprintf(stderr, "devfs: warning: fewer than 128 bits of entropy: random's output "
		                "may be predictable\n");
}

int
main(int argc, char **argv)
{
	int infd = 0, outfd = 1, consfd = -1, kmsgfd = -1, rc = 0, quiet = 0, i;
	long msize = 0;
	const char *owner = "none";
	Devfs fs;
	P9Srv s;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-q") == 0) {
			quiet = 1;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-i") == 0)
			infd = (int)number("-i", argv[++i], 1 << 20);
		else if (strcmp(argv[i], "-o") == 0)
			outfd = (int)number("-o", argv[++i], 1 << 20);
		else if (strcmp(argv[i], "-c") == 0)
			consfd = (int)number("-c", argv[++i], 1 << 20);
		else if (strcmp(argv[i], "-k") == 0)
			kmsgfd = (int)number("-k", argv[++i], 1 << 20);
		else if (strcmp(argv[i], "-m") == 0)
			msize = number("-m", argv[++i], 1 << 24);
		else if (strcmp(argv[i], "-u") == 0 && argv[i + 1][0] != '\0')
			owner = argv[++i];
		else
			usage();
	}
	if (msize != 0 && msize < P9_MINMSIZE) {
		fprintf(stderr, "devfs: msize %ld is below the minimum %d\n", msize, P9_MINMSIZE);
		return 2;
	}
	devfs_init(&fs, owner, consfd, kmsgfd);
	fs.mtime = (uint32_t)time(NULL);
	seed(&fs.rng, quiet);
	p9_srv_init(&s, &devfs_ops, &fs);
	if (msize != 0)
		s.maxmsize = (uint32_t)msize;
	if (devfs_serve(&fs, &s, infd, outfd) < 0) {
		fprintf(stderr, "devfs: %s\n", s.lasterr);
		rc = 1;
	}
	rng_wipe(&fs.rng);
	return rc;
}
