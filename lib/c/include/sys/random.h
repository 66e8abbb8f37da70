// lib/c/include/sys/random.h: getrandom(2), glibc's signature. Bytes come
// from the kernel's ChaCha20 generator; it never blocks, so GRND_NONBLOCK
// and GRND_RANDOM (from abi/syscall.h) change nothing. One call returns at
// most GETRANDOM_MAX bytes.
#ifndef _SYS_RANDOM_H
#define _SYS_RANDOM_H

#include <abi/syscall.h>
#include <stddef.h>
#include <sys/types.h>

ssize_t getrandom(void *buf, size_t n, unsigned flags);

#endif
