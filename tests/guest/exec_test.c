// tests/guest/exec_test.c: execve: arguments and environment arrive intact,
// the pid survives exec, a missing file is ENOENT, every kind of broken
// executable in /test/badelf (tests/guest/badelf.py) is ENOEXEC with an
// error string naming the file, bad pointers are EFAULT, oversized argument
// lists are E2BIG, and a failed execve leaves the caller running.
#include "guest.h"

#define SELF "/bin/test/exec_test"

static char *const want_argv[] = {SELF,       "--child", "two words",    "",
                                  "quote\"d", "100%",    "\x01\x7f\xff", NULL};
static char *const want_envp[] = {"A=1",
                                  "LONG="
                                  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                                  "EMPTY=", NULL};

// The exec'd copy: compare what arrived with what was sent.
static int
child_mode(int argc, char **argv, char **envp)
{
	int i, n = 0;
	char why[96];

	for (i = 0; want_argv[i]; i++)
		n++;
	if (argc != n)
		exits(1, "argc differs");
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], want_argv[i]) != 0) {
			snprintf(why, sizeof why, "argv[%d] is '%s'", i, argv[i]);
			exits(1, why);
		}
	if (argv[argc] != NULL)
		exits(1, "argv not NULL-terminated");
	for (i = 0; want_envp[i]; i++)
		if (!envp[i] || strcmp(envp[i], want_envp[i]) != 0)
			exits(1, "envp differs");
	if (envp[i] != NULL)
		exits(1, "envp has extra entries");
	if (strcmp(getenv("LONG"), want_envp[1] + 5) != 0 || getenv("NOPE") != NULL)
		exits(1, "getenv disagrees with envp");
	// crt0 must hand main a 16-byte aligned stack (SysV ABI).
	if (((uintptr_t)__builtin_frame_address(0) & 15) != 0)
		exits(1, "stack misaligned in main");
	exits(0, "");
}

static void
argv_envp(void)
{
	struct waitmsg w;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(SELF, want_argv, want_envp);
		exits(126, lasterr());
	}
	tap_ok(waitmsg(pid, &w, 0) == pid, "wait returns the pid that exec'd (same process)");
	tap_ok(w.status == 0,
	       "argv (spaces, empty, quotes, %%, bytes) and envp arrive intact (%d: %s)", w.status,
	       w.msg);
}

static void
expect_fail(const char *path, char *const argv[], int err, const char *what)
{
	char *const dflt[] = {(char *)path, NULL};
	int r;
	const char *why;

	errno = 0;
	r = execve(path, argv ? argv : dflt, NULL);
	why = lasterr();
	tap_ok(r == -1 && errno == err && why[0] != '\0', "%s: %s (want %s) - \"%s\"", what,
	       strerror(errno), strerror(err), why);
}

static void
missing_and_broken(void)
{
	static const char *const kinds[] = {
	        "empty",
	        "text",
	        "short-header",
	        "class32",
	        "big-endian",
	        "machine-arm",
	        "type-rel",
	        "phoff-beyond-eof",
	        "phnum-huge",
	        "segment-in-kernel",
	        "segment-noncanonical",
	        "filesz-beyond-eof",
	        "filesz-over-memsz",
	        "entry-unmapped",
	        "truncated-body",
	};
	char path[64], what[96];
	volatile int canary = 12345;
	const char *why;

	expect_fail("/bin/no-such-program", NULL, ENOENT, "execve of a missing file");
	why = lasterr();
	tap_ok(strstr(why, "no-such-program") != NULL, "the error string names the path (\"%s\")",
	       why);
	expect_fail("", NULL, ENOENT, "execve of the empty path");
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		snprintf(path, sizeof path, "/test/badelf/%s", kinds[i]);
		snprintf(what, sizeof what, "execve of a broken ELF (%s)", kinds[i]);
		expect_fail(path, NULL, ENOEXEC, what);
	}
	tap_ok(canary == 12345 && getpid() > 1,
	       "after the failed execs this process runs on intact");
}

static void
bad_pointers(void)
{
	char *argv_bad_entry[] = {SELF, (char *)1, NULL};
	char *argv_kernel_entry[] = {SELF, (char *)0xffffffff80000000ull, NULL};

	expect_fail(NULL, NULL, EFAULT, "execve(NULL path)");
	expect_fail((char *)0xffffffff80000000ull, NULL, EFAULT, "execve(kernel-half path)");
	expect_fail((char *)0x0000800000000000ull, NULL, EFAULT, "execve(non-canonical path)");
	expect_fail(SELF, (char *const *)0xffffffff80001000ull, EFAULT,
	            "execve(argv in the kernel half)");
	expect_fail(SELF, (char *const *)0x700000000000ull, EFAULT, "execve(argv unmapped)");
	expect_fail(SELF, argv_bad_entry, EFAULT, "execve(argv[1] = 0x1)");
	expect_fail(SELF, argv_kernel_entry, EFAULT, "execve(argv[1] in the kernel half)");
}

static void
too_big(void)
{
	enum { MANY = 5000 };
	static char *many[MANY + 2];
	static char big[2000];
	static char *huge[200];
	int i;

	for (i = 0; i < MANY; i++)
		many[i] = "x";
	many[MANY] = NULL;
	expect_fail(SELF, many, E2BIG, "execve with 5000 arguments");
	memset(big, 'y', sizeof big - 1);
	for (i = 0; i < 199; i++)
		huge[i] = big;
	huge[199] = NULL;
	expect_fail(SELF, huge, E2BIG, "execve with 400 KB of arguments");
}

int
main(int argc, char **argv, char **envp)
{
	if (argc > 1 && strcmp(argv[1], "--child") == 0)
		return child_mode(argc, argv, envp);
	argv_envp();
	missing_and_broken();
	bad_pointers();
	too_big();
	guest_done();
}
