// lib/9p/fcall_test.c: tests of the 9P2000 codec: round trips of every
// message type with edge values, byte-exact encodings built by hand from the
// layout in intro(5), and rejection of every class of malformed input.
//
// With P9_SEED_DIR set, it writes the fuzz seed corpora instead
// (P9_SEED_DIR=lib/9p/fuzz makes lib/9p/fuzz/fcall_fuzz/ and srv_fuzz/);
// with P9_DUMP=prefix, the samples for interop_test.sh.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "9p/fcall.h"
#include "tap/tap.h"

enum { NSAMPLE = 40, BUFSZ = 70000 };

static P9Fcall samples[NSAMPLE];
static int nsamples;
static uint8_t blob[BUFSZ];

static P9Qid
qid(uint8_t type, uint32_t vers, uint64_t path)
{
	P9Qid q = {type, vers, path};

	return q;
}

static P9Fcall *
add(uint8_t type, uint16_t tag)
{
	P9Fcall *f = &samples[nsamples++];

	memset(f, 0, sizeof *f);
	f->type = type;
	f->tag = tag;
	return f;
}

static P9Dir
sampledir(int big)
{
	P9Dir d;

	memset(&d, 0, sizeof d);
	d.type = big ? 0xFFFF : 0;
	d.dev = big ? 0xFFFFFFFF : 7;
	d.qid = big ? qid(0xFF, 0xFFFFFFFF, UINT64_MAX) : qid(P9_QTDIR, 1, 2);
	d.mode = big ? 0xFFFFFFFF : P9_DMDIR | 0755;
	d.atime = big ? 0xFFFFFFFF : 1;
	d.mtime = big ? 0xFFFFFFFF : 2;
	d.length = big ? UINT64_MAX : 0;
	d.name = p9_str(big ? "na\xc3\xafve-\xe2\x82\xac-\xf0\x9f\x98\x80" : "/");
	d.uid = p9_str(big ? "glenda" : "");
	d.gid = p9_str(big ? "sys" : "");
	d.muid = p9_str("");
	return d;
}

// One or more messages of every type, with edge values.
static void
makesamples(void)
{
	static const char *names[P9_MAXWELEM] = {
	        "a", "bb", "..",  "d\xc3\xa9j\xc3\xa0", "e", "f", "g", "h", "i", "j", "k", "l", "m",
	        "n", "o",  "last"};
	P9Fcall *f;
	int i;

	f = add(P9_TVERSION, P9_NOTAG), f->msize = 8192, f->version = p9_str(P9_VERSION);
	f = add(P9_TVERSION, 0), f->msize = 0xFFFFFFFF, f->version = p9_str("");
	f = add(P9_RVERSION, P9_NOTAG), f->msize = 8192, f->version = p9_str("unknown");
	f = add(P9_TAUTH, 1), f->afid = 0, f->uname = p9_str("glenda"), f->aname = p9_str("");
	f = add(P9_RAUTH, 1), f->qid = qid(P9_QTAUTH, 0, 1);
	f = add(P9_TATTACH, 2), f->fid = 0, f->afid = P9_NOFID, f->uname = p9_str("glenda"),
	f->aname = p9_str("main");
	f = add(P9_RATTACH, 2), f->qid = qid(P9_QTDIR, 0xFFFFFFFF, UINT64_MAX);
	f = add(P9_RERROR, 3), f->ename = p9_str("file does not exist");
	f = add(P9_RERROR, 0xFFFE), f->ename = p9_str("");
	f = add(P9_TFLUSH, 4), f->oldtag = 3;
	f = add(P9_RFLUSH, 4);
	f = add(P9_TWALK, 5), f->fid = 0, f->newfid = 1, f->nwname = 0;
	f = add(P9_TWALK, 6), f->fid = 1, f->newfid = 1, f->nwname = P9_MAXWELEM;
	for (i = 0; i < P9_MAXWELEM; i++)
		f->wname[i] = p9_str(names[i]);
	f = add(P9_RWALK, 5), f->nwqid = 0;
	f = add(P9_RWALK, 6), f->nwqid = P9_MAXWELEM;
	for (i = 0; i < P9_MAXWELEM; i++)
		f->wqid[i] = qid((uint8_t)(i == 15 ? 0 : P9_QTDIR), (uint32_t)i,
		                 (uint64_t)i << 40 | 0xAB);
	f = add(P9_TOPEN, 7), f->fid = 1, f->mode = P9_ORDWR | P9_OTRUNC;
	f = add(P9_ROPEN, 7), f->qid = qid(0, 3, 99), f->iounit = 8168;
	f = add(P9_TCREATE, 8), f->fid = 1, f->name = p9_str("new file"), f->perm = P9_DMDIR | 0777,
	f->mode = P9_OREAD;
	f = add(P9_RCREATE, 8), f->qid = qid(P9_QTDIR, 0, 100), f->iounit = 0;
	f = add(P9_TREAD, 9), f->fid = 1, f->offset = UINT64_MAX, f->count = 0xFFFFFFFF;
	f = add(P9_RREAD, 9), f->count = 0;
	f = add(P9_RREAD, 10), f->count = 5, f->data = (const uint8_t *)"hel\0o";
	f = add(P9_TWRITE, 11), f->fid = 2, f->offset = 0, f->count = 3,
	f->data = (const uint8_t *)"\xff\x00\x01";
	f = add(P9_TWRITE, 11), f->fid = 2, f->offset = 1, f->count = 0;
	f = add(P9_RWRITE, 11), f->count = 3;
	f = add(P9_TCLUNK, 12), f->fid = 0xFFFFFFFE;
	f = add(P9_RCLUNK, 12);
	f = add(P9_TREMOVE, 13), f->fid = 3;
	f = add(P9_RREMOVE, 13);
	f = add(P9_TSTAT, 14), f->fid = 0;
	f = add(P9_RSTAT, 14), f->dir = sampledir(0);
	f = add(P9_RSTAT, 15), f->dir = sampledir(1);
	f = add(P9_TWSTAT, 16), f->fid = 4, f->dir = sampledir(1);
	f = add(P9_RWSTAT, 16);
}

