// sys/devfs/loop.c: devfs's event loop on the host: poll() the 9P stream
// and, while a console read is waiting, the console; hand whole 9P
// messages to p9_srv_handle and console bytes to devfs_consinput. The one
// file of devfs that needs poll(), which Gremlin does not have yet (see
// docs/devfs.md for the port).
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devfs.h"

enum { CONSBUF = 8192 };

// Answer the oldest waiting console read from one read of the console.
static void
consread(Devfs *fs)
{
	uint8_t buf[CONSBUF];
	uint32_t want = devfs_conswant(fs);
	char err[128];
	ssize_t k;

	if (want > sizeof buf)
		want = sizeof buf;
	do
		k = read(fs->consfd, buf, want);
	while (k < 0 && errno == EINTR);
	if (k < 0) {
		snprintf(err, sizeof err, "cons: reading the console: %s", strerror(errno));
		devfs_consinput(fs, NULL, 0, err);
		return;
	}
	devfs_consinput(fs, buf, (size_t)k, NULL);
}

// Handle every whole message at the front of buf (len bytes); returns the
// bytes consumed, or -1 when the connection must close.
static long
messages(P9Srv *s, uint8_t *buf, size_t len)
{
	size_t at = 0;

	while (len - at >= 4) {
		uint32_t size = p9_get32(buf + at);

		if (size < P9_HDRSZ || size > s->maxmsize) {
			snprintf(s->lasterr, sizeof s->lasterr,
			         "message size %u outside 7..%u: closing the connection", size,
			         s->maxmsize);
			return -1;
		}
		if (len - at < size)
			break;
		if (p9_srv_handle(s, buf + at, size) < 0)
			return -1;
		at += size;
	}
	return (long)at;
}

int
devfs_serve(Devfs *fs, P9Srv *s, int infd, int outfd)
{
	uint8_t *buf = malloc(s->maxmsize);
	size_t len = 0;
	int rc = 0;

	s->lasterr[0] = '\0';
	if (buf == NULL) {
		snprintf(s->lasterr, sizeof s->lasterr, "out of memory");
		return -1;
	}
	p9_srv_setout(s, outfd);
	for (;;) {
		struct pollfd pfd[2] = {{infd, POLLIN, 0}, {fs->consfd, POLLIN, 0}};
		int n = devfs_conswant(fs) > 0 ? 2 : 1;
		ssize_t k;
		long used;

		if (poll(pfd, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			snprintf(s->lasterr, sizeof s->lasterr, "poll: %s", strerror(errno));
			rc = -1;
			break;
		}
		if (n == 2 && pfd[1].revents != 0)
			consread(fs);
		if (pfd[0].revents == 0)
			continue;
		k = read(infd, buf + len, s->maxmsize - len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k < 0 || len != 0) {
				snprintf(s->lasterr, sizeof s->lasterr, "%s",
				         k < 0 ? strerror(errno) : "stream ended inside a message");
				rc = -1;
			}
			break;
		}
		len += (size_t)k;
		used = messages(s, buf, len);
		if (used < 0) {
			rc = -1;
			break;
		}
		memmove(buf, buf + used, len - (size_t)used);
		len -= (size_t)used;
	}
	free(buf);
	p9_srv_close(s);
	return rc;
}
