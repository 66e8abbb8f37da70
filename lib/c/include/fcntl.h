// lib/c/include/fcntl.h: open(2). The flag values are the kernel's
// (abi/syscall.h, Linux values).
#ifndef _FCNTL_H
#define _FCNTL_H

#include <abi/syscall.h>
#include <sys/types.h>

// O_CREAT opens the file if it exists and creates it (SYS_create) if not;
// with O_EXCL the kernel's create alone decides.
int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);

#endif