static int
streq(P9Str a, P9Str b)
{
	return p9_streq(a, b);
}

static int
qideq(const P9Qid *a, const P9Qid *b)
{
	return a->type == b->type && a->vers == b->vers && a->path == b->path;
}

static int
direq(const P9Dir *a, const P9Dir *b)
{
	return a->type == b->type && a->dev == b->dev && qideq(&a->qid, &b->qid) &&
	       a->mode == b->mode && a->atime == b->atime && a->mtime == b->mtime &&
	       a->length == b->length && streq(a->name, b->name) && streq(a->uid, b->uid) &&
	       streq(a->gid, b->gid) && streq(a->muid, b->muid);
}

// Every field that the type carries, compared by value.
static int
fcalleq(const P9Fcall *a, const P9Fcall *b)
{
	int i;

	if (a->type != b->type || a->tag != b->tag || a->fid != b->fid || a->msize != b->msize ||
	    !streq(a->version, b->version) || a->oldtag != b->oldtag ||
	    !streq(a->ename, b->ename) || !qideq(&a->qid, &b->qid) || a->iounit != b->iounit ||
	    a->afid != b->afid || !streq(a->uname, b->uname) || !streq(a->aname, b->aname) ||
	    a->perm != b->perm || !streq(a->name, b->name) || a->mode != b->mode ||
	    a->newfid != b->newfid || a->nwname != b->nwname || a->nwqid != b->nwqid ||
	    a->offset != b->offset || a->count != b->count || !direq(&a->dir, &b->dir))
		return 0;
	for (i = 0; i < a->nwname; i++)
		if (!streq(a->wname[i], b->wname[i]))
			return 0;
	for (i = 0; i < a->nwqid; i++)
		if (!qideq(&a->wqid[i], &b->wqid[i]))
			return 0;
	if ((a->type == P9_RREAD || a->type == P9_TWRITE) && a->count > 0 &&
	    memcmp(a->data, b->data, a->count) != 0)
		return 0;
	return 1;
}

static void
writefile(const char *path, const uint8_t *b, size_t n)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(b, 1, n, fp) != n || fclose(fp) != 0) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
}

// Append message f to b at *n.
static void
append(uint8_t *b, size_t *n, P9Fcall *f)
{
	static uint16_t tag;
	long k;

	if (f->type != P9_TVERSION && f->type != P9_TFLUSH)
		f->tag = tag++;
	k = p9_encode(f, b + *n, 4096 - *n, NULL);
	if (k < 0)
		exit(1);
	*n += (size_t)k;
}

