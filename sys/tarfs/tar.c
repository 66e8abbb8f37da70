// sys/tarfs/tar.c: reading and validating a ustar archive into tarfs's
// tree of nodes. Everything is checked before the tree is used: header
// checksums, magic, numeric fields, names (termination, UTF-8, "./"
// prefixes, no ".."), member types, sizes against the archive's end, the
// end-of-archive blocks, and how members fit together (directories implied
// by paths, duplicates, files used as directories, hard link targets).
// Each failure names the member and the byte offset of its header. Headers
// are read one block at a time (tarfs_readat), so an archive in a file is
// indexed without reading its data.
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tarfs.h"

typedef struct Loader {
	Tarfs *t;
	size_t len;
	size_t off;           // offset of the header being read
	uint8_t h[TAR_BLOCK]; // the block at off
	char shown[272];      // the member's name for messages ("" before it is known)
	char *err;
	size_t errcap;
} Loader;

typedef struct Member {
	int type; // 'f' file, 'd' directory, 'h' hard link
	char path[TAR_PREFIXLEN + 1 + TAR_NAMELEN + 1];
	char link[TAR_NAMELEN + 1];
	uint64_t size, mode, uid, gid, mtime;
	char uname[TAR_UGNAMELEN], gname[TAR_UGNAMELEN];
	uint64_t dataoff;
} Member;

__attribute__((format(printf, 2, 3))) static int
fail(Loader *l, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (l->shown[0] != '\0')
		snprintf(l->err, l->errcap, "tar: member \"%s\" (header at offset %zu): %s",
		         l->shown, l->off, what);
	else
		snprintf(l->err, l->errcap, "tar: offset %zu: %s", l->off, what);
	return -1;
}

static char *
copystr(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

// Whether the n bytes at s are UTF-8 as 9P requires: no overlong forms, no
// surrogates, nothing above U+10FFFF.
static int
isutf8(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t c = s[i], min;
		size_t k, j;

		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0)
			k = 1, c &= 0x1F, min = 0x80;
		else if ((c & 0xF0) == 0xE0)
			k = 2, c &= 0x0F, min = 0x800;
		else if ((c & 0xF8) == 0xF0)
			k = 3, c &= 0x07, min = 0x10000;
		else
			return 0;
		if (i + k >= n)
			return 0;
		for (j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (s[i + j] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		i += k + 1;
	}
	return 1;
}

// The member's raw name for messages, made printable.
static void
showname(Loader *l, const uint8_t *h, int gnu)
{
	size_t n = 0, i;
	char *s = l->shown;

	if (!gnu && h[TAR_PREFIX] != '\0') {
		for (i = 0; i < TAR_PREFIXLEN && h[TAR_PREFIX + i] != '\0'; i++)
			s[n++] = h[TAR_PREFIX + i];
		s[n++] = '/';
	}
	for (i = 0; i < TAR_NAMELEN && h[TAR_NAME + i] != '\0'; i++)
		s[n++] = h[TAR_NAME + i];
	s[n] = '\0';
	for (i = 0; i < n; i++)
		if ((uint8_t)s[i] < 0x20 || (uint8_t)s[i] == 0x7F || s[i] == '"')
			s[i] = '?';
}

// A numeric field: optional leading spaces, octal digits, then only spaces
// and NULs to the end of the field.
static int
getoctal(Loader *l, const uint8_t *h, size_t at, size_t n, const char *what, uint64_t *v)
{
	const uint8_t *f = h + at;
	uint64_t x = 0;
	size_t i = 0, digits = 0;

	if (f[0] & 0x80)
		return fail(l, "%s field is in base-256, which ustar does not allow", what);
	while (i < n && f[i] == ' ')
		i++;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++, digits++)
		x = x * 8 + (uint64_t)(f[i] - '0');
	if (digits == 0)
		return fail(l, "%s field (offset %zu) has no octal digits", what, l->off + at);
	for (; i < n; i++)
		if (f[i] != ' ' && f[i] != '\0')
			return fail(l,
			            "%s field (offset %zu) has byte 0x%02x where an octal digit, "
			            "space or NUL belongs",
			            what, l->off + at + i, f[i]);
	*v = x;
	return 0;
}

