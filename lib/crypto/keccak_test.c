// lib/crypto/keccak_test.c: Keccak-f[1600], Keccak-256/224/384/512 and SHA3
// against the Keccak team's KATs in $VECTORS/keccak.
//
// Every byte-aligned ShortMsg and LongMsg case is checked, one TAP line each,
// both in one call and fed in uneven pieces. ExtremelyLongMsg (1 GiB) runs only
// when KECCAK_EXTREMELY_LONG=1 is set in the environment.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "tap/tap.h"

static const char *vectors;

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

// Decode hex text (stops at the first non-hex character) into a new buffer.
static uint8_t *
unhex(const char *s, size_t *n)
{
	size_t len = 0, i;
	uint8_t *b;

	while (hexval(s[len]) >= 0)
		len++;
	b = malloc(len / 2 + 1);
	if (b == NULL)
		abort();
	for (i = 0; i < len / 2; i++)
		b[i] = (uint8_t)(hexval(s[2 * i]) << 4 | hexval(s[2 * i + 1]));
	*n = len / 2;
	return b;
}

static FILE *
openvec(const char *rel)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/keccak/%s", vectors, rel);
	f = fopen(path, "r");
	if (f == NULL)
		tap_ok(0, "open %s", path);
	return f;
}

// Read a whole line of any length; returns NULL at end of file.
static char *
getline_all(FILE *f)
{
	static char *buf;
	static size_t cap;
	ssize_t n = getline(&buf, &cap, f);

	if (n < 0)
		return NULL;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = 0;
	return buf;
}

// Hash msg in one call and in pieces of 1, 2, 3, ... bytes; both must match md.
static int
check(size_t rate, uint8_t domain, const uint8_t *msg, size_t n, const uint8_t *md, size_t mdlen)
{
	uint8_t out[64];
	Keccak k;
	size_t off, step;

	keccak_init(&k, rate, domain);
	keccak_update(&k, msg, n);
	keccak_final(&k, out, mdlen);
	if (memcmp(out, md, mdlen) != 0)
		return 0;
	keccak_init(&k, rate, domain);
	for (off = 0, step = 1; off < n; off += step, step = step % 97 + 1)
		keccak_update(&k, msg + off, step < n - off ? step : n - off);
	keccak_final(&k, out, mdlen);
	return memcmp(out, md, mdlen) == 0;
}

// One KAT file: blocks of "Len = bits", "Msg = hex", "MD = hex".
static void
katfile(const char *rel, size_t rate, uint8_t domain, size_t mdlen)
{
	FILE *f = openvec(rel);
	char *line;
	long bits = -1;
	uint8_t *msg = NULL;
	size_t n = 0;

	if (f == NULL)
		return;
	while ((line = getline_all(f)) != NULL) {
		if (strncmp(line, "Len = ", 6) == 0) {
			bits = strtol(line + 6, NULL, 10);
		} else if (strncmp(line, "Msg = ", 6) == 0) {
			free(msg);
			msg = unhex(line + 6, &n);
		} else if (strncmp(line, "MD = ", 5) == 0 && msg != NULL) {
			size_t mdn;
			uint8_t *md = unhex(line + 5, &mdn);

			// Bit-level messages are outside a byte-oriented API.
			if (bits >= 0 && bits % 8 == 0) {
				tap_ok(mdn == mdlen && (size_t)bits / 8 <= n &&
				               check(rate, domain, msg, (size_t)bits / 8, md,
				                     mdlen),
				       "%s Len=%ld", rel, bits);
			}
			free(md);
		}
	}
	free(msg);
	fclose(f);
}

// Read five lines of five 64-bit lanes each.
static int
readstate(FILE *f, uint64_t s[25])
{
	int y, x;
	char *line, *p;

	for (y = 0; y < 5; y++) {
		if ((line = getline_all(f)) == NULL)
			return -1;
		p = line;
		for (x = 0; x < 5; x++)
			s[x + 5 * y] = strtoull(p, &p, 16);
	}
	return 0;
}

// The intermediate values of Keccak-f[1600]: the state after every step of
// every round, for each example in the file.
static void
intermediate(void)
{
	static const char *steps[5] = {"theta", "rho", "pi", "chi", "iota"};
	FILE *f = openvec("keccak-f1600/KeccakF-1600-IntermediateValues.txt");
	uint64_t s[25], want[25], full[25];
	char *line;
	int round = -1, example = 0, mode = 0, bad, checked = 0;

	if (f == NULL)
		return;
	while ((line = getline_all(f)) != NULL) {
		if (strncmp(line, "Input of permutation", 20) == 0) {
			mode = 1;
		} else if (strncmp(line, "State after permutation", 23) == 0) {
			mode = 2;
		} else if (strncmp(line, "Same, with lanes", 16) == 0 && mode == 1) {
			readstate(f, s);
			memcpy(full, s, sizeof s);
			keccakf1600(full);
			example++;
			mode = 0;
		} else if (strncmp(line, "Same, with lanes", 16) == 0 && mode == 2) {
			readstate(f, want);
			tap_ok(memcmp(s, want, sizeof s) == 0 && memcmp(full, want, sizeof s) == 0,
			       "keccak-f1600 example %d: state after permutation", example);
			mode = 0;
		} else if (sscanf(line, "--- Round %d", &round) == 1) {
			bad = 0;
		} else if (strncmp(line, "After ", 6) == 0) {
			int st;

			for (st = 0; st < 5; st++)
				if (strncmp(line + 6, steps[st], strlen(steps[st])) == 0 &&
				    line[6 + strlen(steps[st])] == ':')
					break;
			if (st == 5 || round < 0 || readstate(f, want) < 0)
				continue;
			keccakf1600_step(s, round, st);
			bad = memcmp(s, want, sizeof s) != 0;
			checked++;
			tap_ok(!bad, "keccak-f1600 example %d round %d after %s", example, round,
			       steps[st]);
		}
	}
	tap_ok(example == 2 && checked == 2 * 24 * 5, "keccak-f1600: %d examples, %d steps checked",
	       example, checked);
	fclose(f);
}

