// lib/c/stdio/file.c: FILE streams: stdin, stdout, stderr and those of
// fopen/fdopen/freopen; buffering (line-buffered on terminals, full
// elsewhere, stderr unbuffered), character, line and block I/O, seeking,
// ungetc, and the list of open streams that fflush(NULL) and exit flush.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../internal.h"

enum { UNDECIDED = -1 };

struct FILE {
	int fd;
	int mode; // _IONBF, _IOLBF, _IOFBF, or UNDECIDED until first use
	int canread, canwrite, append;
	int err, eof;
	int owned;         // malloc'd by fopen/fdopen (not stdin/stdout/stderr)
	size_t wlen;       // bytes waiting in wbuf
	size_t rpos, rlen; // unread bytes are rbuf[rpos..rlen)
	int nunget;        // pushed-back bytes, read before rbuf
	unsigned char unget[8];
	struct FILE *next; // every open stream
	unsigned char wbuf[BUFSIZ];
	unsigned char rbuf[BUFSIZ];
};

static FILE files[3] = {
        {.fd = 0, .mode = UNDECIDED, .canread = 1},
        {.fd = 1, .mode = UNDECIDED, .canwrite = 1},
        {.fd = 2, .mode = _IONBF, .canwrite = 1},
};

FILE *const stdin = &files[0];
FILE *const stdout = &files[1];
FILE *const stderr = &files[2];

static FILE *streams = &files[0];

__attribute__((constructor)) static void
link_std(void)
{
	files[0].next = &files[1];
	files[1].next = &files[2];
}

// The buffering a stream gets by default: lines on a terminal.
static void
decide(FILE *f)
{
	if (f->mode == UNDECIDED)
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
}

// Write all n bytes to the descriptor, retrying short writes.
static int
write_all(FILE *f, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(f->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->err = 1;
			return EOF;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
flush_one(FILE *f)
{
	int r;

	if (f->wlen == 0)
		return 0;
	r = write_all(f, f->wbuf, f->wlen);
	f->wlen = 0;
	return r;
}

// Unread input is given back to the descriptor's offset (when it can be:
// files; a pipe or the console just loses nothing because the offset there
// does not matter).
static void
drop_input(FILE *f)
{
	size_t unread = f->rlen - f->rpos + (size_t)f->nunget;
	int saved = errno;

	if (unread > 0 && lseek(f->fd, -(off_t)unread, SEEK_CUR) < 0)
		errno = saved; // not seekable: nothing to give back to
	f->rpos = f->rlen = 0;
	f->nunget = 0;
}

int
fflush(FILE *f)
{
	if (f == NULL) {
		int r = 0;
		for (f = streams; f; f = f->next)
			if (f->wlen > 0 && flush_one(f) == EOF)
				r = EOF;
		return r;
	}
	if (f->rlen > f->rpos || f->nunget > 0)
		drop_input(f);
	return flush_one(f);
}

void
__stdio_flush_all(void)
{
	fflush(NULL);
}

// Append bytes to the stream, flushing as its buffering mode says.
static int
file_write(FILE *f, const void *data, size_t n)
{
	const unsigned char *p = data;

	if (!f->canwrite) {
		f->err = 1;
		errno = EBADF;
		return EOF;
	}
	if (f->rlen > f->rpos || f->nunget > 0)
		drop_input(f);
	decide(f);
	if (f->mode == _IONBF)
		return write_all(f, p, n);
	while (n > 0) {
		size_t room = sizeof f->wbuf - f->wlen;
		size_t k = n < room ? n : room;
		memcpy(f->wbuf + f->wlen, p, k);
		f->wlen += k;
		p += k;
		n -= k;
		if (f->wlen == sizeof f->wbuf && flush_one(f) == EOF)
			return EOF;
	}
	if (f->mode == _IOLBF && f->wlen > 0 && memchr(f->wbuf, '\n', f->wlen))
		return flush_one(f);
	return 0;
}

int
fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;

	return file_write(f, &b, 1) == EOF ? EOF : b;
}

int
putc(int c, FILE *f)
{
	return fputc(c, f);
}

int
putchar(int c)
{
	return fputc(c, stdout);
}

int
fputs(const char *restrict s, FILE *restrict f)
{
	return file_write(f, s, strlen(s)) == EOF ? EOF : 0;
}

int
puts(const char *s)
{
	if (fputs(s, stdout) == EOF)
		return EOF;
	return fputc('\n', stdout) == EOF ? EOF : 0;
}

size_t
fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (size == 0 || n == 0)
		return 0;
	if (n > (size_t)-1 / size) {
		f->err = 1;
		errno = EINVAL;
		return 0;
	}
	return file_write(f, p, size * n) == EOF ? 0 : n;
}

// Refill the read buffer; returns 0 at end of file or error.
static int
refill(FILE *f)
{
	ssize_t r;

	if (!f->canread) {
		f->err = 1;
		errno = EBADF;
		return 0;
	}
	// Reading shows what was written first: line-buffered output (the
	// prompt on a terminal) and this stream's own pending output.
	for (FILE *g = streams; g; g = g->next)
		if (g->mode == _IOLBF && g->wlen > 0)
			flush_one(g);
	if (flush_one(f) == EOF)
		return 0;
	do
		r = read(f->fd, f->rbuf, sizeof f->rbuf);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		f->err = 1;
	if (r == 0)
		f->eof = 1;
	if (r <= 0)
		return 0;
	f->rpos = 0;
	f->rlen = (size_t)r;
	return 1;
}

int
fgetc(FILE *f)
{
	if (f->nunget > 0)
		return f->unget[--f->nunget];
	if (f->rpos == f->rlen && !refill(f))
		return EOF;
	return f->rbuf[f->rpos++];
}

