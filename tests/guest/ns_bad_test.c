// tests/guest/ns_bad_test.c: every file and namespace system call with
// bad pointers, bad fds, bad paths and bad flags: each fails with the
// right errno and an error string that says what and why, and nothing
// else changes.
#include "nsutil.h"

#define KADDR 0xffffffff80100000ULL
#define NONCANON 0x0000800000000000ULL
#define UNMAPPED 0x700000000000ULL

static int
is(int64_t r, int64_t want, const char *frag)
{
	return r == want && (frag == NULL || strstr(kerr(), frag) != NULL);
}

static void
pointers(void)
{
	uint8_t st[256];
	int32_t fd[2];
	char buf[64];
	int64_t f = kopen("/bin/init", O_RDONLY);

	tap_ok(is(kopen(NULL, O_RDONLY), -EFAULT, "bad address"), "open(NULL): EFAULT (%s)",
	       kerr());
	tap_ok(is(kopen((char *)KADDR, O_RDONLY), -EFAULT, NULL), "open(kernel address): EFAULT");
	tap_ok(is(kopen((char *)NONCANON, O_RDONLY), -EFAULT, NULL), "open(non-canonical): EFAULT");
	tap_ok(is(kstat("/bin/init", (void *)KADDR, 256), -EFAULT, NULL),
	       "stat into the kernel: EFAULT");
	tap_ok(is(kstat((char *)UNMAPPED, st, sizeof st), -EFAULT, NULL),
	       "stat(unmapped path): EFAULT");
	tap_ok(is(kread((int)f, (void *)KADDR, 16), -EFAULT, "bad address"),
	       "read into the kernel: EFAULT");
	tap_ok(is(kread((int)f, (void *)UNMAPPED, 16), -EFAULT, NULL),
	       "read into unmapped memory: EFAULT");
	tap_ok(SC(SYS_seek, f, 0, SEEK_CUR) == 0, "a failed read leaves the offset alone");
	tap_ok(is(kwrite(1, (void *)UNMAPPED, 16), -EFAULT, NULL),
	       "write from unmapped memory: EFAULT");
	tap_ok(is(SC(SYS_pipe, KADDR, 0, 0), -EFAULT, "pipe"), "pipe(kernel address): EFAULT");
	tap_ok(is(SC(SYS_pipe, (int32_t *)(uintptr_t) "ro", 0, 0), -EFAULT, NULL),
	       "pipe(read-only memory): EFAULT");
	tap_ok(is(kbind(NULL, "/mnt", MREPL), -EFAULT, "bind"), "bind(NULL, ...): EFAULT");
	tap_ok(is(kbind("#c", (char *)KADDR, MREPL), -EFAULT, NULL),
	       "bind(..., kernel address): EFAULT");
	tap_ok(is(SC(SYS_getcwd, NULL, 64, 0), -EFAULT, NULL), "getcwd(NULL): EFAULT");
	tap_ok(is(SC(SYS_getcwd, buf, 1, 0), -ERANGE, "too small"), "getcwd into 1 byte: ERANGE");
	tap_ok(is(SC(SYS_fd2path, f, buf, 3), -ERANGE, NULL), "fd2path into 3 bytes: ERANGE");
	tap_ok(is(SC(SYS_fd2path, f, KADDR, 64), -EFAULT, NULL), "fd2path into the kernel: EFAULT");
	tap_ok(is(SC(SYS_wstat, "/bin/init", UNMAPPED, 60), -EFAULT, NULL),
	       "wstat from unmapped: EFAULT");
	tap_ok(is(SC(SYS_chdir, KADDR, 0, 0), -EFAULT, NULL), "chdir(kernel address): EFAULT");
	tap_ok(is(SC(SYS_remove, NULL, 0, 0), -EFAULT, NULL), "remove(NULL): EFAULT");
	tap_ok(is(SC(SYS_fstat, f, KADDR, 256), -EFAULT, NULL), "fstat into the kernel: EFAULT");
	(void)fd;
	kclose((int)f);
}

