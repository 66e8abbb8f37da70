// kernel/test/smoke.c: the kernel's smoke test, booted as /bin/init (and
// /bin/child) from a ustar image by `make -f mk/kernel.mk kernel-smoke`.
// It talks to the kernel with raw syscall instructions (no libc), prints
// TAP, and powers the machine off with status 0 only if every check passed.
#include <stddef.h>
#include <stdint.h>

#include "abi/errno.h"
#include "abi/syscall.h"

static int64_t
sc(int64_t n, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f)
{
	int64_t r;
	register int64_t r10 __asm__("r10") = d;
	register int64_t r8 __asm__("r8") = e;
	register int64_t r9 __asm__("r9") = f;

	__asm__ volatile("syscall"
	                 : "=a"(r)
	                 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
	                 : "rcx", "r11", "memory");
	return r;
}

#define SC0(n) sc(n, 0, 0, 0, 0, 0, 0)
#define SC1(n, a) sc(n, (int64_t)(a), 0, 0, 0, 0, 0)
#define SC2(n, a, b) sc(n, (int64_t)(a), (int64_t)(b), 0, 0, 0, 0)
#define SC3(n, a, b, c) sc(n, (int64_t)(a), (int64_t)(b), (int64_t)(c), 0, 0, 0)

// The compiler may call these for struct copies; there is no libc here.
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);