// A string field: NUL-terminated, or filling the whole field when full is
// allowed; zero bytes after the terminator. Copies it to out (n + 1 bytes).
static int
getstr(Loader *l, const uint8_t *h, size_t at, size_t n, int full, const char *what, char *out)
{
	const uint8_t *f = h + at;
	const uint8_t *z = memchr(f, '\0', n);
	size_t k = z != NULL ? (size_t)(z - f) : n, i;

	if (z == NULL && !full)
		return fail(l, "%s field (offset %zu) is not NUL-terminated", what, l->off + at);
	for (i = k; i < n; i++)
		if (f[i] != '\0')
			return fail(
			        l,
			        "%s field has a non-zero byte after its terminator at offset %zu",
			        what, l->off + at + i);
	if (!isutf8(f, k))
		return fail(l, "%s field is not valid UTF-8", what);
	memcpy(out, f, k);
	out[k] = '\0';
	return 0;
}

static int
iszero(const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

static int
checksum(Loader *l, const uint8_t *h)
{
	uint64_t want, sum = 0;
	int64_t ssum = 0;
	size_t i;

	if (getoctal(l, h, TAR_CHKSUM, 8, "chksum", &want) < 0)
		return -1;
	for (i = 0; i < TAR_BLOCK; i++) {
		uint8_t c = (i >= TAR_CHKSUM && i < TAR_CHKSUM + 8) ? ' ' : h[i];

		sum += c;
		ssum += (int8_t)c;
	}
	// Some old tars summed signed bytes; both are accepted.
	if (want != sum && (int64_t)want != ssum)
		return fail(l, "checksum mismatch: the header says %llo, its bytes sum to %llo",
		            (unsigned long long)want, (unsigned long long)sum);
	return 0;
}

static int
membertype(Loader *l, uint8_t c, Member *m)
{
	switch (c) {
	case '0':
	case '\0':
	case '7': // contiguous file: a regular file (POSIX)
		m->type = 'f';
		return 0;
	case '5':
		m->type = 'd';
		return 0;
	case '1':
		m->type = 'h';
		return 0;
	case '2':
		return fail(l, "symbolic links are not supported: 9P2000 has none "
		               "(put a copy of the target in the image)");
	case '3':
	case '4':
		return fail(l, "device files are not supported (devices are served by devfs)");
	case '6':
		return fail(l, "FIFOs are not supported");
	case 'x':
	case 'g':
		return fail(l, "pax extended headers are not supported (build the image with "
		               "tar --format=ustar)");
	case 'L':
	case 'K':
		return fail(l, "GNU long names are not supported (build the image with "
		               "tar --format=ustar; names up to 255 bytes fit)");
	}
	if (c > 0x20 && c < 0x7F)
		return fail(l, "unknown member type '%c'", c);
	return fail(l, "unknown member type 0x%02x", c);
}

// Decode the header at l->off into m.
static int
readheader(Loader *l, const uint8_t *h, Member *m)
{
	int gnu;
	char name[TAR_NAMELEN + 1], prefix[TAR_PREFIXLEN + 1];

	gnu = memcmp(h + TAR_MAGIC, "ustar ", 6) == 0 && h[TAR_VERSION] == ' ' &&
	      h[TAR_VERSION + 1] == '\0';
	showname(l, h, gnu);
	if (!gnu &&
	    (memcmp(h + TAR_MAGIC, "ustar", 6) != 0 || memcmp(h + TAR_VERSION, "00", 2) != 0))
		return fail(l, "not a ustar header (no \"ustar\" magic at offset %zu)",
		            l->off + TAR_MAGIC);
	if (checksum(l, h) < 0 || membertype(l, h[TAR_TYPE], m) < 0)
		return -1;
	if (getstr(l, h, TAR_NAME, TAR_NAMELEN, 1, "name", name) < 0)
		return -1;
	prefix[0] = '\0';
	if (!gnu && getstr(l, h, TAR_PREFIX, TAR_PREFIXLEN, 1, "prefix", prefix) < 0)
		return -1;
	if (prefix[0] != '\0')
		snprintf(m->path, sizeof m->path, "%s/%s", prefix, name);
	else
		snprintf(m->path, sizeof m->path, "%s", name);
	if (getstr(l, h, TAR_LINKNAME, TAR_NAMELEN, 1, "linkname", m->link) < 0 ||
	    getstr(l, h, TAR_UNAME, TAR_UGNAMELEN, 0, "uname", m->uname) < 0 ||
	    getstr(l, h, TAR_GNAME, TAR_UGNAMELEN, 0, "gname", m->gname) < 0)
		return -1;
	if (getoctal(l, h, TAR_MODE, 8, "mode", &m->mode) < 0 ||
	    getoctal(l, h, TAR_UID, 8, "uid", &m->uid) < 0 ||
	    getoctal(l, h, TAR_GID, 8, "gid", &m->gid) < 0 ||
	    getoctal(l, h, TAR_SIZE, 12, "size", &m->size) < 0 ||
	    getoctal(l, h, TAR_MTIME, 12, "mtime", &m->mtime) < 0)
		return -1;
	if (m->type != 'f' && m->size != 0)
		return fail(l, "a %s must have size 0, not %llu",
		            m->type == 'd' ? "directory" : "hard link",
		            (unsigned long long)m->size);
	return 0;
}

// The lookup hash, keyed by the parent's qid path and the name.
static size_t
hashof(const TarNode *dir, const char *name, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ dir->qid.path;

	while (*name != '\0')
		h = (h ^ (uint8_t)*name++) * 1099511628211ull;
	return (size_t)(h & (n - 1));
}

TarNode *
tarfs_lookup(Tarfs *t, TarNode *dir, const char *name)
{
	TarNode *n;

	if (t->nhash == 0)
		return NULL;
	for (n = t->hash[hashof(dir, name, t->nhash)]; n != NULL; n = n->hnext)
		if (n->parent == dir && strcmp(n->name, name) == 0)
			return n;
	return NULL;
}

static int
growhash(Tarfs *t)
{
	size_t n = t->nhash ? t->nhash * 2 : 64, i;
	TarNode **h = calloc(n, sizeof *h);

	if (h == NULL)
		return -1;
	for (i = 1; i < t->nnodes; i++) {
		TarNode *x = t->nodes[i];
		size_t k = hashof(x->parent, x->name, n);

		x->hnext = h[k];
		h[k] = x;
	}
	free(t->hash);
	t->hash = h;
	t->nhash = n;
	return 0;
}

static int
push(void *arrayp, size_t *n, size_t *cap, void *item)
{
	void ***a = arrayp;

	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		void **b = realloc(*a, c * sizeof *b);

		if (b == NULL)
			return -1;
		*a = b;
		*cap = c;
	}
	(*a)[(*n)++] = item;
	return 0;
}

