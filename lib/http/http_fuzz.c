// lib/http/http_fuzz.c: libFuzzer target for response parsing. The transport is the fuzz
// input itself (the first byte sets the read size, to vary how responses are split);
// every outcome must be a response or a clean error, never a crash or a leak.
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem {
	const uint8_t *p;
	size_t len, pos, step;
};

static struct mem m;

static long
mem_read(void *ctx, void *buf, size_t n, int timeout_ms)
{
	(void)ctx;
	(void)timeout_ms;
	if (m.pos == m.len)
		return 0;
	if (n > m.step)
		n = m.step;
	if (n > m.len - m.pos)
		n = m.len - m.pos;
	memcpy(buf, m.p + m.pos, n);
	m.pos += n;
	return (long)n;
}

static long
mem_write(void *ctx, const void *buf, size_t n, int timeout_ms)
{
	(void)ctx;
	(void)buf;
	(void)timeout_ms;
	return (long)n;
}

static void
mem_close(void *ctx)
{
	(void)ctx;
}

static int
mem_dial(const char *host, const char *port, int timeout_ms, struct http_transport *t,
         enum http_errkind *kind, char *err)
{
	(void)host;
	(void)port;
	(void)timeout_ms;
	(void)kind;
	(void)err;
	t->ctx = &m;
	t->read = mem_read;
	t->write = mem_write;
	t->close = mem_close;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_client c;
	struct http_response r;
	char err[HTTP_ERRLEN];

	if (size < 1)
		return 0;
	m = (struct mem){data + 1, size - 1, 0, (size_t)(data[0] % 64) + 1};
	if (http_client_init(&c, "http://fuzz/", mem_dial, err) < 0)
		abort();
	// Two requests: the second exercises keep-alive on whatever is left.
	for (int i = 0; i < 2; i++) {
		if (http_request(&c, i ? "HEAD" : "GET", NULL, NULL, NULL, 0, &r, err) == 0) {
			if (r.body[r.len] != 0)
				abort();
			http_response_free(&r);
		}
	}
	http_client_close(&c);
	return 0;
}
