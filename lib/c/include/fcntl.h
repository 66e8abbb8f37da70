// lib/c/include/fcntl.h: open(2). The flag values are the kernel's
// (abi/syscall.h, Linux values).
#ifndef _FCNTL_H
#define _FCNTL_H

#include <abi/syscall.h>
#include <sys/types.h>

int open(const char *path, int flags, ...);

#endif