static TarNode *
newnode(Tarfs *t, TarNode *dir, const char *name, size_t namelen)
{
	TarNode *x = calloc(1, sizeof *x);
	size_t k;

	if (x == NULL || (x->name = copystr(name, namelen)) == NULL) {
		free(x);
		return NULL;
	}
	x->qid.path = t->nnodes;
	x->parent = dir != NULL ? dir : x;
	x->offset = x->implied = -1;
	if (push(&t->nodes, &t->nnodes, &t->capnodes, x) < 0) {
		free(x->name);
		free(x);
		return NULL;
	}
	if (dir == NULL)
		return x;
	if (push(&dir->child, &dir->nchild, &dir->capchild, x) < 0)
		return NULL; // x is in t->nodes, so tarfs_free frees it
	// Growing the table rehashes every node, x included.
	if (t->nnodes > t->nhash)
		return growhash(t) < 0 ? NULL : x;
	k = hashof(dir, x->name, t->nhash);
	x->hnext = t->hash[k];
	t->hash[k] = x;
	return x;
}

static void
setowner(TarNode *x, const Member *m)
{
	char num[24];

	free(x->uid);
	free(x->gid);
	snprintf(num, sizeof num, "%llu", (unsigned long long)m->uid);
	x->uid = copystr(m->uname[0] ? m->uname : num, strlen(m->uname[0] ? m->uname : num));
	snprintf(num, sizeof num, "%llu", (unsigned long long)m->gid);
	x->gid = copystr(m->gname[0] ? m->gname : num, strlen(m->gname[0] ? m->gname : num));
}

