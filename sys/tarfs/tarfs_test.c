// sys/tarfs/tarfs_test.c: tests of tarfs. Archives are built in memory by a
// small ustar writer (below) or by GNU tar; malformed ones must be refused
// by tarfs_load with exact messages; good ones are served over a socketpair
// and driven by the client in sys/testclient.h through every 9P request.
// Every test runs twice: with the archive in memory (tarfs_load) and in a
// file read with pread (tarfs_loadfd); test_file covers what only the file
// mode has (data read on demand, read errors).
#include <stdarg.h>
#include <stdint.h>
#include <unistd.h>

#include "../testclient.h"
#include "tarfs.h"

// An archive under construction.
typedef struct Ar {
	uint8_t *b;
	size_t len, cap;
	size_t last; // offset of the last header
} Ar;

static void
ar_grow(Ar *a, size_t n)
{
	if (a->len + n > a->cap) {
		a->cap = (a->len + n) * 2;
		a->b = realloc(a->b, a->cap);
	}
	memset(a->b + a->len, 0, n);
}

static void
ar_sum(uint8_t *h)
{
	unsigned sum = 0, i;

	memset(h + TAR_CHKSUM, ' ', 8);
	for (i = 0; i < TAR_BLOCK; i++)
		sum += h[i];
	snprintf((char *)h + TAR_CHKSUM, 8, "%06o", sum);
}

// A header with everything but the checksum; the caller may damage it and
// call ar_sum.
static uint8_t *
ar_header(Ar *a, const char *path, char type, unsigned mode, uint64_t size, const char *link)
{
	uint8_t *h;
	const char *slash = NULL;
	size_t n = strlen(path);

	ar_grow(a, TAR_BLOCK);
	a->last = a->len;
	h = a->b + a->len;
	a->len += TAR_BLOCK;
	if (n > TAR_NAMELEN) {
		slash = path + n - TAR_NAMELEN - 1;
		while (*slash != '/')
			slash++;
		memcpy(h + TAR_PREFIX, path, (size_t)(slash - path));
		path = slash + 1;
	}
	memcpy(h + TAR_NAME, path, strlen(path));
	snprintf((char *)h + TAR_MODE, 8, "%07o", mode);
	snprintf((char *)h + TAR_UID, 8, "%07o", 1000u);
	snprintf((char *)h + TAR_GID, 8, "%07o", 1000u);
	snprintf((char *)h + TAR_SIZE, 12, "%011llo", (unsigned long long)size);
	snprintf((char *)h + TAR_MTIME, 12, "%011o", 1700000000u);
	h[TAR_TYPE] = (uint8_t)type;
	if (link != NULL)
		memcpy(h + TAR_LINKNAME, link, strlen(link));
	memcpy(h + TAR_MAGIC, "ustar", 6);
	memcpy(h + TAR_VERSION, "00", 2);
	memcpy(h + TAR_UNAME, "glenda", 6);
	memcpy(h + TAR_GNAME, "sys", 3);
	ar_sum(h);
	return h;
}

