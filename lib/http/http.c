// lib/http/http.c: HTTP/1.1 requests and response parsing (status line, headers,
// Content-Length, chunked and close-delimited bodies), with keep-alive reuse.
#include "http/http.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

__attribute__((format(printf, 4, 5))) static int
fail(struct http_client *c, enum http_errkind k, char *err, const char *fmt, ...)
{
	va_list ap;
	c->kind = k;
	if (err) {
		va_start(ap, fmt);
		vsnprintf(err, HTTP_ERRLEN, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int
http_client_init(struct http_client *c, const char *url, http_dial_fn dial, char *err)
{
	const char *p, *host, *end;
	size_t hl;

	memset(c, 0, sizeof *c);
	c->dial = dial ? dial : http_tcp_dial;
	c->timeout_ms = HTTP_DEFAULT_TIMEOUT;
	if (strncmp(url, "https://", 8) == 0)
		return fail(c, HTTP_E_USAGE, err, "%s: https is not supported (no TLS yet)", url);
	if (strncmp(url, "http://", 7) != 0)
		return fail(c, HTTP_E_USAGE, err, "%s: URL must start with http://", url);
	host = url + 7;
	end = host + strcspn(host, "/?#");
	p = host;
	if (*p == '[') { // an IPv6 literal
		const char *rb = memchr(p, ']', (size_t)(end - p));
		if (!rb)
			return fail(c, HTTP_E_USAGE, err, "%s: unterminated [IPv6] host", url);
		hl = (size_t)(rb - p - 1);
		host = p + 1;
		p = rb + 1;
	} else {
		p = memchr(host, ':', (size_t)(end - host));
		if (!p)
			p = end;
		hl = (size_t)(p - host);
	}
	if (hl == 0 || hl >= sizeof c->host)
		return fail(c, HTTP_E_USAGE, err, "%s: missing or too long host", url);
	memcpy(c->host, host, hl);
	for (size_t i = 0; i < hl; i++)
		if ((unsigned char)c->host[i] <= ' ' || c->host[i] == 127 || c->host[i] == '@')
			return fail(c, HTTP_E_USAGE, err, "%s: bad character in host", url);
	if (p < end && *p == ':') {
		size_t pl = (size_t)(end - p - 1);
		if (pl == 0 || pl > 5 || strspn(p + 1, "0123456789") < pl)
			return fail(c, HTTP_E_USAGE, err, "%s: bad port", url);
		memcpy(c->port, p + 1, pl);
		if (atoi(c->port) == 0 || atoi(c->port) > 65535)
			return fail(c, HTTP_E_USAGE, err, "%s: port out of range", url);
	} else if (p != end)
		return fail(c, HTTP_E_USAGE, err, "%s: unexpected text after the host", url);
	else
		strcpy(c->port, "80");
	if (*end == 0)
		strcpy(c->base_path, "/");
	else if (*end == '/' && strlen(end) < sizeof c->base_path)
		strcpy(c->base_path, end);
	else
		return fail(c, HTTP_E_USAGE, err, "%s: path must start with / and be short", url);
	return 0;
}

static void
disconnect(struct http_client *c)
{
	if (c->connected)
		c->t.close(c->t.ctx);
	c->connected = 0;
	c->blen = c->bpos = 0;
	c->requests_on_conn = 0;
}

void
http_client_close(struct http_client *c)
{
	disconnect(c);
}

void
http_response_free(struct http_response *r)
{
	free(r->body);
	memset(r, 0, sizeof *r);
}

static int
io_fail(struct http_client *c, long rc, char *err, const char *what)
{
	if (rc == -2)
		return fail(c, HTTP_E_TIMEOUT, err, "%s:%s: timed out %s", c->host, c->port, what);
	if (rc == 0)
		return fail(c, HTTP_E_IO, err, "%s:%s: connection closed %s", c->host, c->port,
		            what);
	return fail(c, HTTP_E_IO, err, "%s:%s: connection failed %s", c->host, c->port, what);
}

static int
write_all(struct http_client *c, const void *p, size_t n, char *err)
{
	const char *s = p;
	while (n > 0) {
		long k = c->t.write(c->t.ctx, s, n, c->timeout_ms);
		if (k <= 0)
			return io_fail(c, k, err, "while sending the request");
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

// Read more bytes into the buffer. Returns the transport's result.
static long
fill(struct http_client *c)
{
	if (c->bpos > 0) {
		memmove(c->buf, c->buf + c->bpos, c->blen - c->bpos);
		c->blen -= c->bpos;
		c->bpos = 0;
	}
	if (c->blen == sizeof c->buf)
		return -1;
	long k = c->t.read(c->t.ctx, c->buf + c->blen, sizeof c->buf - c->blen, c->timeout_ms);
	if (k > 0)
		c->blen += (size_t)k;
	return k;
}

// One CRLF-terminated line (CRLF removed, NUL-terminated) into line. *budget
// limits the bytes of the whole header block.
static int
read_line(struct http_client *c, char *line, size_t max, size_t *budget, char *err,
          const char *what)
{
	for (;;) {
		uint8_t *s = c->buf + c->bpos, *nl = memchr(s, '\n', c->blen - c->bpos);
		if (nl) {
			size_t n = (size_t)(nl - s) + 1;
			if (n > *budget || n - 1 >= max)
				return fail(c, HTTP_E_MALFORMED, err,
				            "malformed response: %s line too long", what);
			*budget -= n;
			if (n < 2 || s[n - 2] != '\r')
				return fail(c, HTTP_E_MALFORMED, err,
				            "malformed response: %s line not ended by CRLF", what);
			memcpy(line, s, n - 2);
			line[n - 2] = 0;
			c->bpos += n;
			return 0;
		}
		if (c->blen - c->bpos > *budget || c->blen - c->bpos >= max)
			return fail(c, HTTP_E_MALFORMED, err,
			            "malformed response: %s line too long", what);
		long k = fill(c);
		if (k <= 0)
			return io_fail(c, k, err, "in the response");
	}
}

static int
read_exact(struct http_client *c, uint8_t *dst, size_t n, char *err)
{
	while (n > 0) {
		size_t have = c->blen - c->bpos;
		if (have == 0) {
			long k = fill(c);
			if (k <= 0)
				return io_fail(c, k, err, "in the response body");
			continue;
		}
		size_t m = have < n ? have : n;
		memcpy(dst, c->buf + c->bpos, m);
		c->bpos += m;
		dst += m;
		n -= m;
	}
	return 0;
}

struct body {
	uint8_t *p;
	size_t len, cap;
};

static int
body_grow(struct http_client *c, struct body *b, size_t more, char *err)
{
	if (more > HTTP_MAX_BODY || b->len + more > HTTP_MAX_BODY)
		return fail(c, HTTP_E_MALFORMED, err, "response body larger than %d bytes",
		            HTTP_MAX_BODY);
	if (b->len + more + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 1024;
	while (cap < b->len + more + 1)
		cap *= 2;
	uint8_t *q = realloc(b->p, cap);
	if (!q)
		return fail(c, HTTP_E_NOMEM, err, "out of memory for the response body");
	b->p = q;
	b->cap = cap;
	return 0;
}

static int
read_chunked(struct http_client *c, struct body *b, char *err)
{
	char line[256];
	size_t budget;

	for (;;) {
		budget = sizeof line;
		if (read_line(c, line, sizeof line, &budget, err, "chunk size") < 0)
			return -1;
		char *e;
		size_t hexlen = strspn(line, "0123456789abcdefABCDEF");
		if (hexlen == 0 || hexlen > 8 ||
		    (line[hexlen] && line[hexlen] != ';' && line[hexlen] != ' ' &&
		     line[hexlen] != '\t'))
			return fail(c, HTTP_E_MALFORMED, err,
			            "malformed response: bad chunk size \"%.40s\"", line);
		unsigned long n = strtoul(line, &e, 16);
		if (n == 0)
			break;
		if (body_grow(c, b, n, err) < 0 || read_exact(c, b->p + b->len, n, err) < 0)
			return -1;
		b->len += n;
		budget = 3;
		if (read_line(c, line, sizeof line, &budget, err, "chunk end") < 0)
			return -1;
		if (line[0])
			return fail(c, HTTP_E_MALFORMED, err,
			            "malformed response: chunk longer than its size");
	}
	// Trailer fields, ignored, up to the empty line.
	budget = HTTP_MAX_HEADER;
	do {
		if (read_line(c, line, sizeof line, &budget, err, "trailer") < 0)
			return -1;
	} while (line[0]);
	return 0;
}

static int
read_to_eof(struct http_client *c, struct body *b, char *err)
{
	for (;;) {
		size_t have = c->blen - c->bpos;
		if (have) {
			if (body_grow(c, b, have, err) < 0)
				return -1;
			memcpy(b->p + b->len, c->buf + c->bpos, have);
			b->len += have;
			c->bpos = c->blen;
		}
		long k = fill(c);
		if (k == 0)
			return 0;
		if (k < 0)
			return io_fail(c, k, err, "in the response body");
	}
}

struct head {
	int status;
	int v11; // HTTP/1.1 (keep-alive by default)
	int chunked;
	int close;
	int keep_alive;
	long long length; // -1 when absent
};

static int
parse_status(struct http_client *c, const char *line, struct http_response *r, struct head *h,
             char *err)
{
	if (strncmp(line, "HTTP/1.", 7) != 0 || (line[7] != '0' && line[7] != '1') ||
	    line[8] != ' ' || !isdigit((unsigned char)line[9]) ||
	    !isdigit((unsigned char)line[10]) || !isdigit((unsigned char)line[11]) ||
	    (line[12] != ' ' && line[12] != 0))
		return fail(c, HTTP_E_MALFORMED, err,
		            "malformed response: bad status line \"%.60s\"", line);
	h->v11 = line[7] == '1';
	h->status = atoi(line + 9);
	if (h->status < 100)
		return fail(c, HTTP_E_MALFORMED, err, "malformed response: status %d", h->status);
	r->status = h->status;
	snprintf(r->reason, sizeof r->reason, "%.63s", line[12] ? line + 13 : "");
	return 0;
}

// Whether the comma-separated list v contains word (case-insensitive).
static int
has_word(const char *v, const char *word)
{
	size_t n = strlen(word);
	while (*v) {
		v += strspn(v, " \t,");
		size_t k = strcspn(v, ",");
		size_t e = k;
		while (e && (v[e - 1] == ' ' || v[e - 1] == '\t'))
			e--;
		if (e == n && strncasecmp(v, word, n) == 0)
			return 1;
		v += k;
	}
	return 0;
}

static int
parse_header(struct http_client *c, char *line, struct http_response *r, struct head *h, char *err)
{
	char *colon = strchr(line, ':'), *v;
	if (!colon || colon == line || line[0] == ' ' || line[0] == '\t')
		return fail(c, HTTP_E_MALFORMED, err, "malformed response: bad header \"%.60s\"",
		            line);
	for (char *p = line; p < colon; p++)
		if (!isgraph((unsigned char)*p))
			return fail(c, HTTP_E_MALFORMED, err,
			            "malformed response: bad header name \"%.60s\"", line);
	*colon = 0;
	v = colon + 1;
	v += strspn(v, " \t");
	for (size_t n = strlen(v); n && (v[n - 1] == ' ' || v[n - 1] == '\t'); n--)
		v[n - 1] = 0;
	if (strcasecmp(line, "Content-Length") == 0) {
		if (!*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 15)
			return fail(c, HTTP_E_MALFORMED, err,
			            "malformed response: bad Content-Length \"%.30s\"", v);
		long long n = atoll(v);
		if (h->length >= 0 && h->length != n)
			return fail(c, HTTP_E_MALFORMED, err,
			            "malformed response: conflicting Content-Length headers");
		h->length = n;
	} else if (strcasecmp(line, "Transfer-Encoding") == 0) {
		const char *last = strrchr(v, ',');
		last = last ? last + 1 + strspn(last + 1, " ") : v;
		if (strcasecmp(last, "chunked") != 0)
			return fail(c, HTTP_E_MALFORMED, err,
			            "unsupported Transfer-Encoding \"%.30s\"", v);
		h->chunked = 1;
	} else if (strcasecmp(line, "Connection") == 0) {
		if (has_word(v, "close"))
			h->close = 1;
		if (has_word(v, "keep-alive"))
			h->keep_alive = 1;
	} else if (strcasecmp(line, "Content-Type") == 0)
		snprintf(r->content_type, sizeof r->content_type, "%.127s", v);
	return 0;
}

// Read one response. *got_any tells whether any byte arrived (for retries).
static int
read_response(struct http_client *c, const char *method, struct http_response *r, int *got_any,
              char *err)
{
	char line[4096];
	size_t budget;
	struct head h;
	struct body b = {0};

	do {
		memset(&h, 0, sizeof h);
		h.length = -1;
		budget = HTTP_MAX_HEADER;
		if (c->blen == c->bpos) {
			long k = fill(c);
			if (k <= 0)
				return io_fail(c, k, err, "before the response");
		}
		*got_any = 1;
		if (read_line(c, line, sizeof line, &budget, err, "status") < 0 ||
		    parse_status(c, line, r, &h, err) < 0)
			return -1;
		for (;;) {
			if (read_line(c, line, sizeof line, &budget, err, "header") < 0)
				return -1;
			if (!line[0])
				break;
			if (parse_header(c, line, r, &h, err) < 0)
				return -1;
		}
	} while (h.status >= 100 && h.status < 200); // interim responses
	int nobody = strcmp(method, "HEAD") == 0 || h.status == 204 || h.status == 304;
	int rc = 0;
	if (nobody)
		rc = 0;
	else if (h.chunked)
		rc = read_chunked(c, &b, err);
	else if (h.length >= 0) {
		rc = body_grow(c, &b, (size_t)h.length, err);
		if (rc == 0)
			rc = read_exact(c, b.p, (size_t)h.length, err);
		if (rc == 0)
			b.len = (size_t)h.length;
	} else {
		rc = read_to_eof(c, &b, err);
		h.close = 1;
	}
	if (rc < 0) {
		free(b.p);
		return -1;
	}
	if (body_grow(c, &b, 0, err) < 0) {
		free(b.p);
		return -1;
	}
	b.p[b.len] = 0;
	r->body = b.p;
	r->len = b.len;
	if (h.close || (!h.v11 && !h.keep_alive))
		disconnect(c);
	return 0;
}

static int
send_request(struct http_client *c, const char *method, const char *path, const char *ctype,
             const void *body, size_t len, char *err)
{
	char head[1024];
	// An IPv6 literal is written in brackets in the Host header.
	int v6 = strchr(c->host, ':') != NULL;
	int n = snprintf(head, sizeof head,
	                 "%s %s HTTP/1.1\r\nHost: %s%s%s%s%s\r\nUser-Agent: gremlin-http/1\r\n"
	                 "Accept: */*\r\nConnection: keep-alive\r\n",
	                 method, path, v6 ? "[" : "", c->host, v6 ? "]" : "",
	                 strcmp(c->port, "80") ? ":" : "", strcmp(c->port, "80") ? c->port : "");
	if (n < 0 || (size_t)n >= sizeof head - 128)
		return fail(c, HTTP_E_USAGE, err, "request line too long");
	if (ctype)
		n += snprintf(head + n, sizeof head - (size_t)n, "Content-Type: %.60s\r\n", ctype);
	if (body || strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0)
		n += snprintf(head + n, sizeof head - (size_t)n, "Content-Length: %zu\r\n", len);
	n += snprintf(head + n, sizeof head - (size_t)n, "\r\n");
	if (write_all(c, head, (size_t)n, err) < 0)
		return -1;
	if (len && write_all(c, body, len, err) < 0)
		return -1;
	return 0;
}

int
http_request(struct http_client *c, const char *method, const char *path, const char *content_type,
             const void *body, size_t len, struct http_response *r, char *err)
{
	memset(r, 0, sizeof *r);
	if (!path)
		path = c->base_path;
	if (strpbrk(path, " \r\n") || strpbrk(method, " \r\n") ||
	    (content_type && strpbrk(content_type, "\r\n")))
		return fail(c, HTTP_E_USAGE, err,
		            "method, path or content type contains a space "
		            "or line break");
	for (int attempt = 0; attempt < 2; attempt++) {
		int reused = c->connected && c->requests_on_conn > 0, got_any = 0;
		if (!c->connected) {
			if (c->dial(c->host, c->port, c->timeout_ms, &c->t, &c->kind, err) < 0)
				return -1;
			c->connected = 1;
			c->connects++;
			c->blen = c->bpos = 0;
			c->requests_on_conn = 0;
		}
		if (send_request(c, method, path, content_type, body, len, err) == 0 &&
		    read_response(c, method, r, &got_any, err) == 0) {
			if (c->connected)
				c->requests_on_conn++;
			if (err)
				err[0] = 0;
			return 0;
		}
		int timeout = c->kind == HTTP_E_TIMEOUT;
		disconnect(c);
		// A kept-alive connection the server had already closed: try once more.
		if (!reused || got_any || timeout)
			return -1;
	}
	return -1;
}