// Attributes from the member; only the permission bits of its mode are
// kept (setuid, setgid and sticky have no 9P meaning).
static int
setattrs(Loader *l, TarNode *x, const Member *m, uint32_t dirbit)
{
	x->mode = dirbit | (uint32_t)(m->mode & 0777);
	x->mtime = m->mtime > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)m->mtime;
	x->qid.type = dirbit ? P9_QTDIR : P9_QTFILE;
	setowner(x, m);
	if (x->uid == NULL || x->gid == NULL)
		return fail(l, "out of memory");
	return 0;
}

// The next element of path at *p (skipping empty and "." elements); its
// length, or 0 at the end.
static size_t
nextelem(const char **p)
{
	const char *s = *p, *e;

	for (;;) {
		while (*s == '/')
			s++;
		if (s[0] == '.' && (s[1] == '/' || s[1] == '\0')) {
			s++;
			continue;
		}
		break;
	}
	e = s;
	while (*e != '\0' && *e != '/')
		e++;
	*p = s;
	return (size_t)(e - s);
}

// A directory implied by a member's path (and the root, until a member
// declares it) takes mode 0555, and the mtime and owner of the first member
// under it.
static int
imply(Loader *l, TarNode *x, const Member *m)
{
	if (setattrs(l, x, m, P9_DMDIR) < 0)
		return -1;
	x->mode = P9_DMDIR | 0555;
	x->implied = (long)l->off;
	return 0;
}

// Walk path from the root, creating implied directories unless only
// looking. Returns the parent directory of the last element and leaves the
// last element in *last (length *lastlen; 0 for the root itself).
static TarNode *
walkpath(Loader *l, const char *path, const Member *create, const char **last, size_t *lastlen)
{
	Tarfs *t = l->t;
	TarNode *dir = t->root;
	const char *p = path;
	size_t n = nextelem(&p);
	char elem[TAR_NAMELEN + TAR_PREFIXLEN + 2];

	if (path[0] == '/') {
		fail(l, "absolute name \"%s\" (names must be relative to the archive root)", path);
		return NULL;
	}
	while (n > 0) {
		const char *q = p + n;
		size_t k = nextelem(&q);
		TarNode *x;

		memcpy(elem, p, n);
		elem[n] = '\0';
		if (strcmp(elem, "..") == 0) {
			fail(l, "name contains \"..\"");
			return NULL;
		}
		if (k == 0) {
			*last = p;
			*lastlen = n;
			return dir;
		}
		x = tarfs_lookup(t, dir, elem);
		if (x == NULL && !create) {
			fail(l, "\"%s\" does not exist", path);
			return NULL;
		}
		if (x == NULL) {
			x = newnode(t, dir, elem, n);
			if (x == NULL) {
				fail(l, "out of memory");
				return NULL;
			}
			if (imply(l, x, create) < 0)
				return NULL;
		} else if (!(x->mode & P9_DMDIR)) {
			fail(l, "\"%s\" is not a directory (it is the member at offset %ld)", elem,
			     x->offset);
			return NULL;
		}
		dir = x;
		p = q;
		n = k;
	}
	*last = p;
	*lastlen = 0;
	return dir;
}

