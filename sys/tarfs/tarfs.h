// sys/tarfs/tarfs.h: tarfs, a read-only 9P2000 file server for a ustar
// archive (Gremlin's base image, /base), held in memory or read on demand
// from a file with pread.
//
// tarfs_load (archive in memory) and tarfs_loadfd (archive in a file)
// validate the whole archive up front (tar.c) and build a tree of nodes
// that record where each file's data lies in the archive; the buffer or
// the file must outlive the Tarfs, and neither may change while it is
// served. tarfs_ops (tarfs.c) serves that tree with lib/9p: give
// p9_srv_init the Tarfs as the server's aux. Every write-like request is
// answered "read-only file system". The format rules are in docs/tarfs.md.
#ifndef SYS_TARFS_H
#define SYS_TARFS_H

#include <stddef.h>
#include <stdint.h>

#include "9p/srv.h"

// The ustar header layout (POSIX.1-1988 ustar, as in pax(1)): 512-byte
// blocks; each member is one header block followed by its data padded to a
// whole block; the archive ends with two zero blocks.
enum {
	TAR_BLOCK = 512,
	TAR_NAME = 0, // name[100]
	TAR_NAMELEN = 100,
	TAR_MODE = 100,     // mode[8], octal
	TAR_UID = 108,      // uid[8], octal
	TAR_GID = 116,      // gid[8], octal
	TAR_SIZE = 124,     // size[12], octal
	TAR_MTIME = 136,    // mtime[12], octal
	TAR_CHKSUM = 148,   // chksum[8], octal
	TAR_TYPE = 156,     // typeflag[1]
	TAR_LINKNAME = 157, // linkname[100]
	TAR_MAGIC = 257,    // magic[6] "ustar\0" (GNU: "ustar ")
	TAR_VERSION = 263,  // version[2] "00" (GNU: " \0")
	TAR_UNAME = 265,    // uname[32]
	TAR_GNAME = 297,    // gname[32]
	TAR_UGNAMELEN = 32,
	TAR_PREFIX = 345, // prefix[155]
	TAR_PREFIXLEN = 155,
};

typedef struct TarNode TarNode;
struct TarNode {
	char *name;    // the last path element ("/" for the root)
	uint32_t mode; // 9P mode: P9_DMDIR and the nine permission bits
	uint32_t mtime;
	uint64_t length;
	uint64_t dataoff; // the data: length bytes at this offset in the archive
	char *uid, *gid;
	P9Qid qid;
	long offset;  // header offset of the member that declared it; -1: implied
	long implied; // header offset of the first member under it (directories)
	TarNode *parent;
	TarNode **child; // directories: entries in archive order
	size_t nchild, capchild;
	TarNode *hnext; // lookup hash chain
};

typedef struct Tarfs {
	// The archive: len bytes at mem, or (mem NULL) in the file fd.
	const uint8_t *mem;
	int fd;
	uint64_t len;
	uint8_t *rbuf; // file reads land here (fd mode)
	size_t rbufcap;
	TarNode *root;
	TarNode **nodes; // every node, root first, in archive order
	size_t nnodes, capnodes;
	TarNode **hash; // by (parent, name)
	size_t nhash;
	uint64_t nfiles, ndirs, nbytes; // what the archive holds
} Tarfs;

// Validate the len bytes at buf as a ustar archive and build t. Returns 0,
// or -1 with a message naming the member and byte offset in err (errcap
// bytes). On failure t holds nothing that needs freeing.
int tarfs_load(Tarfs *t, const uint8_t *buf, size_t len, char *err, size_t errcap);
// The same for the first len bytes of the file fd, read with pread: only
// the headers are read while loading (the data is skipped), and file data
// is read when a client reads it. fd stays the caller's (not closed).
int tarfs_loadfd(Tarfs *t, int fd, uint64_t len, char *err, size_t errcap);
void tarfs_free(Tarfs *t);

// Copy the n bytes at offset off of t's archive to buf. Returns 0, or -1
// with the reason in err (a read error, or a file shorter than it was).
int tarfs_readat(Tarfs *t, void *buf, size_t n, uint64_t off, char *err, size_t errcap);

// The child of dir named name, or NULL.
TarNode *tarfs_lookup(Tarfs *t, TarNode *dir, const char *name);

// The 9P callbacks; the server's aux is the Tarfs.
extern const P9SrvOps tarfs_ops;

#endif
