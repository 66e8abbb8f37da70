// tests/guest/badarg_test.c: every system call given invalid pointers (NULL,
// kernel half, unmapped, non-canonical, read-only for writes), bad lengths
// (huge, wrapping around) and bad descriptors fails with EFAULT, EBADF or
// EINVAL and a non-empty error string: never a hang, never a kernel fault.
// Calls that could block run in a child with a deadline.
#include <sys/mman.h>

#include "guest.h"

#define KERNEL_ADDR 0xffffffff80000000ull
#define NONCANON 0x0000800000000000ull
#define UNMAPPED 0x00006fff00000000ull

static const struct {
	uint64_t addr;
	const char *name;
} badptrs[] = {
        {0, "NULL"},
        {KERNEL_ADDR, "kernel half"},
        {0xfffffffffffff000ull, "top page"},
        {NONCANON, "non-canonical"},
        {UNMAPPED, "unmapped"},
};
#define NBAD (sizeof badptrs / sizeof badptrs[0])

// One raw call that must fail with err (or err2, if non-zero).
static void
expect(int64_t r, int err, int err2, const char *fmt, const char *arg)
{
	char what[160];
	const char *why = lasterr();

	snprintf(what, sizeof what, fmt, arg);
	tap_ok(r == -err || (err2 && r == -err2), "%s: %s%s (want %s) \"%s\"", what,
	       r < 0 ? "" : "returned ", r < 0 ? strerror((int)-r) : "success", strerror(err), why);
}

static int64_t
sys(int64_t n, int64_t a, int64_t b, int64_t c, int64_t d)
{
	return rawsyscall(n, a, b, c, d, 0, 0);
}

static void
pointers(void)
{
	static const char text[] = "text in a read-only section";
	struct timespec ts;

	for (size_t i = 0; i < NBAD; i++) {
		int64_t p = (int64_t)badptrs[i].addr;
		const char *nm = badptrs[i].name;
		expect(sys(SYS_write, 1, p, 16, 0), EFAULT, 0, "write(1, %s, 16)", nm);
		expect(sys(SYS_clock_gettime, CLOCK_MONOTONIC, p, 0, 0), EFAULT, 0,
		       "clock_gettime(MONOTONIC, %s)", nm);
		expect(sys(SYS_nanosleep, p, 0, 0, 0), EFAULT, 0, "nanosleep(%s, NULL)", nm);
		expect(sys(SYS_errstr, p, 64, 0, 0), EFAULT, 0, "errstr(%s, 64)", nm);
		expect(sys(SYS_uname, p, 0, 0, 0), EFAULT, 0, "uname(%s)", nm);
		expect(sys(SYS_open, p, O_RDONLY, 0, 0), EFAULT, ENOSYS, "open(%s)", nm);
		expect(sys(SYS_kill, getpid(), p, 0, 0), EFAULT, 0, "kill(self, note %s)", nm);
		expect(sys(SYS_arch_prctl, ARCH_GET_FS, p, 0, 0), EFAULT, 0,
		       "arch_prctl(GET_FS, %s)", nm);
	}
	// Output parameters in read-only memory.
	expect(sys(SYS_clock_gettime, CLOCK_MONOTONIC, (int64_t)text, 0, 0), EFAULT, 0,
	       "clock_gettime into %s", "read-only data");
	expect(sys(SYS_uname, (int64_t)(uintptr_t)expect, 0, 0, 0), EFAULT, 0, "uname into %s",
	       "program text");
	// A valid nanosleep with a bad rem pointer must still not fault.
	ts.tv_sec = 0;
	ts.tv_nsec = 1000;
	{
		int64_t r = sys(SYS_nanosleep, (int64_t)&ts, (int64_t)KERNEL_ADDR, 0, 0);
		tap_ok(r == 0 || r == -EFAULT,
		       "nanosleep with rem in the kernel half: 0 or EFAULT (%lld)", (long long)r);
	}
}