static void
ar_data(Ar *a, const void *data, size_t n)
{
	size_t padded = (n + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;

	ar_grow(a, padded);
	memcpy(a->b + a->len, data, n);
	a->len += padded;
}

static void
ar_file(Ar *a, const char *path, unsigned mode, const char *data)
{
	ar_header(a, path, '0', mode, strlen(data), NULL);
	ar_data(a, data, strlen(data));
}

static void
ar_dir(Ar *a, const char *path, unsigned mode)
{
	ar_header(a, path, '5', mode, 0, NULL);
}

static void
ar_end(Ar *a)
{
	ar_grow(a, 2 * TAR_BLOCK);
	a->len += 2 * TAR_BLOCK;
}

// Whether archives are loaded from a file (tarfs_loadfd) or memory.
static int viafile;

// A temporary file holding the n bytes at b; its fd, or -1.
static int
tmpwith(const uint8_t *b, size_t n)
{
	char path[] = "/tmp/tarfs_test.XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	unlink(path);
	if (write(fd, b, n) != (ssize_t)n) {
		close(fd);
		return -1;
	}
	return fd;
}

// Load the n bytes at b the current way.
static int
tload(Tarfs *t, const uint8_t *b, size_t n, char *err, size_t errcap)
{
	int fd;

	if (!viafile)
		return tarfs_load(t, b, n, err, errcap);
	if ((fd = tmpwith(b, n)) < 0) {
		snprintf(err, errcap, "cannot make a temporary file");
		return -1;
	}
	if (tarfs_loadfd(t, fd, n, err, errcap) < 0) {
		close(fd);
		return -1;
	}
	return 0;
}

// Free t and close its file, if any.
static void
tfree(Tarfs *t)
{
	int fd = t->fd;

	tarfs_free(t);
	if (fd >= 0)
		close(fd);
}

// Load a; returns the error message ("" when it loaded).
static const char *
loaderr(Ar *a)
{
	static char err[512];
	Tarfs t;

	err[0] = '\0';
	if (tload(&t, a->b, a->len, err, sizeof err) == 0)
		tfree(&t);
	return err;
}

static int
erreq(Ar *a, const char *want)
{
	const char *got = loaderr(a);

	if (strcmp(got, want) == 0)
		return 1;
	tap_diag("got:  %s", got);
	tap_diag("want: %s", want);
	return 0;
}

// One member "x" whose header the caller damages; returns the header.
static uint8_t *
one(Ar *a, const char *name)
{
	memset(a, 0, sizeof *a);
	ar_header(a, name, '0', 0644, 3, NULL);
	ar_data(a, "abc", 3);
	ar_end(a);
	return a->b + a->last;
}

static void
test_malformed(void)
{
	Ar a = {0};
	uint8_t *h;

	tap_ok(erreq(&a, "tar: offset 0: archive truncated: it ends without the two zero blocks "
	                 "that close an archive"),
	       "an empty file is refused");
	h = one(&a, "x");
	a.len = 1024 + 188;
	tap_ok(erreq(&a, "tar: offset 1024: archive truncated: 188 bytes where a 512-byte header "
	                 "belongs"),
	       "truncated inside a header");
	a.len = 700;
	tap_ok(erreq(&a, "tar: member \"x\" (header at offset 0): data padded to 512 bytes runs "
	                 "past the end of the archive (188 bytes left after the header)"),
	       "truncated inside a member's data padding");
	a.len = 514;
	tap_ok(erreq(&a, "tar: member \"x\" (header at offset 0): size 3 runs past the end of the "
	                 "archive (2 bytes left after the header)"),
	       "truncated inside a member's data");
	a.len = 1024;
	tap_ok(erreq(&a, "tar: offset 1024: archive truncated: it ends without the two zero "
	                 "blocks that close an archive"),
	       "no end-of-archive blocks");
	a.len = 1536;
	tap_ok(erreq(&a, "tar: offset 1024: archive truncated: one zero block, but the end of an "
	                 "archive is two (512 bytes left)"),
	       "only one end-of-archive block");
	a.len = 300;
	tap_ok(erreq(&a, "tar: offset 0: archive truncated: 300 bytes where a 512-byte header "
	                 "belongs"),
	       "truncated first header");
	free(a.b);

	h = one(&a, "x");
	h[TAR_NAME + 1] = 'y';
	{
		unsigned long old = strtoul((char *)h + TAR_CHKSUM, NULL, 8);
		char want[256];

		snprintf(want, sizeof want,
		         "tar: member \"xy\" (header at offset 0): checksum mismatch: the header "
		         "says %lo, its bytes sum to %lo",
		         old, old + 'y');
		tap_ok(erreq(&a, want), "bad checksum");
	}
	free(a.b);

	h = one(&a, "x");
	memcpy(h + TAR_SIZE, "77777777777", 11);
	ar_sum(h);
	tap_ok(erreq(&a,
	             "tar: member \"x\" (header at offset 0): size 8589934591 runs past the end "
	             "of the archive (1536 bytes left after the header)"),
	       "size overflowing the archive");
	free(a.b);

	h = one(&a, "x");
	memcpy(h + TAR_SIZE, "00000003001", 11);
	ar_sum(h);
	tap_ok(erreq(&a, "tar: member \"x\" (header at offset 0): size 1537 runs past the end of "
	                 "the archive (1536 bytes left after the header)"),
	       "a size one byte too large for the archive");
	free(a.b);

	h = one(&a, "x");
	h[TAR_SIZE] = 0x80;
	ar_sum(h);
	tap_ok(erreq(&a, "tar: member \"x\" (header at offset 0): size field is in base-256, which "
	                 "ustar does not allow"),
	       "base-256 size");
	free(a.b);

	h = one(&a, "x");
	h[TAR_SIZE + 5] = '9';
	ar_sum(h);
	tap_ok(erreq(&a, "tar: member \"x\" (header at offset 0): size field (offset 129) has byte "
	                 "0x39 where an octal digit, space or NUL belongs"),
	       "non-octal digit in size (message gives the byte's offset)");
	free(a.b);

	h = one(&a, "x");
	memset(h + TAR_MODE, ' ', 8);
	ar_sum(h);
	tap_ok(erreq(&a, "tar: member \"x\" (header at offset 0): mode field (offset 100) has no "
	                 "octal digits"),
	       "empty mode field");
	free(a.b);

	h = one(&a, "x");
	memset(h + TAR_UNAME, 'u', 32);
	ar_sum(h);
	tap_ok(erreq(&a, "tar: member \"x\" (header at offset 0): uname field (offset 265) is not "
	                 "NUL-terminated"),
	       "uname not terminated");
	free(a.b);

	h = one(&a, "x");
	h[TAR_NAME + 50] = 'z';
	ar_sum(h);
	tap_ok(erreq(&a, "tar: member \"x\" (header at offset 0): name field has a non-zero byte "
	                 "after its terminator at offset 50"),
	       "name with bytes after its terminator");
	free(a.b);

	h = one(&a, "x");
	h[TAR_NAME + 1] = (char)0xC3;
	ar_sum(h);
	tap_ok(erreq(&a, "tar: member \"x\xC3\" (header at offset 0): name field is not valid "
	                 "UTF-8"),
	       "name that is not UTF-8");
	free(a.b);

	h = one(&a, "x");
	memcpy(h + TAR_MAGIC, "ustaR", 5);
	ar_sum(h);
	tap_ok(erreq(&a, "tar: member \"x\" (header at offset 0): not a ustar header (no \"ustar\" "
	                 "magic at offset 257)"),
	       "bad magic");
	free(a.b);
}

static void
test_types(void)
{
	static const struct {
		char type;
		const char *why;
	} bad[] = {
	        {'2', "symbolic links are not supported: 9P2000 has none (put a copy of the "
	              "target in the image)"},
	        {'3', "device files are not supported (devices are served by devfs)"},
	        {'4', "device files are not supported (devices are served by devfs)"},
	        {'6', "FIFOs are not supported"},
	        {'x', "pax extended headers are not supported (build the image with tar "
	              "--format=ustar)"},
	        {'g', "pax extended headers are not supported (build the image with tar "
	              "--format=ustar)"},
	        {'L', "GNU long names are not supported (build the image with tar "
	              "--format=ustar; names up to 255 bytes fit)"},
	        {'Q', "unknown member type 'Q'"},
	        {1, "unknown member type 0x01"},
	};
	char want[512];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		Ar a = {0};

		ar_file(&a, "ok", 0644, "fine");
		ar_header(&a, "d/bad", bad[i].type, 0644, 0, "target");
		ar_end(&a);
		snprintf(want, sizeof want, "tar: member \"d/bad\" (header at offset 1024): %s",
		         bad[i].why);
		tap_ok(erreq(&a, want), "member type 0x%02x refused: %s", bad[i].type, bad[i].why);
		free(a.b);
	}
}