int
getc(FILE *f)
{
	return fgetc(f);
}

int
getchar(void)
{
	return fgetc(stdin);
}

int
ungetc(int c, FILE *f)
{
	if (c == EOF || f->nunget == (int)sizeof f->unget)
		return EOF;
	f->unget[f->nunget++] = (unsigned char)c;
	f->eof = 0;
	return (unsigned char)c;
}

char *
fgets(char *restrict buf, int n, FILE *restrict f)
{
	int i = 0, c;

	if (n <= 0)
		return NULL;
	while (i < n - 1) {
		c = fgetc(f);
		if (c == EOF)
			break;
		buf[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && n > 1)
		return NULL;
	buf[i] = '\0';
	return buf;
}

ssize_t
getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	size_t n = 0;
	int c;

	if (line == NULL || cap == NULL) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		if (*line == NULL || n + 2 > *cap) {
			size_t want = *cap < 64 ? 128 : *cap * 2;
			char *p = realloc(*line, want);
			if (p == NULL) {
				f->err = 1;
				return -1;
			}
			*line = p;
			*cap = want;
		}
		c = fgetc(f);
		if (c == EOF)
			break;
		(*line)[n++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[n] = '\0';
	return n == 0 ? -1 : (ssize_t)n;
}

ssize_t
getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}

size_t
fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *d = p;
	size_t want, got = 0;

	if (size == 0 || n == 0 || n > (size_t)-1 / size)
		return 0;
	want = size * n;
	while (got < want) {
		size_t k;
		if (f->nunget > 0) {
			d[got++] = f->unget[--f->nunget];
			continue;
		}
		if (f->rpos == f->rlen && !refill(f))
			break;
		k = f->rlen - f->rpos;
		if (k > want - got)
			k = want - got;
		memcpy(d + got, f->rbuf + f->rpos, k);
		f->rpos += k;
		got += k;
	}
	return got / size;
}

int
feof(FILE *f)
{
	return f->eof;
}

int
ferror(FILE *f)
{
	return f->err;
}

void
clearerr(FILE *f)
{
	f->err = f->eof = 0;
}

int
fileno(FILE *f)
{
	return f->fd;
}

int
setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	// The stream keeps its own buffers; buf and size are not used (C
	// allows that).
	(void)buf;
	(void)size;
	if (mode != _IONBF && mode != _IOLBF && mode != _IOFBF)
		return -1;
	flush_one(f);
	f->mode = mode;
	return 0;
}

void
setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

int
fseeko(FILE *f, off_t off, int whence)
{
	if (flush_one(f) == EOF)
		return -1;
	if (whence == SEEK_CUR)
		off -= (off_t)(f->rlen - f->rpos) + f->nunget;
	f->rpos = f->rlen = 0;
	f->nunget = 0;
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->eof = 0;
	return 0;
}

int
fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

off_t
ftello(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return pos - (off_t)(f->rlen - f->rpos) - f->nunget + (off_t)f->wlen;
}

long
ftell(FILE *f)
{
	return (long)ftello(f);
}

void
rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->err = 0;
}

// fopen's mode string as open(2) flags; -1 (EINVAL) if it is not one.
static int
mode_flags(const char *mode)
{
	int flags;

	switch (mode[0]) {
	case 'r':
		flags = O_RDONLY;
		break;
	case 'w':
		flags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case 'a':
		flags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+')
			flags = (flags & ~(O_WRONLY | O_RDONLY)) | O_RDWR;
		else if (*m == 'x')
			flags |= O_EXCL;
		else if (*m == 'e')
			flags |= O_CLOEXEC;
		else if (*m != 'b') {
			errno = EINVAL;
			return -1;
		}
	}
	return flags;
}

static void
setup(FILE *f, int fd, int flags)
{
	int acc = flags & 3;

	f->fd = fd;
	f->mode = UNDECIDED;
	f->canread = acc == O_RDONLY || acc == O_RDWR;
	f->canwrite = acc == O_WRONLY || acc == O_RDWR;
	f->append = (flags & O_APPEND) != 0;
	f->err = f->eof = 0;
	f->wlen = f->rpos = f->rlen = 0;
	f->nunget = 0;
}

FILE *
fdopen(int fd, const char *mode)
{
	int flags = mode_flags(mode);
	FILE *f;

	if (flags < 0)
		return NULL;
	f = malloc(sizeof *f);
	if (f == NULL)
		return NULL;
	setup(f, fd, flags);
	f->owned = 1;
	f->next = streams;
	streams = f;
	return f;
}

FILE *
fopen(const char *restrict path, const char *restrict mode)
{
	int flags = mode_flags(mode), fd;
	FILE *f;

	if (flags < 0)
		return NULL;
	fd = open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, mode);
	if (f == NULL)
		close(fd);
	return f;
}

FILE *
freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int flags = mode_flags(mode), fd;

	fflush(f);
	if (flags < 0 || path == NULL) {
		// Changing the mode of the open file is not supported.
		if (path == NULL)
			errno = EINVAL;
		return NULL;
	}
	fd = open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	// The new file takes the old descriptor number (stdin stays fd 0).
	if (fd != f->fd) {
		if (dup2(fd, f->fd) < 0) {
			close(fd);
			return NULL;
		}
		close(fd);
	}
	setup(f, f->fd, flags);
	return f;
}

int
fclose(FILE *f)
{
	int r = fflush(f);
	FILE **pp;

	if (close(f->fd) < 0)
		r = EOF;
	for (pp = &streams; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	if (f->owned)
		free(f);
	return r;
}

// The printf family's path into a stream (used by stdio/printf.c).
int __file_write(FILE *f, const void *p, size_t n);
int
__file_write(FILE *f, const void *p, size_t n)
{
	return file_write(f, p, n);
}
