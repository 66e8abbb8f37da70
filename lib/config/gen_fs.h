// lib/config/gen_fs.h: the few file-system calls the generation store
// needs, in one place (gen_fs.c) so that the Gremlin port maps them to its
// own libc: read a whole file, write a file atomically, make, list and
// remove directories, and the clock. Every failure fills err with what
// failed, on which path, and why.
#ifndef CONFIG_GEN_FS_H
#define CONFIG_GEN_FS_H

#include <stddef.h>
#include <stdint.h>

// Read all of path into a NUL-terminated buffer (*len excludes the NUL).
// Files larger than max bytes are refused. Returns NULL on failure; with
// *missing set when the file does not exist (so callers can tell "absent"
// from "unreadable").
char *genfs_read(const char *path, size_t max, size_t *len, int *missing, char *err, size_t errlen);

// Write len bytes to path atomically: into path.tmp, flushed to the disk
// (fsync, where the system has it), then renamed over path, then the
// directory flushed. mode is the new file's permission bits. A reader sees
// the old file or the new one, never a part.
int genfs_write_atomic(const char *path, const void *buf, size_t len, unsigned mode, char *err,
                       size_t errlen);

// Make a directory; *exists (if given) is set when it was already there,
// which is success only when exists is given.
int genfs_mkdir(const char *path, int *exists, char *err, size_t errlen);

// The names in directory path, except "." and "..", in no order. The
// caller frees each name and the array.
int genfs_list(const char *path, char ***names, size_t *n, char *err, size_t errlen);

// Is path a directory?
int genfs_isdir(const char *path);

// Remove a directory and the plain files in it (one level: generation
// directories have no subdirectories).
int genfs_remove_dir(const char *path, char *err, size_t errlen);

// Remove one file; a file that is already gone is not an error.
int genfs_unlink(const char *path, char *err, size_t errlen);

// Seconds since 1970-01-01 UTC.
int64_t genfs_now(void);

#endif
