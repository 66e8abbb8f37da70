// cmd/rm/remove.h: removing a file or a tree (rm, and mv when it must copy).
#ifndef REMOVE_H
#define REMOVE_H

// Remove path; a directory only if recursive (then with everything in it).
// Quiet about a missing path if force. Messages start with prog. Returns 0,
// or 1 after saying what could not be removed and why.
int remove_path(const char *prog, const char *path, int recursive, int force);

#endif
