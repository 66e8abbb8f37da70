// lib/fhe/ntt_avx512.c: the layers of the negacyclic NTT with a butterfly
// distance of 8 or more, eight butterflies at a time with AVX-512 (F + DQ),
// for x86-64 processors that have it; ntt.c runs the remaining layers and
// everything on other machines. Same algorithm and value ranges as ntt.c:
// Harvey's lazy butterflies with Shoup multiplication, where the 64x64-bit
// high product is assembled from four 32x32-bit products.
//
// The functions are compiled for AVX-512 through target attributes only, so
// the rest of the library stays plain x86-64; fhe_avx512_usable() checks
// the processor (CPUID) and that the operating system saves the AVX-512
// state (XGETBV) before ntt.c uses them.
#include "fhe/fhe_impl.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx512dq")))

int
fhe_avx512_usable(void)
{
	unsigned a, b, c, d;
	uint32_t lo, hi;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) // OSXSAVE
		return 0;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	(void)hi;
	// XMM, YMM, opmask, ZMM_Hi256 and Hi16_ZMM state enabled by the OS.
	if ((lo & 0xe6) != 0xe6)
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & (1u << 16)) && (b & (1u << 17)); // AVX512F, AVX512DQ
}

// The high 64 bits of the lane-wise 64x64-bit product a*b, given bh = b>>32.
AVX512 static inline __m512i
mulhi64(__m512i a, __m512i b, __m512i bh)
{
	const __m512i lo32 = _mm512_set1_epi64(0xffffffff);
	__m512i ah = _mm512_srli_epi64(a, 32);
	__m512i ll = _mm512_mul_epu32(a, b);
	__m512i lh = _mm512_mul_epu32(a, bh);
	__m512i hl = _mm512_mul_epu32(ah, b);
	__m512i hh = _mm512_mul_epu32(ah, bh);
	__m512i mid = _mm512_add_epi64(_mm512_srli_epi64(ll, 32), _mm512_and_si512(lh, lo32));

	mid = _mm512_add_epi64(mid, _mm512_and_si512(hl, lo32));
	hh = _mm512_add_epi64(hh, _mm512_srli_epi64(lh, 32));
	hh = _mm512_add_epi64(hh, _mm512_srli_epi64(hl, 32));
	return _mm512_add_epi64(hh, _mm512_srli_epi64(mid, 32));
}

// y * w mod q in [0, 2q), Shoup (ws = floor(w 2^64 / q), wsh = ws >> 32).
AVX512 static inline __m512i
mulshoup(__m512i y, __m512i w, __m512i ws, __m512i wsh, __m512i q)
{
	__m512i h = mulhi64(y, ws, wsh);

	return _mm512_sub_epi64(_mm512_mullo_epi64(y, w), _mm512_mullo_epi64(h, q));
}

// x - m if x >= m, else x (unsigned): the wrapped difference is larger.
AVX512 static inline __m512i
csub(__m512i x, __m512i m)
{
	return _mm512_min_epu64(x, _mm512_sub_epi64(x, m));
}

// The layers with a butterfly distance g of 4, 2 or 1 work on chunks of 16
// values: the x halves of the chunk's blocks are gathered into one vector,
// the y halves into another, and scattered back afterwards.
typedef struct Small {
	__m512i ix, iy;   // chunk element of x lane k, of y lane k
	__m512i ilo, ihi; // for chunk element e: k (from x) or 8 + k (from y)
	__m512i iw;       // block of lane k within the chunk
} Small;

AVX512 static void
small_init(Small *sm, size_t g)
{
	long long ix[8], iy[8], iw[8], out[16];

	for (size_t k = 0; k < 8; k++) {
		size_t e = (k / g) * 2 * g + k % g;

		ix[k] = (long long)e;
		iy[k] = (long long)(e + g);
		iw[k] = (long long)(k / g);
		out[e] = (long long)k;
		out[e + g] = (long long)(8 + k);
	}
	sm->ix = _mm512_loadu_si512(ix);
	sm->iy = _mm512_loadu_si512(iy);
	sm->iw = _mm512_loadu_si512(iw);
	sm->ilo = _mm512_loadu_si512(out);
	sm->ihi = _mm512_loadu_si512(out + 8);
}