static void
fds(void)
{
	uint8_t st[256];
	char buf[8];
	int64_t w = kopen("/dev/cons", O_WRONLY), d = kopen("/bin", O_RDONLY);
	static const int bad[] = {-1, 63, 64, 1000, -2147483647};

	for (unsigned i = 0; i < NELEM(bad); i++) {
		int b = bad[i];

		tap_ok(is(kread(b, buf, 1), -EBADF, "not open") &&
		               is(kwrite(b, "x", 1), -EBADF, NULL) && is(kclose(b), -EBADF, NULL) &&
		               is(SC(SYS_dup, b, 0, 0), -EBADF, NULL) &&
		               is(SC(SYS_fstat, b, st, sizeof st), -EBADF, NULL) &&
		               is(SC(SYS_seek, b, 0, 0), -EBADF, NULL) &&
		               is(SC(SYS_fd2path, b, buf, sizeof buf), -EBADF, NULL) &&
		               is(SC4(SYS_pread, b, buf, 1, 0), -EBADF, NULL),
		       "fd %d: EBADF for read, write, close, dup, fstat, seek, fd2path, pread", b);
	}
	tap_ok(is(SC(SYS_dup2, 0, 64, 0), -EBADF, "out of range"), "dup2 to 64: EBADF (%s)",
	       kerr());
	tap_ok(is(SC(SYS_dup2, 0, -1, 0), -EBADF, NULL), "dup2 to -1: EBADF");
	tap_ok(is(kread((int)w, buf, 1), -EBADF, "not open for reading"),
	       "read of a write-only fd: EBADF (%s)", kerr());
	tap_ok(is(kwrite((int)d, "x", 1), -EBADF, "not open for writing"),
	       "write of a read-only fd: EBADF");
	tap_ok(is(SC4(SYS_pread, d, buf, 1, 7), -ESPIPE, "in sequence"),
	       "directory read at an odd offset: ESPIPE (%s)", kerr());
	tap_ok(is(kread((int)d, buf, 4), -EINVAL, "too small"),
	       "directory read into 4 bytes: EINVAL (%s)", kerr());
	tap_ok(is(SC4(SYS_pread, 0, buf, 1, -5), -EINVAL, "negative"), "pread at -5: EINVAL");
	tap_ok(is(SC(SYS_seek, d, 5, SEEK_SET), -ESPIPE, NULL), "seek in a directory: ESPIPE");
	kclose((int)w);
	kclose((int)d);
	int64_t f = kopen("/bin/init", O_RDONLY);

	tap_ok(is(SC(SYS_seek, f, 0, 7), -EINVAL, "whence") &&
	               is(SC(SYS_seek, f, -1, SEEK_SET), -EINVAL, NULL),
	       "seek with a bad whence or before 0: EINVAL");
	kclose((int)f);
	int n = 0;

	while (kopen("/bin/init", O_RDONLY) >= 0)
		n++;
	tap_ok(is(kopen("/bin/init", O_RDONLY), -EMFILE, "no free fd"),
	       "fd table full after %d more: EMFILE", n);
	for (int i = 3; i < 64; i++)
		kclose(i);
}

static void
paths(void)
{
	static char longp[400], longe[100];
	uint8_t st[256];

	memset(longp, 'a', sizeof longp - 1);
	longp[0] = '/';
	memset(longe, 'b', sizeof longe - 1);
	longe[0] = '/';
	tap_ok(is(kopen(longp, O_RDONLY), -ENAMETOOLONG, "longer than"),
	       "a 399-byte path: ENAMETOOLONG");
	tap_ok(is(kopen(longe, O_RDONLY), -ENAMETOOLONG, NULL), "a 98-byte name: ENAMETOOLONG");
	tap_ok(is(kopen("", O_RDONLY), -ENOENT, "empty"), "the empty path: ENOENT");
	tap_ok(is(kopen("#z/x", O_RDONLY), -ENOENT, "no device '#z'"), "'#z': ENOENT (%s)", kerr());
	tap_ok(is(kopen("#", O_RDONLY), -ENOENT, NULL), "'#': ENOENT");
	tap_ok(is(kopen("#|spec", O_RDONLY), -ENOENT, "attach name"), "'#|spec': ENOENT");
	tap_ok(is(kopen("/bin", O_WRONLY), -EISDIR, NULL),
	       "a directory opened for writing: EISDIR");
	tap_ok(is(kopen("/bin", 3), -EINVAL, NULL), "open mode 3: EINVAL");
	tap_ok(is(kopen("/bin", 0x40000000), -EINVAL, "unknown flags"),
	       "unknown open flags: EINVAL");
	tap_ok(is(SC(SYS_open, "/bin/init", O_DIRECTORY, 0), -ENOTDIR, NULL),
	       "O_DIRECTORY on a file: ENOTDIR");
	tap_ok(is(SC(SYS_chdir, "/bin/init", 0, 0), -ENOTDIR, NULL), "chdir to a file: ENOTDIR");
	tap_ok(is(SC(SYS_chdir, "/nope", 0, 0), -ENOENT, "chdir /nope: 'nope' does not exist in /"),
	       "chdir to nothing: ENOENT (%s)", kerr());
	tap_ok(is(kbind("#c", "/mnt", 3), -EINVAL, "bad flags") &&
	               is(kbind("#c", "/mnt", 64), -EINVAL, NULL),
	       "bind with bad flags: EINVAL");
	tap_ok(is(kbind("/nope", "/mnt", MREPL), -ENOENT, NULL) &&
	               is(kbind("#c", "/nope", 0), -ENOENT, NULL),
	       "bind of or onto nothing: ENOENT");
	tap_ok(is(kunmount(NULL, "/nope"), -ENOENT, NULL), "unmount of nothing: ENOENT");
	tap_ok(is(SC(SYS_wstat, "/bin/init", "\1\0", 2), -EINVAL, "malformed"),
	       "wstat with a malformed entry: EINVAL (%s)", kerr());
	tap_ok(kstat("/bin/init", st, sizeof st) > 0 &&
	               is(SC(SYS_wstat, "/bin/init", st, get16(st) + 2), -EACCES,
	                  "cannot be changed"),
	       "wstat of a boot file: EACCES (%s)", kerr());
	tap_ok(is(kcreate("/", O_RDWR, 0), -EISDIR, NULL),
	       "create of / (exists, a directory): EISDIR");
	tap_ok(is(SC4(SYS_mount, 0, -1, "/mnt", 0), -EINVAL, "not a pipe"),
	       "mount of the console: EINVAL (%s)", kerr());
	tap_ok(is(SC4(SYS_mount, 77, -1, "/mnt", 0), -EBADF, NULL), "mount of fd 77: EBADF");
	tap_ok(is(SC4(SYS_mount, 0, -1, KADDR, 0), -EFAULT, NULL),
	       "mount on a kernel address: EFAULT");
	tap_ok(exists("/bin/init") && !exists("/mnt/cons"), "the namespace is unchanged");
}

int
main(void)
{
	pointers();
	fds();
	paths();
	guest_done();
}
