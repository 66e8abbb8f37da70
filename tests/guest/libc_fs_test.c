// tests/guest/libc_fs_test.c: lib/c's file-system and stream layer over
// the kernel's file calls, on what the namespace holds now (the read-only
// boot archive, the console, pipes): stat and fstat against what reading
// gives, opendir/readdir against stat, stdio reads with fseek, ftell,
// ungetc and getline checked against pread, buffered stdio through a pipe,
// dup and dup2, isatty, getcwd and chdir, and the errors of bad paths.
// Writing files needs a writable file system: that half is
// tests/guest/libc_fswrite_test.c (held out of the image, see
// mk/gremlin.mk).
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "guest.h"

static const char *self = "/bin/test/libc_fs_test";

// The whole file through read(2), for comparison.
static unsigned char *
slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	size_t cap = 65536, n = 0;
	unsigned char *buf = malloc(cap);
	ssize_t r;

	if (fd < 0 || buf == NULL)
		return NULL;
	while ((r = read(fd, buf + n, cap - n)) > 0) {
		n += (size_t)r;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	close(fd);
	*len = n;
	return buf;
}

static void
stats(void)
{
	struct stat st, fst, dst;
	size_t len = 0;
	unsigned char *data = slurp(self, &len);
	int fd = open(self, O_RDONLY);

	tap_ok(data != NULL && stat(self, &st) == 0, "stat %s: %s", self, lasterr());
	tap_ok(S_ISREG(st.st_mode) && (size_t)st.st_size == len,
	       "regular file, st_size %lld is the bytes read (%zu)", (long long)st.st_size, len);
	tap_ok(fd >= 0 && fstat(fd, &fst) == 0 && fst.st_ino == st.st_ino &&
	               fst.st_dev == st.st_dev && fst.st_size == st.st_size,
	       "fstat of an open descriptor agrees with stat (ino %llu)",
	       (unsigned long long)st.st_ino);
	close(fd);
	tap_ok(stat("/bin", &dst) == 0 && S_ISDIR(dst.st_mode) && dst.st_ino != st.st_ino,
	       "/bin is a directory (S_IFDIR from DMDIR)");
	errno = 0;
	tap_ok(stat("/bin/no-such-file", &st) == -1 && errno == ENOENT,
	       "stat of a missing file: ENOENT");
	tap_ok(stat("/bin/init/x", &st) == -1 && errno == ENOTDIR, "stat through a file: ENOTDIR");
	free(data);
}

static void
directories(void)
{
	DIR *d = opendir("/bin/test");
	struct dirent *e;
	int n = 0, self_seen = 0, bad = 0;
	char path[300];

	tap_ok(d != NULL, "opendir /bin/test: %s", d ? "" : lasterr());
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		n++;
		self_seen |= strcmp(e->d_name, "libc_fs_test") == 0;
		snprintf(path, sizeof path, "/bin/test/%s", e->d_name);
		if (stat(path, &st) != 0 || st.st_ino != e->d_ino ||
		    (e->d_type == DT_DIR) != S_ISDIR(st.st_mode))
			bad++;
	}
	tap_ok(n > 5 && self_seen, "readdir lists %d entries, this test among them", n);
	tap_ok(bad == 0, "every entry stats with the same inode and type (%d do not)", bad);
	rewinddir(d);
	int again = 0;
	while (readdir(d) != NULL)
		again++;
	tap_ok(again == n, "rewinddir: the same %d entries again (%d)", n, again);
	tap_ok(closedir(d) == 0, "closedir");
	errno = 0;
	tap_ok(opendir(self) == NULL && errno == ENOTDIR, "opendir of a file: ENOTDIR");
	tap_ok(opendir("/nonexistent") == NULL && errno == ENOENT, "opendir of nothing: ENOENT");
}

// fread in uneven chunks, fseek and ftell, ungetc, against pread.
static void
streams(void)
{
	size_t len = 0;
	unsigned char *data = slurp(self, &len), buf[777];
	FILE *f = fopen(self, "r");
	size_t off = 0;
	int bad = 0;

	tap_ok(f != NULL, "fopen %s r", self);
	if (f == NULL || data == NULL)
		return;
	for (size_t chunk = 1; off < len; chunk = chunk * 3 % 777 + 1) {
		size_t got = fread(buf, 1, chunk, f);
		bad += memcmp(buf, data + off, got) != 0 || (got != chunk && off + got != len);
		off += got;
		if (got == 0)
			break;
	}
	tap_ok(bad == 0 && off == len && feof(f), "fread in uneven chunks reads all %zu bytes",
	       len);
	tap_ok(fseek(f, 1000, SEEK_SET) == 0 && ftell(f) == 1000 && fgetc(f) == data[1000] &&
	               ftell(f) == 1001,
	       "fseek SEEK_SET, ftell, fgetc");
	tap_ok(fseek(f, -10, SEEK_CUR) == 0 && ftell(f) == 991 && fgetc(f) == data[991],
	       "fseek SEEK_CUR backwards over buffered data");
	tap_ok(fseek(f, -4, SEEK_END) == 0 && ftell(f) == (long)len - 4 &&
	               fgetc(f) == data[len - 4],
	       "fseek SEEK_END");
	tap_ok(ungetc('Q', f) == 'Q' && ftell(f) == (long)len - 4 && fgetc(f) == 'Q' &&
	               fgetc(f) == data[len - 3],
	       "ungetc pushes back one byte (ftell counts it)");
	rewind(f);
	tap_ok(ftell(f) == 0 && fgetc(f) == 0x7f && fgetc(f) == 'E', "rewind: the ELF magic again");
	unsigned char p[16];
	int fd = fileno(f);
	tap_ok(pread(fd, p, sizeof p, 100) == (ssize_t)sizeof p &&
	               memcmp(p, data + 100, sizeof p) == 0,
	       "pread at an offset");
	tap_ok(lseek(fd, 0, SEEK_END) == (off_t)len, "lseek SEEK_END gives the size");
	tap_ok(fclose(f) == 0, "fclose");
	errno = 0;
	tap_ok(fopen("/bin/nothing-here", "r") == NULL && errno == ENOENT,
	       "fopen of a missing file: NULL, ENOENT");
	tap_ok(fopen(self, "rz") == NULL && errno == EINVAL, "fopen with a bad mode: EINVAL");
	free(data);
}

