// lib/c/include/errno.h: errno and the error numbers (Linux values, shared
// with the kernel through abi/errno.h). errno lives in the thread control
// block behind %fs (see lib/c/arch/x86_64/tls.c), so it is per thread once
// threads exist.
#ifndef _ERRNO_H
#define _ERRNO_H

#include <abi/errno.h>

int *__errno_location(void);
#define errno (*__errno_location())

#endif
