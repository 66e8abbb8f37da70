// kernel/lib/tar.c: the ustar reader (see tar.h). Header layout (POSIX
// ustar, 512-byte blocks): name[100] at 0, size[12] octal at 124, chksum[8]
// at 148, typeflag at 156, magic "ustar" at 257, prefix[155] at 345. Data
// follows the header, padded to 512 bytes; two zero blocks end the archive.
#include "lib/tar.h"

#include "lib/fmt.h"

#define BLK 512

static int
zeroblock(const uint8_t *h)
{
	for (int i = 0; i < BLK; i++)
		if (h[i] != 0)
			return 0;
	return 1;
}

// Parse an octal field: optional leading spaces, octal digits, then NUL or
// spaces to the end. Returns 0 or -1 for anything else.
static int
octal(const uint8_t *f, int n, uint64_t *v)
{
	int i = 0, ndig = 0;

	*v = 0;
	while (i < n && f[i] == ' ')
		i++;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++, ndig++) {
		if (*v >> 60)
			return -1;
		*v = *v << 3 | (uint64_t)(f[i] - '0');
	}
	for (; i < n; i++)
		if (f[i] != ' ' && f[i] != '\0')
			return -1;
	return ndig > 0 ? 0 : -1;
}

static int
checksum(const uint8_t *h)
{
	uint64_t want;
	uint32_t usum = 0;
	int32_t ssum = 0;

	if (octal(h + 148, 8, &want) < 0)
		return -1;
	for (int i = 0; i < BLK; i++) {
		uint8_t c = (i >= 148 && i < 156) ? ' ' : h[i];

		usum += c;
		ssum += (int8_t)c;
	}
	return (want == usum || (int64_t)want == ssum) ? 0 : -1;
}

// Copy a field of at most n bytes that may lack its NUL.
static int
field(char *dst, int at, const uint8_t *src, int n)
{
	int i;

	for (i = 0; i < n && src[i] != '\0'; i++)
		dst[at + i] = (char)src[i];
	dst[at + i] = '\0';
	return at + i;
}

static void
setname(struct tarent *e, const uint8_t *h)
{
	int at = 0;
	char *p = e->name;

	if (h[345] != '\0') {
		at = field(e->name, 0, h + 345, 155);
		e->name[at++] = '/';
	}
	field(e->name, at, h, 100);
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	while (p[0] == '/')
		p++;
	if (p != e->name) {
		int i = 0;

		while ((e->name[i] = p[i]) != '\0')
			i++;
	}
}

void
tar_start(struct tariter *it, const uint8_t *buf, uint64_t len)
{
	it->buf = buf;
	it->len = len;
	it->off = 0;
}

int
tar_next(struct tariter *it, struct tarent *e, char *err, int errlen)
{
	const uint8_t *h;
	uint64_t size, padded;

	if (it->off == it->len)
		return 0;
	if (it->len - it->off < BLK)
		return fail(err, errlen, "archive truncated in header at offset %llu",
		            (unsigned long long)it->off);
	h = it->buf + it->off;
	if (zeroblock(h))
		return 0;
	if (h[257] != 'u' || h[258] != 's' || h[259] != 't' || h[260] != 'a' || h[261] != 'r')
		return fail(err, errlen, "not a ustar archive (bad magic at offset %llu)",
		            (unsigned long long)it->off);
	if (checksum(h) < 0)
		return fail(err, errlen, "bad header checksum at offset %llu",
		            (unsigned long long)it->off);
	if (h[124] & 0x80 || octal(h + 124, 12, &size) < 0)
		return fail(err, errlen, "bad size field in header at offset %llu",
		            (unsigned long long)it->off);
	padded = (size + BLK - 1) / BLK * BLK;
	if (size > it->len - it->off - BLK)
		return fail(err, errlen,
		            "member at offset %llu: size %llu runs past the end of the archive",
		            (unsigned long long)it->off, (unsigned long long)size);
	e->off = it->off;
	e->type = h[156] == '\0' ? '0' : (char)h[156];
	e->size = size;
	e->data = h + BLK;
	setname(e, h);
	it->off += BLK + padded;
	if (it->off > it->len)
		it->off = it->len;
	return 1;
}

static int
streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int
tar_find(const uint8_t *buf, uint64_t len, const char *name, struct tarent *e, char *err,
         int errlen)
{
	struct tariter it;
	int r;

	tar_start(&it, buf, len);
	while ((r = tar_next(&it, e, err, errlen)) == 1)
		if ((e->type == '0' || e->type == '7') && streq(e->name, name))
			return 1;
	return r;
}
