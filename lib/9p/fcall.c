// lib/9p/fcall.c: encoding and strict decoding of 9P2000 messages and stat
// entries (the format is described in fcall.h and intro(5)). Freestanding:
// no allocation, no stdio; error messages are built by the small formatter
// below.
#include <string.h>

#include "9p/fcall.h"

// Error messages: a bounded string builder with decimal numbers.
typedef struct Msg {
	char *s;
	size_t n, cap;
} Msg;

static void
msg_str(Msg *m, const char *s)
{
	while (*s != '\0' && m->n + 1 < m->cap)
		m->s[m->n++] = *s++;
	m->s[m->n] = '\0';
}

static void
msg_num(Msg *m, uint64_t v)
{
	char tmp[24];
	int i = 0;

	do {
		tmp[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (i > 0 && m->n + 1 < m->cap)
		m->s[m->n++] = tmp[--i];
	m->s[m->n] = '\0';
}

// Set err to code and "what: a N b M c", where the numbers are optional
// (pass NULL for b or c to stop early).
static int
fail(P9Error *err, int code, const char *what, const char *a, uint64_t n, const char *b, uint64_t k,
     const char *c)
{
	Msg m;

	if (err == NULL)
		return code;
	err->code = code;
	m.s = err->msg;
	m.n = 0;
	m.cap = sizeof err->msg;
	m.s[0] = '\0';
	msg_str(&m, what);
	msg_str(&m, ": ");
	msg_str(&m, a);
	if (b == NULL)
		return code;
	msg_num(&m, n);
	msg_str(&m, b);
	if (c == NULL)
		return code;
	msg_num(&m, k);
	msg_str(&m, c);
	return code;
}

static const char *const typenames[] = {
        "Tversion", "Rversion", "Tauth",   "Rauth", "Tattach", "Rattach", "Terror",
        "Rerror",   "Tflush",   "Rflush",  "Twalk", "Rwalk",   "Topen",   "Ropen",
        "Tcreate",  "Rcreate",  "Tread",   "Rread", "Twrite",  "Rwrite",  "Tclunk",
        "Rclunk",   "Tremove",  "Rremove", "Tstat", "Rstat",   "Twstat",  "Rwstat",
};

static int
validtype(uint8_t type)
{
	return type >= P9_TVERSION && type <= P9_RWSTAT && type != 106;
}

const char *
p9_typename(uint8_t type)
{
	if (!validtype(type))
		return "unknown type";
	return typenames[type - P9_TVERSION];
}

P9Str
p9_str(const char *s)
{
	P9Str r;

	r.p = s != NULL ? s : "";
	r.len = strlen(r.p);
	return r;
}

int
p9_streq(P9Str a, P9Str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

int
p9_streqc(P9Str a, const char *s)
{
	return p9_streq(a, p9_str(s));
}

uint32_t
p9_get32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

// Check that s is UTF-8 (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF) without NUL. Returns P9_OK, P9_ENUL or P9_EUTF8 and the offset
// of the first bad byte in *at.
static int
checkutf8(const uint8_t *s, size_t n, size_t *at)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = s[i];
		size_t k, need;
		uint32_t r, min;

		*at = i;
		if (c == 0)
			return P9_ENUL;
		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0) {
			need = 1, r = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			need = 2, r = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			need = 3, r = c & 0x07, min = 0x10000;
		} else {
			return P9_EUTF8;
		}
		if (n - i - 1 < need)
			return P9_EUTF8;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return P9_EUTF8;
			r = r << 6 | (s[i + k] & 0x3F);
		}
		if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
			return P9_EUTF8;
		i += need + 1;
	}
	return P9_OK;
}

// A string with a NUL or bad UTF-8 at offset at (in the message when
// decoding, in the string when encoding).
static int
badstr(P9Error *err, int code, const char *what, const char *field, size_t at)
{
	Msg m;

	fail(err, code, what, field, 0, NULL, 0, NULL);
	if (err == NULL)
		return code;
	m.s = err->msg;
	m.n = strlen(err->msg);
	m.cap = sizeof err->msg;
	msg_str(&m,
	        code == P9_ENUL ? " contains NUL at offset " : " is not valid UTF-8 at offset ");
	msg_num(&m, at);
	return code;
}

// Decoding: a cursor over the message with the name of what is being
// decoded, for error messages.
typedef struct Rd {
	const uint8_t *base, *p, *end;
	const char *what;
	P9Error *err;
	int code;
} Rd;

