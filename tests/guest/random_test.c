// tests/guest/random_test.c: getrandom(2) and arc4random_buf: bytes differ
// across calls and look uniform, bad buffers and flags are refused with an
// error string, large requests are cut at GETRANDOM_MAX and can be looped.
#include <sys/mman.h>
#include <sys/random.h>

#include "guest.h"

static char why[ERRMAX];

int
main(void)
{
	uint8_t a[64], b[64], c[64];
	size_t big = 1u << 20, have = 0, ones = 0;
	uint8_t *m;
	ssize_t r;

	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	tap_ok(getrandom(a, sizeof a, 0) == 64 && getrandom(b, sizeof b, 0) == 64,
	       "two 64-byte requests are filled");
	tap_ok(memcmp(a, b, sizeof a) != 0, "the two results differ");
	tap_ok(getrandom(c, sizeof c, GRND_NONBLOCK | GRND_RANDOM) == 64 && memcmp(c, a, 64) != 0 &&
	               memcmp(c, b, 64) != 0,
	       "GRND_NONBLOCK|GRND_RANDOM are accepted and give fresh bytes");
	tap_ok(getrandom(a, 0, 0) == 0, "a zero-byte request returns 0");

	r = getrandom((void *)0x10, 16, 0);
	tap_ok(r == -1 && errno == EFAULT &&
	               strstr(errstr(why, sizeof why), "getrandom: bad address"),
	       "unmapped buffer: EFAULT ('%s')", why);
	r = getrandom((void *)0xffff800000000000ULL, 16, 0);
	tap_ok(r == -1 && errno == EFAULT, "kernel address: EFAULT");
	r = getrandom((void *)main, 16, 0);
	tap_ok(r == -1 && errno == EFAULT, "read-only text: EFAULT");
	r = getrandom(a, 16, 0x100);
	tap_ok(r == -1 && errno == EINVAL && strstr(errstr(why, sizeof why), "unknown flags"),
	       "unknown flags: EINVAL ('%s')", why);

	m = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		tap_ok(0, "mmap of 1 MiB: %s", strerror(errno));
		guest_done();
	}
	r = getrandom(m, big, 0);
	tap_ok(r == (ssize_t)GETRANDOM_MAX, "a 1 MiB request returns GETRANDOM_MAX (%zd)", r);
	have = r > 0 ? (size_t)r : 0;
	while (have < big && (r = getrandom(m + have, big - have, 0)) > 0)
		have += (size_t)r;
	tap_ok(have == big, "looping fills 1 MiB (%zu)", have);
	for (size_t i = 0; i < big; i++)
		ones += (size_t)__builtin_popcount(m[i]);
	// 8 Mi bits: the count of ones has a standard deviation of about 1448;
	// 20000 is almost 14 of them.
	tap_ok(ones > 4 * big - 20000 && ones < 4 * big + 20000,
	       "1 MiB has about half its bits set (%zu of %zu)", ones, 8 * big);
	memset(m, 0, 4096);
	arc4random_buf(m, 4096);
	ones = 0;
	for (size_t i = 0; i < 4096; i++)
		ones += m[i] == 0;
	tap_ok(ones < 64, "arc4random_buf fills 4096 bytes (%zu zero bytes)", ones);
	guest_done();
}