// A client session for srv_fuzz: every request type, a deferred read and
// its flush, a directory read.
static void
writesession(const char *path)
{
	uint8_t b[4096];
	size_t n = 0;
	P9Fcall f;

	memset(&f, 0, sizeof f);
	f.type = P9_TVERSION, f.tag = P9_NOTAG, f.msize = 1024, f.version = p9_str(P9_VERSION);
	append(b, &n, &f);
	memset(&f, 0, sizeof f);
	f.type = P9_TATTACH, f.fid = 0, f.afid = P9_NOFID, f.uname = p9_str("u");
	append(b, &n, &f);
	f.type = P9_TWALK, f.fid = 0, f.newfid = 1, f.nwname = 1, f.wname[0] = p9_str("file");
	append(b, &n, &f);
	f.type = P9_TOPEN, f.fid = 1, f.mode = P9_ORDWR;
	append(b, &n, &f);
	f.type = P9_TWRITE, f.fid = 1, f.offset = 2, f.count = 3, f.data = (const uint8_t *)"abc";
	append(b, &n, &f);
	f.type = P9_TREAD, f.fid = 1, f.offset = 0, f.count = 100;
	append(b, &n, &f);
	f.type = P9_TWALK, f.fid = 0, f.newfid = 2, f.nwname = 1, f.wname[0] = p9_str("wait");
	append(b, &n, &f);
	f.type = P9_TOPEN, f.fid = 2, f.mode = P9_ORDWR;
	append(b, &n, &f);
	f.type = P9_TREAD, f.fid = 2, f.offset = 0, f.count = 10;
	append(b, &n, &f);
	f.type = P9_TFLUSH, f.oldtag = f.tag, f.tag = 999; // flush the waiting Tread
	append(b, &n, &f);
	f.type = P9_TWALK, f.fid = 0, f.newfid = 3, f.nwname = 0;
	append(b, &n, &f);
	f.type = P9_TOPEN, f.fid = 3, f.mode = P9_OREAD;
	append(b, &n, &f);
	f.type = P9_TREAD, f.fid = 3, f.offset = 0, f.count = 200;
	append(b, &n, &f);
	f.type = P9_TSTAT, f.fid = 1;
	append(b, &n, &f);
	f.type = P9_TCLUNK, f.fid = 1;
	append(b, &n, &f);
	f.type = P9_TREMOVE, f.fid = 2;
	append(b, &n, &f);
	writefile(path, b, n);
}

// The fuzz seed corpora: every sample for fcall_fuzz, a session for
// srv_fuzz.
static void
writeseeds(const char *dir)
{
	uint8_t buf[1024];
	char path[512];
	int i;

	for (i = 0; i < nsamples; i++) {
		long n = p9_encode(&samples[i], buf, sizeof buf, NULL);

		snprintf(path, sizeof path, "%s/fcall_fuzz/%02d-%s", dir, i,
		         p9_typename(samples[i].type));
		if (n <= 0)
			exit(1);
		writefile(path, buf, (size_t)n);
	}
	snprintf(path, sizeof path, "%s/srv_fuzz/session", dir);
	writesession(path);
}

static void
test_roundtrip(void)
{
	uint8_t buf[1024], again[1024];
	int i;

	for (i = 0; i < nsamples; i++) {
		const P9Fcall *f = &samples[i];
		P9Fcall g;
		P9Error err;
		long n = p9_encode(f, buf, sizeof buf, &err);
		long m;
		int ok;

		if (!tap_ok(n > 0 && (size_t)n == p9_size(f), "sample %d %s encodes (%ld bytes) %s",
		            i, p9_typename(f->type), n, n < 0 ? err.msg : ""))
			continue;
		ok = p9_decode(buf, (size_t)n, 0, &g, &err) == P9_OK;
		tap_ok(ok && fcalleq(f, &g), "sample %d %s decodes to the same fields %s", i,
		       p9_typename(f->type), ok ? "" : err.msg);
		m = p9_encode(&g, again, sizeof again, &err);
		tap_ok(m == n && memcmp(buf, again, (size_t)n) == 0,
		       "sample %d %s re-encodes to identical bytes", i, p9_typename(f->type));
	}
}