// Archives whose headers are fine but whose members do not fit together.
static void
test_structure(void)
{
	static const struct {
		const char *what;
		const char *a[3]; // "f:name", "d:name", "h:name>target"
		const char *err;
	} cases[] = {
	        {"duplicate file",
	         {"f:a", "f:./a"},
	         "member \"./a\" (header at offset 1024): duplicate member: \"./a\" was already "
	         "declared at offset 0"},
	        {"duplicate directory",
	         {"d:d/", "d:d"},
	         "member \"d\" (header at offset 512): duplicate member: \"d\" was already "
	         "declared at offset 0"},
	        {"file where a directory was implied",
	         {"f:d/x", "f:d"},
	         "member \"d\" (header at offset 1024): \"d\" is a directory implied by the "
	         "member at offset 0"},
	        {"file used as a directory",
	         {"f:a", "f:a/b"},
	         "member \"a/b\" (header at offset 1024): \"a\" is not a directory (it is the "
	         "member at offset 0)"},
	        {"absolute name",
	         {"f:/etc/passwd"},
	         "member \"/etc/passwd\" (header at offset 0): absolute name \"/etc/passwd\" "
	         "(names must be relative to the archive root)"},
	        {"dot-dot",
	         {"f:a/../b"},
	         "member \"a/../b\" (header at offset 0): name contains \"..\""},
	        {"hard link to nothing",
	         {"h:l>nothere"},
	         "member \"l\" (header at offset 0): hard link to \"nothere\", which is not an "
	         "earlier member"},
	        {"hard link to a directory",
	         {"d:d", "h:l>d"},
	         "member \"l\" (header at offset 512): hard link to the directory \"d\""},
	        {"root as a file",
	         {"f:./"},
	         "member \"./\" (header at offset 0): names the root directory but is not a "
	         "directory"},
	        {"root twice",
	         {"d:./", "d:."},
	         "member \".\" (header at offset 512): duplicate member: the root was already "
	         "declared at offset 0"},
	        {"file name ending in /",
	         {"f:a/"},
	         "member \"a/\" (header at offset 0): a name ending in '/' must be a directory"},
	};
	size_t i, j;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		Ar a = {0};
		char want[512];

		for (j = 0; j < 3 && cases[i].a[j] != NULL; j++) {
			const char *s = cases[i].a[j] + 2;
			char name[64], *gt;

			snprintf(name, sizeof name, "%s", s);
			if (cases[i].a[j][0] == 'f') {
				ar_file(&a, name, 0644, "data");
			} else if (cases[i].a[j][0] == 'd') {
				ar_dir(&a, name, 0755);
			} else {
				gt = strchr(name, '>');
				*gt = '\0';
				ar_header(&a, name, '1', 0644, 0, gt + 1);
			}
		}
		ar_end(&a);
		snprintf(want, sizeof want, "tar: %s", cases[i].err);
		tap_ok(erreq(&a, want), "refused: %s", cases[i].what);
		free(a.b);
	}
	{
		Ar a = {0};

		ar_header(&a, "d", '5', 0755, 512, NULL);
		ar_data(&a, "x", 1);
		ar_end(&a);
		tap_ok(erreq(&a,
		             "tar: member \"d\" (header at offset 0): a directory must have size "
		             "0, not 512"),
		       "refused: directory with a size");
		free(a.b);
	}
	{
		Ar a = {0};

		ar_file(&a, "a", 0644, "x");
		ar_grow(&a, TAR_BLOCK);
		a.len += TAR_BLOCK;
		ar_file(&a, "b", 0644, "y");
		ar_end(&a);
		tap_ok(erreq(&a, "tar: offset 1024: a lone zero block inside the archive"),
		       "refused: a lone zero block between members");
		free(a.b);
	}
}

