// lib/c/include/time.h: clocks, sleeping and calendar time. struct timespec
// and the clock ids are the kernel's (abi/syscall.h). There is no time
// zone database: local time is UTC (localtime == gmtime, tm_zone "UTC").
#ifndef _TIME_H
#define _TIME_H

#include <abi/syscall.h>
#include <stddef.h>
#include <sys/types.h>

#define CLOCKS_PER_SEC 1000000L
#define TIME_UTC 1

struct tm {
	int tm_sec, tm_min, tm_hour;
	int tm_mday, tm_mon, tm_year;
	int tm_wday, tm_yday, tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};

int clock_gettime(clockid_t clock, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
time_t time(time_t *t);
clock_t clock(void);
double difftime(time_t a, time_t b);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
size_t strftime(char *restrict s, size_t n, const char *restrict fmt, const struct tm *restrict tm);
char *asctime(const struct tm *tm);
char *ctime(const time_t *t);

#endif