// Expected bytes, built field by field from intro(5), walk(5) and stat(5).
static void
test_exact(void)
{
	static const uint8_t tversion[] = {
	        19,   0,    0,   0,                       // size[4] = 4+1+2+4+2+6
	        100,                                      // Tversion
	        0xFF, 0xFF,                               // tag[2] NOTAG
	        0x00, 0x20, 0,   0,                       // msize[4] = 8192
	        6,    0,    '9', 'P', '2', '0', '0', '0', // version[s]
	};
	static const uint8_t twalk[] = {
	        26,   0,    0,   0,        // size[4] = 7+4+4+2+(2+3)+(2+2)
	        110,                       // Twalk
	        0x34, 0x12,                // tag[2] 0x1234
	        1,    0,    0,   0,        // fid[4]
	        2,    0,    0,   0,        // newfid[4]
	        2,    0,                   // nwname[2]
	        3,    0,    'u', 's', 'r', // wname[0]
	        2,    0,    'b', 'n',      // wname[1]
	};
	static const uint8_t rread[] = {
	        14, 0, 0, 0, 117, 9,   0,   // size, Rread, tag 9
	        3,  0, 0, 0, 'a', 'b', 'c', // count[4] data[count]
	};
	static const uint8_t tread[] = {
	        23,   0,    0,    0,    116,  1,    0,          // size, Tread, tag 1
	        5,    0,    0,    0,                            // fid
	        0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // offset 0x0102030405060708
	        0x00, 0x10, 0,    0,                            // count 4096
	};
	static const uint8_t rerror[] = {
	        13, 0, 0, 0, 107, 2, 0, 4, 0, 'g', 'o', 'n', 'e',
	};
	static const uint8_t rstat[] = {
	        66,   0,    0,   0,    125, 3, 0, // size 7+2+57, Rstat, tag 3
	        57,   0,            // n[2] = whole stat entry, 49 fixed + 8 string bytes
	        55,   0,            // stat size[2] = 57-2
	        0,    0,            // type[2]
	        7,    0,    0,   0, // dev[4]
	        0x80, 1,    0,   0,    0,   2, 0, 0, 0, 0, 0, 0, 0, // qid: QTDIR, vers 1, path 2
	        0xED, 0x01, 0,   0x80,                              // mode DMDIR|0755
	        1,    0,    0,   0,                                 // atime
	        2,    0,    0,   0,                                 // mtime
	        0,    0,    0,   0,    0,   0, 0, 0,                // length
	        1,    0,    '/',                                    // name
	        3,    0,    'b', 'o',  'b',                         // uid
	        3,    0,    's', 'y',  's',                         // gid
	        1,    0,    'x',                                    // muid
	};
	uint8_t buf[256];
	P9Fcall f;
	P9Error err;
	long n;

	memset(&f, 0, sizeof f);
	f.type = P9_TVERSION, f.tag = P9_NOTAG, f.msize = 8192, f.version = p9_str("9P2000");
	n = p9_encode(&f, buf, sizeof buf, &err);
	tap_ok(n == sizeof tversion && memcmp(buf, tversion, sizeof tversion) == 0,
	       "Tversion encodes byte-exact");

	memset(&f, 0, sizeof f);
	f.type = P9_TWALK, f.tag = 0x1234, f.fid = 1, f.newfid = 2, f.nwname = 2;
	f.wname[0] = p9_str("usr"), f.wname[1] = p9_str("bn");
	n = p9_encode(&f, buf, sizeof buf, &err);
	tap_ok(n == sizeof twalk && memcmp(buf, twalk, sizeof twalk) == 0,
	       "Twalk encodes byte-exact");
	tap_ok(p9_decode(twalk, sizeof twalk, 0, &f, &err) == P9_OK && f.nwname == 2 &&
	               p9_streqc(f.wname[1], "bn") && f.tag == 0x1234,
	       "Twalk decodes from hand-built bytes");

	memset(&f, 0, sizeof f);
	f.type = P9_RREAD, f.tag = 9, f.count = 3, f.data = (const uint8_t *)"abc";
	n = p9_encode(&f, buf, sizeof buf, &err);
	tap_ok(n == sizeof rread && memcmp(buf, rread, sizeof rread) == 0,
	       "Rread encodes byte-exact");

	memset(&f, 0, sizeof f);
	f.type = P9_TREAD, f.tag = 1, f.fid = 5, f.offset = 0x0102030405060708ull, f.count = 4096;
	n = p9_encode(&f, buf, sizeof buf, &err);
	tap_ok(n == sizeof tread && memcmp(buf, tread, sizeof tread) == 0,
	       "Tread encodes byte-exact (little-endian offset)");

	memset(&f, 0, sizeof f);
	f.type = P9_RERROR, f.tag = 2, f.ename = p9_str("gone");
	n = p9_encode(&f, buf, sizeof buf, &err);
	tap_ok(n == sizeof rerror && memcmp(buf, rerror, sizeof rerror) == 0,
	       "Rerror encodes byte-exact");

	memset(&f, 0, sizeof f);
	f.type = P9_RSTAT, f.tag = 3, f.dir = sampledir(0);
	f.dir.uid = p9_str("bob"), f.dir.gid = p9_str("sys"), f.dir.muid = p9_str("x");
	n = p9_encode(&f, buf, sizeof buf, &err);
	tap_ok(n == sizeof rstat && memcmp(buf, rstat, sizeof rstat) == 0,
	       "Rstat encodes byte-exact (n[2] then size[2])");
	tap_ok(p9_decode(rstat, sizeof rstat, 0, &f, &err) == P9_OK &&
	               f.dir.mode == (P9_DMDIR | 0755) && f.dir.qid.path == 2 &&
	               p9_streqc(f.dir.uid, "bob"),
	       "Rstat decodes from hand-built bytes");
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16),
	p[3] = (uint8_t)(v >> 24);
}