static int
addmember(Loader *l, Member *m)
{
	Tarfs *t = l->t;
	const char *last;
	size_t lastlen;
	TarNode *dir, *x, *target = NULL;
	char name[TAR_NAMELEN + TAR_PREFIXLEN + 2];

	if (m->type == 'h') {
		TarNode *ld = walkpath(l, m->link, NULL, &last, &lastlen);

		if (ld == NULL)
			return fail(l, "hard link to \"%s\", which is not an earlier member",
			            m->link);
		memcpy(name, last, lastlen);
		name[lastlen] = '\0';
		target = lastlen ? tarfs_lookup(t, ld, name) : ld;
		if (target == NULL)
			return fail(l, "hard link to \"%s\", which is not an earlier member",
			            m->link);
		if (target->mode & P9_DMDIR)
			return fail(l, "hard link to the directory \"%s\"", m->link);
	}
	if (t->root->offset == -1 && t->root->implied == -1 && imply(l, t->root, m) < 0)
		return -1;
	dir = walkpath(l, m->path, m, &last, &lastlen);
	if (dir == NULL)
		return -1;
	if (lastlen == 0) {
		// The root itself ("./", "."): it can only be a directory.
		if (m->type != 'd')
			return fail(l, "names the root directory but is not a directory");
		if (dir->offset != -1)
			return fail(l,
			            "duplicate member: the root was already declared at offset %ld",
			            dir->offset);
		dir->offset = (long)l->off;
		return setattrs(l, dir, m, P9_DMDIR);
	}
	memcpy(name, last, lastlen);
	name[lastlen] = '\0';
	if (m->type != 'd' && last[lastlen] == '/')
		return fail(l, "a name ending in '/' must be a directory");
	x = tarfs_lookup(t, dir, name);
	if (x != NULL && x->offset != -1)
		return fail(l, "duplicate member: \"%s\" was already declared at offset %ld",
		            m->path, x->offset);
	if (x != NULL && m->type != 'd')
		return fail(l, "\"%s\" is a directory implied by the member at offset %ld", m->path,
		            x->implied);
	if (x == NULL && (x = newnode(t, dir, name, lastlen)) == NULL)
		return fail(l, "out of memory");
	x->offset = (long)l->off;
	if (m->type == 'd')
		return setattrs(l, x, m, P9_DMDIR);
	if (setattrs(l, x, m, 0) < 0)
		return -1;
	if (target != NULL) {
		x->dataoff = target->dataoff;
		x->length = target->length;
		x->qid.path = target->qid.path; // the same file under two names
		return 0;
	}
	x->dataoff = m->dataoff;
	x->length = m->size;
	t->nbytes += m->size;
	return 0;
}

// Read the block at off into l->h.
static int
readblock(Loader *l, size_t off)
{
	char why[200];

	if (tarfs_readat(l->t, l->h, TAR_BLOCK, off, why, sizeof why) < 0)
		return fail(l, "%s", why);
	return 0;
}

// The end of the archive: two zero blocks. What follows them (tar pads to
// whole records) is ignored.
static int
endblocks(Loader *l)
{
	l->shown[0] = '\0';
	if (l->len - l->off < 2 * TAR_BLOCK)
		return fail(l,
		            "archive truncated: one zero block, but the end of an archive is two "
		            "(%zu bytes left)",
		            l->len - l->off);
	if (readblock(l, l->off + TAR_BLOCK) < 0)
		return -1;
	if (!iszero(l->h, TAR_BLOCK))
		return fail(l, "a lone zero block inside the archive");
	return 0;
}