// The server over a socketpair.
static Tarfs fs;
static P9Srv srv;
static Client cl;

static int
serve(Ar *a)
{
	char err[512];

	if (tload(&fs, a->b, a->len, err, sizeof err) < 0) {
		tap_diag("%s", err);
		return -1;
	}
	p9_srv_init(&srv, &tarfs_ops, &fs);
	if (tc_start(&cl, &srv) < 0 || tc_version(&cl, 8192 + P9_IOHDRSZ) != P9_RVERSION)
		return -1;
	return 0;
}

static void
unserve(void)
{
	tap_ok(tc_stop(&cl) == 0, "server ends cleanly when the client hangs up");
	tfree(&fs);
}

static P9Dir st; // the last Rstat's entry

static int
statof(uint32_t fid)
{
	if (tc_stat(&cl, fid) != P9_RSTAT)
		return 0;
	st = cl.rx.dir;
	return 1;
}

static void
test_serve(void)
{
	Ar a = {0};
	Client *c = &cl;
	char name[101];
	P9Qid q;
	P9Dir d;

	memset(name, 'n', 100);
	name[100] = '\0';
	ar_dir(&a, "./", 0755);
	ar_file(&a, "./hello", 0644, "hello, world\n");
	ar_file(&a, "dir/sub/file", 0640, "deep");
	ar_dir(&a, "dir", 0711);
	ar_file(&a, name, 0444, "hundred");
	ar_file(&a, "secret", 0600, "shh");
	ar_dir(&a, "closed", 0700);
	ar_file(&a, "closed/in", 0644, "in");
	ar_header(&a, "link", '1', 0644, 0, "./hello");
	ar_file(&a,
	        "pre/fix/directory/with/a/rather/long/name/that/needs/the/ustar/prefix/field/"
	        "to/be/stored/in/full/file-with-a-long-name",
	        0644, "long");
	ar_end(&a);
	if (!tap_ok(serve(&a) == 0, "a 10-member archive loads and serves"))
		return;

	tap_ok(tc_attach(c, 0, "glenda", "other") == P9_RERROR &&
	               tc_erris(c, "no such file tree (tarfs serves one tree, aname \"\")"),
	       "attach with an aname is refused");
	tap_ok(tc_attach(c, 0, "glenda", "") == P9_RATTACH && c->rx.qid.type == P9_QTDIR &&
	               c->rx.qid.path == 0,
	       "attach: the root's qid is a directory with path 0");
	tap_ok(statof(0) && p9_streqc(st.name, "/") && st.mode == (P9_DMDIR | 0755) &&
	               p9_streqc(st.uid, "glenda") && p9_streqc(st.gid, "sys") &&
	               st.mtime == 1700000000u,
	       "the root's stat comes from the \"./\" member");
	tap_ok(tc_walk(c, 0, 1, "hello") == P9_RWALK && c->rx.nwqid == 1, "walk to hello");
	q = c->rx.wqid[0];
	tap_ok(statof(1) && p9_streqc(st.name, "hello") && st.length == 13 && st.mode == 0644 &&
	               st.qid.path == q.path && st.atime == st.mtime &&
	               p9_streqc(st.muid, "glenda"),
	       "stat of hello: name, length, mode, qid, times, owner");
	tap_ok(tc_open(c, 1, P9_OWRITE) == P9_RERROR && tc_erris(c, "read-only file system"),
	       "open for writing: read-only file system");
	tap_ok(tc_open(c, 1, P9_ORDWR) == P9_RERROR && tc_erris(c, "read-only file system"),
	       "open for reading and writing: read-only file system");
	tap_ok(tc_open(c, 1, P9_OREAD | P9_OTRUNC) == P9_RERROR &&
	               tc_erris(c, "read-only file system"),
	       "open with OTRUNC: read-only file system");
	tap_ok(tc_open(c, 1, P9_OREAD | P9_ORCLOSE) == P9_RERROR &&
	               tc_erris(c, "read-only file system"),
	       "open with ORCLOSE: read-only file system");
	tc_nulldir(&d);
	d.name = p9_str("renamed");
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "read-only file system"),
	       "wstat: read-only file system");
	tc_nulldir(&d);
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "read-only file system"),
	       "even a wstat that changes nothing: read-only file system");
	tap_ok(tc_open(c, 1, P9_OREAD) == P9_ROPEN && c->rx.qid.path == q.path, "open for reading");
	tap_ok(tc_read(c, 1, 0, 100) == P9_RREAD && tc_datais(c, "hello, world\n", 13),
	       "read the whole file");
	tap_ok(tc_read(c, 1, 7, 3) == P9_RREAD && tc_datais(c, "wor", 3), "read 3 bytes at 7");
	tap_ok(tc_read(c, 1, 13, 10) == P9_RREAD && c->rx.count == 0, "read at the end: 0 bytes");
	tap_ok(tc_read(c, 1, ~0ull, 10) == P9_RREAD && c->rx.count == 0,
	       "read at offset 2^64-1: 0 bytes");
	tap_ok(tc_writestr(c, 1, 0, "x") == P9_RERROR && tc_erris(c, "fid not open for writing"),
	       "write on a fid open for reading");
	tap_ok(tc_create(c, 0, "new", 0644, P9_OWRITE) == P9_RERROR &&
	               tc_erris(c, "read-only file system"),
	       "create a file: read-only file system");
	tap_ok(tc_walk(c, 0, 2, "") == P9_RWALK &&
	               tc_create(c, 2, "nd", P9_DMDIR | 0755, 0) == P9_RERROR &&
	               tc_erris(c, "read-only file system"),
	       "create a directory: read-only file system");
	tap_ok(tc_walk(c, 0, 3, "secret") == P9_RWALK && tc_remove(c, 3) == P9_RERROR &&
	               tc_erris(c, "read-only file system"),
	       "remove: read-only file system");
	tap_ok(tc_stat(c, 3) == P9_RERROR && tc_erris(c, "unknown fid"),
	       "the fid is clunked even though remove failed");
	tc_clunk(c, 1);
	tc_clunk(c, 2);

	// Walks and "..".
	tap_ok(tc_walk(c, 0, 1, "..") == P9_RWALK && c->rx.nwqid == 1 && c->rx.wqid[0].path == 0,
	       "\"..\" at the root stays at the root");
	tap_ok(tc_walk(c, 0, 2, "../../dir/sub/../sub/file") == P9_RWALK && c->rx.nwqid == 7,
	       "walk ../../dir/sub/../sub/file: 7 qids");
	tap_ok(statof(2) && p9_streqc(st.name, "file") && st.length == 4 && st.mode == 0640,
	       "it reached dir/sub/file");
	tap_ok(tc_walk(c, 0, 3, "dir/sub") == P9_RWALK && statof(3) &&
	               st.mode == (P9_DMDIR | 0555) && p9_streqc(st.uid, "glenda") &&
	               st.mtime == 1700000000u,
	       "an implied directory: mode 0555, owner and mtime of its first member");
	tap_ok(tc_walk(c, 0, 4, "dir") == P9_RWALK && statof(4) && st.mode == (P9_DMDIR | 0711),
	       "a directory declared after being implied takes its member's mode");
	tap_ok(tc_walk(c, 0, 5, "dir/nothere/x") == P9_RWALK && c->rx.nwqid == 1,
	       "a walk failing at the second name returns one qid");
	tap_ok(tc_stat(c, 5) == P9_RERROR, "and newfid was not created");
	tap_ok(tc_walk(c, 0, 5, "nothere") == P9_RERROR && tc_erris(c, "file does not exist"),
	       "a walk failing at the first name is an Rerror");
	tap_ok(tc_walk(c, 0, 5, name) == P9_RWALK && statof(5) && st.name.len == 100 &&
	               tc_open(c, 5, P9_OREAD) == P9_ROPEN && tc_read(c, 5, 0, 50) == P9_RREAD &&
	               tc_datais(c, "hundred", 7),
	       "a 100-byte name that fills its field without a NUL");
	tap_ok(tc_walk(c, 0, 6,
	               "pre/fix/directory/with/a/rather/long/name/that/needs/the/ustar/"
	               "prefix/field/to/be") == P9_RWALK &&
	               c->rx.nwqid == 16 &&
	               tc_walk(c, 6, 6, "stored/in/full/file-with-a-long-name") == P9_RWALK &&
	               statof(6) && st.length == 4,
	       "a name split between prefix and name fields");
	tap_ok(tc_walk(c, 0, 7, "link") == P9_RWALK && c->rx.wqid[0].path == q.path && statof(7) &&
	               st.length == 13 && tc_open(c, 7, P9_OREAD) == P9_ROPEN &&
	               tc_read(c, 7, 0, 100) == P9_RREAD && tc_datais(c, "hello, world\n", 13),
	       "a hard link: the same qid and data as its target");
	tap_ok(tc_walk(c, 4, 8, "..") == P9_RWALK && c->rx.wqid[0].path == 0,
	       "\"..\" of dir is the root");
	for (uint32_t f = 1; f <= 8; f++)
		tc_clunk(c, f);

	// Permissions, checked against the attaching user.
	tap_ok(tc_attach(c, 10, "other", "") == P9_RATTACH, "attach as another user");
	tap_ok(tc_walk(c, 10, 11, "secret") == P9_RWALK && tc_open(c, 11, P9_OREAD) == P9_RERROR &&
	               tc_erris(c, "permission denied"),
	       "mode 0600 of another owner: permission denied");
	tap_ok(tc_walk(c, 10, 12, "closed/in") == P9_RWALK && c->rx.nwqid == 1,
	       "walk through a mode 0700 directory of another owner stops at it");
	tap_ok(tc_walk(c, 10, 12, "closed") == P9_RWALK && tc_walk(c, 12, 17, "in") == P9_RERROR &&
	               tc_erris(c, "permission denied"),
	       "and walking in from it: permission denied");
	tap_ok(tc_walk(c, 0, 13, "closed/in") == P9_RWALK && c->rx.nwqid == 2,
	       "its owner may walk in");
	tap_ok(tc_attach(c, 14, "sys", "") == P9_RATTACH &&
	               tc_walk(c, 14, 15, "dir/sub/file") == P9_RWALK &&
	               tc_open(c, 15, P9_OREAD) == P9_ROPEN,
	       "the group's bits apply to the user named like the group");
	tap_ok(tc_walk(c, 0, 16, "secret") == P9_RWALK && tc_open(c, 16, P9_OEXEC) == P9_RERROR &&
	               tc_erris(c, "permission denied"),
	       "OEXEC needs an execute bit");
	unserve();
	free(a.b);
}