// Truncation at every byte offset of every sample: with the original size
// field (a size mismatch), and with the size field fixed up to the shorter
// length (a field runs past the end).
static void
test_truncation(void)
{
	uint8_t buf[1024], cut[1024];
	int i, badsize, badfield, codeok;

	for (i = 0; i < nsamples; i++) {
		long n = p9_encode(&samples[i], buf, sizeof buf, NULL);
		long len;

		badsize = badfield = codeok = 1;
		for (len = 0; len < n; len++) {
			P9Fcall f;
			P9Error err;
			int c1, c2;

			memcpy(cut, buf, (size_t)len);
			c1 = p9_decode(cut, (size_t)len, 0, &f, &err);
			if (len >= 4)
				put32(cut, (uint32_t)len);
			c2 = p9_decode(cut, (size_t)len, 0, &f, &err);
			if (c1 == P9_OK || c2 == P9_OK) {
				badfield = 0;
				continue;
			}
			if (len < P9_HDRSZ ? c1 != P9_ESHORT : c1 != P9_ESIZE)
				badsize = 0;
			if (len >= P9_HDRSZ && c2 != P9_ESHORT && c2 != P9_ESTRLEN &&
			    c2 != P9_ECOUNT && c2 != P9_ESTATSIZE)
				codeok = 0;
		}
		tap_ok(badfield, "sample %d %s: every truncation (0..%ld bytes) is rejected", i,
		       p9_typename(samples[i].type), n - 1);
		tap_ok(badsize, "sample %d %s: truncation with the old size is a size error", i,
		       p9_typename(samples[i].type));
		tap_ok(codeok, "sample %d %s: truncation with a fixed size is a length error", i,
		       p9_typename(samples[i].type));
	}
}

static int
decodes(const uint8_t *b, size_t n, int want, const char *msgpart, const char *what)
{
	P9Fcall f;
	P9Error err;
	int c = p9_decode(b, n, 0, &f, &err);
	int ok = c == want && (msgpart == NULL || strstr(err.msg, msgpart) != NULL);

	if (!ok)
		tap_diag("got code %d \"%s\"", c, err.msg);
	return tap_ok(ok, "%s: code %d \"%s\"", what, c, err.msg);
}

// Encode sample f into b and return its length.
static size_t
enc(const P9Fcall *f, uint8_t *b)
{
	long n = p9_encode(f, b, 1024, NULL);

	return n > 0 ? (size_t)n : 0;
}

