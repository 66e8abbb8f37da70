// kernel/ns/chan.h: channels, devices and namespaces (Plan 9 style).
//
// A chan is a reference to a file of some device: which device, which file
// (its qid), an offset once open, and the name it was reached by in the
// namespace of the process that made it. A dev is an in-kernel file server
// named by a '#' letter. A pgrp is a namespace: a table of mount points,
// each with an ordered list of chans bound or mounted there (a union when
// there are several).
#ifndef NS_CHAN_H
#define NS_CHAN_H

#include <stdint.h>

#include "abi/syscall.h"
#include "ns/name.h"

#define NSPATH 256 // longest path name, NUL included
#define NSNAME 64  // longest file name element, NUL included
#define NUNION 8   // members of one union directory
#define NMOUNTS 64 // mount points of one namespace

// Qid types (stat(5)).
#define QTDIR 0x80
#define QTAPPEND 0x40
#define QTFILE 0x00

struct qid {
	uint64_t path;
	uint32_t vers;
	uint8_t type;
};

// What a device says about one of its files (packed into a 9P stat entry
// by chan.c).
struct kdir {
	struct qid qid;
	uint32_t mode; // DM* bits and permissions
	uint64_t length;
	uint32_t mtime;
	char name[NSNAME];
};

// Chan flags.
#define COPEN 0x1  // opened: mode is valid
#define CCEXEC 0x2 // unused: close-on-exec lives in the fd table

struct chan {
	int ref;
	const struct dev *dev;
	uint64_t inst; // device instance (distinguishes e.g. two pipes)
	struct qid qid;
	uint64_t off;
	int mode;  // O_RDONLY, O_WRONLY or O_RDWR once COPEN
	int flags; // C*
	void *aux; // the device's
	char path[NSPATH];
	// Directory reads of a union: the members, which one is being read,
	// and the entry index in it.
	struct chan *umem[NUNION];
	int nmem, curmem;
	uint64_t dirindex;
};

// An in-kernel device. Functions return 0 (or a count) or -errno with a
// reason in why (ERRMAX bytes). walk changes c (a fresh clone) to name's
// file. gen gives the i-th entry of directory c: 1, 0 past the end.
// open may replace the chan (srv hands out the posted one) through *nc.
struct dev {
	int dc;
	const char *name;
	int stream; // reads return what is there (pipes, console), not a full n
	int (*attach)(struct chan *c, const char *spec, char *why);
	void (*clone)(struct chan *n); // n got a copy of aux
	int (*walk)(struct chan *c, const char *name, char *why);
	int (*stat)(struct chan *c, struct kdir *d, char *why);
	int (*gen)(struct chan *c, uint64_t i, struct kdir *d);
	int (*open)(struct chan *c, int mode, struct chan **nc, char *why);
	int (*create)(struct chan *c, const char *name, int mode, uint32_t perm, char *why);
	int64_t (*read)(struct chan *c, void *buf, uint64_t n, uint64_t off, char *why);
	int64_t (*write)(struct chan *c, const void *buf, uint64_t n, uint64_t off, char *why);
	void (*close)(struct chan *c);
	int (*remove)(struct chan *c, char *why);
	int (*wstat)(struct chan *c, const struct kdir *d, char *why);
};

struct mount {
	struct chan *to;
	int flags; // MCREATE
};

// A mount point: the chan of the file covered, and the members in order.
struct mhead {
	struct chan *from;
	struct mount m[NUNION];
	int n;
};

struct pgrp {
	int ref;
	int nomnt; // RFNOMNT: no new binds or mounts, no '#' names
	struct mhead *mh[NMOUNTS];
};

// File-descriptor tables.
#define NFD 64
struct fdtab {
	int ref;
	struct chan *fd[NFD];
	uint8_t cloexec[NFD];
};

#endif
