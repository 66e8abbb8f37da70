// lib/c/include/sys/utsname.h: uname(2); struct utsname is the kernel's.
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#include <abi/syscall.h>

int uname(struct utsname *u);

#endif
