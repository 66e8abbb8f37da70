// lib/http/http.h: a small HTTP/1.1 client over a pluggable byte transport.
//
// Status: implemented and tested (http_test.c, against a test server on
// 127.0.0.1 that serves Content-Length, chunked, close-delimited, slow and
// malformed responses). No TLS: https URLs are refused with a clear error.
//
// The transport is three function pointers, so the same client runs over host
// TCP sockets (http_tcp_dial, in tcp.c) and, in Gremlin, over /net.
// Connections are kept alive and reused; a request that finds a reused
// connection closed by the server before any response byte is retried once on
// a fresh connection.
#ifndef HTTP_HTTP_H
#define HTTP_HTTP_H

#include <stddef.h>
#include <stdint.h>

enum {
	HTTP_ERRLEN = 200,
	HTTP_MAX_HEADER = 16384,      // bytes of status line plus headers
	HTTP_MAX_BODY = 64 << 20,     // bytes of a response body
	HTTP_DEFAULT_TIMEOUT = 30000, // ms, per read or write
};

// Error kinds, so callers can react without parsing text.
enum http_errkind {
	HTTP_OK = 0,
	HTTP_E_CONNECT,   // connection refused, host not found, unreachable
	HTTP_E_TIMEOUT,   // no progress within the timeout
	HTTP_E_IO,        // the connection failed or closed mid-response
	HTTP_E_MALFORMED, // the server's response breaks HTTP/1.1
	HTTP_E_USAGE,     // bad URL or arguments
	HTTP_E_NOMEM,
};

// A byte stream. read returns bytes read (> 0), 0 at end of stream, -1 on
// error, -2 on timeout; write returns bytes written, -1 or -2. timeout_ms < 0
// waits forever.
struct http_transport {
	void *ctx;
	long (*read)(void *ctx, void *buf, size_t n, int timeout_ms);
	long (*write)(void *ctx, const void *buf, size_t n, int timeout_ms);
	void (*close)(void *ctx);
};

// Opens a transport to host:port. Returns 0, or -1 with kind and err set.
typedef int (*http_dial_fn)(const char *host, const char *port, int timeout_ms,
                            struct http_transport *t, enum http_errkind *kind, char *err);

// Host TCP (getaddrinfo, non-blocking connect, poll for timeouts).
int http_tcp_dial(const char *host, const char *port, int timeout_ms, struct http_transport *t,
                  enum http_errkind *kind, char *err);

struct http_client {
	char host[256];
	char port[8];
	char base_path[512]; // the URL's path, used when a request gives none
	int timeout_ms;
	http_dial_fn dial;
	struct http_transport t;
	int connected;
	unsigned requests_on_conn; // requests served by the current connection
	unsigned connects;         // connections opened so far
	uint8_t buf[8192];         // bytes read but not yet consumed
	size_t blen, bpos;
	enum http_errkind kind; // of the last failure
};

struct http_response {
	int status;
	char reason[64];
	char content_type[128];
	uint8_t *body; // NUL-terminated (not counted in len); caller frees
	size_t len;
};

// Parse "http://host[:port][/path]" into c (not connected yet). dial may be
// NULL for http_tcp_dial. Returns 0 or -1 with err.
int http_client_init(struct http_client *c, const char *url, http_dial_fn dial, char *err);
void http_client_close(struct http_client *c);

// Send one request and read the whole response. path NULL means the URL's
// path. body may be NULL. Returns 0 (any status code), or -1 with err and
// c->kind set.
int http_request(struct http_client *c, const char *method, const char *path,
                 const char *content_type, const void *body, size_t len, struct http_response *r,
                 char *err);
void http_response_free(struct http_response *r);

#endif
