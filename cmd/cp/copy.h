// cmd/cp/copy.h: copying a file or a tree (cp, and mv across file servers).
#ifndef COPY_H
#define COPY_H

// Copy src to dst: a file's bytes and permission bits, or (if recursive) a
// directory and everything in it. Messages start with prog. Returns 0, or 1
// after saying what failed and why.
int copy_path(const char *prog, const char *src, const char *dst, int recursive);

#endif
