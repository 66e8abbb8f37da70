// lib/9p/fcall.h: the 9P2000 wire format, defined once, and its codec.
//
// Every 9P2000 message is size[4] type[1] tag[2] followed by the fields of
// its type (intro(5)); integers are little-endian; a string s is len[2] then
// len bytes of UTF-8 without NUL; a qid is type[1] vers[4] path[8]; a stat
// entry is size[2] and then the fields listed below P9Dir. Rstat and Twstat
// carry the stat entry behind a further n[2] byte count.
//
// The codec is portable, freestanding C11: it uses only string.h, stdint.h
// and stddef.h, never allocates, and decodes into caller-provided structures
// whose strings and data point into the message buffer (the buffer must
// outlive the decoded structure). Decoding validates strictly; each failure
// has its own code and a message that says what and where.
#ifndef NINEP_FCALL_H
#define NINEP_FCALL_H

#include <stddef.h>
#include <stdint.h>

// The only protocol version this codec speaks.
#define P9_VERSION "9P2000"

// Message types (intro(5)). Terror (106) does not exist on the wire.
enum {
	P9_TVERSION = 100,
	P9_RVERSION = 101,
	P9_TAUTH = 102,
	P9_RAUTH = 103,
	P9_TATTACH = 104,
	P9_RATTACH = 105,
	P9_RERROR = 107,
	P9_TFLUSH = 108,
	P9_RFLUSH = 109,
	P9_TWALK = 110,
	P9_RWALK = 111,
	P9_TOPEN = 112,
	P9_ROPEN = 113,
	P9_TCREATE = 114,
	P9_RCREATE = 115,
	P9_TREAD = 116,
	P9_RREAD = 117,
	P9_TWRITE = 118,
	P9_RWRITE = 119,
	P9_TCLUNK = 120,
	P9_RCLUNK = 121,
	P9_TREMOVE = 122,
	P9_RREMOVE = 123,
	P9_TSTAT = 124,
	P9_RSTAT = 125,
	P9_TWSTAT = 126,
	P9_RWSTAT = 127,
};

// Sizes and limits of the wire format.
enum {
	P9_HDRSZ = 7,      // size[4] type[1] tag[2]
	P9_QIDSZ = 13,     // type[1] vers[4] path[8]
	P9_MAXWELEM = 16,  // most names in one Twalk, qids in one Rwalk
	P9_IOHDRSZ = 24,   // room for the Twrite/Rread header (23, rounded)
	P9_STATFIXED = 49, // a stat entry with four empty strings, size[2] included
	P9_MINMSIZE = 256, // smallest msize this code negotiates
};

#define P9_NOTAG ((uint16_t)0xFFFF)
#define P9_NOFID ((uint32_t)0xFFFFFFFF)

// Qid.type bits; the high byte of a file's mode.
enum {
	P9_QTDIR = 0x80,
	P9_QTAPPEND = 0x40,
	P9_QTEXCL = 0x20,
	P9_QTMOUNT = 0x10,
	P9_QTAUTH = 0x08,
	P9_QTTMP = 0x04,
	P9_QTFILE = 0x00,
};

// Dir.mode bits above the nine permission bits.
#define P9_DMDIR 0x80000000u
#define P9_DMAPPEND 0x40000000u
#define P9_DMEXCL 0x20000000u
#define P9_DMMOUNT 0x10000000u
#define P9_DMAUTH 0x08000000u
#define P9_DMTMP 0x04000000u

// Open modes (open(5)): the low two bits, plus flags.
enum {
	P9_OREAD = 0,
	P9_OWRITE = 1,
	P9_ORDWR = 2,
	P9_OEXEC = 3,
	P9_OTRUNC = 0x10,
	P9_ORCLOSE = 0x40,
};

// Decoding and encoding failures, each distinct.
enum {
	P9_OK = 0,
	P9_ESHORT = 1,     // a fixed-size field runs past the end of the message
	P9_ESIZE = 2,      // size[4] disagrees with the buffer length
	P9_ETYPE = 3,      // unknown or illegal type byte
	P9_ETRAILING = 4,  // bytes left over after the last field
	P9_ESTRLEN = 5,    // a string's len[2] runs past the end
	P9_EUTF8 = 6,      // a string is not valid UTF-8
	P9_ENUL = 7,       // a string contains a NUL byte
	P9_ENWNAME = 8,    // Twalk nwname > 16
	P9_ENWQID = 9,     // Rwalk nwqid > 16
	P9_ECOUNT = 10,    // a count[4] runs past the end
	P9_ESTATSIZE = 11, // stat n[2]/size[2] inconsistent with its contents
	P9_EMSIZE = 12,    // message larger than the negotiated msize
	P9_ENOSPACE = 13,  // encoding: output buffer too small
	P9_EINVAL = 14,    // encoding: a field cannot be represented
};

