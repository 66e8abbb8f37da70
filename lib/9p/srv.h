// lib/9p/srv.h: a small library for writing 9P2000 file servers.
//
// The library owns the protocol: version and msize negotiation, the fid
// table, tags, walk (with partial walks and newfid rules), open modes,
// directory offsets, Tflush, and turning errors into Rerror. A server
// supplies a table of callbacks (P9SrvOps) that act on files. Request
// callbacks receive a P9Req and answer it with p9_respond, either before
// they return or later (a deferred reply, e.g. a read that waits for data);
// walk1 and clone are plain functions that return an error string or NULL.
//
// The transport is a pair of file descriptors carrying whole messages (a
// pipe, a socket, later a Gremlin pipe). Single-threaded: all callbacks run
// on the thread that calls p9_srv_serve or p9_srv_handle.
//
// Malformed input never crashes the server. A message whose framing is
// broken (size[4] below 7 or above msize, or the stream ending inside a
// message) closes the connection; any other malformed message gets an
// Rerror that says what is wrong, with the message's tag.
#ifndef NINEP_SRV_H
#define NINEP_SRV_H

#include <stddef.h>
#include <stdint.h>

#include "9p/fcall.h"

typedef struct P9Srv P9Srv;
typedef struct P9Req P9Req;
typedef struct P9Fid P9Fid;

// A fid: the client's handle on a file. qid and omode are maintained by the
// library; aux is the server's.
struct P9Fid {
	uint32_t fid;
	P9Qid qid;
	int omode; // -1 while not open, else the Topen/Tcreate mode byte
	char *uid; // the user named in Tattach, NUL-terminated
	void *aux; // the server's per-fid state
	P9Srv *srv;

	// Library-private.
	uint64_t diroffset; // offset the next directory read must use
	long dirindex;      // directory entries already returned
	int ref;            // the table's reference plus requests in flight
	int intable;
	P9Fid *next;
};

// A request. ifcall is the decoded T-message (its strings and data point
// into the request's own copy of the bytes, valid until p9_respond);
// ofcall is the reply being built: the callback fills the fields of the
// R-message (qid, iounit, count and data, dir) and calls p9_respond.
struct P9Req {
	P9Fcall ifcall;
	P9Fcall ofcall;
	P9Fid *fid; // the fid named by the request (Tattach: the new fid)
	P9Srv *srv;
	void *aux; // the server's, e.g. while the reply is deferred

	uint8_t *rdata; // Tread: room for ifcall.count bytes; ofcall.data points here

	// Library-private.
	uint8_t *buf;   // the message bytes
	P9Req *flushes; // Tflush requests waiting for this one
	P9Req *next;    // pending-tag table chain
	P9Req *fnext;   // chain of a request's flushes
	int intable;    // in the pending-tag table
	int aborted;    // connection reset: send no reply
	int flushing;   // ops->flush has been called
};