// Directory reads split over small counts never split an entry.
static void
test_dirread(void)
{
	Ar a = {0};
	Client *c = &cl;
	char names[40][32], want[32];
	long n;
	int i, ok = 1;
	uint32_t counts[] = {84, 85, 100, 169, 8192};

	for (i = 0; i < 40; i++) {
		snprintf(want, sizeof want, "d/entry-%02d%s", i, i % 3 ? "" : "-longer-name");
		ar_file(&a, want, 0644, "x");
	}
	ar_end(&a);
	if (!tap_ok(serve(&a) == 0, "an archive of 40 files in one directory"))
		return;
	tc_attach(c, 0, "glenda", "");
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
		tc_walk(c, 0, 1, "d");
		tc_open(c, 1, P9_OREAD);
		n = tc_readdir(c, 1, counts[k], &names[0][0], sizeof names[0], 40);
		ok = n == 40;
		for (i = 0; ok && i < 40; i++) {
			snprintf(want, sizeof want, "entry-%02d%s", i, i % 3 ? "" : "-longer-name");
			ok = strcmp(names[i], want) == 0;
		}
		tap_ok(ok, "directory read with count %u: 40 whole entries in archive order",
		       counts[k]);
		tc_clunk(c, 1);
	}
	tc_walk(c, 0, 1, "d");
	tc_open(c, 1, P9_OREAD);
	tap_ok(tc_read(c, 1, 0, 40) == P9_RERROR &&
	               tc_erris(c, "read count too small for a directory entry"),
	       "a count smaller than one entry is an error");
	tap_ok(tc_read(c, 1, 0, 200) == P9_RREAD && c->rx.count > 0 &&
	               tc_read(c, 1, 5, 200) == P9_RERROR &&
	               tc_erris(c, "bad offset in directory read"),
	       "a directory read must continue where the last one ended");
	tap_ok(tc_read(c, 1, 0, 8192) == P9_RREAD && c->rx.count > 0,
	       "offset 0 restarts the directory");
	unserve();
	free(a.b);
}