static void
test_malformed(void)
{
	uint8_t b[1024];
	P9Fcall f;
	size_t n;
	int i;
	static const uint8_t badtypes[] = {0, 99, 106, 128, 255};

	// Size field one too small and one too large.
	n = enc(&samples[5], b);
	put32(b, (uint32_t)n - 1);
	decodes(b, n, P9_ESIZE, "smaller", "size field too small");
	put32(b, (uint32_t)n + 1);
	decodes(b, n, P9_ESIZE, "larger", "size field too large");
	put32(b, (uint32_t)n);
	decodes(b, 3, P9_ESHORT, "header", "3-byte message");

	// Bad type bytes (Terror 106 is illegal).
	for (i = 0; i < (int)sizeof badtypes; i++) {
		b[4] = badtypes[i];
		decodes(b, n, P9_ETYPE, "bad type", "bad type byte");
	}

	// A string length that overruns the message: Tattach's uname.
	n = enc(&samples[5], b);
	b[15] = 200; // uname len[2] follows size, type, tag, fid, afid
	decodes(b, n, P9_ESTRLEN, "uname length 200", "Tattach uname length overruns");

	// nwname and nwqid of 17.
	memset(&f, 0, sizeof f);
	f.type = P9_TWALK, f.nwname = 16;
	for (i = 0; i < 16; i++)
		f.wname[i] = p9_str("x");
	n = enc(&f, b);
	b[15] = 17;
	decodes(b, n, P9_ENWNAME, "Twalk: nwname 17 exceeds 16", "Twalk nwname 17");
	memset(&f, 0, sizeof f);
	f.type = P9_RWALK, f.nwqid = 16;
	n = enc(&f, b);
	b[7] = 17;
	decodes(b, n, P9_ENWQID, "Rwalk: nwqid 17 exceeds 16", "Rwalk nwqid 17");

	// Counts beyond the message.
	n = enc(&samples[22], b); // Twrite count 3
	b[19] = 4;
	decodes(b, n, P9_ECOUNT, "count 4 exceeds", "Twrite count beyond message");
	n = enc(&samples[21], b); // Rread count 5
	put32(b + 7, 0xFFFFFFFF);
	decodes(b, n, P9_ECOUNT, "count 4294967295", "Rread count 2^32-1");

	// Stat sizes: n[2] and size[2] inconsistent, and fields shorter than size.
	n = enc(&samples[30], b); // Rstat
	b[7]++;
	decodes(b, n, P9_ESTATSIZE, "stat n", "Rstat n[2] one too large");
	b[7]--, b[9]--;
	decodes(b, n, P9_ESTATSIZE, "stat size", "Rstat size[2] one too small");
	b[9]++;
	// Grow the stat by one byte inside both counts: fields end early.
	b[n] = 'z';
	put32(b, (uint32_t)n + 1), b[7]++, b[9]++;
	decodes(b, n + 1, P9_ESTATSIZE, "fields end", "Rstat with a byte after muid");
	n = enc(&samples[32], b); // Twstat
	b[11] ^= 1;
	decodes(b, n, P9_ESTATSIZE, "stat n", "Twstat n[2] wrong");

	// Trailing bytes after a complete message.
	n = enc(&samples[25], b); // Tclunk
	b[n] = 0;
	put32(b, (uint32_t)n + 1);
	decodes(b, n + 1, P9_ETRAILING, "trailing", "Tclunk with a trailing byte");

	// msize: a message longer than the negotiated size.
	n = enc(&samples[0], b);
	tap_ok(p9_decode(b, n, (uint32_t)n - 1, &f, NULL) == P9_EMSIZE,
	       "message longer than msize rejected");
	tap_ok(p9_decode(b, n, (uint32_t)n, &f, NULL) == P9_OK, "message equal to msize accepted");
}

// Rerror with the given ename bytes; decode must give want.
static void
badstring(const char *s, size_t len, int want, const char *what)
{
	uint8_t b[64];

	put32(b, (uint32_t)(9 + len));
	b[4] = P9_RERROR, b[5] = 1, b[6] = 0, b[7] = (uint8_t)len, b[8] = 0;
	memcpy(b + 9, s, len);
	decodes(b, 9 + len, want, NULL, what);
}

static void
test_strings(void)
{
	uint8_t b[1024];
	P9Fcall f;
	P9Error err;
	char *big;

	badstring("a\0b", 3, P9_ENUL, "string with NUL");
	badstring("\xc0\x80", 2, P9_EUTF8, "overlong NUL");
	badstring("\xe0\x80\xaf", 3, P9_EUTF8, "overlong slash");
	badstring("\xed\xa0\x80", 3, P9_EUTF8, "UTF-16 surrogate");
	badstring("\xf4\x90\x80\x80", 4, P9_EUTF8, "code point above U+10FFFF");
	badstring("\x80", 1, P9_EUTF8, "lone continuation byte");
	badstring("ab\xe2\x82", 4, P9_EUTF8, "sequence cut at the end");
	badstring("\xff", 1, P9_EUTF8, "byte 0xFF");
	badstring("\xf4\x8f\xbf\xbf", 4, P9_OK, "U+10FFFF accepted");

	// The encoder refuses what the decoder would reject.
	memset(&f, 0, sizeof f);
	f.type = P9_RERROR;
	f.ename.p = "x\0y", f.ename.len = 3;
	tap_ok(p9_encode(&f, b, sizeof b, &err) == -P9_ENUL, "encoder rejects NUL in string");
	f.ename = p9_str("\xc3");
	tap_ok(p9_encode(&f, b, sizeof b, &err) == -P9_EUTF8, "encoder rejects bad UTF-8");
	big = malloc(70000);
	memset(big, 'a', 70000);
	f.ename.p = big, f.ename.len = 65536;
	tap_ok(p9_encode(&f, blob, sizeof blob, &err) == -P9_EINVAL && strstr(err.msg, "65535"),
	       "encoder rejects a 65536-byte string: %s", err.msg);
	f.ename.len = 65535;
	tap_ok(p9_encode(&f, blob, sizeof blob, &err) == 65535 + 9 &&
	               p9_decode(blob, 65535 + 9, 0, &f, &err) == P9_OK && f.ename.len == 65535,
	       "a 65535-byte string round-trips");
	free(big);
	memset(&f, 0, sizeof f);
	f.type = P9_TWALK, f.nwname = 17;
	tap_ok(p9_encode(&f, b, sizeof b, &err) == -P9_ENWNAME, "encoder rejects nwname 17");
	f.type = P9_RWALK, f.nwqid = 17;
	tap_ok(p9_encode(&f, b, sizeof b, &err) == -P9_ENWQID, "encoder rejects nwqid 17");
	f.type = 106;
	tap_ok(p9_encode(&f, b, sizeof b, &err) == -P9_ETYPE, "encoder rejects Terror");
	f.type = P9_RREAD, f.count = 4, f.data = NULL;
	tap_ok(p9_encode(&f, b, sizeof b, &err) == -P9_EINVAL,
	       "encoder rejects count without data");
}