static int
need(Rd *r, size_t n, const char *field)
{
	if (r->code != P9_OK)
		return 0;
	if ((size_t)(r->end - r->p) >= n)
		return 1;
	r->code = fail(r->err, P9_ESHORT, r->what, field, 0, NULL, 0, NULL);
	if (r->err != NULL) {
		Msg m = {r->err->msg, strlen(r->err->msg), sizeof r->err->msg};

		msg_str(&m, " truncated at offset ");
		msg_num(&m, (uint64_t)(r->p - r->base));
		msg_str(&m, ": needs ");
		msg_num(&m, n);
		msg_str(&m, " bytes, ");
		msg_num(&m, (uint64_t)(r->end - r->p));
		msg_str(&m, " left");
	}
	return 0;
}

static uint8_t
g8(Rd *r, const char *field)
{
	if (!need(r, 1, field))
		return 0;
	return *r->p++;
}

static uint16_t
g16(Rd *r, const char *field)
{
	uint16_t v;

	if (!need(r, 2, field))
		return 0;
	v = (uint16_t)(r->p[0] | r->p[1] << 8);
	r->p += 2;
	return v;
}

static uint32_t
g32(Rd *r, const char *field)
{
	uint32_t v;

	if (!need(r, 4, field))
		return 0;
	v = p9_get32(r->p);
	r->p += 4;
	return v;
}

static uint64_t
g64(Rd *r, const char *field)
{
	uint64_t v;

	if (!need(r, 8, field))
		return 0;
	v = (uint64_t)p9_get32(r->p) | (uint64_t)p9_get32(r->p + 4) << 32;
	r->p += 8;
	return v;
}

static void
gqid(Rd *r, P9Qid *q, const char *field)
{
	if (!need(r, P9_QIDSZ, field))
		return;
	q->type = g8(r, field);
	q->vers = g32(r, field);
	q->path = g64(r, field);
}

static void
gstr(Rd *r, P9Str *s, const char *field)
{
	size_t at;
	uint16_t n = g16(r, field);
	int code;

	s->p = "";
	s->len = 0;
	if (r->code != P9_OK)
		return;
	if ((size_t)(r->end - r->p) < n) {
		r->code = fail(r->err, P9_ESTRLEN, r->what, field, 0, NULL, 0, NULL);
		if (r->err != NULL) {
			Msg m = {r->err->msg, strlen(r->err->msg), sizeof r->err->msg};

			msg_str(&m, " length ");
			msg_num(&m, n);
			msg_str(&m, " at offset ");
			msg_num(&m, (uint64_t)(r->p - 2 - r->base));
			msg_str(&m, " overruns the message (");
			msg_num(&m, (uint64_t)(r->end - r->p));
			msg_str(&m, " bytes left)");
		}
		return;
	}
	code = checkutf8(r->p, n, &at);
	if (code != P9_OK) {
		r->code = badstr(r->err, code, r->what, field, (size_t)(r->p - r->base) + at);
		return;
	}
	s->p = (const char *)r->p;
	s->len = n;
	r->p += n;
}

// The stat entry at r->p (size[2] and fields), bounded by its size.
static void
gdir(Rd *r, P9Dir *d)
{
	Rd s;
	uint16_t size = g16(r, "stat size");

	if (r->code != P9_OK)
		return;
	if ((size_t)(r->end - r->p) < size) {
		r->code = fail(r->err, P9_ESTATSIZE, r->what, "stat size ", size,
		               " overruns the message by ", size - (uint64_t)(r->end - r->p),
		               " bytes");
		return;
	}
	s = *r;
	s.end = r->p + size;
	d->type = g16(&s, "stat type");
	d->dev = g32(&s, "stat dev");
	gqid(&s, &d->qid, "stat qid");
	d->mode = g32(&s, "stat mode");
	d->atime = g32(&s, "stat atime");
	d->mtime = g32(&s, "stat mtime");
	d->length = g64(&s, "stat length");
	gstr(&s, &d->name, "stat name");
	gstr(&s, &d->uid, "stat uid");
	gstr(&s, &d->gid, "stat gid");
	gstr(&s, &d->muid, "stat muid");
	if (s.code == P9_OK && s.p != s.end)
		s.code = fail(r->err, P9_ESTATSIZE, r->what, "stat size ", size,
		              " but its fields end after ", (uint64_t)(size - (s.end - s.p)),
		              " bytes");
	r->code = s.code;
	r->p = s.end;
}

