// sys/ramfs/ramfs.h: ramfs, a read-write in-memory 9P2000 file server (for
// /tmp, and /writable while there is no disk).
//
// Files keep their data in 4 KiB blocks; a block never written is a hole
// that reads as zeros and takes no memory. The sum of all file lengths is
// held below a limit ("file system full"). ramfs_ops (ramfs.c) serves the
// tree with lib/9p: give p9_srv_init the Ramfs as the server's aux. The
// rules (permissions, wstat, DMEXCL, DMAPPEND, ORCLOSE, qid versions) are
// in docs/ramfs.md.
#ifndef SYS_RAMFS_H
#define SYS_RAMFS_H

#include <stddef.h>
#include <stdint.h>

#include "9p/srv.h"

enum { RAM_BLOCK = 4096 };

typedef struct RamNode RamNode;
struct RamNode {
	char *name;
	uint32_t mode; // P9_DMDIR, P9_DMAPPEND, P9_DMEXCL, P9_DMTMP, permission bits
	uint32_t atime, mtime;
	uint64_t length;
	uint8_t **blk; // files: nblk block pointers, NULL for a hole
	size_t nblk;
	char *uid, *gid, *muid;
	P9Qid qid;
	RamNode *parent; // the root's parent is the root; NULL once removed
	RamNode **child; // directories: entries in creation order
	size_t nchild, capchild;
	int ref;   // fids on this node, plus one while it is in the tree
	int nexcl; // fids that have this DMEXCL file open
};

typedef struct Ramfs {
	RamNode *root;
	uint64_t nextpath;
	uint64_t used;  // sum of file lengths
	uint64_t limit; // largest allowed used
	// The clock for atime and mtime (seconds since 1970); NULL reads 0.
	uint32_t (*now)(void);
} Ramfs;

// Make an empty tree whose root (mode P9_DMDIR | perm) belongs to owner, with
// room for limit bytes of file data. Returns 0, or -1 when out of memory.
int ramfs_init(Ramfs *fs, const char *owner, uint32_t perm, uint64_t limit);
// Free the whole tree (after the connections ended).
void ramfs_free(Ramfs *fs);

// The 9P callbacks; the server's aux is the Ramfs.
extern const P9SrvOps ramfs_ops;

#endif