// Every sample into every too-small buffer.
static void
test_nospace(void)
{
	uint8_t buf[1024];
	int i, ok = 1;

	for (i = 0; i < nsamples; i++) {
		size_t n = p9_size(&samples[i]), cap;

		for (cap = 0; cap < n; cap++) {
			P9Error err;

			if (p9_encode(&samples[i], buf, cap, &err) != -P9_ENOSPACE)
				ok = 0;
		}
	}
	tap_ok(ok, "encoding into any buffer smaller than the message gives P9_ENOSPACE");
}

// A directory read: whole stat entries back to back.
static void
test_dirs(void)
{
	uint8_t buf[512];
	P9Dir d[3], got;
	P9Error err;
	size_t off = 0, used;
	long n;
	int i, ok = 1;

	d[0] = sampledir(0), d[1] = sampledir(1), d[2] = sampledir(0);
	d[2].name = p9_str("third");
	for (i = 0; i < 3; i++) {
		n = p9_dir_pack(&d[i], buf + off, sizeof buf - off, &err);
		if (n <= 0 || (size_t)n != p9_dir_size(&d[i]))
			ok = 0;
		off += n > 0 ? (size_t)n : 0;
	}
	tap_ok(ok, "three stat entries pack");
	n = (long)off, off = 0;
	for (i = 0; i < 3; i++) {
		if (p9_dir_unpack(buf + off, (size_t)n - off, &got, &used, &err) != P9_OK ||
		    !direq(&got, &d[i]))
			ok = 0;
		off += used;
	}
	tap_ok(ok && off == (size_t)n, "three stat entries unpack in order");
	tap_ok(p9_dir_unpack(buf, 20, &got, &used, &err) == P9_ESTATSIZE,
	       "a stat entry cut short is rejected: %s", err.msg);
	tap_ok(p9_dir_pack(&d[1], buf, 10, &err) == -P9_ENOSPACE,
	       "packing into a small buffer fails");
	tap_ok(p9_dir_unpack(buf, 1, &got, &used, &err) == P9_ESHORT,
	       "one byte is not a stat entry");
}

// For interop_test.sh: each sample as a hex dump (text2pcap's input) and
// the fields that Wireshark's 9P dissector should find in it, in the order
// and notation of `tshark -T fields -E separator=|` with the fields listed
// in interop_test.sh.
static void
pstr(FILE *fp, P9Str s)
{
	fprintf(fp, "%.*s", (int)s.len, s.p);
}

