// sys/devfs/devfs.h: devfs, the user-space server of /dev: a flat directory
// of cons (the console, proxied to a descriptor), null, zero, random (the
// ChaCha20 generator of rng.h) and kmsg (the kernel log, proxied
// read-only). devfs_ops serves it with lib/9p; give p9_srv_init the Devfs
// as the server's aux. The rules are in docs/devfs.md.
//
// Console reads are deferred: a Tread of cons waits in a queue until the
// event loop (loop.c, or a test) reads the console descriptor and hands the
// bytes to devfs_consinput. The loop reads the console only while a read
// is waiting, and at most as many bytes as the first waiting read asked
// for, so input nobody asked for stays in the console (its line discipline
// keeps working) and is never lost when a read is flushed.
#ifndef SYS_DEVFS_H
#define SYS_DEVFS_H

#include <stddef.h>
#include <stdint.h>

#include "9p/srv.h"
#include "rng.h"

// The files' qid paths (their order in the directory).
enum { Qroot, Qcons, Qnull, Qzero, Qrandom, Qkmsg, Qmax };

typedef struct Devfs {
	int consfd; // read and written for cons; -1: no console
	int kmsgfd; // read with pread for kmsg; -1: no kernel log
	char owner[64];
	uint32_t mtime; // the files' times (start time)
	Rng rng;
	P9Req *qhead, *qtail; // console reads waiting, oldest first (chained by aux)
	uint64_t consreads;   // console reads answered (tests, diagnostics)
} Devfs;

// Set up fs; the descriptors are not owned (nothing closes them). The
// generator must be seeded separately (rng_init, then mixing and gather).
void devfs_init(Devfs *fs, const char *owner, int consfd, int kmsgfd);

// The byte count the oldest waiting console read wants, or 0 when none is
// waiting (then the loop must not read the console).
uint32_t devfs_conswant(const Devfs *fs);

// n bytes (1 <= n <= devfs_conswant) read from the console: they answer
// the oldest waiting read. n == 0 means the console read returned end of
// file: the oldest waiting read gets 0 bytes (EOF). err non-NULL: the
// console read failed; the oldest waiting read gets that Rerror.
void devfs_consinput(Devfs *fs, const uint8_t *buf, size_t n, const char *err);

// The 9P callbacks; the server's aux is the Devfs.
extern const P9SrvOps devfs_ops;

// The event loop (loop.c): serve 9P on infd/outfd and the console of fs
// until the client hangs up (returns 0) or the connection breaks (-1,
// s->lasterr says why). Multiplexes the two descriptors with poll().
int devfs_serve(Devfs *fs, P9Srv *s, int infd, int outfd);

#endif