// A large file and many files.
static void
test_large(void)
{
	Ar a = {0};
	Client *c = &cl;
	size_t big = 3 * 1024 * 1024 + 17, off;
	uint8_t *data = malloc(big);
	uint32_t x = 12345;
	int ok = 1, i;
	char path[64];
	long n;

	for (off = 0; off < big; off++) {
		x = x * 1103515245u + 12345u;
		data[off] = (uint8_t)(x >> 16);
	}
	ar_header(&a, "big", '0', 0644, big, NULL);
	ar_data(&a, data, big);
	for (i = 0; i < 3000; i++) {
		snprintf(path, sizeof path, "many/%d/f%d", i % 10, i);
		ar_file(&a, path, 0644, path);
	}
	ar_end(&a);
	if (!tap_ok(serve(&a) == 0, "an archive with a 3 MiB file and 3000 small ones"))
		return;
	tap_ok(fs.nfiles == 3001 && fs.ndirs == 11 && fs.nbytes > big,
	       "counts: 3001 files, 11 dirs");
	tc_attach(c, 0, "glenda", "");
	tc_walk(c, 0, 1, "big");
	tc_open(c, 1, P9_OREAD);
	for (off = 0; ok && off <= big; off += 8192) {
		size_t want = big - off < 8192 ? big - off : 8192;

		ok = tc_read(c, 1, off, 8192) == P9_RREAD && tc_datais(c, data + off, want);
	}
	tap_ok(ok, "the 3 MiB file reads back exactly in 8 KiB pieces");
	for (i = 0; ok && i < 3000; i += 7) {
		snprintf(path, sizeof path, "many/%d/f%d", i % 10, i);
		ok = tc_walk(c, 0, 2, path) == P9_RWALK && tc_open(c, 2, P9_OREAD) == P9_ROPEN &&
		     tc_read(c, 2, 0, 100) == P9_RREAD && tc_datais(c, path, strlen(path)) &&
		     tc_clunk(c, 2) == P9_RCLUNK;
	}
	tap_ok(ok, "429 of the small files walk, open and read back");
	tc_walk(c, 0, 3, "many/3");
	tc_open(c, 3, P9_OREAD);
	n = tc_readdir(c, 3, 8192, NULL, 0, 0);
	tap_ok(n == 300, "many/3 lists 300 entries (got %ld)", n);
	unserve();
	free(a.b);
	free(data);
}