// getline over a man page against splitting the raw bytes at newlines.
static void
lines(void)
{
	const char *path = "/man/cat.1";
	size_t len = 0, pos = 0, cap = 0;
	unsigned char *data = slurp(path, &len);
	FILE *f = fopen(path, "r");
	char *line = NULL;
	ssize_t n;
	int count = 0, bad = 0;

	if (data == NULL || f == NULL) {
		tap_ok(0, "open %s: %s", path, lasterr());
		return;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		bad += pos + (size_t)n > len || memcmp(line, data + pos, (size_t)n) != 0 ||
		       strlen(line) != (size_t)n;
		pos += (size_t)n;
		count++;
	}
	tap_ok(count > 3 && bad == 0 && pos == len, "getline: %d lines, %zu bytes, as read gives",
	       count, pos);
	fclose(f);
	free(line);
	free(data);
}

// Buffered stdio across a pipe: fprintf into one end, fscanf/fgets out of
// the other.
static void
pipes(void)
{
	int fd[2];
	FILE *w, *r;
	char word[32] = "", rest[64] = "";
	int num = 0;
	double d = 0;

	tap_ok(pipe(fd) == 0, "pipe: %s", lasterr());
	w = fdopen(fd[1], "w");
	r = fdopen(fd[0], "r");
	tap_ok(w && r, "fdopen both ends");
	if (!w || !r)
		return;
	tap_ok(isatty(fd[0]) == 0 && isatty(1) == 1, "isatty: a pipe is not a terminal, stdout is");
	fprintf(w, "gremlin %d %.3f\nsecond line\n", 42, 2.5);
	tap_ok(fflush(w) == 0, "fflush the pipe's write end");
	tap_ok(fscanf(r, "%31s %d %lf ", word, &num, &d) == 3 && strcmp(word, "gremlin") == 0 &&
	               num == 42 && d == 2.5,
	       "fscanf reads back what fprintf wrote (%s %d %g)", word, num, d);
	tap_ok(fgets(rest, sizeof rest, r) && strcmp(rest, "second line\n") == 0,
	       "fgets reads the next line");
	int d2 = dup(fd[1]);
	tap_ok(d2 > 2 && write(d2, "x", 1) == 1 && fgetc(r) == 'x',
	       "dup gives a working descriptor");
	tap_ok(dup2(fd[1], 20) == 20 && write(20, "y", 1) == 1 && fgetc(r) == 'y',
	       "dup2 onto descriptor 20");
	close(d2);
	close(20);
	// Buffering modes, seen from the raw read end: unbuffered and
	// line-buffered output reaches the pipe without fflush.
	char raw[16] = "";
	tap_ok(setvbuf(w, NULL, _IONBF, 0) == 0 && fputc('u', w) == 'u' &&
	               read(fd[0], raw, 1) == 1 && raw[0] == 'u',
	       "_IONBF: fputc reaches the pipe at once");
	tap_ok(setvbuf(w, NULL, _IOLBF, 0) == 0 && fputs("ab\n", w) >= 0 &&
	               read(fd[0], raw, sizeof raw) == 3 && memcmp(raw, "ab\n", 3) == 0,
	       "_IOLBF: a finished line reaches the pipe without fflush");
	tap_ok(setvbuf(w, NULL, 7, 0) != 0, "setvbuf refuses an unknown mode");
	fclose(w);
	fclose(r);
}

// freopen puts a file on stdin's descriptor 0.
static void
reopen(void)
{
	size_t len = 0;
	unsigned char *data = slurp("/man/cat.1", &len);
	char line[256];
	int saved = dup(0);

	tap_ok(freopen("/man/cat.1", "r", stdin) == stdin && fileno(stdin) == 0,
	       "freopen onto stdin keeps descriptor 0");
	tap_ok(fgets(line, sizeof line, stdin) && data && memcmp(line, data, strlen(line)) == 0 &&
	               line[strlen(line) - 1] == '\n',
	       "stdin now reads the file's first line");
	dup2(saved, 0);
	close(saved);
	free(data);
}

static void
directory_state(void)
{
	char cwd[256];

	tap_ok(getcwd(cwd, sizeof cwd) != NULL && strcmp(cwd, "/") == 0, "getcwd: \"%s\"", cwd);
	tap_ok(chdir("/bin/test") == 0 && getcwd(cwd, sizeof cwd) && strcmp(cwd, "/bin/test") == 0,
	       "chdir /bin/test, getcwd follows (\"%s\")", cwd);
	struct stat st;
	tap_ok(stat("libc_fs_test", &st) == 0, "a relative path resolves from the new directory");
	tap_ok(chdir("/") == 0, "chdir back to /");
	errno = 0;
	tap_ok(chdir("/bin/init") == -1 && errno == ENOTDIR, "chdir to a file: ENOTDIR");
	tap_ok(getcwd(cwd, 1) == NULL && errno == ERANGE, "getcwd into a too small buffer: ERANGE");
}

int
main(void)
{
	stats();
	directories();
	streams();
	lines();
	pipes();
	reopen();
	directory_state();
	guest_done();
}
