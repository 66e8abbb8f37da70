// lib/c/stdio/file.c: the FILE streams stdin, stdout and stderr: buffering,
// character and block I/O over read(2) and write(2).
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../internal.h"

enum { UNBUFFERED, LINEBUFFERED, FULLYBUFFERED };

struct FILE {
	int fd;
	int mode;
	int err, eof;
	size_t wlen;       // bytes waiting in wbuf
	size_t rpos, rlen; // unread bytes are rbuf[rpos..rlen)
	unsigned char wbuf[BUFSIZ];
	unsigned char rbuf[BUFSIZ];
};

static FILE files[3] = {
        {.fd = 0, .mode = LINEBUFFERED},
        {.fd = 1, .mode = LINEBUFFERED},
        {.fd = 2, .mode = UNBUFFERED},
};

FILE *const stdin = &files[0];
FILE *const stdout = &files[1];
FILE *const stderr = &files[2];

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

int
fflush(FILE *f)
{
	int r;

	if (f == NULL) {
		__stdio_flush_all();
		return 0;
	}
	if (f->wlen == 0)
		return 0;
	r = write_all(f, f->wbuf, f->wlen);
	f->wlen = 0;
	return r;
}

void
__stdio_flush_all(void)
{
	fflush(stdout);
	fflush(stderr);
}

// Append bytes to the stream, flushing as its buffering mode says.
static int
file_write(FILE *f, const void *data, size_t n)
{
	const unsigned char *p = data;

	if (f->mode == UNBUFFERED)
		return write_all(f, p, n);
	while (n > 0) {
		size_t room = sizeof f->wbuf - f->wlen;
		size_t k = n < room ? n : room;
		memcpy(f->wbuf + f->wlen, p, k);
		f->wlen += k;
		p += k;
		n -= k;
		if (f->wlen == sizeof f->wbuf && fflush(f) == EOF)
			return EOF;
	}
	if (f->mode == LINEBUFFERED && f->wlen > 0 && memchr(f->wbuf, '\n', f->wlen))
		return fflush(f);
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

	// Reading from a terminal-like stream first shows what was written.
	fflush(stdout);
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

size_t
fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *d = p;
	size_t want, got = 0;
	int c;

	if (size == 0 || n == 0 || n > (size_t)-1 / size)
		return 0;
	want = size * n;
	while (got < want && (c = fgetc(f)) != EOF)
		d[got++] = (unsigned char)c;
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

// The printf family's path into a stream (used by stdio/printf.c).
int __file_write(FILE *f, const void *p, size_t n);
int
__file_write(FILE *f, const void *p, size_t n)
{
	return file_write(f, p, n);
}
