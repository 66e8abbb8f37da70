// lib/c/include/time.h: clocks and sleeping. struct timespec and the clock
// ids are the kernel's (abi/syscall.h).
#ifndef _TIME_H
#define _TIME_H

#include <abi/syscall.h>
#include <sys/types.h>

int clock_gettime(clockid_t clock, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
time_t time(time_t *t);

#endif
