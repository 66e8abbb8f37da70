// tests/guest/libc_more_test.c: the portable parts of lib/c inside Gremlin
// (compiled by the Gremlin toolchain, run on the Gremlin kernel): printf's
// floating point against known-correct strings, strtod/printf round trips,
// sscanf, qsort and bsearch, strtol, getopt, the environment, calendar
// time, setjmp/longjmp, aligned allocation, math, and the POSIX wait
// status encoding of a killed child.
#include <inttypes.h>
#include <malloc.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>

#include "guest.h"

static void
floats(void)
{
	static const struct {
		const char *fmt;
		double x;
		const char *want;
	} cases[] = {
	        {"%f", 1.5, "1.500000"},
	        {"%.17g", 0.1, "0.10000000000000001"},
	        {"%.0f", 2.5, "2"},
	        {"%.0f", 3.5, "4"},
	        {"%.3e", 123456.0, "1.235e+05"},
	        {"%g", 1e-5, "1e-05"},
	        {"%g", 123456789.0, "1.23457e+08"},
	        {"%a", 1.0, "0x1p+0"},
	        {"%a", 0.1, "0x1.999999999999ap-4"},
	        {"%.20f", 0.1, "0.10000000000000000555"},
	        {"%10.4f|", -3.14159265, "   -3.1416|"},
	        {"%-10.2e|", 6.02214076e23, "6.02e+23  |"},
	        {"%+08.2f", 2.0, "+0002.00"},
	        {"%g", 4.9406564584124654e-324, "4.94066e-324"},
	        {"%.0f", 1e21, "1000000000000000000000"},
	        {"%f", 1.0 / 0.0, "inf"},
	        {"%E", -1.0 / 0.0, "-INF"},
	};
	char buf[128];
	int bad = 0;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(buf, sizeof buf, cases[i].fmt, cases[i].x);
		if (strcmp(buf, cases[i].want) != 0) {
			bad++;
			tap_diag("%s of %a: \"%s\", want \"%s\"", cases[i].fmt, cases[i].x, buf,
			         cases[i].want);
		}
	}
	tap_ok(bad == 0, "printf %%f %%e %%g %%a on %zu known values (%d wrong)",
	       sizeof cases / sizeof cases[0], bad);
	snprintf(buf, sizeof buf, "%.40f", 1e-30);
	tap_ok(strcmp(buf, "0.0000000000000000000000000000010000000000") == 0,
	       "%%.40f of 1e-30: %s", buf);
}

// Random doubles survive printf("%.17g") and %a then strtod bit for bit.
static void
roundtrip(void)
{
	uint64_t x = 0x243f6a8885a308d3ull;
	int bad = 0;
	char buf[64];

	for (int i = 0; i < 5000; i++) {
		double d, back;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(&d, &x, sizeof d);
		if (isnan(d) || isinf(d))
			continue;
		snprintf(buf, sizeof buf, i % 2 ? "%.17g" : "%a", d);
		back = strtod(buf, NULL);
		if (memcmp(&back, &d, sizeof d) != 0 && bad++ < 3)
			tap_diag("%a -> \"%s\" -> %a", d, buf, back);
	}
	tap_ok(bad == 0, "5000 random doubles round-trip through printf and strtod (%d did not)",
	       bad);
	tap_ok(strtod("2.4703282292062328e-324", NULL) == 4.9406564584124654e-324 &&
	               strtod("2.4703282292062327e-324", NULL) == 0,
	       "strtod rounds just above and below the smallest halfway point");
	errno = 0;
	tap_ok(isinf(strtod("1e400", NULL)) && errno == ERANGE, "strtod overflow: inf and ERANGE");
	tap_ok(strtof("16777217", NULL) == 16777216.0f && strtof("16777219", NULL) == 16777220.0f,
	       "strtof ties to even");
}

static void
scanning(void)
{
	int a = 0, n = 0;
	unsigned x = 0;
	double d = 0;
	char word[16] = "", rest[16] = "";
	int r = sscanf("  42 0x1F 2.5e3 hello world!", "%d %x %lf %15s %[^!]%n", &a, &x, &d, word,
	               rest, &n);

	tap_ok(r == 5 && a == 42 && x == 31 && d == 2500 && strcmp(word, "hello") == 0 &&
	               strcmp(rest, "world") == 0 && n == 27,
	       "sscanf %%d %%x %%lf %%s %%[ %%n (r=%d a=%d x=%u d=%g w=%s rest=%s n=%d)", r, a, x,
	       d, word, rest, n);
	tap_ok(sscanf("", "%d", &a) == EOF && sscanf("x", "%d", &a) == 0,
	       "sscanf: EOF on empty input, 0 on a mismatch");
}

