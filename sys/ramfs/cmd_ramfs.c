// sys/ramfs/cmd_ramfs.c: the ramfs command: serve an empty in-memory file
// tree over 9P2000 on a pair of file descriptors (standard input and
// output unless -i/-o name others) until the client hangs up. See
// docs/man/ramfs.8.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ramfs.h"

static void
usage(void)
{
	fprintf(stderr, "usage: ramfs [-i infd] [-o outfd] [-m msize] [-s size[kmg]] [-u owner] "
	                "[-p perm]\n");
	exit(2);
}

// A number in base (10 or 8) with an optional k/m/g suffix when sized.
static uint64_t
number(const char *flag, const char *s, int base, int sized, uint64_t max)
{
	char *end;
	unsigned long long v = strtoull(s, &end, base);
	uint64_t mul = 1;

	if (sized && *end != '\0' && end[1] == '\0') {
		if (*end == 'k' || *end == 'K')
			mul = 1ull << 10;
		else if (*end == 'm' || *end == 'M')
			mul = 1ull << 20;
		else if (*end == 'g' || *end == 'G')
			mul = 1ull << 30;
		if (mul != 1)
			end++;
	}
	if (*s == '\0' || *s == '-' || *end != '\0' || v > max / mul) {
		fprintf(stderr, "ramfs: %s: bad value \"%s\"\n", flag, s);
		exit(2);
	}
	return v * mul;
}

static uint32_t
clock_now(void)
{
	return (uint32_t)time(NULL);
}

int
main(int argc, char **argv)
{
	int infd = 0, outfd = 1, rc = 0, i;
	uint64_t msize = 0, limit = 64ull << 20, perm = 0777;
	const char *owner = "none";
	Ramfs fs;
	P9Srv s;

	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-i") == 0)
			infd = (int)number("-i", argv[++i], 10, 0, 1 << 20);
		else if (strcmp(argv[i], "-o") == 0)
			outfd = (int)number("-o", argv[++i], 10, 0, 1 << 20);
		else if (strcmp(argv[i], "-m") == 0)
			msize = number("-m", argv[++i], 10, 1, 1 << 24);
		else if (strcmp(argv[i], "-s") == 0)
			limit = number("-s", argv[++i], 10, 1, 1ull << 48);
		else if (strcmp(argv[i], "-p") == 0)
			perm = number("-p", argv[++i], 8, 0, 0777);
		else if (strcmp(argv[i], "-u") == 0 && argv[i + 1][0] != '\0')
			owner = argv[++i];
		else
			usage();
	}
	if (msize != 0 && msize < P9_MINMSIZE) {
		fprintf(stderr, "ramfs: msize %llu is below the minimum %d\n",
		        (unsigned long long)msize, P9_MINMSIZE);
		return 2;
	}
	if (ramfs_init(&fs, owner, (uint32_t)perm, limit) < 0) {
		fprintf(stderr, "ramfs: out of memory\n");
		return 1;
	}
	fs.now = clock_now;
	p9_srv_init(&s, &ramfs_ops, &fs);
	if (msize != 0)
		s.maxmsize = (uint32_t)msize;
	if (p9_srv_serve(&s, infd, outfd) < 0) {
		fprintf(stderr, "ramfs: %s\n", s.lasterr);
		rc = 1;
	}
	ramfs_free(&fs);
	return rc;
}