void *
memcpy(void *d, const void *s, size_t n)
{
	char *dp = d;
	const char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void *
memset(void *d, int c, size_t n)
{
	char *dp = d;

	while (n--)
		*dp++ = (char)c;
	return d;
}

static size_t
slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void
puts1(const char *s)
{
	SC3(SYS_write, 1, s, slen(s));
}

static void
putnum(int64_t v)
{
	char b[24];
	int i = 23;
	int neg = v < 0;
	uint64_t u = neg ? -(uint64_t)v : (uint64_t)v;

	b[i] = 0;
	do {
		b[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		b[--i] = '-';
	puts1(b + i);
}

static int ntest, nfail;

static void
ok(int cond, const char *what)
{
	ntest++;
	if (!cond)
		nfail++;
	puts1(cond ? "ok " : "not ok ");
	putnum(ntest);
	puts1(" - ");
	puts1(what);
	puts1("\n");
}

static int
contains(const char *s, const char *sub)
{
	size_t n = slen(sub);

	for (; *s; s++) {
		size_t i = 0;

		while (i < n && s[i] == sub[i])
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

static void __attribute__((noreturn)) quit(int status)
{
	SC2(SYS_exit, status, 0);
	for (;;)
		;
}

int main(int argc, char **argv, char **envp);

// Entry: rsp points at argc (SysV layout); keep the stack 16-byte aligned.
__asm__(".globl _start\n_start:\n"
        "mov %rsp, %rdi\n"
        "mov %rsp, start_sp(%rip)\n"
        "and $-16, %rsp\n"
        "call start_c\n"
        "hlt\n");

void start_c(uint64_t *sp);

void
start_c(uint64_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;

	quit(main(argc, argv, envp));
}

static char errbuf[ERRMAX];

static const char *
err(void)
{
	SC2(SYS_errstr, errbuf, sizeof errbuf);
	return errbuf;
}

static int
streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

uint64_t start_sp;

// Run fn in a child and return its wait message.
static struct waitmsg
inchild(void (*fn)(void))
{
	struct waitmsg w = {0};
	int64_t pid = SC0(SYS_fork);

	if (pid == 0) {
		fn();
		quit(0);
	}
	if (SC3(SYS_wait, pid, &w, 0) != pid)
		w.status = -1;
	return w;
}

static void
nullderef(void)
{
	volatile int *p = (int *)0;

	(void)*p;
}

static volatile int zero;

static void
divide(void)
{
	volatile int x = 10 / zero;

	(void)x;
}

static void
privileged(void)
{
	__asm__ volatile("cli");
}

static volatile int depthlimit = 1 << 30;

static int
recurse(int n)
{
	volatile char buf[4096];

	if (n > depthlimit)
		return 0;
	buf[0] = (char)n;
	return recurse(n + 1) + buf[0];
}

static void
overflow(void)
{
	recurse(0);
}

// Map more than the machine has in chunks the kernel grants one by one
// (memory is committed lazily), then touch it all.
static void
eatmemory(void)
{
	int64_t chunk = 8 << 20, a[64];

	for (int i = 0; i < 64; i++) {
		a[i] = sc(SYS_mmap, 0, chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		          -1, 0);
		if (a[i] < 0)
			quit(3);
	}
	for (int i = 0; i < 64; i++)
		for (int64_t off = 0; off < chunk; off += 4096)
			((volatile char *)a[i])[off] = 1;
}

static void
spin(void)
{
	for (;;)
		;
}

static void
writero(void)
{
	int64_t a = sc(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	((volatile char *)a)[0] = 1;
}

static void
orphan(void)
{
	if (SC0(SYS_fork) == 0) {
		struct timespec t = {0, 30000000};

		SC2(SYS_nanosleep, &t, 0);
		quit(SC0(SYS_getppid) == 1 ? 50 : 51);
	}
}

static volatile double fpacc;

// Floating point work that must survive preemption and other processes.
static void
fpwork(void)
{
	double x = 0;

	for (int i = 1; i <= 200000; i++)
		x += 1.0 / i;
	fpacc = x;
	quit(x > 12.78 && x < 12.79 ? 0 : 9);
}

// KiB of memory user space could still get, read from the error string of
// a mapping too big to grant ("... KiB left)").
static int64_t
freekib(void)
{
	const char *e, *k;
	int64_t v = 0;

	if (sc(SYS_mmap, 0, 1ULL << 45, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != -ENOMEM)
		return -1;
	e = err();
	for (k = e;
	     *k && !(k[0] == 'K' && k[1] == 'i' && k[2] == 'B' && k[3] == ' ' && k[4] == 'l'); k++)
		;
	while (k > e && k[-1] == ' ')
		k--;
	while (k > e && k[-1] >= '0' && k[-1] <= '9')
		k--;
	while (*k >= '0' && *k <= '9')
		v = v * 10 + (*k++ - '0');
	return v;
}

// Children that share pages with init, write to some (copy-on-write),
// fork grandchildren and exit or get killed.
static void
churn(void)
{
	static char data[64 * 1024];
	struct waitmsg w;

	for (int i = 0; i < 40; i++) {
		int64_t pid = SC0(SYS_fork);

		if (pid == 0) {
			for (int j = 0; j < (int)sizeof data; j += 4096)
				data[j] = (char)i;
			if (i % 3 == 0 && SC0(SYS_fork) == 0) {
				data[0] = 1;
				quit(0);
			}
			if (i % 5 == 0)
				nullderef();
			quit(0);
		}
		SC3(SYS_wait, pid, &w, 0);
	}
	// Grandchildren went to init: collect them.
	while (SC3(SYS_wait, -1, &w, 0) > 0)
		;
}

// The number just before " bytes this process uses" in the error string
// of a setlimit below the caller's use (0 if absent).
static int64_t
usedbytes(void)
{
	const char *e = err(), *k = e;
	int64_t v = 0;

	while (*k && !(k[0] == ' ' && k[1] == 'b' && k[2] == 'y' && k[3] == 't' && k[4] == 'e' &&
	               k[5] == 's' && k[6] == ' ' && k[7] == 't'))
		k++;
	while (k > e && k[-1] >= '0' && k[-1] <= '9')
		k--;
	while (*k >= '0' && *k <= '9')
		v = v * 10 + (*k++ - '0');
	return v;
}

// In a limit group of 2 processes and 512 KiB above what it uses: a
// second child is refused (EAGAIN), then touching 1 MiB of lazily
// committed memory must kill it (KILLSTATUS_MEM).
static void
limited(void)
{
	struct limits l = {4096, 2};
	struct timespec t = {0, 5000000};
	struct waitmsg w;
	int64_t a[8], c1, c2;

	if (SC1(SYS_setlimit, &l) != -EINVAL || usedbytes() == 0)
		quit(5);
	l.memory = (uint64_t)usedbytes() + 512 * 1024;
	if (SC1(SYS_setlimit, &l) != 0)
		quit(6);
	c1 = SC0(SYS_fork);
	if (c1 == 0) {
		SC2(SYS_nanosleep, &t, 0);
		quit(0);
	}
	c2 = SC0(SYS_fork);
	if (c2 == 0)
		quit(0);
	if (c1 < 0 || c2 != -EAGAIN || !contains(err(), "process limit of 2 reached"))
		quit(7);
	SC3(SYS_wait, c1, &w, 0);
	for (int i = 0; i < 8; i++)
		if ((a[i] = sc(SYS_mmap, 0, 128 * 1024, PROT_READ | PROT_WRITE,
		               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) < 0)
			quit(8);
	for (int i = 0; i < 8; i++)
		for (int64_t off = 0; off < 128 * 1024; off += 4096)
			((volatile char *)a[i])[off] = 1;
	quit(9);
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

// An argument worth trying: small numbers, -1, user addresses (stack, data,
// code, unmapped), kernel and non-canonical addresses, huge lengths.
static int64_t
fuzzarg(void)
{
	static char buf[256];
	volatile char local;
	const int64_t pool[] = {0,
	                        1,
	                        -1,
	                        2,
	                        16,
	                        4096,
	                        0x10,
	                        (int64_t)buf,
	                        (int64_t)&local,
	                        (int64_t)fuzzarg,
	                        0x7ffffffff000LL,
	                        0xffffffff80100000LL,
	                        (int64_t)0x8000000000000000ULL,
	                        0x0000800000000000LL,
	                        0x7fffffffffffLL,
	                        1LL << 40,
	                        INT32_MAX,
	                        INT32_MIN};

	if (rnd() % 4 == 0)
		return (int64_t)rnd();
	return pool[rnd() % (sizeof pool / sizeof pool[0])];
}

// Random system calls with random arguments, forever. Calls that would
// replace the program, multiply processes or print are left out.
static void
fuzzer(void)
{
	for (;;) {
		int64_t n = (int64_t)(rnd() % (NSYSCALL + 3));

		if (n == SYS_execve || n == SYS_fork || n == SYS_rfork || n == SYS_write ||
		    n == SYS_exit)
			continue;
		sc(n, fuzzarg(), fuzzarg(), fuzzarg(), fuzzarg(), fuzzarg(), fuzzarg());
	}
}

static int64_t
now_ns(int clock)
{
	struct timespec t;

	SC2(SYS_clock_gettime, clock, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

// Checks run by the exec'd /bin/child: argv, envp, auxv and alignment.
static int
childmain(int argc, char **argv, char **envp)
{
	uint64_t *aux;
	int pagesz = 0, random = 0;
	char **e = envp;

	if (start_sp % 16 != 0)
		return 1;
	if (argc != 3 || !streq(argv[1], "exec-test") || !streq(argv[2], "two words"))
		return 2;
	if (!envp[0] || !streq(envp[0], "A=1") || envp[1] != NULL)
		return 3;
	while (*e)
		e++;
	for (aux = (uint64_t *)(e + 1); aux[0] != 0; aux += 2) {
		if (aux[0] == 6 && aux[1] == 4096)
			pagesz = 1;
		if (aux[0] == 25 && aux[1] != 0)
			random = 1;
	}
	if (!pagesz || !random)
		return 4;
	return 42;
}

int
main(int argc, char **argv, char **envp)
{
	struct waitmsg w;
	int64_t r, pid;

	if (argc > 1 && streq(argv[1], "exec-test"))
		return childmain(argc, argv, envp);
	if (argc > 1 && streq(argv[1], "restart")) {
		SC2(SYS_reboot, REBOOT_RESTART, 0);
		return 1;
	}
	puts1("hello from smoke init, argc ");
	putnum(argc);
	puts1("\n");
	for (int i = 0; i < argc; i++) {
		puts1("# argv: ");
		puts1(argv[i]);
		puts1("\n");
	}
	// Console input, fed by kernel-smoke: "ab<DEL>c\n", "xy^Uz\n", ^D, "tail^D".
	{
		char line[64];
		int64_t n1 = SC3(SYS_read, 0, line, sizeof line);
		int ok1 = n1 == 3 && line[0] == 'a' && line[1] == 'c' && line[2] == '\n';
		int64_t n2 = SC3(SYS_read, 0, line, sizeof line);
		int ok2 = n2 == 2 && line[0] == 'z' && line[1] == '\n';
		int64_t n3 = SC3(SYS_read, 0, line, sizeof line);
		int64_t n4 = SC3(SYS_read, 0, line, sizeof line);

		// The echo of "tail" has no newline: end that line first.
		puts1("\n");
		ok(ok1, "console: backspace erases (read 'ac\\n')");
		ok(ok2, "console: Ctrl-U kills the line (read 'z\\n')");
		ok(n3 == 0, "console: Ctrl-D at line start reads as EOF");
		ok(n4 == 4 && line[0] == 't' && line[3] == 'l',
		   "console: Ctrl-D mid-line hands over 'tail'");
		ok(SC3(SYS_read, 0, 0, 16) == -EFAULT, "console: read into NULL fails at once");
	}
	// Ctrl-C interrupts a child blocked reading the console (smoke.sh types
	// it when it sees the line below).
	{
		struct waitmsg w;
		struct timespec d = {0, 50000000};
		int64_t pid = SC0(SYS_fork);

		if (pid == 0) {
			char c;

			SC3(SYS_read, 0, &c, 1);
			quit(5);
		}
		SC2(SYS_nanosleep, &d, 0);
		puts1("# waiting for ctrl-c\n");
		ok(SC3(SYS_wait, pid, &w, 0) == pid && w.status == 130 && streq(w.msg, "interrupt"),
		   "console: Ctrl-C interrupts the reader (status 130)");
	}
	// Raw mode through '#c/consctl': smoke.sh types "a^C<CR>^Db" at the
	// first line below, "q<DEL>w<LF>" at the second.
	{
		char got[16];
		int64_t ctl = SC3(SYS_open, "#c/consctl", O_WRONLY, 0), ctl2, n = 0, r;

		ok(SC3(SYS_open, "#c/consctl", O_RDONLY, 0) == -EACCES, "consctl: write-only");
		ok(ctl >= 0 && SC3(SYS_write, ctl, "bogus", 5) == -EINVAL &&
		           contains(err(), "unknown request 'bogus'"),
		   "consctl: an unknown request is EINVAL with errstr");
		ok(SC3(SYS_write, ctl, "rawon", 5) == 5, "consctl: rawon");
		puts1("# waiting for raw input\n");
		while (n < 5 && (r = SC3(SYS_read, 0, got + n, sizeof got - (uint64_t)n)) > 0)
			n += r;
		ok(n == 5 && got[0] == 'a' && got[1] == 3 && got[2] == '\r' && got[3] == 4 &&
		           got[4] == 'b',
		   "console raw: bytes as typed (Ctrl-C, CR, Ctrl-D included), no line wait");
		ok(SC3(SYS_write, ctl, "rawoff\n", 7) == 7, "consctl: rawoff");
		ctl2 = SC3(SYS_open, "#c/consctl", O_WRONLY, 0);
		SC3(SYS_write, ctl2, "rawon", 5);
		SC1(SYS_close, ctl2);
		SC1(SYS_close, ctl);
		puts1("# waiting for cooked input\n");
		n = SC3(SYS_read, 0, got, sizeof got);
		ok(n == 2 && got[0] == 'w' && got[1] == '\n',
		   "console: closing a raw consctl returns to cooked mode (read 'w\\n')");
	}
	ok(SC0(SYS_getpid) == 1 && SC0(SYS_getppid) == 0, "init is pid 1 with no parent");
	ok(start_sp % 16 == 0, "stack 16-byte aligned at entry");
	ok(SC3(SYS_write, 5, "x", 1) == -EBADF && contains(err(), "fd 5"), "write to fd 5: EBADF");
	ok(SC3(SYS_write, 1, 0x10, 4) == -EFAULT && contains(err(), "bad address 0x10"),
	   "write from 0x10: EFAULT with errstr");
	ok(SC3(SYS_write, 1, 0xffffffff80100000ULL, 4) == -EFAULT,
	   "write from kernel address: EFAULT");
	ok(SC0(999) == -ENOSYS && contains(err(), "999"), "unknown syscall: ENOSYS");
	ok(SC3(SYS_open, "/x", 0, 0) == -ENOENT && streq(err(), "open /x: 'x' does not exist in /"),
	   "open of a missing file: ENOENT with errstr");
	ok(SC1(SYS_rfork, RFENVG | RFPROC) == -EINVAL && contains(err(), "not supported yet"),
	   "rfork RFENVG: EINVAL");
	ok(SC3(SYS_wait, -1, &w, 0) == -ECHILD, "wait without children: ECHILD");
	ok(SC2(SYS_kill, 1, "kill") == -EPERM, "kill init: EPERM");

	pid = SC0(SYS_fork);
	if (pid == 0)
		SC2(SYS_exit, 7, "seven");
	r = SC3(SYS_wait, pid, &w, 0);
	ok(r == pid && w.pid == pid && w.status == 7 && streq(w.msg, "seven"),
	   "fork, exit 7 'seven', wait");

	// Copy-on-write: after fork each side sees only its own writes.
	{
		static volatile int shared = 1;
		volatile char *heap = (char *)SC1(SYS_brk, 0);

		SC1(SYS_brk, (uint64_t)heap + 4096);
		heap[0] = 'p';
		pid = SC0(SYS_fork);
		if (pid == 0) {
			int good = shared == 1 && heap[0] == 'p';

			shared = 2;
			heap[0] = 'c';
			SC0(SYS_sched_yield);
			quit(good && shared == 2 && heap[0] == 'c' ? 0 : 1);
		}
		shared = 3;
		SC0(SYS_sched_yield);
		ok(SC3(SYS_wait, pid, &w, 0) == pid && w.status == 0 && shared == 3 &&
		           heap[0] == 'p',
		   "fork: parent and child writes stay apart (copy-on-write)");
		SC1(SYS_brk, (uint64_t)heap);
	}
	{
		static struct timespec ts = {7, 7};

		pid = SC0(SYS_fork);
		if (pid == 0)
			quit(SC2(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0 && ts.tv_sec != 7
			             ? 0
			             : 1);
		ok(SC3(SYS_wait, pid, &w, 0) == pid && w.status == 0 && ts.tv_sec == 7 &&
		           ts.tv_nsec == 7,
		   "fork: a kernel write into a shared page copies it first");
	}
	ok(SC3(SYS_execve, "/bin/nope", 0, 0) == -ENOENT &&
	           streq(err(), "execve /bin/nope: 'nope' does not exist in /bin"),
	   "execve missing file: ENOENT");
	ok(SC3(SYS_execve, "/bin/bad", 0, 0) == -ENOEXEC && contains(err(), "bad magic"),
	   "execve non-ELF: ENOEXEC");
	pid = SC0(SYS_fork);
	if (pid == 0) {
		char *av[] = {"/bin/child", "exec-test", "two words", 0};
		char *ev[] = {"A=1", 0};

		SC3(SYS_execve, "/bin/child", av, ev);
		quit(99);
	}
	ok(SC3(SYS_wait, pid, &w, 0) == pid && w.status == 42, "execve argv/envp/auxv layout");

	w = inchild(nullderef);
	ok(w.status == KILLSTATUS_SEGV && contains(w.msg, "page fault at 0x0 (read, not present)"),
	   "null dereference killed: SEGV");
	puts1("# ");
	puts1(w.msg);
	puts1("\n");
	w = inchild(divide);
	ok(w.status == KILLSTATUS_FPE && contains(w.msg, "divide error"), "divide by zero killed");
	w = inchild(privileged);
	ok(w.status == KILLSTATUS_ILL &&
	           contains(w.msg, "general protection (privileged instruction)"),
	   "privileged instruction killed");
	w = inchild(overflow);
	ok(w.status == KILLSTATUS_SEGV && contains(w.msg, "stack overflow"),
	   "stack overflow killed");
	w = inchild(writero);
	ok(w.status == KILLSTATUS_SEGV && contains(w.msg, "protection"),
	   "write to PROT_READ killed");
	r = sc(SYS_mmap, 0, 1ULL << 40, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(r == -ENOMEM && contains(err(), "out of memory"), "mmap 1 TiB: ENOMEM");
	w = inchild(eatmemory);
	ok(w.status == KILLSTATUS_KILL && contains(w.msg, "out of memory"),
	   "memory hog killed: out of memory");
	puts1("# status ");
	putnum(w.status);
	puts1(" ");
	puts1(w.msg);
	puts1("\n");
	w = inchild(eatmemory);
	ok(w.status == KILLSTATUS_KILL, "memory was given back: the hog dies again the same way");

	// brk
	{
		int64_t b0 = SC1(SYS_brk, 0);
		int64_t b1 = SC1(SYS_brk, b0 + 100000);
		volatile char *h = (char *)b0;

		h[0] = 1;
		h[99999] = 2;
		ok(b0 > 0 && b1 == b0 + 100000 && h[99999] == 2, "brk grows the heap");
		ok(SC1(SYS_brk, b0) == b0 && SC1(SYS_brk, 0) == b0, "brk shrinks the heap");
		ok(SC1(SYS_brk, 16) == -ENOMEM, "brk below the heap: ENOMEM");
	}
	// mmap / munmap / MAP_FIXED
	{
		int64_t a = sc(SYS_mmap, 0, 3 * 4096, PROT_READ | PROT_WRITE,
		               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		volatile char *m = (char *)a;

		m[0] = 'a';
		m[3 * 4096 - 1] = 'b';
		ok(a > 0 && m[0] == 'a' && m[1] == 0,
		   "mmap anonymous memory is zeroed and writable");
		ok(SC2(SYS_munmap, a + 4096, 4096) == 0, "munmap the middle page");
		ok(m[3 * 4096 - 1] == 'b', "pages around the hole survive");
		r = sc(SYS_mmap, a + 4096, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		ok(r == a + 4096 && m[4096] == 0, "MAP_FIXED refills the hole");
	}
	// Clocks and sleep.
	{
		int64_t t0 = now_ns(CLOCK_MONOTONIC), t1;
		struct timespec d = {0, 20000000};

		ok(SC2(SYS_nanosleep, &d, 0) == 0, "nanosleep 20 ms");
		t1 = now_ns(CLOCK_MONOTONIC);
		ok(t1 - t0 >= 20000000, "monotonic clock advanced by at least 20 ms");
		ok(now_ns(CLOCK_REALTIME) / 1000000000LL > 1600000000LL,
		   "realtime clock after 2020");
		d.tv_nsec = 2000000000LL;
		ok(SC2(SYS_nanosleep, &d, 0) == -EINVAL, "nanosleep bad nsec: EINVAL");
	}
	// Preemption: two spinners never starve this process.
	{
		int64_t a = SC0(SYS_fork);

		if (a == 0)
			spin();
		int64_t b = SC0(SYS_fork);

		if (b == 0)
			spin();
		struct timespec d = {0, 30000000};

		SC2(SYS_nanosleep, &d, 0);
		ok(SC2(SYS_kill, a, "kill") == 0 && SC2(SYS_kill, b, "interrupt") == 0,
		   "ran while two children spin");
		ok(SC3(SYS_wait, a, &w, 0) == a && w.status == KILLSTATUS_KILL,
		   "kill note: status 137");
		ok(SC3(SYS_wait, b, &w, 0) == b && w.status == 130, "interrupt note: status 130");
	}
	// FS base (TLS) per process, across fork and preemption.
	{
		static uint64_t tls_a[4] = {0x1111}, tls_b[4] = {0x2222};
		uint64_t got = 0, v;

		SC2(SYS_arch_prctl, ARCH_SET_FS, tls_a);
		SC2(SYS_arch_prctl, ARCH_GET_FS, &got);
		pid = SC0(SYS_fork);
		if (pid == 0) {
			SC2(SYS_arch_prctl, ARCH_SET_FS, tls_b);
			for (int i = 0; i < 3; i++)
				SC0(SYS_sched_yield);
			__asm__ volatile("mov %%fs:0, %0" : "=r"(v));
			quit(v == 0x2222 ? 0 : 1);
		}
		SC0(SYS_sched_yield);
		__asm__ volatile("mov %%fs:0, %0" : "=r"(v));
		ok(got == (uint64_t)tls_a && v == 0x1111, "arch_prctl FS base set and read");
		ok(SC3(SYS_wait, pid, &w, 0) == pid && w.status == 0, "child has its own FS base");
	}
	// Floating point state is per process.
	{
		int64_t a = SC0(SYS_fork);

		if (a == 0)
			fpwork();
		int64_t b = SC0(SYS_fork);

		if (b == 0)
			fpwork();
		int sa = (SC3(SYS_wait, a, &w, 0) == a) ? w.status : -1;
		int sb = (SC3(SYS_wait, b, &w, 0) == b) ? w.status : -1;

		ok(sa == 0 && sb == 0, "floating point in two preempted processes");
	}
	// Nothing leaks: after 40 children (and their children) come and go,
	// the memory left for user space is what it was.
	{
		int64_t before, after;

		churn(); // warm up: init's own pages settle
		w = inchild(limited);
		before = freekib();
		churn();
		for (int i = 0; i < 5; i++)
			w = inchild(limited);
		after = freekib();
		ok(w.status == KILLSTATUS_MEM && contains(w.msg, "memory limit of"),
		   "limit groups: fork over procs EAGAIN, a fault over memory kills");
		puts1("# status ");
		putnum(w.status);
		puts1(" ");
		puts1(w.msg);
		puts1("\n");
		puts1("# free before ");
		putnum(before);
		puts1(" KiB, after ");
		putnum(after);
		puts1(" KiB\n");
		ok(before > 0 && after == before,
		   "no pages leak across fork, COW, exit, kills and limit groups");
	}
	// Random system calls hurt only their caller.
	{
		int64_t before = freekib(), after;
		int killed = 0;
		struct timespec d = {0, 20000000};

		for (int i = 0; i < 30; i++) {
			rnd();
			pid = SC0(SYS_fork);
			if (pid == 0)
				fuzzer();
			SC2(SYS_nanosleep, &d, 0);
			SC2(SYS_kill, pid, "kill");
			if (SC3(SYS_wait, pid, &w, 0) == pid)
				killed++;
		}
		after = freekib();
		puts1("# fuzz: free before ");
		putnum(before);
		puts1(" KiB, after ");
		putnum(after);
		puts1(" KiB\n");
		ok(killed == 30 && SC0(SYS_getpid) == 1 && after == before,
		   "30 children making random system calls: all reaped, nothing leaked");
	}
	// Orphans go to init.
	{
		int statuses = 0;

		w = inchild(orphan);
		for (int i = 0; i < 1; i++)
			if (SC3(SYS_wait, -1, &w, 0) > 0)
				statuses = w.status;
		ok(statuses == 50, "orphan re-parented to init and reaped by it");
	}
	// fd table copied on fork.
	{
		pid = SC0(SYS_fork);
		if (pid == 0) {
			SC1(SYS_close, 1);
			quit(SC3(SYS_write, 1, "x", 1) == -EBADF ? 0 : 1);
		}
		ok(SC3(SYS_wait, pid, &w, 0) == pid && w.status == 0 &&
		           SC3(SYS_write, 1, "", 0) == 0,
		   "close in a child leaves the parent's fd open");
	}
	{
		struct utsname u;

		ok(SC1(SYS_uname, &u) == 0 && streq(u.sysname, "Gremlin") &&
		           streq(u.machine, "x86_64"),
		   "uname");
	}
	pid = SC0(SYS_fork);
	if (pid == 0)
		quit(SC2(SYS_reboot, REBOOT_POWEROFF, 0) == -EPERM ? 0 : 1);
	ok(SC3(SYS_wait, pid, &w, 0) == pid && w.status == 0, "reboot from pid 2: EPERM");

	puts1("1..");
	putnum(ntest);
	puts1("\n");
	SC2(SYS_reboot, REBOOT_POWEROFF, nfail ? 1 : 0);
	return 1;
}