static void
lengths(void)
{
	char buf[16] = "0123456789abcdef";
	static const char line[16] = "# short write.\n";
	static const struct {
		int64_t len;
		const char *name;
	} lens[] = {{(int64_t)1 << 62, "2^62"}, {-1, "-1 (wraps around)"}, {8192, "8K"}};
	char *page;

	// A buffer that ends where a hole begins: a write past it must fail
	// with EFAULT (or EINVAL), or at most write the 16 valid bytes (a short
	// write is POSIX). The bytes are a TAP comment in case they appear.
	page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED || munmap(page + 4096, 4096) < 0) {
		tap_ok(0, "mmap two pages and unmap the second (%s)", lasterr());
		return;
	}
	memcpy(page + 4096 - 16, line, 16);
	for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		int64_t r = sys(SYS_write, 1, (int64_t)(page + 4096 - 16), lens[i].len, 0);
		tap_ok(r == -EFAULT || r == -EINVAL || (r > 0 && r <= 16),
		       "write(1, 16 bytes before a hole, %s): EFAULT, EINVAL or short (%lld) "
		       "\"%s\"",
		       lens[i].name, (long long)r, lasterr());
	}
	munmap(page, 4096);
	expect(sys(SYS_write, 1, (int64_t)0x7ffffffff000ull, 0x2000, 0), EFAULT, 0,
	       "write(1, %s, 8K)", "last user page");
	{
		// errstr copies only the string and its NUL, so a huge n is harmless.
		int64_t r = sys(SYS_errstr, (int64_t)buf, -1, 0, 0);
		tap_ok(r == 0 || r == -EFAULT || r == -EINVAL,
		       "errstr(buf, -1): copies the string or refuses, no fault (%lld)",
		       (long long)r);
	}
	expect(sys(SYS_mmap, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS), EINVAL, 0, "mmap(%s)",
	       "length 0");
	expect(sys(SYS_mmap, 0, -4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS), EINVAL, ENOMEM,
	       "mmap(%s)", "length 2^64-4096");
	expect(sys(SYS_munmap, (int64_t)KERNEL_ADDR, 4096, 0, 0), EINVAL, 0, "munmap(%s)",
	       "kernel half");
	expect(sys(SYS_munmap, 0x1001, 4096, 0, 0), EINVAL, 0, "munmap(%s)", "unaligned address");
	expect(sys(SYS_munmap, 0x10000, -4096, 0, 0), EINVAL, 0, "munmap(%s)",
	       "length wraps around");
	expect(rawsyscall(SYS_mmap, (int64_t)KERNEL_ADDR, 4096, PROT_READ,
	                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
	       EINVAL, ENOMEM, "mmap(MAP_FIXED at %s)", "the kernel half");
	expect(sys(SYS_brk, (int64_t)KERNEL_ADDR, 0, 0, 0), ENOMEM, EINVAL, "brk(%s)",
	       "kernel half");
	expect(sys(SYS_arch_prctl, ARCH_SET_FS, (int64_t)NONCANON, 0, 0), EINVAL, EFAULT,
	       "arch_prctl(SET_FS, %s)", "non-canonical");
	expect(sys(SYS_arch_prctl, ARCH_SET_FS, (int64_t)KERNEL_ADDR, 0, 0), EINVAL, EFAULT,
	       "arch_prctl(SET_FS, %s)", "kernel half");
	expect(sys(SYS_arch_prctl, 0x9999, 0, 0, 0), EINVAL, 0, "arch_prctl(%s)", "unknown code");
	expect(sys(SYS_clock_gettime, 99, (int64_t)buf, 0, 0), EINVAL, 0, "clock_gettime(%s)",
	       "clock 99");
	{
		struct timespec bad = {0, 1000000000};
		expect(sys(SYS_nanosleep, (int64_t)&bad, 0, 0, 0), EINVAL, 0, "nanosleep(%s)",
		       "tv_nsec = 1e9");
		bad.tv_sec = -1;
		bad.tv_nsec = 0;
		expect(sys(SYS_nanosleep, (int64_t)&bad, 0, 0, 0), EINVAL, 0, "nanosleep(%s)",
		       "tv_sec = -1");
	}
}

