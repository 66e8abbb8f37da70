// cmd/snaprun/snaprun.h: what snaprun and its supervisor (init) agree on.
#ifndef SNAPRUN_H
#define SNAPRUN_H

// snaprun's exit status when it could not start the snap (the entry's own
// statuses are passed through: snaprun becomes the entry).
#define SNAPRUN_FAILED 125
// Limits of a snap whose description sets none (docs/snaps.md).
#define SNAP_DEFAULT_MEMORY (32ull << 20)
#define SNAP_DEFAULT_PROCS 32

#endif