// One forward layer with distance g < 8 (m = n / (2g) blocks).
AVX512 static void
fwd_small(const Ntt *t, uint64_t *a, size_t g)
{
	const __m512i q = _mm512_set1_epi64((long long)t->m.q);
	const __m512i q2 = _mm512_set1_epi64((long long)(2 * t->m.q));
	const size_t m = t->n / (2 * g), per = 8 / g;
	Small sm;

	small_init(&sm, g);
	for (size_t c = 0; c < t->n / 16; c++) {
		uint64_t *p = a + 16 * c;
		const size_t wi = m + c * per;
		__m512i lo = _mm512_loadu_si512(p), hi = _mm512_loadu_si512(p + 8);
		__m512i w = _mm512_permutexvar_epi64(sm.iw, _mm512_loadu_si512(t->w + wi));
		__m512i ws = _mm512_permutexvar_epi64(sm.iw, _mm512_loadu_si512(t->wsh + wi));
		__m512i u = csub(_mm512_permutex2var_epi64(lo, sm.ix, hi), q2);
		__m512i v = mulshoup(_mm512_permutex2var_epi64(lo, sm.iy, hi), w, ws,
		                     _mm512_srli_epi64(ws, 32), q);
		__m512i x = _mm512_add_epi64(u, v);
		__m512i y = _mm512_add_epi64(_mm512_sub_epi64(u, v), q2);

		_mm512_storeu_si512(p, _mm512_permutex2var_epi64(x, sm.ilo, y));
		_mm512_storeu_si512(p + 8, _mm512_permutex2var_epi64(x, sm.ihi, y));
	}
}

// One inverse layer with distance g < 8.
AVX512 static void
inv_small(const Ntt *t, uint64_t *a, size_t g)
{
	const __m512i q = _mm512_set1_epi64((long long)t->m.q);
	const __m512i q2 = _mm512_set1_epi64((long long)(2 * t->m.q));
	const size_t m = t->n / (2 * g), per = 8 / g;
	Small sm;

	small_init(&sm, g);
	for (size_t c = 0; c < t->n / 16; c++) {
		uint64_t *p = a + 16 * c;
		const size_t wi = m + c * per;
		__m512i lo = _mm512_loadu_si512(p), hi = _mm512_loadu_si512(p + 8);
		__m512i w = _mm512_permutexvar_epi64(sm.iw, _mm512_loadu_si512(t->wi + wi));
		__m512i ws = _mm512_permutexvar_epi64(sm.iw, _mm512_loadu_si512(t->wish + wi));
		__m512i u = _mm512_permutex2var_epi64(lo, sm.ix, hi);
		__m512i v = _mm512_permutex2var_epi64(lo, sm.iy, hi);
		__m512i d = _mm512_add_epi64(_mm512_sub_epi64(u, v), q2);
		__m512i x = csub(_mm512_add_epi64(u, v), q2);
		__m512i y = mulshoup(d, w, ws, _mm512_srli_epi64(ws, 32), q);

		_mm512_storeu_si512(p, _mm512_permutex2var_epi64(x, sm.ilo, y));
		_mm512_storeu_si512(p + 8, _mm512_permutex2var_epi64(x, sm.ihi, y));
	}
}

