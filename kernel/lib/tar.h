// kernel/lib/tar.h: a reader of POSIX ustar archives held in memory (the
// boot image). Every header is checked (checksum, magic, size, names) and
// nothing outside the buffer is ever read. Pure code, unit-tested on the host.
#ifndef KLIB_TAR_H
#define KLIB_TAR_H

#include <stdint.h>

#define TAR_NAMEMAX 256

struct tarent {
	char name[TAR_NAMEMAX]; // prefix/name, without a leading "./" or "/"
	char type;              // '0' regular file, '5' directory, ...
	const uint8_t *data;
	uint64_t size;
	uint64_t off; // offset of the header in the archive
};

struct tariter {
	const uint8_t *buf;
	uint64_t len, off;
};

void tar_start(struct tariter *it, const uint8_t *buf, uint64_t len);
// The next member: 1 and e filled, 0 at the end of the archive, or -1 with a
// reason in err for a malformed archive.
int tar_next(struct tariter *it, struct tarent *e, char *err, int errlen);
// Find the regular file called name (no leading '/'): 1 found, 0 absent,
// -1 malformed (err says why).
int tar_find(const uint8_t *buf, uint64_t len, const char *name, struct tarent *e, char *err,
             int errlen);

#endif