static int
cmpint(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void
sorting(void)
{
	static int v[3000];
	uint32_t s = 1;
	int sorted = 1, found = 1;

	for (int i = 0; i < 3000; i++) {
		s = s * 1103515245u + 12345u;
		v[i] = (int)(s >> 8) % 100000;
	}
	qsort(v, 3000, sizeof v[0], cmpint);
	for (int i = 1; i < 3000; i++)
		sorted &= v[i - 1] <= v[i];
	for (int i = 0; i < 3000; i += 7)
		found &= bsearch(&v[i], v, 3000, sizeof v[0], cmpint) != NULL;
	int missing = -1;
	tap_ok(sorted && found && bsearch(&missing, v, 3000, sizeof v[0], cmpint) == NULL,
	       "qsort sorts 3000 ints; bsearch finds each and not a missing one");
	char buf[64];
	int64_t i64 = INT64_MIN;
	uint32_t u32 = 0;
	snprintf(buf, sizeof buf, "%" PRId64 " %" PRIx32 " %" PRIuMAX, i64, UINT32_MAX,
	         UINTMAX_MAX);
	tap_ok(strcmp(buf, "-9223372036854775808 ffffffff 18446744073709551615") == 0 &&
	               sscanf("77", "%" SCNo32, &u32) == 1 && u32 == 63 &&
	               strtoimax("-12", NULL, 10) == -12 && imaxabs(-5) == 5,
	       "inttypes.h: PRId64 PRIx32 PRIuMAX SCNo32, strtoimax, imaxabs (\"%s\")", buf);
	tap_ok(strtol("-0x7fffffff", NULL, 16) == -0x7fffffffL && strtoull("777", NULL, 8) == 511 &&
	               atoll("-9000000000") == -9000000000LL,
	       "strtol, strtoull, atoll");
}

static void
options(void)
{
	char *argv[] = {"prog", "-ab", "-o", "out", "-vxval", "--", "-z", "file", NULL};
	int c, a = 0, b = 0;
	const char *o = NULL, *xv = NULL;

	optind = 1;
	opterr = 0;
	while ((c = getopt(8, argv, "abo:vx:")) != -1) {
		if (c == 'a')
			a++;
		else if (c == 'b')
			b++;
		else if (c == 'o')
			o = optarg;
		else if (c == 'x')
			xv = optarg;
	}
	tap_ok(a == 1 && b == 1 && o && strcmp(o, "out") == 0 && xv && strcmp(xv, "val") == 0 &&
	               optind == 6 && strcmp(argv[optind], "-z") == 0,
	       "getopt: grouped flags, separate and attached arguments, -- ends options (optind "
	       "%d)",
	       optind);
	char *bad[] = {"prog", "-q", "-o", NULL};
	optind = 1;
	int r1 = getopt(3, bad, ":o:"), q = optopt, r2 = getopt(3, bad, ":o:");
	tap_ok(r1 == '?' && q == 'q' && r2 == ':' && optopt == 'o',
	       "getopt: unknown option '?' (optopt q), missing argument ':' with a leading colon");
}

static void
environment(void)
{
	tap_ok(getenv("PATH") && strcmp(getenv("PATH"), "/bin") == 0,
	       "environ from exec: PATH=/bin");
	tap_ok(setenv("GREMLIN_X", "1", 0) == 0 && strcmp(getenv("GREMLIN_X"), "1") == 0 &&
	               setenv("GREMLIN_X", "2", 0) == 0 && strcmp(getenv("GREMLIN_X"), "1") == 0 &&
	               setenv("GREMLIN_X", "3", 1) == 0 && strcmp(getenv("GREMLIN_X"), "3") == 0,
	       "setenv adds, keeps without overwrite, replaces with it");
	static char entry[] = "GREMLIN_Y=put";
	tap_ok(putenv(entry) == 0 && strcmp(getenv("GREMLIN_Y"), "put") == 0 &&
	               unsetenv("GREMLIN_X") == 0 && getenv("GREMLIN_X") == NULL &&
	               getenv("PATH") != NULL,
	       "putenv and unsetenv");
	tap_ok(setenv("A=B", "x", 1) == -1 && errno == EINVAL, "setenv refuses a name with '='");
}

static void
calendar(void)
{
	time_t t = 951782400; // 2000-02-29 00:00:00 UTC
	struct tm tm;
	char buf[64];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %j %V", &tm);
	tap_ok(strcmp(buf, "2000-02-29 00:00:00 Tue 060 09") == 0, "gmtime_r + strftime: %s", buf);
	tm.tm_mday += 1;
	tap_ok(mktime(&tm) == t + 86400 && tm.tm_mon == 2 && tm.tm_mday == 1,
	       "mktime normalises Feb 30 2000 to Mar 1");
	struct timeval tv;
	time_t now = time(NULL);
	tap_ok(gettimeofday(&tv, NULL) == 0 && tv.tv_sec >= now && tv.tv_sec <= now + 1 &&
	               tv.tv_usec >= 0 && tv.tv_usec < 1000000,
	       "gettimeofday agrees with time()");
}

static jmp_buf jb;
static volatile int depth;

static void
dive(int n)
{
	depth = n;
	if (n >= 50)
		longjmp(jb, 7);
	if (n < 1000)
		dive(n + 1);
}

static void
jumps(void)
{
	volatile int count = 0;
	int r = setjmp(jb);

	count++;
	if (r == 0)
		dive(0);
	tap_ok(r == 7 && count == 2 && depth == 50,
	       "longjmp out of 50 nested calls returns 7 from setjmp");
	if (setjmp(jb) == 0)
		longjmp(jb, 0);
	else
		tap_ok(1, "longjmp(env, 0) makes setjmp return 1");
}

static void
memory(void)
{
	int bad = 0;
	void *p;

	for (size_t align = 16; align <= 65536; align *= 2) {
		void *q = aligned_alloc(align, 100);
		bad += q == NULL || ((uintptr_t)q & (align - 1)) != 0 ||
		       malloc_usable_size(q) < 100;
		free(q);
	}
	tap_ok(bad == 0, "aligned_alloc 16..65536: aligned, usable, freeable");
	tap_ok(posix_memalign(&p, 4096, 1 << 20) == 0 && ((uintptr_t)p & 4095) == 0,
	       "posix_memalign of a mapped megabyte");
	memset(p, 1, 1 << 20);
	free(p);
	tap_ok(posix_memalign(&p, 24, 8) == EINVAL, "posix_memalign refuses alignment 24");
}

static void
mathematics(void)
{
	tap_ok(sqrt(2.0) == 1.4142135623730951 && floor(-1.5) == -2 && ceil(-1.5) == -1 &&
	               fmod(10.5, 3) == 1.5 && fabs(-0.0) == 0 && round(2.5) == 3,
	       "sqrt floor ceil fmod fabs round");
	tap_ok(fabs(exp(1.0) - 2.718281828459045) < 1e-15 &&
	               fabs(log(10.0) - 2.302585092994046) < 1e-15 && pow(2, 10) == 1024 &&
	               pow(-2, 3) == -8 && log2(1024) == 10,
	       "exp log pow log2");
}

static void
spin(void *arg)
{
	(void)arg;
	for (;;)
		;
}

static void
segv(void *arg)
{
	int *volatile p = (int *)arg;

	*p = 1;
}

static void
exit3(void *arg)
{
	(void)arg;
	exit(3);
}

// waitpid's status for a normal exit, a fault and a kill note.
static void
statuses(void)
{
	pid_t pid;
	int st = 0;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		exit3(NULL);
	tap_ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3,
	       "exit(3): WIFEXITED, WEXITSTATUS 3 (0x%x)", st);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		segv((void *)16);
	tap_ok(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	       "a page fault: WIFSIGNALED, WTERMSIG SIGSEGV (0x%x)", st);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		spin(NULL);
	tap_ok(kill(pid, SIGKILL) == 0 && waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	               WTERMSIG(st) == SIGKILL,
	       "kill(SIGKILL) posts the kill note: WTERMSIG SIGKILL (0x%x)", st);
	tap_ok(kill(getpid(), SIGUSR1) == -1 && errno == ENOTSUP &&
	               signal(SIGINT, SIG_IGN) == SIG_DFL,
	       "kill with another signal is ENOTSUP; signal accepts SIG_IGN");
}

int
main(void)
{
	floats();
	roundtrip();
	scanning();
	sorting();
	options();
	environment();
	calendar();
	jumps();
	memory();
	mathematics();
	statuses();
	tap_ok(strcmp(strerror(ENOENT), "No such file or directory") == 0 &&
	               strcmp(strerror(EDOM), "Numerical argument out of domain") == 0 &&
	               strcmp(strsignal(SIGSEGV), "Segmentation fault") == 0,
	       "strerror and strsignal");
	guest_done();
}
