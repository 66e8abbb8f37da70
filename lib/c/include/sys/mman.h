// lib/c/include/sys/mman.h: anonymous memory mappings. PROT_* and MAP_* are
// the kernel's (abi/syscall.h, Linux values).
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <abi/syscall.h>
#include <sys/types.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);

#endif