// Rstat and Twstat: n[2] and then exactly one stat entry of n bytes.
static void
gnstat(Rd *r, P9Dir *d)
{
	uint16_t n = g16(r, "stat n");
	const uint8_t *start = r->p;

	if (r->code != P9_OK)
		return;
	if ((size_t)(r->end - r->p) != n) {
		r->code = fail(r->err, P9_ESTATSIZE, r->what, "stat n ", n, " disagrees with the ",
		               (uint64_t)(r->end - r->p), " bytes that follow it");
		return;
	}
	if (n < 2) {
		r->code = fail(r->err, P9_ESTATSIZE, r->what, "stat n ", n,
		               " is too small for size[2]", 0, NULL);
		return;
	}
	if ((uint32_t)(start[0] | start[1] << 8) + 2 != n) {
		r->code = fail(r->err, P9_ESTATSIZE, r->what, "stat size ",
		               (uint64_t)(start[0] | start[1] << 8), " disagrees with n ", n, "");
		return;
	}
	gdir(r, d);
}

static void
gdata(Rd *r, P9Fcall *f)
{
	f->count = g32(r, "count");
	if (r->code != P9_OK)
		return;
	if ((size_t)(r->end - r->p) < f->count) {
		r->code = fail(r->err, P9_ECOUNT, r->what, "count ", f->count, " exceeds the ",
		               (uint64_t)(r->end - r->p), " bytes left");
		return;
	}
	f->data = r->p;
	r->p += f->count;
}

static void
gwalk(Rd *r, P9Fcall *f)
{
	static const char *const names[P9_MAXWELEM] = {
	        "wname[0]",  "wname[1]",  "wname[2]",  "wname[3]",  "wname[4]",  "wname[5]",
	        "wname[6]",  "wname[7]",  "wname[8]",  "wname[9]",  "wname[10]", "wname[11]",
	        "wname[12]", "wname[13]", "wname[14]", "wname[15]",
	};
	int i;

	f->fid = g32(r, "fid");
	f->newfid = g32(r, "newfid");
	f->nwname = g16(r, "nwname");
	if (r->code != P9_OK)
		return;
	if (f->nwname > P9_MAXWELEM) {
		r->code = fail(r->err, P9_ENWNAME, r->what, "nwname ", f->nwname, " exceeds 16", 0,
		               NULL);
		return;
	}
	for (i = 0; i < f->nwname; i++)
		gstr(r, &f->wname[i], names[i]);
}

static void
grwalk(Rd *r, P9Fcall *f)
{
	int i;

	f->nwqid = g16(r, "nwqid");
	if (r->code != P9_OK)
		return;
	if (f->nwqid > P9_MAXWELEM) {
		r->code = fail(r->err, P9_ENWQID, r->what, "nwqid ", f->nwqid, " exceeds 16", 0,
		               NULL);
		return;
	}
	for (i = 0; i < f->nwqid; i++)
		gqid(r, &f->wqid[i], "wqid");
}

// The fields after the header, by type.
static void
gbody(Rd *r, P9Fcall *f)
{
	switch (f->type) {
	case P9_TVERSION:
	case P9_RVERSION:
		f->msize = g32(r, "msize");
		gstr(r, &f->version, "version");
		break;
	case P9_TAUTH:
		f->afid = g32(r, "afid");
		gstr(r, &f->uname, "uname");
		gstr(r, &f->aname, "aname");
		break;
	case P9_TATTACH:
		f->fid = g32(r, "fid");
		f->afid = g32(r, "afid");
		gstr(r, &f->uname, "uname");
		gstr(r, &f->aname, "aname");
		break;
	case P9_RAUTH:
	case P9_RATTACH:
		gqid(r, &f->qid, "qid");
		break;
	case P9_RERROR:
		gstr(r, &f->ename, "ename");
		break;
	case P9_TFLUSH:
		f->oldtag = g16(r, "oldtag");
		break;
	case P9_TWALK:
		gwalk(r, f);
		break;
	case P9_RWALK:
		grwalk(r, f);
		break;
	case P9_TOPEN:
		f->fid = g32(r, "fid");
		f->mode = g8(r, "mode");
		break;
	case P9_ROPEN:
	case P9_RCREATE:
		gqid(r, &f->qid, "qid");
		f->iounit = g32(r, "iounit");
		break;
	case P9_TCREATE:
		f->fid = g32(r, "fid");
		gstr(r, &f->name, "name");
		f->perm = g32(r, "perm");
		f->mode = g8(r, "mode");
		break;
	case P9_TREAD:
		f->fid = g32(r, "fid");
		f->offset = g64(r, "offset");
		f->count = g32(r, "count");
		break;
	case P9_RREAD:
		gdata(r, f);
		break;
	case P9_TWRITE:
		f->fid = g32(r, "fid");
		f->offset = g64(r, "offset");
		gdata(r, f);
		break;
	case P9_RWRITE:
		f->count = g32(r, "count");
		break;
	case P9_TCLUNK:
	case P9_TREMOVE:
	case P9_TSTAT:
		f->fid = g32(r, "fid");
		break;
	case P9_RSTAT:
		gnstat(r, &f->dir);
		break;
	case P9_TWSTAT:
		f->fid = g32(r, "fid");
		gnstat(r, &f->dir);
		break;
	default: // Rflush, Rclunk, Rremove, Rwstat: header only.
		break;
	}
}