// The whole forward transform but the final reduction, for n >= 16;
// returns n (no layer left to ntt.c).
AVX512 size_t
ntt_fwd_avx512(const Ntt *t, uint64_t *a)
{
	const __m512i q = _mm512_set1_epi64((long long)t->m.q);
	const __m512i q2 = _mm512_set1_epi64((long long)(2 * t->m.q));
	size_t gap = t->n, m;

	for (m = 1; m < t->n && (gap >> 1) >= 8; m <<= 1) {
		gap >>= 1;
		for (size_t i = 0; i < m; i++) {
			const __m512i w = _mm512_set1_epi64((long long)t->w[m + i]);
			const __m512i ws = _mm512_set1_epi64((long long)t->wsh[m + i]);
			const __m512i wsh = _mm512_srli_epi64(ws, 32);
			uint64_t *x = a + 2 * i * gap, *y = x + gap;

			for (size_t j = 0; j < gap; j += 8) {
				__m512i u = csub(_mm512_loadu_si512(x + j), q2);
				__m512i v = mulshoup(_mm512_loadu_si512(y + j), w, ws, wsh, q);

				_mm512_storeu_si512(x + j, _mm512_add_epi64(u, v));
				_mm512_storeu_si512(y + j,
				                    _mm512_add_epi64(_mm512_sub_epi64(u, v), q2));
			}
		}
	}
	for (size_t g = 4; g >= 1; g >>= 1)
		fwd_small(t, a, g);
	return t->n;
}

// Values in [0, 4q) to [0, q).
AVX512 void
ntt_reduce4_avx512(uint64_t *a, size_t n, uint64_t qv)
{
	const __m512i q = _mm512_set1_epi64((long long)qv);
	const __m512i q2 = _mm512_set1_epi64((long long)(2 * qv));

	for (size_t i = 0; i < n; i += 8) {
		__m512i u = _mm512_loadu_si512(a + i);

		_mm512_storeu_si512(a + i, csub(csub(u, q2), q));
	}
}

// The whole inverse transform for n >= 16 (input in [0, q)), including the
// scaling by 1/N into [0, q). ntt.c passes m_start = n/16, gap_start = 8.
AVX512 void
ntt_inv_avx512(const Ntt *t, uint64_t *a, size_t m_start, size_t gap_start)
{
	const __m512i q = _mm512_set1_epi64((long long)t->m.q);
	const __m512i q2 = _mm512_set1_epi64((long long)(2 * t->m.q));
	size_t gap = gap_start;

	for (size_t g = 1; g < 8; g <<= 1)
		inv_small(t, a, g);
	for (size_t m = m_start; m >= 1; m >>= 1) {
		for (size_t i = 0; i < m; i++) {
			const __m512i w = _mm512_set1_epi64((long long)t->wi[m + i]);
			const __m512i ws = _mm512_set1_epi64((long long)t->wish[m + i]);
			const __m512i wsh = _mm512_srli_epi64(ws, 32);
			uint64_t *x = a + 2 * i * gap, *y = x + gap;

			for (size_t j = 0; j < gap; j += 8) {
				__m512i u = _mm512_loadu_si512(x + j);
				__m512i v = _mm512_loadu_si512(y + j);
				__m512i d = _mm512_add_epi64(_mm512_sub_epi64(u, v), q2);

				_mm512_storeu_si512(x + j, csub(_mm512_add_epi64(u, v), q2));
				_mm512_storeu_si512(y + j, mulshoup(d, w, ws, wsh, q));
			}
		}
		gap <<= 1;
	}
	{
		const __m512i w = _mm512_set1_epi64((long long)t->ninv);
		const __m512i ws = _mm512_set1_epi64((long long)t->ninvsh);
		const __m512i wsh = _mm512_srli_epi64(ws, 32);

		for (size_t i = 0; i < t->n; i += 8) {
			__m512i u = mulshoup(_mm512_loadu_si512(a + i), w, ws, wsh, q);

			_mm512_storeu_si512(a + i, csub(u, q));
		}
	}
}

#else

int
fhe_avx512_usable(void)
{
	return 0;
}

size_t
ntt_fwd_avx512(const Ntt *t, uint64_t *a)
{
	(void)a;
	return 1 + 0 * t->n;
}

void
ntt_reduce4_avx512(uint64_t *a, size_t n, uint64_t q)
{
	(void)a;
	(void)n;
	(void)q;
}

void
ntt_inv_avx512(const Ntt *t, uint64_t *a, size_t m_start, size_t gap_start)
{
	(void)t;
	(void)a;
	(void)m_start;
	(void)gap_start;
}

#endif