// The callbacks. Those marked required must be set; for the others the
// library's behaviour when NULL is given.
typedef struct P9SrvOps {
	// Required. r->fid is the new fid (uid set); set r->ofcall.qid (the
	// root's qid) and r->fid->aux. r->ifcall.aname names the tree.
	void (*attach)(P9Req *r);
	// Required. Move fid (a directory) to its child or parent named name
	// ("..": the parent; the root's parent is the root) and store the new
	// qid in *qid. Return NULL or an error string. The library always walks
	// a clone of the client's fid (made with clone), so a failure part way
	// leaves the client's fid untouched.
	const char *(*walk1)(P9Fid *fid, const char *name, P9Qid *qid);
	// Copy the server's state of oldfid into newfid (newfid->aux is
	// NULL). NULL: aux is copied as a plain pointer, so a server whose
	// destroyfid frees aux must supply clone.
	const char *(*clone)(P9Fid *oldfid, P9Fid *newfid);
	// Check permission to open r->fid with r->ifcall.mode; may set
	// r->ofcall.iounit. NULL: every open that passes the library's
	// checks succeeds.
	void (*open)(P9Req *r);
	// Create r->ifcall.name in directory r->fid with r->ifcall.perm and
	// open it with r->ifcall.mode; set r->ofcall.qid and r->fid->aux
	// (the fid becomes the new file). NULL: "create prohibited".
	void (*create)(P9Req *r);
	// Required. Copy data into r->rdata (room for r->ifcall.count bytes,
	// already clamped to msize) and set r->ofcall.count; or point
	// r->ofcall.data at other memory valid until p9_respond returns. For directories
	// p9_dirread does the work.
	void (*read)(P9Req *r);
	// Write r->ifcall.count bytes of r->ifcall.data at r->ifcall.offset;
	// set r->ofcall.count. NULL: "write prohibited".
	void (*write)(P9Req *r);
	// Remove the file of r->fid. The fid is clunked whatever the outcome.
	// NULL: "remove prohibited".
	void (*remove)(P9Req *r);
	// Required. Fill r->ofcall.dir; its strings must stay valid until
	// p9_respond returns.
	void (*stat)(P9Req *r);
	// Apply r->ifcall.dir ("don't touch" fields are ~0 and empty
	// strings). NULL: "wstat prohibited".
	void (*wstat)(P9Req *r);
	// A deferred request old is being flushed (Tflush, Tversion or the
	// connection closing): forget it and call p9_respond(old, ...) now.
	// NULL: the library waits until the server answers old by itself, so
	// a server that defers replies should set this.
	void (*flush)(P9Req *old);
	// The fid is gone (clunked, removed, or the connection reset) and no
	// request uses it any more: free fid->aux. A fid opened with ORCLOSE
	// (fid->omode & P9_ORCLOSE) must have its file removed here.
	void (*destroyfid)(P9Fid *fid);
} P9SrvOps;

// A connection. Set the limits after p9_srv_init and before serving.
struct P9Srv {
	const P9SrvOps *ops;
	void *aux;         // the server's
	uint32_t maxmsize; // largest msize offered (default 8192 + P9_IOHDRSZ)
	int maxfids;       // fids per connection (default 4096)
	int maxreqs;       // requests pending at once (default 64)
	char lasterr[160]; // why p9_srv_serve stopped

	// Library-private.
	uint32_t msize; // negotiated; 0 before Tversion
	int infd, outfd;
	int dead;
	int nfids, nreqs;
	P9Fid *fids[64];
	P9Req *reqs[64];
	uint8_t *wbuf;
	uint32_t wbufsz;
};

void p9_srv_init(P9Srv *s, const P9SrvOps *ops, void *aux);

// Serve requests read from infd, replies written to outfd, until the
// client closes the stream (returns 0) or the connection must be closed
// (returns -1; s->lasterr says why). Pending requests are flushed and all
// fids destroyed before it returns. The descriptors are not closed.
int p9_srv_serve(P9Srv *s, int infd, int outfd);

// For callers with their own event loop: handle one whole message (len
// bytes, size[4] included), replies going to s's outfd (set it with
// p9_srv_setout first). Returns 0, or -1 if the connection must be closed.
void p9_srv_setout(P9Srv *s, int outfd);
int p9_srv_handle(P9Srv *s, const uint8_t *msg, size_t len);

// Abort pending requests and destroy every fid, as at a Tversion.
void p9_srv_reset(P9Srv *s);

// End a connection driven by p9_srv_handle: reset, and free the library's
// buffers. (p9_srv_serve does this itself before returning.)
void p9_srv_close(P9Srv *s);

// Answer r: err NULL sends the R-message built in r->ofcall, otherwise an
// Rerror with err. r must not be used afterwards.
void p9_respond(P9Req *r, const char *err);

// Directory reads: call gen(n, &dir, aux) for n = the next entry index,
// packing entries into r->ofcall.data until the count is full or gen
// returns -1 (no entry n). gen returns 0 when it filled dir. Responds to r.
void p9_dirread(P9Req *r, int (*gen)(long n, P9Dir *dir, void *aux), void *aux);

// Copy s into dst (cap bytes) as a C string; NULL if it does not fit.
char *p9_strcpy(char *dst, size_t cap, P9Str s);

// Error strings the library uses (Plan 9 wording).
extern const char p9_Eunknownfid[], p9_Enotdir[], p9_Enoent[], p9_Eperm[], p9_Eisdir[];

#endif
