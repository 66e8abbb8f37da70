// lib/http/http_test.c: lib/http against a scripted HTTP server forked on 127.0.0.1 (an
// ephemeral port): Content-Length, chunked, close-delimited, keep-alive reuse and retry,
// timeouts, connection refused, malformed responses.
#include "http/http.h"
#include "tap/tap.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void
send_str(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t k = write(fd, s, n);
		if (k <= 0)
			return;
		s += k;
		n -= (size_t)k;
	}
}

// Read one request; returns its path (static buffer) or NULL at EOF. The
// body (if any) goes to body.
static char *
read_request(int fd, char *body, size_t max)
{
	static char req[8192], path[256];
	size_t n = 0;
	char *end;

	for (;;) {
		req[n] = 0;
		if ((end = strstr(req, "\r\n\r\n")))
			break;
		if (n == sizeof req - 1)
			return NULL;
		ssize_t k = read(fd, req + n, sizeof req - 1 - n);
		if (k <= 0)
			return NULL;
		n += (size_t)k;
	}
	if (sscanf(req, "%*s %255s", path) != 1)
		return NULL;
	size_t have = n - (size_t)(end + 4 - req), want = 0;
	char *cl = strstr(req, "Content-Length: ");
	if (cl)
		want = (size_t)atoi(cl + 16);
	if (want >= max)
		return NULL;
	memcpy(body, end + 4, have);
	while (have < want) {
		ssize_t k = read(fd, body + have, want - have);
		if (k <= 0)
			return NULL;
		have += (size_t)k;
	}
	body[want] = 0;
	return path;
}

// Serve one connection until the client closes it or a script says to close.
static void
serve(int fd)
{
	char body[4096], out[8192];
	int count = 0;
	char *path;

	while ((path = read_request(fd, body, sizeof body))) {
		count++;
		if (strcmp(path, "/cl") == 0) {
			snprintf(out, sizeof out,
			         "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
			         "Content-Length: 7\r\n\r\nhello %d",
			         count % 10);
			send_str(fd, out);
		} else if (strcmp(path, "/echo") == 0) {
			snprintf(out, sizeof out,
			         "HTTP/1.1 201 Created\r\nContent-Length: %zu\r\n\r\n%s",
			         strlen(body), body);
			send_str(fd, out);
		} else if (strcmp(path, "/chunked") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
			             "3;ext=1\r\nabc\r\n5\r\ndefgh\r\n0\r\nX-Trailer: t\r\n\r\n");
		} else if (strcmp(path, "/big") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
			memset(out, 'x', 1000);
			for (int i = 0; i < 100; i++) {
				send_str(fd, "3e8\r\n");
				out[1000] = 0;
				send_str(fd, out);
				send_str(fd, "\r\n");
			}
			send_str(fd, "0\r\n\r\n");
		} else if (strcmp(path, "/close") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbye");
			return;
		} else if (strcmp(path, "/drop") == 0) {
			// Claims keep-alive, then closes anyway.
			send_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndrop");
			return;
		} else if (strcmp(path, "/slow") == 0) {
			sleep(2);
			return;
		} else if (strcmp(path, "/short") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
			return;
		} else if (strcmp(path, "/bad-status") == 0) {
			send_str(fd, "HTP/1.1 200 OK\r\n\r\n");
			return;
		} else if (strcmp(path, "/bad-chunk") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
			return;
		} else if (strcmp(path, "/bad-cl") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n");
			return;
		} else if (strcmp(path, "/two-cl") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: "
			             "2\r\n\r\nab");
			return;
		} else if (strcmp(path, "/bare-lf") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\nContent-Length: 0\n\n");
			return;
		} else if (strcmp(path, "/fold") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\nContent-Length: "
			             "0\r\n\r\n");
			return;
		} else if (strcmp(path, "/long-header") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nX-Long: ");
			memset(out, 'a', 6000);
			out[6000] = 0;
			send_str(fd, out);
			send_str(fd, "\r\nContent-Length: 0\r\n\r\n");
			return;
		} else if (strcmp(path, "/gzip") == 0) {
			send_str(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n");
			return;
		} else {
			send_str(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
		}
	}
}

static pid_t
start_server(int *port)
{
	struct sockaddr_in a = {0};
	socklen_t al = sizeof a;
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 16) < 0)
		return -1;
	getsockname(s, (struct sockaddr *)&a, &al);
	*port = ntohs(a.sin_port);
	pid_t pid = fork();
	if (pid != 0) {
		close(s);
		return pid;
	}
	signal(SIGCHLD, SIG_IGN);
	for (;;) {
		int fd = accept(s, NULL, NULL);
		if (fd < 0)
			continue;
		if (fork() == 0) {
			close(s);
			serve(fd);
			close(fd);
			_exit(0);
		}
		close(fd);
	}
}

static struct http_client c;
static char err[HTTP_ERRLEN];

static int
get(const char *path, struct http_response *r)
{
	err[0] = 0;
	return http_request(&c, "GET", path, NULL, NULL, 0, r, err);
}