int
p9_decode(const uint8_t *buf, size_t len, uint32_t msize, P9Fcall *f, P9Error *err)
{
	Rd r;
	uint32_t size;

	memset(f, 0, sizeof *f);
	if (err != NULL)
		err->code = P9_OK, err->msg[0] = '\0';
	if (len < P9_HDRSZ)
		return fail(err, P9_ESHORT, "message", "", len,
		            " bytes is shorter than the 7-byte header", 0, NULL);
	size = p9_get32(buf);
	if (size != len)
		return fail(err, P9_ESIZE, "message", "size field ", size,
		            size < len ? " is smaller than the message length "
		                       : " is larger than the message length ",
		            len, "");
	if (msize != 0 && len > msize)
		return fail(err, P9_EMSIZE, "message", "length ", len, " exceeds msize ", msize,
		            "");
	f->type = buf[4];
	f->tag = (uint16_t)(buf[5] | buf[6] << 8);
	if (!validtype(f->type))
		return fail(err, P9_ETYPE, "message", "bad type byte ", f->type, "", 0, NULL);
	r.base = buf;
	r.p = buf + P9_HDRSZ;
	r.end = buf + len;
	r.what = p9_typename(f->type);
	r.err = err;
	r.code = P9_OK;
	gbody(&r, f);
	if (r.code != P9_OK)
		return r.code;
	if (r.p != r.end)
		return fail(err, P9_ETRAILING, r.what, "", (uint64_t)(r.end - r.p),
		            " trailing bytes after the last field at offset ",
		            (uint64_t)(r.p - buf), "");
	return P9_OK;
}

int
p9_dir_unpack(const uint8_t *buf, size_t len, P9Dir *d, size_t *used, P9Error *err)
{
	Rd r;

	memset(d, 0, sizeof *d);
	*used = 0;
	if (err != NULL)
		err->code = P9_OK, err->msg[0] = '\0';
	r.base = buf;
	r.p = buf;
	r.end = buf + len;
	r.what = "directory entry";
	r.err = err;
	r.code = P9_OK;
	gdir(&r, d);
	if (r.code != P9_OK)
		return r.code;
	*used = (size_t)(r.p - buf);
	return P9_OK;
}

// Encoding. Sizes first: a field that cannot be represented makes the
// size computation fail with P9_EINVAL and a message.
typedef struct Sz {
	size_t n;
	const char *what;
	P9Error *err;
	int code;
} Sz;

static void
sstr(Sz *s, P9Str v, const char *field)
{
	size_t at;
	int code;

	if (s->code != P9_OK)
		return;
	if (v.len > 0xFFFF) {
		s->code = fail(s->err, P9_EINVAL, s->what, field, 0, NULL, 0, NULL);
		if (s->err != NULL) {
			Msg m = {s->err->msg, strlen(s->err->msg), sizeof s->err->msg};

			msg_str(&m, " length ");
			msg_num(&m, v.len);
			msg_str(&m, " exceeds 65535");
		}
		return;
	}
	if (v.len > 0 && (code = checkutf8((const uint8_t *)v.p, v.len, &at)) != P9_OK) {
		s->code = badstr(s->err, code, s->what, field, at);
		return;
	}
	s->n += 2 + v.len;
}

static size_t
sdir(Sz *s, const P9Dir *d)
{
	size_t before = s->n;

	s->n += P9_STATFIXED - 8;
	sstr(s, d->name, "stat name");
	sstr(s, d->uid, "stat uid");
	sstr(s, d->gid, "stat gid");
	sstr(s, d->muid, "stat muid");
	if (s->code == P9_OK && s->n - before > 0xFFFF)
		s->code = fail(s->err, P9_EINVAL, s->what, "stat entry of ", s->n - before,
		               " bytes exceeds 65535", 0, NULL);
	return s->n - before;
}