static void
dumpexpect(FILE *fp, const P9Fcall *f)
{
	const P9Dir *d = &f->dir;
	int t = f->type, i,
	    hasfid = t == P9_TATTACH || t == P9_TWALK || t == P9_TOPEN || t == P9_TCREATE ||
	             t == P9_TREAD || t == P9_TWRITE || t == P9_TCLUNK || t == P9_TREMOVE ||
	             t == P9_TSTAT || t == P9_TWSTAT;
	int stat = t == P9_RSTAT || t == P9_TWSTAT, ver = t == P9_TVERSION || t == P9_RVERSION;
	int au = t == P9_TAUTH || t == P9_TATTACH;
	int qid = t == P9_RAUTH || t == P9_RATTACH || t == P9_ROPEN || t == P9_RCREATE;

	// msgtype tag fid newfid afid maxsize version uname aname
	fprintf(fp, "%d|%u|", t, f->tag);
	if (hasfid)
		fprintf(fp, "%u", f->fid);
	fprintf(fp, "|");
	if (t == P9_TWALK)
		fprintf(fp, "%u", f->newfid);
	fprintf(fp, "|");
	if (au)
		fprintf(fp, "%u", f->afid);
	fprintf(fp, "|");
	if (ver)
		fprintf(fp, "%u", f->msize);
	fprintf(fp, "|");
	if (ver)
		pstr(fp, f->version);
	fprintf(fp, "|");
	if (au)
		pstr(fp, f->uname);
	fprintf(fp, "|");
	if (au)
		pstr(fp, f->aname);
	// wname oldtag offset count
	fprintf(fp, "|");
	for (i = 0; t == P9_TWALK && i < f->nwname; i++) {
		fprintf(fp, i ? "," : "");
		pstr(fp, f->wname[i]);
	}
	fprintf(fp, "|");
	if (t == P9_TFLUSH)
		fprintf(fp, "%u", f->oldtag);
	fprintf(fp, "|");
	if (t == P9_TREAD || t == P9_TWRITE)
		fprintf(fp, "%llu", (unsigned long long)f->offset);
	fprintf(fp, "|");
	if (t == P9_TREAD || t == P9_TWRITE || t == P9_RREAD || t == P9_RWRITE)
		fprintf(fp, "%u", f->count);
	// iounit filename ename qidpath user group muid length
	fprintf(fp, "|");
	if (t == P9_ROPEN || t == P9_RCREATE)
		fprintf(fp, "%u", f->iounit);
	fprintf(fp, "|");
	if (t == P9_TCREATE)
		pstr(fp, f->name);
	if (stat)
		pstr(fp, d->name);
	fprintf(fp, "|");
	if (t == P9_RERROR)
		pstr(fp, f->ename);
	fprintf(fp, "|");
	if (qid)
		fprintf(fp, "%llu", (unsigned long long)f->qid.path);
	for (i = 0; t == P9_RWALK && i < f->nwqid; i++)
		fprintf(fp, "%s%llu", i ? "," : "", (unsigned long long)f->wqid[i].path);
	if (stat)
		fprintf(fp, "%llu", (unsigned long long)d->qid.path);
	fprintf(fp, "|");
	if (stat)
		pstr(fp, d->uid);
	fprintf(fp, "|");
	if (stat)
		pstr(fp, d->gid);
	fprintf(fp, "|");
	if (stat)
		pstr(fp, d->muid);
	fprintf(fp, "|");
	if (stat)
		fprintf(fp, "%llu", (unsigned long long)d->length);
	fprintf(fp, "\n");
}

static void
dumphex(FILE *fp, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "%s%02x", i % 16 == 0 ? (i ? "\n" : "") : " ", b[i]);
	fprintf(fp, "\n");
}

static void
dump(const char *prefix)
{
	char path[512];
	uint8_t buf[1024];
	FILE *hex, *exp;
	int i;

	snprintf(path, sizeof path, "%s.hex", prefix);
	hex = fopen(path, "w");
	snprintf(path, sizeof path, "%s.expect", prefix);
	exp = fopen(path, "w");
	if (hex == NULL || exp == NULL)
		exit(1);
	for (i = 0; i < nsamples; i++) {
		long n = p9_encode(&samples[i], buf, sizeof buf, NULL);
		size_t k;

		// text2pcap wants an offset before each line of 16 bytes.
		for (k = 0; k < (size_t)n; k += 16) {
			fprintf(hex, "%06zx ", k);
			dumphex(hex, buf + k, (size_t)n - k < 16 ? (size_t)n - k : 16);
		}
		dumpexpect(exp, &samples[i]);
	}
	fclose(hex);
	fclose(exp);
}

int
main(void)
{
	const char *seeds = getenv("P9_SEED_DIR"), *dumpto = getenv("P9_DUMP");

	makesamples();
	if (seeds != NULL) {
		writeseeds(seeds);
		return 0;
	}
	if (dumpto != NULL) {
		dump(dumpto);
		return 0;
	}
	test_roundtrip();
	test_exact();
	test_truncation();
	test_malformed();
	test_strings();
	test_nospace();
	test_dirs();
	return tap_done();
}