// The same archive loaded twice gives the same qids.
static void
test_stable(void)
{
	Ar a = {0};
	Tarfs t1, t2;
	char err[256];
	int ok = 1;

	ar_file(&a, "a/b/c", 0644, "1");
	ar_file(&a, "a/d", 0644, "2");
	ar_dir(&a, "e", 0755);
	ar_end(&a);
	if (tload(&t1, a.b, a.len, err, sizeof err) < 0 ||
	    tload(&t2, a.b, a.len, err, sizeof err) < 0) {
		tap_ok(0, "load: %s", err);
		return;
	}
	ok = t1.nnodes == t2.nnodes && t1.nnodes == 6;
	for (size_t i = 0; ok && i < t1.nnodes; i++)
		ok = strcmp(t1.nodes[i]->name, t2.nodes[i]->name) == 0 &&
		     t1.nodes[i]->qid.path == t2.nodes[i]->qid.path && t1.nodes[i]->qid.path == i;
	tap_ok(ok, "qid paths are the members' order in the archive, the same on every load");
	tfree(&t1);
	tfree(&t2);
	free(a.b);
}

// Whether x's data (4 bytes) is want.
static int
dataeq(Tarfs *t, TarNode *x, const char *want)
{
	char got[4], err[256];

	if (tarfs_readat(t, got, 4, x->dataoff, err, sizeof err) < 0) {
		tap_diag("%s", err);
		return 0;
	}
	return memcmp(got, want, 4) == 0;
}

// Variants that must be accepted.
static void
test_accept(void)
{
	Ar a = {0};
	Tarfs t;
	char err[256];
	uint8_t *h;
	int sum = 0, i;
	TarNode *x;

	ar_file(&a, "caf\xC3\xA9", 0644, "utf8");
	h = a.b + a.last;
	memset(h + TAR_CHKSUM, ' ', 8);
	for (i = 0; i < TAR_BLOCK; i++)
		sum += (int8_t)h[i];
	snprintf((char *)h + TAR_CHKSUM, 8, "%06o", sum);
	ar_header(&a, "contig", '7', 0640, 4, NULL);
	ar_data(&a, "cont", 4);
	ar_end(&a);
	ar_grow(&a, 100);
	memset(a.b + a.len, 'G', 100);
	a.len += 100;
	if (!tap_ok(tload(&t, a.b, a.len, err, sizeof err) == 0,
	            "accepted: a checksum that is the signed byte sum, type '7', and bytes after "
	            "the end blocks (%s)",
	            err))
		return;
	x = t.root;
	tap_ok(x->mode == (P9_DMDIR | 0555) && strcmp(x->uid, "glenda") == 0 &&
	               strcmp(x->gid, "sys") == 0 && x->mtime == 1700000000u,
	       "a root without a \"./\" member: mode 0555, owner and mtime of the first member");
	x = tarfs_lookup(&t, t.root, "caf\xC3\xA9");
	tap_ok(x != NULL && x->length == 4 && dataeq(&t, x, "utf8"), "a UTF-8 name");
	x = tarfs_lookup(&t, t.root, "contig");
	tap_ok(x != NULL && x->mode == 0640 && x->length == 4 && dataeq(&t, x, "cont"),
	       "a contiguous file is a regular file");
	tfree(&t);
	free(a.b);
}

