// lib/fhe/arith.c: number theory on 64-bit moduli: Barrett constants, modular
// powers and inverses, deterministic Miller-Rabin, NTT-friendly prime
// generation (q = 1 mod 2N, as SEAL chooses them) and primitive 2N-th roots.
#include <string.h>

#include "fhe/fhe_impl.h"

void
mod_init(Mod *m, uint64_t q)
{
	u128 r = (~(u128)0) / q;

	m->q = q;
	m->r0 = (uint64_t)r;
	m->r1 = (uint64_t)(r >> 64);
}

uint64_t
mod_pow(uint64_t a, uint64_t e, const Mod *m)
{
	uint64_t r = 1 % m->q;

	a = mod_red64(a, m);
	while (e) {
		if (e & 1)
			r = mod_mul(r, a, m);
		a = mod_mul(a, a, m);
		e >>= 1;
	}
	return r;
}

// The inverse of a modulo the prime m->q (Fermat).
uint64_t
mod_inv(uint64_t a, const Mod *m)
{
	return mod_pow(a, m->q - 2, m);
}

unsigned
bitlen64(uint64_t x)
{
	unsigned n = 0;

	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

size_t
bitrev(size_t x, unsigned bits)
{
	size_t r = 0;

	for (unsigned i = 0; i < bits; i++) {
		r = (r << 1) | (x & 1);
		x >>= 1;
	}
	return r;
}

static uint64_t
powmod_slow(uint64_t a, uint64_t e, uint64_t n)
{
	u128 r = 1, b = a % n;

	while (e) {
		if (e & 1)
			r = r * b % n;
		b = b * b % n;
		e >>= 1;
	}
	return (uint64_t)r;
}

// Deterministic Miller-Rabin for every 64-bit n (the seven bases of Jim
// Sinclair cover all n < 2^64).
int
is_prime64(uint64_t n)
{
	static const uint64_t bases[] = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};
	uint64_t d;
	unsigned s = 0;

	if (n < 2)
		return 0;
	for (uint64_t p = 2; p < 64; p++) {
		if (n % p == 0)
			return n == p;
	}
	d = n - 1;
	while ((d & 1) == 0) {
		d >>= 1;
		s++;
	}
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		uint64_t a = bases[i] % n, x;
		unsigned j;

		if (a == 0)
			continue;
		x = powmod_slow(a, d, n);
		if (x == 1 || x == n - 1)
			continue;
		for (j = 1; j < s; j++) {
			x = (uint64_t)((u128)x * x % n);
			if (x == n - 1)
				break;
		}
		if (j == s)
			return 0;
	}
	return 1;
}

// The smallest primitive n2-th root of unity modulo the prime m->q (n2 a
// power of two dividing q-1), as SEAL chooses it. Returns 0 if none.
int
find_psi(const Mod *m, size_t n2, uint64_t *psi)
{
	uint64_t q = m->q, e, g = 0, best, gen2;

	if ((q - 1) % n2 != 0)
		return 0;
	e = (q - 1) / n2;
	for (uint64_t x = 2; x < q && x < 1000000; x++) {
		uint64_t c = mod_pow(x, e, m);

		if (mod_pow(c, n2 / 2, m) == q - 1) {
			g = c;
			break;
		}
	}
	if (g == 0)
		return 0;
	// Every primitive root is g^k for odd k; take the smallest.
	best = g;
	gen2 = mod_mul(g, g, m);
	uint64_t cur = g;
	for (size_t k = 1; k < n2; k += 2) {
		if (cur < best)
			best = cur;
		cur = mod_mul(cur, gen2, m);
	}
	*psi = best;
	return 1;
}

static int
contains(const uint64_t *v, size_t n, uint64_t x)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i] == x)
			return 1;
	}
	return 0;
}

// The count largest primes of exactly `bits` bits that are 1 mod n2 and not
// in avoid, in decreasing order. Returns 0 if there are not enough.
int
gen_primes(unsigned bits, size_t n2, size_t count, const uint64_t *avoid, size_t navoid,
           uint64_t *out)
{
	uint64_t v, lo;
	size_t got = 0;

	if (bits < 2 || bits > 62 || ((uint64_t)1 << (bits - 1)) <= n2)
		return 0;
	v = ((uint64_t)1 << bits) - n2 + 1;
	lo = (uint64_t)1 << (bits - 1);
	while (got < count && v > lo) {
		if (is_prime64(v) && !contains(avoid, navoid, v) && !contains(out, got, v))
			out[got++] = v;
		v -= n2;
	}
	return got == count;
}

// Overwrite a secret so that the compiler cannot drop the stores: memset is
// called through a volatile pointer, which the compiler must assume changes.
static void *(*const volatile wipe_memset)(void *, int, size_t) = memset;

void
fhe_wipe(void *p, size_t n)
{
	wipe_memset(p, 0, n);
}