// A string on the wire: len bytes at p, not NUL-terminated. Decoded strings
// are at most 65535 bytes; the encoder rejects longer ones.
typedef struct P9Str {
	const char *p;
	size_t len;
} P9Str;

typedef struct P9Qid {
	uint8_t type;
	uint32_t vers;
	uint64_t path;
} P9Qid;

// A stat entry (stat(5)): size[2] type[2] dev[4] qid[13] mode[4] atime[4]
// mtime[4] length[8] name[s] uid[s] gid[s] muid[s].
typedef struct P9Dir {
	uint16_t type;
	uint32_t dev;
	P9Qid qid;
	uint32_t mode;
	uint32_t atime;
	uint32_t mtime;
	uint64_t length;
	P9Str name;
	P9Str uid;
	P9Str gid;
	P9Str muid;
} P9Dir;

// One message. Only the fields of f->type are meaningful (listed per type
// in docs/9p.md); the rest are ignored by the encoder.
typedef struct P9Fcall {
	uint8_t type;
	uint16_t tag;
	uint32_t fid;
	uint32_t msize;  // Tversion, Rversion
	P9Str version;   // Tversion, Rversion
	uint16_t oldtag; // Tflush
	P9Str ename;     // Rerror
	P9Qid qid;       // Rattach, Ropen, Rcreate; aqid of Rauth
	uint32_t iounit; // Ropen, Rcreate
	uint32_t afid;   // Tauth, Tattach
	P9Str uname;     // Tauth, Tattach
	P9Str aname;     // Tauth, Tattach
	uint32_t perm;   // Tcreate
	P9Str name;      // Tcreate
	uint8_t mode;    // Topen, Tcreate
	uint32_t newfid; // Twalk
	uint16_t nwname; // Twalk
	P9Str wname[P9_MAXWELEM];
	uint16_t nwqid; // Rwalk
	P9Qid wqid[P9_MAXWELEM];
	uint64_t offset;     // Tread, Twrite
	uint32_t count;      // Tread, Twrite, Rread, Rwrite
	const uint8_t *data; // Twrite, Rread: count bytes
	P9Dir dir;           // Rstat, Twstat
} P9Fcall;

// What went wrong, for people: "Twalk: nwname 17 exceeds 16".
typedef struct P9Error {
	int code;
	char msg[128];
} P9Error;

// Make a P9Str from a NUL-terminated C string (NULL gives the empty string).
// The encoder rejects strings longer than 65535 bytes with P9_EINVAL.
P9Str p9_str(const char *s);

// Decode the len bytes at buf as one message into f. msize is the largest
// message allowed (0 for no limit). Returns P9_OK or a P9_E* code with err
// filled in (err may be NULL).
int p9_decode(const uint8_t *buf, size_t len, uint32_t msize, P9Fcall *f, P9Error *err);

// The encoded size of f (0 if f cannot be encoded).
size_t p9_size(const P9Fcall *f);

// Encode f into buf (cap bytes). Returns the message length (> 0) or a
// negative P9_E* code with err filled in.
long p9_encode(const P9Fcall *f, uint8_t *buf, size_t cap, P9Error *err);

// Stat entries, as in Rread of a directory: p9_dir_unpack decodes the one
// entry that starts at buf (at most len bytes), checking that size[2] agrees
// with its contents, and stores its total length (size[2] included) in
// *used. p9_dir_pack returns the packed length or a negative P9_E* code.
int p9_dir_unpack(const uint8_t *buf, size_t len, P9Dir *d, size_t *used, P9Error *err);
size_t p9_dir_size(const P9Dir *d);
long p9_dir_pack(const P9Dir *d, uint8_t *buf, size_t cap, P9Error *err);

// Read size[4] of a message header (4 bytes at buf).
uint32_t p9_get32(const uint8_t *buf);

// "Twalk", "Rerror", ... or "unknown type".
const char *p9_typename(uint8_t type);

// Whether two wire strings are equal, and whether one equals a C string.
int p9_streq(P9Str a, P9Str b);
int p9_streqc(P9Str a, const char *s);

#endif
