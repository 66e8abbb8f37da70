// lib/c/unistd/time.c: clocks and sleeping (calendar time is in time/tm.c).
#include <errno.h>
#include <gremlin.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../internal.h"

int
clock_gettime(clockid_t clock, struct timespec *ts)
{
	return (int)__sysret(rawsyscall(SYS_clock_gettime, clock, (int64_t)ts, 0, 0, 0, 0));
}

int
nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__sysret(rawsyscall(SYS_nanosleep, (int64_t)req, (int64_t)rem, 0, 0, 0, 0));
}

time_t
time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return (time_t)-1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

unsigned
sleep(unsigned seconds)
{
	struct timespec req = {seconds, 0}, rem = {0, 0};

	if (nanosleep(&req, &rem) < 0)
		return (unsigned)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int
usleep(unsigned long usec)
{
	struct timespec req = {(int64_t)(usec / 1000000), (int64_t)(usec % 1000000) * 1000};

	return nanosleep(&req, NULL);
}

int
gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;

	if (tz != NULL) {
		errno = EINVAL;
		return -1;
	}
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

// clock: there is no per-process CPU-time clock yet, so this is the
// monotonic time since the first call, in microseconds (documented).
clock_t
clock(void)
{
	static struct timespec start;
	static int started;
	struct timespec now;

	if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return (clock_t)-1;
	if (!started) {
		start = now;
		started = 1;
	}
	return (clock_t)((now.tv_sec - start.tv_sec) * 1000000 +
	                 (now.tv_nsec - start.tv_nsec) / 1000);
}