// 1 GiB of repeated text; minutes under the sanitizers, so opt-in.
static void
extremely_long(void)
{
	static const char *sizes[4] = {"224", "256", "384", "512"};
	int i;

	for (i = 0; i < 4; i++) {
		char rel[128], *line, text[256] = "";
		long repeat = 0, r;
		uint8_t out[64], *md = NULL;
		size_t mdn = 0, bytes = (size_t)atoi(sizes[i]) / 8;
		Keccak k;
		FILE *f;

		snprintf(rel, sizeof rel, "keccak-original-padding/ExtremelyLongMsgKAT_%s.txt",
		         sizes[i]);
		if ((f = openvec(rel)) == NULL)
			continue;
		while ((line = getline_all(f)) != NULL) {
			if (strncmp(line, "Repeat = ", 9) == 0)
				repeat = strtol(line + 9, NULL, 10);
			else if (strncmp(line, "Text = ", 7) == 0)
				snprintf(text, sizeof text, "%s", line + 7);
			else if (strncmp(line, "MD = ", 5) == 0)
				md = unhex(line + 5, &mdn);
		}
		fclose(f);
		keccak_init(&k, 200 - 2 * bytes, KECCAK_PAD);
		for (r = 0; r < repeat; r++)
			keccak_update(&k, text, strlen(text));
		keccak_final(&k, out, bytes);
		tap_ok(md != NULL && mdn == bytes && memcmp(out, md, bytes) == 0, "%s", rel);
		free(md);
	}
}

// Known one-liners, and output longer than one block (squeezing).
static void
misc(void)
{
	static const uint8_t empty_keccak[32] = {
	        0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
	        0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
	        0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70,
	};
	uint8_t out[32], a[300], b[300];
	Keccak k;
	int i;

	keccak256("", 0, out);
	tap_ok(memcmp(out, empty_keccak, 32) == 0, "keccak256(\"\")");
	sha3_256("", 0, out);
	tap_ok(out[0] == 0xa7 && out[1] == 0xff && out[31] == 0x4a, "sha3_256(\"\")");
	// A long squeeze must continue the same stream: a prefix of 300 bytes
	// equals a 32-byte output.
	keccak256_init(&k);
	keccak_update(&k, "abc", 3);
	keccak_final(&k, a, sizeof a);
	keccak256("abc", 3, out);
	tap_ok(memcmp(a, out, 32) == 0, "squeeze 300 bytes starts with the 32-byte digest");
	keccak256_init(&k);
	keccak_update(&k, "abc", 3);
	keccak_final(&k, b, 200);
	for (i = 0; i < 200 && a[i] == b[i]; i++)
		;
	tap_ok(i == 200, "squeeze 200 bytes is a prefix of squeeze 300 bytes");
}

int
main(void)
{
	static const char *sizes[4] = {"224", "256", "384", "512"};
	char rel[128];
	int i;

	vectors = getenv("VECTORS");
	if (vectors == NULL) {
		tap_ok(0, "VECTORS is not set");
		return tap_done();
	}
	misc();
	intermediate();
	for (i = 0; i < 4; i++) {
		size_t mdlen = (size_t)atoi(sizes[i]) / 8;

		snprintf(rel, sizeof rel, "keccak-original-padding/ShortMsgKAT_%s.txt", sizes[i]);
		katfile(rel, 200 - 2 * mdlen, KECCAK_PAD, mdlen);
		snprintf(rel, sizeof rel, "keccak-original-padding/LongMsgKAT_%s.txt", sizes[i]);
		katfile(rel, 200 - 2 * mdlen, KECCAK_PAD, mdlen);
	}
	katfile("sha3-fips202/ShortMsgKAT_SHA3-256.txt", 136, SHA3_PAD, 32);
	katfile("sha3-fips202/ShortMsgKAT_SHA3-512.txt", 72, SHA3_PAD, 64);
	if (getenv("KECCAK_EXTREMELY_LONG") != NULL &&
	    strcmp(getenv("KECCAK_EXTREMELY_LONG"), "1") == 0)
		extremely_long();
	else
		tap_diag("ExtremelyLongMsg KATs skipped (set KECCAK_EXTREMELY_LONG=1)");
	return tap_done();
}