// Archives written by GNU tar, in its ustar and default (gnu) formats.
static void
test_gnutar(void)
{
	char dir[] = "/tmp/tarfs_test.XXXXXX", cmd[1024], err[512];
	const char *formats[] = {"ustar", "gnu"};
	size_t k;

	if (system("tar --version >/dev/null 2>&1") != 0) {
		tap_ok(1, "# SKIP GNU tar is not installed");
		return;
	}
	if (mkdtemp(dir) == NULL) {
		tap_ok(0, "mkdtemp");
		return;
	}
	snprintf(cmd, sizeof cmd,
	         "cd %s && mkdir -p t/sub/deeper && printf 'hello\\n' > t/a && "
	         "head -c 5000 /dev/zero | tr '\\0' z > t/sub/deeper/z && chmod 750 t/sub && "
	         "ln t/a t/hard",
	         dir);
	if (system(cmd) != 0) {
		tap_ok(0, "making the tree for GNU tar");
		return;
	}
	for (k = 0; k < 2; k++) {
		Ar a = {0};
		FILE *f;
		long n;

		snprintf(cmd, sizeof cmd, "tar -C %s/t --format=%s -cf %s/x.tar .", dir, formats[k],
		         dir);
		snprintf(err, sizeof err, "%s/x.tar", dir);
		if (system(cmd) != 0 || (f = fopen(err, "rb")) == NULL) {
			tap_ok(0, "GNU tar --format=%s", formats[k]);
			continue;
		}
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		rewind(f);
		ar_grow(&a, (size_t)n);
		a.len = fread(a.b, 1, (size_t)n, f);
		fclose(f);
		if (!tap_ok(serve(&a) == 0, "GNU tar --format=%s archive loads", formats[k]))
			continue;
		tc_attach(&cl, 0, "root", "");
		tap_ok(tc_walk(&cl, 0, 1, "sub/deeper/z") == P9_RWALK && statof(1) &&
		               st.length == 5000 && tc_open(&cl, 1, P9_OREAD) == P9_ROPEN &&
		               tc_read(&cl, 1, 4990, 100) == P9_RREAD &&
		               tc_datais(&cl, "zzzzzzzzzz", 10),
		       "--format=%s: sub/deeper/z has 5000 bytes of z", formats[k]);
		tap_ok(tc_walk(&cl, 0, 2, "sub") == P9_RWALK && statof(2) &&
		               st.mode == (P9_DMDIR | 0750),
		       "--format=%s: sub has mode 0750", formats[k]);
		tap_ok(tc_walk(&cl, 0, 3, "hard") == P9_RWALK &&
		               tc_open(&cl, 3, P9_OREAD) == P9_ROPEN &&
		               tc_read(&cl, 3, 0, 100) == P9_RREAD && tc_datais(&cl, "hello\n", 6),
		       "--format=%s: the hard link reads as its target", formats[k]);
		unserve();
		free(a.b);
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
}

// What only an archive in a file has: data read when a client reads it
// (not copied at load), and clear errors when the file fails.
static void
test_file(void)
{
	Ar a = {0};
	char err[512];
	Tarfs t;
	int fd;

	ar_file(&a, "d/f", 0644, "before");
	ar_end(&a);
	viafile = 1;
	if (!tap_ok(serve(&a) == 0, "file mode: an archive in a file loads"))
		return;
	tc_attach(&cl, 0, "glenda", "");
	tc_walk(&cl, 0, 1, "d/f");
	tc_open(&cl, 1, P9_OREAD);
	// Change the data in the file: a read must see the file as it is now.
	tap_ok(pwrite(fs.fd, "BEFORE", 6, TAR_BLOCK) == 6 && tc_read(&cl, 1, 0, 100) == P9_RREAD &&
	               tc_datais(&cl, "BEFORE", 6),
	       "file mode: data is read from the file when asked for, not copied at load");
	tap_ok(ftruncate(fs.fd, TAR_BLOCK + 3) == 0 && tc_read(&cl, 1, 0, 100) == P9_RERROR &&
	               tc_erris(&cl, "the archive file ends at offset 515, before its length "
	                             "2048 (did it change?)"),
	       "file mode: a file that shrank gives a read error naming the offset");
	unserve();
	fd = tmpwith(a.b, a.len);
	close(fd);
	tap_ok(tarfs_loadfd(&t, fd, a.len, err, sizeof err) < 0 &&
	               strcmp(err, "tar: offset 0: reading the archive at offset 0: Bad file "
	                           "descriptor") == 0,
	       "file mode: an unreadable file is refused: %s", err);
	fd = tmpwith(a.b, 1000);
	tap_ok(tarfs_loadfd(&t, fd, a.len, err, sizeof err) < 0 &&
	               strcmp(err, "tar: offset 1024: the archive file ends at offset 1024, "
	                           "before its length 2048 (did it change?)") == 0,
	       "file mode: a file shorter than its given length is refused: %s", err);
	close(fd);
	free(a.b);
}

static void
all(void)
{
	test_malformed();
	test_types();
	test_structure();
	test_serve();
	test_dirread();
	test_large();
	test_stable();
	test_accept();
	test_gnutar();
}

int
main(void)
{
	tap_diag("the archive in memory (tarfs_load)");
	all();
	tap_diag("the archive in a file, read with pread (tarfs_loadfd)");
	viafile = 1;
	all();
	test_file();
	return tap_done();
}
