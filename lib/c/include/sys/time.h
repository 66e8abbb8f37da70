// lib/c/include/sys/time.h: gettimeofday (over CLOCK_REALTIME).
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>
#include <time.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

// tz must be NULL (there are no time zones).
int gettimeofday(struct timeval *restrict tv, void *restrict tz);

#endif
