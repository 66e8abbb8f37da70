// kernel/sys/systime.c: time system calls: nanosleep and clock_gettime.
#include "sys/sys.h"

#define NS 1000000000LL

int64_t boot_epoch;

SYSCALL(sys_nanosleep)
{
	struct timespec req, rem;
	uint64_t deadline, now;

	if (copyin(&p->as, &req, tf->rdi, sizeof req) < 0)
		return seterr(p, -EFAULT, "nanosleep: bad address 0x%llx",
		              (unsigned long long)tf->rdi);
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= NS)
		return seterr(p, -EINVAL, "nanosleep: bad time %lld.%09lld s",
		              (long long)req.tv_sec, (long long)req.tv_nsec);
	now = clock_mono_ns();
	if ((uint64_t)req.tv_sec > (UINT64_MAX - now) / NS - 1)
		deadline = UINT64_MAX;
	else
		deadline = now + (uint64_t)req.tv_sec * NS + (uint64_t)req.tv_nsec;
	if (deadline == now) {
		yield();
		return 0;
	}
	while ((now = clock_mono_ns()) < deadline) {
		if (interrupted(p)) {
			uint64_t left = deadline - now;

			rem.tv_sec = (int64_t)(left / NS);
			rem.tv_nsec = (int64_t)(left % NS);
			if (tf->rsi != 0)
				(void)copyout(&p->as, tf->rsi, &rem, sizeof rem);
			return seterr(p, -EINTR, "nanosleep: interrupted");
		}
		p->wake_ns = deadline;
		sleep((const void *)&ticks);
	}
	return 0;
}

SYSCALL(sys_clock_gettime)
{
	int clock = (int)tf->rdi;
	uint64_t ns = clock_mono_ns();
	struct timespec ts;

	if (clock == CLOCK_REALTIME)
		ns += (uint64_t)boot_epoch * NS;
	else if (clock != CLOCK_MONOTONIC)
		return seterr(p, -EINVAL, "clock_gettime: unknown clock %d", clock);
	ts.tv_sec = (int64_t)(ns / NS);
	ts.tv_nsec = (int64_t)(ns % NS);
	if (copyout(&p->as, tf->rsi, &ts, sizeof ts) < 0)
		return seterr(p, -EFAULT, "clock_gettime: bad address 0x%llx",
		              (unsigned long long)tf->rsi);
	return 0;
}
