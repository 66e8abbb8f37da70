// lib/fhe/ntt.c: the negacyclic number-theoretic transform modulo one prime
// q < 2^62: forward (Cooley-Tukey) and inverse (Gentleman-Sande) with
// Harvey's lazy butterflies, values kept in [0, 4q) between layers and
// Shoup multiplication by the precomputed powers of psi. The forward
// transform takes coefficients in natural order to evaluations in
// bit-reversed order: out[j] = a(psi^(2*brev(j)+1)); the inverse undoes it.
// Both take inputs in [0, q) and return outputs in [0, q). On x86-64 with
// AVX-512 and N >= 16 the transforms run in ntt_avx512.c instead.
#include <stdlib.h>

#include "fhe/fhe_impl.h"

// -1 until checked; then whether ntt_avx512.c is used.
static int simd = -1;

// Turn the AVX-512 layers off (0) or on where the processor has them (1);
// the tests run both.
void
ntt_use_simd(int on)
{
	simd = on && fhe_avx512_usable();
}

static int
use_simd(const Ntt *t)
{
	return simd > 0 && t->n >= 16;
}

int
ntt_init(Ntt *t, uint64_t q, unsigned logn)
{
	size_t n = (size_t)1 << logn;
	uint64_t psi, psiinv, p = 1, pi = 1;

	// FHE_NO_AVX512 in the environment forces the portable code (tests).
	if (simd < 0)
		ntt_use_simd(getenv("FHE_NO_AVX512") == NULL);
	mod_init(&t->m, q);
	t->n = n;
	t->logn = logn;
	if (!find_psi(&t->m, 2 * n, &psi))
		return FHE_EPARAM;
	t->psi = psi;
	psiinv = mod_inv(psi, &t->m);
	t->w = malloc(4 * n * sizeof(uint64_t));
	if (t->w == NULL)
		return FHE_ENOMEM;
	t->wsh = t->w + n;
	t->wi = t->w + 2 * n;
	t->wish = t->w + 3 * n;
	for (size_t i = 0; i < n; i++) {
		size_t r = bitrev(i, logn);

		t->w[r] = p;
		t->wi[r] = pi;
		p = mod_mul(p, psi, &t->m);
		pi = mod_mul(pi, psiinv, &t->m);
	}
	for (size_t i = 0; i < n; i++) {
		t->wsh[i] = shoup(t->w[i], q);
		t->wish[i] = shoup(t->wi[i], q);
	}
	t->ninv = mod_inv(n % q, &t->m);
	t->ninvsh = shoup(t->ninv, q);
	return 0;
}

void
ntt_free(Ntt *t)
{
	free(t->w);
	t->w = NULL;
}

void
ntt_fwd(const Ntt *t, uint64_t *a)
{
	const uint64_t q = t->m.q, q2 = 2 * q;
	const size_t n = t->n;
	size_t m = use_simd(t) ? ntt_fwd_avx512(t, a) : 1;
	size_t gap = n / m;

	for (; m < n; m <<= 1) {
		gap >>= 1;
		for (size_t i = 0; i < m; i++) {
			const uint64_t w = t->w[m + i], ws = t->wsh[m + i];
			uint64_t *x = a + 2 * i * gap, *y = x + gap;

			for (size_t j = 0; j < gap; j++) {
				uint64_t u = x[j], v;

				u -= q2 & (0 - (uint64_t)(u >= q2));
				v = mul_shoup_lazy(y[j], w, ws, q);
				x[j] = u + v;
				y[j] = u - v + q2;
			}
		}
	}
	if (use_simd(t)) {
		ntt_reduce4_avx512(a, n, q);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t u = a[i];

		u -= q2 & (0 - (uint64_t)(u >= q2));
		u -= q & (0 - (uint64_t)(u >= q));
		a[i] = u;
	}
}

void
ntt_inv(const Ntt *t, uint64_t *a)
{
	const uint64_t q = t->m.q, q2 = 2 * q;
	const size_t n = t->n;
	size_t gap = 1, m;

	if (use_simd(t)) {
		ntt_inv_avx512(t, a, n / 16, 8);
		return;
	}
	for (m = n >> 1; m >= 1; m >>= 1) {
		for (size_t i = 0; i < m; i++) {
			const uint64_t w = t->wi[m + i], ws = t->wish[m + i];
			uint64_t *x = a + 2 * i * gap, *y = x + gap;

			for (size_t j = 0; j < gap; j++) {
				uint64_t u = x[j], v = y[j];
				uint64_t s = u + v;

				s -= q2 & (0 - (uint64_t)(s >= q2));
				x[j] = s;
				y[j] = mul_shoup_lazy(u - v + q2, w, ws, q);
			}
		}
		gap <<= 1;
	}
	for (size_t i = 0; i < n; i++)
		a[i] = mul_shoup(a[i], t->ninv, t->ninvsh, q);
}