static void
test_ok_responses(void)
{
	struct http_response r;

	tap_ok(get("/cl", &r) == 0 && r.status == 200 && r.len == 7 &&
	               strcmp((char *)r.body, "hello 1") == 0 &&
	               strcmp(r.content_type, "text/plain") == 0,
	       "Content-Length body %s", err);
	http_response_free(&r);
	tap_ok(get("/cl", &r) == 0 && strcmp((char *)r.body, "hello 2") == 0 && c.connects == 1,
	       "second request reuses the connection (keep-alive)");
	http_response_free(&r);
	tap_ok(get("/chunked", &r) == 0 && r.len == 8 && memcmp(r.body, "abcdefgh", 8) == 0,
	       "chunked body with extension and trailer %s", err);
	http_response_free(&r);
	tap_ok(get("/big", &r) == 0 && r.len == 100000 && r.body[99999] == 'x',
	       "100 kB chunked body %s", err);
	http_response_free(&r);
	tap_ok(get("/cl", &r) == 0 && strcmp((char *)r.body, "hello 5") == 0 && c.connects == 1,
	       "still on the first connection after 5 requests");
	http_response_free(&r);
	err[0] = 0;
	tap_ok(http_request(&c, "POST", "/echo", "application/json", "{\"a\":1}", 7, &r, err) ==
	                       0 &&
	               r.status == 201 && strcmp((char *)r.body, "{\"a\":1}") == 0,
	       "POST body echoed %s", err);
	http_response_free(&r);
	tap_ok(get("/nothing", &r) == 0 && r.status == 404 && r.len == 0,
	       "404 is a response, not an error");
	http_response_free(&r);
	tap_ok(get("/close", &r) == 0 && strcmp((char *)r.body, "bye") == 0 && !c.connected,
	       "close-delimited body; connection closed");
	http_response_free(&r);
	tap_ok(get("/cl", &r) == 0 && strcmp((char *)r.body, "hello 1") == 0 && c.connects == 2,
	       "next request opens a new connection");
	http_response_free(&r);
	tap_ok(get("/drop", &r) == 0, "server drops a kept-alive connection");
	http_response_free(&r);
	tap_ok(get("/cl", &r) == 0 && strcmp((char *)r.body, "hello 1") == 0 && c.connects == 3,
	       "request on the dropped connection is retried on a new one %s", err);
	http_response_free(&r);
}

static void
test_errors(int port)
{
	static const struct {
		const char *path, *msg;
		enum http_errkind kind;
	} bad[] = {
	        {"/bad-status", "bad status line", HTTP_E_MALFORMED},
	        {"/bad-chunk", "bad chunk size", HTTP_E_MALFORMED},
	        {"/bad-cl", "bad Content-Length", HTTP_E_MALFORMED},
	        {"/two-cl", "conflicting Content-Length", HTTP_E_MALFORMED},
	        {"/bare-lf", "not ended by CRLF", HTTP_E_MALFORMED},
	        {"/fold", "bad header", HTTP_E_MALFORMED},
	        {"/gzip", "unsupported Transfer-Encoding", HTTP_E_MALFORMED},
	        {"/long-header", "header line too long", HTTP_E_MALFORMED},
	        {"/short", "closed in the response body", HTTP_E_IO},
	};
	struct http_response r;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int rc = get(bad[i].path, &r);
		tap_ok(rc == -1 && c.kind == bad[i].kind && strstr(err, bad[i].msg),
		       "%s rejected: %s", bad[i].path, err);
		if (rc == 0)
			http_response_free(&r);
	}
	c.timeout_ms = 300;
	int rc = get("/slow", &r);
	tap_ok(rc == -1 && c.kind == HTTP_E_TIMEOUT && strstr(err, "timed out"), "timeout: %s",
	       err);
	c.timeout_ms = HTTP_DEFAULT_TIMEOUT;
	tap_ok(get("/cl", &r) == 0, "client usable after a timeout %s", err);
	http_response_free(&r);

	// A port nobody listens on: bind one, close it, connect to it.
	struct sockaddr_in a = {0};
	socklen_t al = sizeof a;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(s, (struct sockaddr *)&a, sizeof a);
	getsockname(s, (struct sockaddr *)&a, &al);
	char url[64];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/", ntohs(a.sin_port));
	close(s);
	struct http_client d;
	http_client_init(&d, url, NULL, err);
	rc = http_request(&d, "GET", NULL, NULL, NULL, 0, &r, err);
	tap_ok(rc == -1 && d.kind == HTTP_E_CONNECT && strstr(err, "refused"),
	       "connection refused: %s", err);
	(void)port;
}

static void
test_urls(void)
{
	static const struct {
		const char *url, *host, *port, *path;
	} ok[] = {
	        {"http://127.0.0.1:8545", "127.0.0.1", "8545", "/"},
	        {"http://example.org/rpc/v1", "example.org", "80", "/rpc/v1"},
	        {"http://[::1]:80/x", "::1", "80", "/x"},
	};
	static const char *bad[] = {"https://x/",  "ftp://x/",        "http://:80/",
	                            "http://x:0/", "http://x:99999/", "http://x:8a/",
	                            "http://x?q",  "http://a b/",     "http://u@x/"};
	struct http_client d;

	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		tap_ok(http_client_init(&d, ok[i].url, NULL, err) == 0 &&
		               strcmp(d.host, ok[i].host) == 0 && strcmp(d.port, ok[i].port) == 0 &&
		               strcmp(d.base_path, ok[i].path) == 0,
		       "URL %s", ok[i].url);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		tap_ok(http_client_init(&d, bad[i], NULL, err) == -1, "URL %s rejected: %s", bad[i],
		       err);
}

int
main(void)
{
	int port;
	char url[64];
	pid_t srv = start_server(&port);

	if (!tap_ok(srv > 0, "test server on 127.0.0.1:%d", port))
		return tap_done();
	snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
	http_client_init(&c, url, NULL, err);
	test_urls();
	test_ok_responses();
	test_errors(port);
	http_client_close(&c);
	kill(srv, SIGKILL);
	waitpid(srv, NULL, 0);
	return tap_done();
}