static int
sbody(Sz *s, const P9Fcall *f)
{
	int i;

	switch (f->type) {
	case P9_TVERSION:
	case P9_RVERSION:
		s->n += 4;
		sstr(s, f->version, "version");
		break;
	case P9_TAUTH:
	case P9_TATTACH:
		s->n += f->type == P9_TAUTH ? 4 : 8;
		sstr(s, f->uname, "uname");
		sstr(s, f->aname, "aname");
		break;
	case P9_RAUTH:
	case P9_RATTACH:
		s->n += P9_QIDSZ;
		break;
	case P9_RERROR:
		sstr(s, f->ename, "ename");
		break;
	case P9_TFLUSH:
		s->n += 2;
		break;
	case P9_TWALK:
		if (f->nwname > P9_MAXWELEM)
			return fail(s->err, P9_ENWNAME, s->what, "nwname ", f->nwname,
			            " exceeds 16", 0, NULL);
		s->n += 10;
		for (i = 0; i < f->nwname; i++)
			sstr(s, f->wname[i], "wname");
		break;
	case P9_RWALK:
		if (f->nwqid > P9_MAXWELEM)
			return fail(s->err, P9_ENWQID, s->what, "nwqid ", f->nwqid, " exceeds 16",
			            0, NULL);
		s->n += 2 + (size_t)f->nwqid * P9_QIDSZ;
		break;
	case P9_TOPEN:
		s->n += 5;
		break;
	case P9_ROPEN:
	case P9_RCREATE:
		s->n += P9_QIDSZ + 4;
		break;
	case P9_TCREATE:
		s->n += 9;
		sstr(s, f->name, "name");
		break;
	case P9_TREAD:
		s->n += 16;
		break;
	case P9_TWRITE:
	case P9_RREAD:
		if (f->count > 0 && f->data == NULL)
			return fail(s->err, P9_EINVAL, s->what, "count ", f->count, " with no data",
			            0, NULL);
		s->n += (f->type == P9_TWRITE ? 16 : 4) + (size_t)f->count;
		break;
	case P9_RWRITE:
	case P9_TCLUNK:
	case P9_TREMOVE:
	case P9_TSTAT:
		s->n += 4;
		break;
	case P9_TWSTAT:
	case P9_RSTAT:
		s->n += f->type == P9_TWSTAT ? 6 : 2;
		sdir(s, &f->dir);
		break;
	case P9_RFLUSH:
	case P9_RCLUNK:
	case P9_RREMOVE:
	case P9_RWSTAT:
		break;
	default:
		return fail(s->err, P9_ETYPE, "message", "bad type byte ", f->type, "", 0, NULL);
	}
	return s->code;
}

static int
sizeof_fcall(const P9Fcall *f, size_t *n, P9Error *err)
{
	Sz s = {P9_HDRSZ, p9_typename(f->type), err, P9_OK};
	int code = sbody(&s, f);

	if (code != P9_OK)
		return code;
	if (s.n > 0xFFFFFFFFu)
		return fail(err, P9_EINVAL, s.what, "message of ", s.n, " bytes exceeds 2^32-1", 0,
		            NULL);
	*n = s.n;
	return P9_OK;
}

size_t
p9_size(const P9Fcall *f)
{
	size_t n;

	if (sizeof_fcall(f, &n, NULL) != P9_OK)
		return 0;
	return n;
}

size_t
p9_dir_size(const P9Dir *d)
{
	Sz s = {0, "stat", NULL, P9_OK};
	size_t n = sdir(&s, d);

	return s.code == P9_OK ? n : 0;
}

// Writing, after the size is known to fit.
static uint8_t *
p8(uint8_t *p, uint8_t v)
{
	*p = v;
	return p + 1;
}

static uint8_t *
p16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	return p + 2;
}

static uint8_t *
p32(uint8_t *p, uint32_t v)
{
	p = p16(p, (uint16_t)v);
	return p16(p, (uint16_t)(v >> 16));
}

static uint8_t *
p64(uint8_t *p, uint64_t v)
{
	p = p32(p, (uint32_t)v);
	return p32(p, (uint32_t)(v >> 32));
}

static uint8_t *
pstr(uint8_t *p, P9Str s)
{
	p = p16(p, (uint16_t)s.len);
	if (s.len > 0)
		memcpy(p, s.p, s.len);
	return p + s.len;
}

