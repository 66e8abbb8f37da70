// kernel/lib/tar_test.c: host tests of the ustar reader (lib/tar.c) on
// archives built here, valid and malformed.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tar.h"
#include "tap/tap.h"

static uint8_t ar[16384];
static uint64_t arlen;
static char err[128];

static void
checksum(uint8_t *h)
{
	unsigned sum = 0;

	memset(h + 148, ' ', 8);
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	h[155] = ' ';
}

// Append a member; returns its header.
static uint8_t *
add(const char *prefix, const char *name, size_t namelen, char type, const char *data)
{
	uint8_t *h = ar + arlen;
	size_t n = strlen(data);

	memset(h, 0, 512);
	memcpy(h, name, namelen);
	if (prefix)
		memcpy(h + 345, prefix, strlen(prefix));
	memcpy(h + 100, "0000644", 8);
	snprintf((char *)h + 124, 12, "%011o", (unsigned)n);
	h[156] = (uint8_t)type;
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	checksum(h);
	memcpy(h + 512, data, n);
	arlen += 512 + (n + 511) / 512 * 512;
	return h;
}

static void
finish(void)
{
	memset(ar + arlen, 0, 1024);
	arlen += 1024;
}

static void
build(void)
{
	arlen = 0;
	memset(ar, 0, sizeof ar);
	add(NULL, "./bin/", 6, '5', "");
	add(NULL, "./bin/init", 10, '0', "INIT PROGRAM");
	add(NULL, "bin/sh", 6, '0', "");
	add("a/very/long/prefix", "file", 4, '0', "in a prefixed dir");
}

static int
find(const char *name, struct tarent *e)
{
	return tar_find(ar, arlen, name, e, err, sizeof err);
}

static void
bad(const char *want, const char *what)
{
	struct tarent e;
	int r = find("zzz", &e);

	tap_ok(r == -1 && strstr(err, want) != NULL, "%s: \"%s\"", what,
	       r == -1 ? err : "accepted");
}

int
main(void)
{
	struct tarent e;
	char longname[100];
	uint8_t *h;

	build();
	finish();
	tap_ok(find("bin/init", &e) == 1 && e.size == 12 && memcmp(e.data, "INIT PROGRAM", 12) == 0,
	       "finds ./bin/init as bin/init with its data");
	tap_ok(find("bin/sh", &e) == 1 && e.size == 0, "finds an empty file");
	tap_ok(find("a/very/long/prefix/file", &e) == 1 && e.size == 17, "joins prefix and name");
	tap_ok(find("bin", &e) == 0 && find("bin/", &e) == 0, "a directory is not a file");
	tap_ok(find("bin/nope", &e) == 0, "missing file: not found");

	build();
	tap_ok(find("bin/sh", &e) == 1 && find("nope", &e) == 0,
	       "archive ending without the zero blocks at a block boundary");

	build();
	memset(longname, 'x', sizeof longname);
	add(NULL, longname, 100, '0', "long");
	finish();
	tap_ok(find("bin/init", &e) == 1, "100-byte name without NUL is read within its field");
	memset(longname + 99, 0, 1);
	tap_ok(find(longname, &e) == 0, "...and not read past it");

	build();
	h = add(NULL, "bad", 3, '0', "x");
	h[0] = 'c';
	finish();
	bad("checksum", "bad checksum");

	build();
	h = add(NULL, "bad", 3, '0', "x");
	memcpy(h + 124, "00000000x01", 11);
	checksum(h);
	finish();
	bad("size field", "size field garbage");

	build();
	h = add(NULL, "bad", 3, '0', "x");
	memset(h + 124, ' ', 12);
	checksum(h);
	finish();
	bad("size field", "size field with no digits");

	build();
	h = add(NULL, "bad", 3, '0', "x");
	h[124] = 0x80;
	checksum(h);
	finish();
	bad("size field", "base-256 size");

	build();
	h = add(NULL, "bad", 3, '0', "x");
	snprintf((char *)h + 124, 12, "%011o", 077777777);
	checksum(h);
	finish();
	bad("runs past the end", "size beyond the end of the archive");

	build();
	h = add(NULL, "bad", 3, '0', "x");
	memcpy(h + 257, "nope!", 5);
	checksum(h);
	finish();
	bad("bad magic", "bad magic");

	build();
	arlen += 100;
	bad("truncated", "truncated in a header");

	build();
	h = add(NULL, "bad", 3, '0', "0123456789");
	arlen -= 512;
	bad("runs past the end", "truncated in file data");

	arlen = 1024;
	memset(ar, 0, 1024);
	tap_ok(find("x", &e) == 0, "empty archive");
	tap_ok(tar_find(ar, 0, "x", &e, err, sizeof err) == 0, "zero-length archive");

	// Random corruption must never crash (ASan watches) or loop.
	srand(2);
	int odd = 0;
	for (int i = 0; i < 20000; i++) {
		build();
		finish();
		for (int k = 0; k < 3; k++)
			ar[rand() % arlen] = (uint8_t)rand();
		uint64_t len = (uint64_t)rand() % (arlen + 1);
		int r = tar_find(ar, len, "bin/init", &e, err, sizeof err);

		if (r == 1 && (e.data < ar || e.data + e.size > ar + len))
			odd++;
	}
	tap_ok(odd == 0, "20000 randomly corrupted archives handled; data always inside");
	return tap_done();
}
