// tests/guest/libc_fswrite_test.c: lib/c's file calls that write to a file
// system: open with O_CREAT and O_EXCL, creat, fopen "w" "a" "r+" "wx",
// fwrite/fread round trips with fseek, pwrite, mkdir and rmdir, rename
// (same directory, and EXDEV across directories), unlink, chmod, and
// readdir seeing what was made. It works in $TMPDIR if that is set, else it
// serves /bin/ramfs on a pipe and mounts it on /tmp itself (pipe, fork,
// execv and mount, all through lib/c), in a namespace of its own so the
// /tmp that init mounted for everyone else is left alone.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "guest.h"

static char dir[256];

static const char *
at(const char *name)
{
	static char buf[2][512];
	static int which;

	which ^= 1;
	snprintf(buf[which], sizeof buf[which], "%s/%s", dir, name);
	return buf[which];
}

static int
listed(const char *path, const char *name)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int found = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		found |= strcmp(e->d_name, name) == 0;
	closedir(d);
	return found;
}

static void
creating(void)
{
	struct stat st;
	int fd = open(at("a"), O_RDWR | O_CREAT | O_EXCL, 0640);

	tap_ok(fd >= 0, "open O_CREAT|O_EXCL makes a new file: %s", lasterr());
	tap_ok(write(fd, "hello", 5) == 5 && fstat(fd, &st) == 0 && st.st_size == 5 &&
	               (st.st_mode & 0777) == 0640 && S_ISREG(st.st_mode),
	       "write 5 bytes; fstat: size 5, mode 0640");
	close(fd);
	errno = 0;
	tap_ok(open(at("a"), O_RDWR | O_CREAT | O_EXCL, 0640) == -1 && errno == EEXIST,
	       "O_EXCL on an existing file: EEXIST");
	fd = open(at("a"), O_RDWR | O_CREAT, 0600);
	char buf[8] = "";
	tap_ok(fd >= 0 && read(fd, buf, sizeof buf) == 5 && memcmp(buf, "hello", 5) == 0,
	       "O_CREAT without O_EXCL opens the existing file, contents kept");
	tap_ok(pwrite(fd, "J", 1, 0) == 1 && pread(fd, buf, 5, 0) == 5 &&
	               memcmp(buf, "Jello", 5) == 0,
	       "pwrite and pread at offset 0");
	close(fd);
	fd = open(at("a"), O_WRONLY | O_TRUNC);
	tap_ok(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC empties it");
	close(fd);
	fd = creat(at("c"), 0644);
	tap_ok(fd >= 0 && listed(dir, "c"), "creat makes a file that readdir lists");
	close(fd);
}

static void
stdio_files(void)
{
	static char big[100000], back[100000];
	FILE *f;
	size_t i;

	for (i = 0; i < sizeof big; i++)
		big[i] = (char)(i * 7 + i / 251);
	f = fopen(at("big"), "w");
	tap_ok(f && fwrite(big, 1, sizeof big, f) == sizeof big && fclose(f) == 0,
	       "fopen w, fwrite 100000 bytes, fclose");
	f = fopen(at("big"), "r");
	tap_ok(f && fread(back, 1, sizeof back, f) == sizeof back &&
	               memcmp(big, back, sizeof big) == 0 && fgetc(f) == EOF && feof(f),
	       "fread them back, then EOF");
	if (f)
		fclose(f);
	f = fopen(at("big"), "a");
	tap_ok(f && fputs("tail", f) >= 0 && fclose(f) == 0, "fopen a appends");
	struct stat st;
	tap_ok(stat(at("big"), &st) == 0 && st.st_size == (off_t)sizeof big + 4, "size grew by 4");
	f = fopen(at("big"), "r+");
	tap_ok(f && fseek(f, 10, SEEK_SET) == 0 && fputc('Z', f) == 'Z' &&
	               fseek(f, 9, SEEK_SET) == 0 && fgetc(f) == (unsigned char)big[9] &&
	               fgetc(f) == 'Z',
	       "r+: write after fseek, read it back after another fseek");
	if (f)
		fclose(f);
	errno = 0;
	tap_ok(fopen(at("big"), "wx") == NULL && errno == EEXIST,
	       "fopen wx on an existing file: EEXIST");
}

static void
names(void)
{
	struct stat st;

	tap_ok(mkdir(at("d"), 0755) == 0 && stat(at("d"), &st) == 0 && S_ISDIR(st.st_mode),
	       "mkdir makes a directory");
	tap_ok(rename(at("c"), at("c2")) == 0 && stat(at("c"), &st) == -1 &&
	               stat(at("c2"), &st) == 0,
	       "rename within a directory");
	errno = 0;
	tap_ok(rename(at("c2"), at("d/c3")) == -1 && errno == EXDEV,
	       "rename into another directory: EXDEV (9P renames in place only)");
	tap_ok(chmod(at("c2"), 0600) == 0 && stat(at("c2"), &st) == 0 &&
	               (st.st_mode & 0777) == 0600,
	       "chmod");
	errno = 0;
	tap_ok(unlink(at("d")) == -1 && errno == EISDIR, "unlink of a directory: EISDIR");
	tap_ok(rmdir(at("d")) == 0 && stat(at("d"), &st) == -1 && errno == ENOENT, "rmdir");
	tap_ok(unlink(at("c2")) == 0 && unlink(at("a")) == 0 && unlink(at("big")) == 0 &&
	               !listed(dir, "a"),
	       "unlink removes the files");
}

static pid_t server = -1;

// /bin/ramfs on one end of a pipe, mounted on /tmp through the other.
static int
mount_ramfs(void)
{
	int p[2];
	char fd[16];

	if (access("/bin/ramfs", F_OK) != 0) {
		tap_ok(0, "no /bin/ramfs in the image to mount on /tmp");
		return -1;
	}
	if (pipe(p) < 0)
		return tap_ok(0, "pipe: %s", lasterr()), -1;
	snprintf(fd, sizeof fd, "%d", p[1]);
	fflush(stdout);
	server = fork();
	if (server == 0) {
		char *argv[] = {"/bin/ramfs", "-i", fd, "-o", fd, NULL};
		close(p[0]);
		execv(argv[0], argv);
		exits(1, "cannot exec /bin/ramfs");
	}
	close(p[1]);
	if (rfork(RFNAMEG) < 0)
		return tap_ok(0, "rfork(RFNAMEG): %s", lasterr()), -1;
	int r = mount(p[0], -1, "/tmp", MREPL | MCREATE, NULL);
	close(p[0]);
	return tap_ok(r == 0, "mount /bin/ramfs on /tmp: %s", r == 0 ? "" : lasterr()) ? 0 : -1;
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp == NULL && mount_ramfs() < 0)
		guest_done();

	snprintf(dir, sizeof dir, "%s/libc_fswrite.%d", tmp ? tmp : "/tmp", (int)getpid());
	tap_ok(mkdir(dir, 0755) == 0, "mkdir %s: %s", dir, lasterr());
	creating();
	stdio_files();
	names();
	tap_ok(rmdir(dir) == 0, "rmdir %s", dir);
	if (server > 0) {
		int st;
		unmount(NULL, "/tmp");
		tap_ok(waitpid(server, &st, 0) == server && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		       "ramfs exits when unmounted");
	}
	guest_done();
}