static uint8_t *
pqid(uint8_t *p, const P9Qid *q)
{
	p = p8(p, q->type);
	p = p32(p, q->vers);
	return p64(p, q->path);
}

static uint8_t *
pdir(uint8_t *p, const P9Dir *d, size_t total)
{
	p = p16(p, (uint16_t)(total - 2));
	p = p16(p, d->type);
	p = p32(p, d->dev);
	p = pqid(p, &d->qid);
	p = p32(p, d->mode);
	p = p32(p, d->atime);
	p = p32(p, d->mtime);
	p = p64(p, d->length);
	p = pstr(p, d->name);
	p = pstr(p, d->uid);
	p = pstr(p, d->gid);
	return pstr(p, d->muid);
}

static uint8_t *
pbody(uint8_t *p, const P9Fcall *f)
{
	int i;

	switch (f->type) {
	case P9_TVERSION:
	case P9_RVERSION:
		p = p32(p, f->msize);
		return pstr(p, f->version);
	case P9_TATTACH:
		p = p32(p, f->fid);
		/* fall through */
	case P9_TAUTH:
		p = p32(p, f->afid);
		p = pstr(p, f->uname);
		return pstr(p, f->aname);
	case P9_RAUTH:
	case P9_RATTACH:
		return pqid(p, &f->qid);
	case P9_RERROR:
		return pstr(p, f->ename);
	case P9_TFLUSH:
		return p16(p, f->oldtag);
	case P9_TWALK:
		p = p32(p, f->fid);
		p = p32(p, f->newfid);
		p = p16(p, f->nwname);
		for (i = 0; i < f->nwname; i++)
			p = pstr(p, f->wname[i]);
		return p;
	case P9_RWALK:
		p = p16(p, f->nwqid);
		for (i = 0; i < f->nwqid; i++)
			p = pqid(p, &f->wqid[i]);
		return p;
	case P9_TOPEN:
		p = p32(p, f->fid);
		return p8(p, f->mode);
	case P9_ROPEN:
	case P9_RCREATE:
		p = pqid(p, &f->qid);
		return p32(p, f->iounit);
	case P9_TCREATE:
		p = p32(p, f->fid);
		p = pstr(p, f->name);
		p = p32(p, f->perm);
		return p8(p, f->mode);
	case P9_TREAD:
		p = p32(p, f->fid);
		p = p64(p, f->offset);
		return p32(p, f->count);
	case P9_TWRITE:
		p = p32(p, f->fid);
		p = p64(p, f->offset);
		/* fall through */
	case P9_RREAD:
		p = p32(p, f->count);
		if (f->count > 0)
			memcpy(p, f->data, f->count);
		return p + f->count;
	case P9_RWRITE:
		return p32(p, f->count);
	case P9_TCLUNK:
	case P9_TREMOVE:
	case P9_TSTAT:
		return p32(p, f->fid);
	case P9_TWSTAT:
		p = p32(p, f->fid);
		/* fall through */
	case P9_RSTAT: {
		size_t total = p9_dir_size(&f->dir);

		p = p16(p, (uint16_t)total);
		return pdir(p, &f->dir, total);
	}
	default:
		return p;
	}
}

long
p9_encode(const P9Fcall *f, uint8_t *buf, size_t cap, P9Error *err)
{
	size_t n;
	int code;

	if (err != NULL)
		err->code = P9_OK, err->msg[0] = '\0';
	code = sizeof_fcall(f, &n, err);
	if (code != P9_OK)
		return -code;
	if (n > cap)
		return -fail(err, P9_ENOSPACE, p9_typename(f->type), "needs ", n,
		             " bytes but the buffer holds ", cap, "");
	buf[4] = f->type;
	p16(buf + 5, f->tag);
	p32(buf, (uint32_t)n);
	pbody(buf + P9_HDRSZ, f);
	return (long)n;
}

long
p9_dir_pack(const P9Dir *d, uint8_t *buf, size_t cap, P9Error *err)
{
	Sz s = {0, "stat", err, P9_OK};
	size_t n;

	if (err != NULL)
		err->code = P9_OK, err->msg[0] = '\0';
	n = sdir(&s, d);
	if (s.code != P9_OK)
		return -s.code;
	if (n > cap)
		return -fail(err, P9_ENOSPACE, "stat", "needs ", n, " bytes but the buffer holds ",
		             cap, "");
	pdir(buf, d, n);
	return (long)n;
}
