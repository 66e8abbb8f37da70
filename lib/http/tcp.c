// lib/http/tcp.c: the host TCP transport for lib/http: getaddrinfo, connect with a timeout,
// and reads/writes bounded by poll.
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/http.h"

struct tcp {
	int fd;
};

// Wait until fd is ready for events; 1 ready, 0 timeout, -1 error.
static int
wait_fd(int fd, short events, int timeout_ms)
{
	struct pollfd p = {fd, events, 0};
	int rc;
	do
		rc = poll(&p, 1, timeout_ms);
	while (rc < 0 && errno == EINTR);
	return rc;
}

static long
tcp_read(void *ctx, void *buf, size_t n, int timeout_ms)
{
	struct tcp *t = ctx;
	int rc = wait_fd(t->fd, POLLIN, timeout_ms);
	if (rc == 0)
		return -2;
	if (rc < 0)
		return -1;
	ssize_t k;
	do
		k = recv(t->fd, buf, n, 0);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return (errno == EAGAIN || errno == EWOULDBLOCK) ? -2 : -1;
	return (long)k;
}

static long
tcp_write(void *ctx, const void *buf, size_t n, int timeout_ms)
{
	struct tcp *t = ctx;
	int rc = wait_fd(t->fd, POLLOUT, timeout_ms);
	if (rc == 0)
		return -2;
	if (rc < 0)
		return -1;
	ssize_t k;
	do
		k = send(t->fd, buf, n, MSG_NOSIGNAL);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return (errno == EAGAIN || errno == EWOULDBLOCK) ? -2 : -1;
	return (long)k;
}

static void
tcp_close(void *ctx)
{
	struct tcp *t = ctx;
	close(t->fd);
	free(t);
}

// Connect one address without blocking longer than timeout_ms.
static int
connect_one(const struct addrinfo *ai, int timeout_ms, int *err_no)
{
	int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (fd < 0) {
		*err_no = errno;
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS) {
		*err_no = errno;
		close(fd);
		return -1;
	}
	int rc = wait_fd(fd, POLLOUT, timeout_ms), soerr = 0;
	socklen_t sl = sizeof soerr;
	if (rc == 0) {
		*err_no = ETIMEDOUT;
		close(fd);
		return -1;
	}
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
	if (rc < 0 || soerr) {
		*err_no = rc < 0 ? errno : soerr;
		close(fd);
		return -1;
	}
	return fd;
}

int
http_tcp_dial(const char *host, const char *port, int timeout_ms, struct http_transport *t,
              enum http_errkind *kind, char *err)
{
	struct addrinfo hints = {0}, *res, *ai;
	int fd = -1, err_no = 0, rc;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		*kind = HTTP_E_CONNECT;
		snprintf(err, HTTP_ERRLEN, "cannot resolve %s: %s", host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai && fd < 0; ai = ai->ai_next)
		fd = connect_one(ai, timeout_ms, &err_no);
	freeaddrinfo(res);
	if (fd < 0) {
		*kind = err_no == ETIMEDOUT ? HTTP_E_TIMEOUT : HTTP_E_CONNECT;
		snprintf(err, HTTP_ERRLEN, "cannot connect to %s:%s: %s", host, port,
		         err_no == ETIMEDOUT ? "timed out" : strerror(err_no));
		return -1;
	}
	struct tcp *ctx = malloc(sizeof *ctx);
	if (!ctx) {
		close(fd);
		*kind = HTTP_E_NOMEM;
		snprintf(err, HTTP_ERRLEN, "out of memory");
		return -1;
	}
	ctx->fd = fd;
	t->ctx = ctx;
	t->read = tcp_read;
	t->write = tcp_write;
	t->close = tcp_close;
	return 0;
}