static void
descriptors(void)
{
	static const int fds[] = {-1, 3, 64, 1000, 0x7fffffff, (int)0x80000000};
	char buf[8] = "x";
	char name[32];

	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++) {
		snprintf(name, sizeof name, "%d", fds[i]);
		expect(sys(SYS_write, fds[i], (int64_t)buf, 1, 0), EBADF, 0, "write(fd %s)", name);
		expect(sys(SYS_read, fds[i], (int64_t)buf, 1, 0), EBADF, 0, "read(fd %s)", name);
		expect(sys(SYS_close, fds[i], 0, 0, 0), EBADF, 0, "close(fd %s)", name);
	}
}

static void
other(void)
{
	struct waitmsg w;
	pid_t pid, r;

	expect(sys(9999, 0, 0, 0, 0), ENOSYS, 0, "syscall %s", "9999");
	expect(sys(-1, 0, 0, 0, 0), ENOSYS, 0, "syscall %s", "-1");
	expect(sys(NSYSCALL, 0, 0, 0, 0), ENOSYS, 0, "syscall %s", "NSYSCALL");
	expect(sys(SYS_sendto, 0, 0, 0, 0), ENOSYS, 0, "%s (reserved)", "sendto");
	expect(sys(SYS_reboot, REBOOT_POWEROFF, 0, 0, 0), EPERM, 0, "reboot from %s",
	       "a non-init process");
	expect(sys(SYS_kill, 999999, (int64_t) "kill", 0, 0), ESRCH, 0, "kill(%s)", "no such pid");
	// wait's struct waitmsg pointer: a bad one fails and the child stays
	// waitable.
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(4);
	for (size_t i = 0; i < NBAD; i++)
		if (badptrs[i].addr != 0)
			expect(sys(SYS_wait, pid, (int64_t)badptrs[i].addr, 0, 0), EFAULT, 0,
			       "wait(child, %s)", badptrs[i].name);
	r = waitmsg(pid, &w, 0);
	tap_ok(r == pid && w.status == 4,
	       "the child is still waitable after the bad waits (status %d)", w.status);
	// The exit string pointer is checked too: a bad one is dropped, not fatal.
	pid = fork();
	if (pid == 0)
		rawsyscall(SYS_exit, 6, (int64_t)KERNEL_ADDR, 0, 0, 0, 0);
	r = waitmsg(pid, &w, 0);
	tap_ok(r == pid && w.status == 6,
	       "exit with a kernel-half message pointer still exits (status %d, msg '%s')",
	       w.status, w.msg);
}

// read(0, bad, n) from the console must fail at once, not wait for input.
static void
read_bad(void *arg)
{
	int64_t r = sys(SYS_read, 0, (int64_t)(uintptr_t)arg, 16, 0);

	exits(r == -EFAULT ? 0 : 1, r == -EFAULT ? "" : "read did not return EFAULT");
}

static void
blocking(void)
{
	struct waitmsg w;

	for (size_t i = 0; i < NBAD; i++) {
		int r = in_child_timeout(read_bad, (void *)(uintptr_t)badptrs[i].addr, &w, 3000);
		tap_ok(r == 0 && w.status == 0, "read(0, %s, 16) fails with EFAULT at once (%s)",
		       badptrs[i].name, r == 1 ? "it blocked: killed after 3 s" : w.msg);
	}
}

int
main(void)
{
	pointers();
	lengths();
	descriptors();
	other();
	blocking();
	tap_ok(getpid() > 1, "the kernel is alive after all of the above");
	guest_done();
}