static int
loadall(Loader *l)
{
	Member m;

	for (l->off = 0;;) {
		size_t left, padded;

		l->shown[0] = '\0';
		if (l->off == l->len)
			return fail(l,
			            "archive truncated: it ends without the two zero blocks that "
			            "close an archive");
		if (l->len - l->off < TAR_BLOCK)
			return fail(l,
			            "archive truncated: %zu bytes where a 512-byte header belongs",
			            l->len - l->off);
		if (readblock(l, l->off) < 0)
			return -1;
		if (iszero(l->h, TAR_BLOCK))
			return endblocks(l);
		memset(&m, 0, sizeof m);
		if (readheader(l, l->h, &m) < 0)
			return -1;
		left = l->len - l->off - TAR_BLOCK;
		if (m.size > left)
			return fail(l,
			            "size %llu runs past the end of the archive (%zu bytes left "
			            "after the header)",
			            (unsigned long long)m.size, left);
		padded = (size_t)(m.size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
		if (padded > left)
			return fail(l,
			            "data padded to %zu bytes runs past the end of the archive "
			            "(%zu bytes left after the header)",
			            padded, left);
		m.dataoff = l->off + TAR_BLOCK;
		if (addmember(l, &m) < 0)
			return -1;
		l->off += TAR_BLOCK + padded;
	}
}

int
tarfs_readat(Tarfs *t, void *buf, size_t n, uint64_t off, char *err, size_t errcap)
{
	uint8_t *b = buf;
	size_t got = 0;

	if (off > t->len || n > t->len - off) {
		snprintf(err, errcap, "bytes %llu..%llu lie past the archive's end (%llu bytes)",
		         (unsigned long long)off, (unsigned long long)(off + n),
		         (unsigned long long)t->len);
		return -1;
	}
	if (t->mem != NULL) {
		memcpy(buf, t->mem + off, n);
		return 0;
	}
	while (got < n) {
		ssize_t k = pread(t->fd, b + got, n - got, (off_t)(off + got));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			snprintf(err, errcap, "reading the archive at offset %llu: %s",
			         (unsigned long long)(off + got), strerror(errno));
			return -1;
		}
		if (k == 0) {
			snprintf(err, errcap,
			         "the archive file ends at offset %llu, before its length %llu "
			         "(did it change?)",
			         (unsigned long long)(off + got), (unsigned long long)t->len);
			return -1;
		}
		got += (size_t)k;
	}
	return 0;
}

// Load the archive t->mem or t->fd describes (t->len bytes).
static int
load(Tarfs *t, char *err, size_t errcap)
{
	Loader l = {.t = t, .len = (size_t)t->len, .err = err, .errcap = errcap};
	Member none;
	size_t i;

	memset(&none, 0, sizeof none);
	t->root = newnode(t, NULL, "/", 1);
	if (t->root == NULL || growhash(t) < 0) {
		tarfs_free(t);
		return fail(&l, "out of memory");
	}
	if (imply(&l, t->root, &none) < 0)
		goto bad;
	t->root->implied = -1;
	if (loadall(&l) < 0)
		goto bad;
	for (i = 1; i < t->nnodes; i++) {
		if (t->nodes[i]->mode & P9_DMDIR)
			t->ndirs++;
		else
			t->nfiles++;
	}
	return 0;
bad:
	tarfs_free(t);
	return -1;
}

int
tarfs_load(Tarfs *t, const uint8_t *buf, size_t len, char *err, size_t errcap)
{
	static const uint8_t none[1];

	memset(t, 0, sizeof *t);
	t->mem = buf != NULL ? buf : none;
	t->fd = -1;
	t->len = buf != NULL ? len : 0;
	return load(t, err, errcap);
}

int
tarfs_loadfd(Tarfs *t, int fd, uint64_t len, char *err, size_t errcap)
{
	memset(t, 0, sizeof *t);
	t->fd = fd;
	t->len = len;
	if (len > (size_t)-1) {
		snprintf(err, errcap, "tar: the archive's %llu bytes are too many to index",
		         (unsigned long long)len);
		return -1;
	}
	return load(t, err, errcap);
}

void
tarfs_free(Tarfs *t)
{
	size_t i;

	for (i = 0; i < t->nnodes; i++) {
		TarNode *x = t->nodes[i];

		free(x->name);
		free(x->uid);
		free(x->gid);
		free(x->child);
		free(x);
	}
	free(t->nodes);
	free(t->hash);
	free(t->rbuf);
	memset(t, 0, sizeof *t);
	t->fd = -1;
}
