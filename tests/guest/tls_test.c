// tests/guest/tls_test.c: the TLS block behind %fs and the stack protector:
// the self pointer, a random canary per exec, _Thread_local data, errno in
// the block, and a smashed stack caught by __stack_chk_fail.
#include "guest.h"

static _Thread_local int tdata = 42;
static _Thread_local long tbss;

static uint64_t
fs_word(int off)
{
	uint64_t v;

	__asm__ volatile("movq %%fs:(%1), %0" : "=r"(v) : "r"((uint64_t)off));
	return v;
}

__attribute__((noinline)) static void
smash(volatile char *src, int n)
{
	char buf[16];

	// Copies past the end of buf on purpose.
	for (int i = 0; i < n; i++)
		((volatile char *)buf)[i] = src[i];
	__asm__ volatile("" : : "r"(buf) : "memory");
}

static void
smash_child(void *a)
{
	char src[64];

	(void)a;
	memset(src, 'A', sizeof src);
	smash(src, sizeof src);
	exits(0, "overflow went unnoticed");
}

static void
canary_of_new_process(char *out, size_t n)
{
	char *argv[] = {"/bin/test/tls_test", "--canary", NULL};
	struct waitmsg w;
	pid_t pid;

	out[0] = '\0';
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(argv[0], argv, NULL);
		exits(1, "exec failed");
	}
	if (waitmsg(pid, &w, 0) == pid && w.status == 0)
		strlcpy(out, w.msg, n);
}

int
main(int argc, char **argv)
{
	char here[40], other[40];
	uint64_t fs = 0, canary = fs_word(0x28);
	struct waitmsg w;
	int r;

	if (argc > 1 && strcmp(argv[1], "--canary") == 0) {
		snprintf(here, sizeof here, "%016llx", (unsigned long long)canary);
		exits(0, here);
	}
	r = arch_prctl(ARCH_GET_FS, (uint64_t)(uintptr_t)&fs);
	tap_ok(r == 0 && fs != 0, "arch_prctl(ARCH_GET_FS) gives the TLS base (%#llx)",
	       (unsigned long long)fs);
	tap_ok(fs_word(0) == fs, "%%fs:0 points to itself");
	tap_ok(getauxval(AT_RANDOM) != 0, "the kernel passed AT_RANDOM");
	tap_ok(canary != 0 && (canary & 0xff) == 0,
	       "canary at %%fs:0x28 is set, low byte zero (%#llx)", (unsigned long long)canary);
	tap_ok(tdata == 42 && tbss == 0, "_Thread_local data starts initialised (%d, %ld)", tdata,
	       tbss);
	tdata++;
	tbss = -5;
	tap_ok(tdata == 43 && tbss == -5, "_Thread_local data is writable");
	tap_ok((uintptr_t)&tdata < fs && (uintptr_t)&tdata >= fs - 4096 && (uintptr_t)&tbss < fs,
	       "TLS data lies just below the thread pointer (%p, %p)", (void *)&tdata,
	       (void *)&tbss);
	tap_ok((uintptr_t)&errno >= fs && (uintptr_t)&errno < fs + 128,
	       "errno lives in the TCB (%p)", (void *)&errno);
	canary_of_new_process(here, sizeof here);
	canary_of_new_process(other, sizeof other);
	tap_ok(here[0] && other[0] && strcmp(here, other) != 0,
	       "each exec gets its own canary (%s, %s)", here, other);
	r = in_child(smash_child, NULL, &w);
	tap_ok(r == 0 && w.status == 134 && strstr(w.msg, "stack smashing") != NULL,
	       "a smashed stack is caught: status %d, \"%s\"", w.status, w.msg);
	guest_done();
}
