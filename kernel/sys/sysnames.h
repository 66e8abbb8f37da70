// kernel/sys/sysnames.h: syscall names and the filter's base set
// (sys/sysnames.c). Pure data, host-tested by kernel-unit.
#ifndef SYS_SYSNAMES_H
#define SYS_SYSNAMES_H

#include <stdint.h>

extern const char *const sysnames[];
extern const uint8_t sysbase[];
extern const int nsysbase;

// The name of call n, or NULL for a number the ABI does not define.
const char *sysname(uint64_t n);

#endif
