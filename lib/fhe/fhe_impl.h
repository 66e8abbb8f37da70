// lib/fhe/fhe_impl.h: internals shared by the files of lib/fhe: 64-bit modular
// arithmetic (Barrett and Shoup), NTT tables, RNS base conversion tables, small
// multi-precision helpers, and the cross-file functions of the library.
// Nothing here is part of the public interface (that is fhe.h).
#ifndef FHE_FHE_IMPL_H
#define FHE_FHE_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "fhe/fhe.h"

typedef unsigned __int128 u128;

// A modulus q < 2^62 with its Barrett constant floor(2^128 / q) = (r1, r0).
typedef struct Mod {
	uint64_t q;
	uint64_t r0, r1;
} Mod;

// Tables for the negacyclic NTT modulo one prime: powers of a primitive 2N-th
// root psi (and of psi^-1) in bit-reversed order, each with its Shoup constant.
typedef struct Ntt {
	Mod m;
	size_t n;
	unsigned logn;
	uint64_t psi;
	uint64_t *w, *wsh;   // psi^brev(i)
	uint64_t *wi, *wish; // psi^-brev(i)
	uint64_t ninv, ninvsh;
} Ntt;

// Tables for converting the centred representative of x from basis A to basis
// B (HPS-style fast base conversion with a floating-point correction of the
// overflow count, which makes the conversion exact except with probability
// about 2^-45 per coefficient).
typedef struct Bconv {
	size_t na, nb;
	const Mod *a, *b;  // a[na], b[nb]
	uint64_t *ahinv;   // [(A/a_i)^-1]_{a_i}
	uint64_t *ahinvsh; // Shoup constants
	double *ainv;      // 1.0 / a_i
	uint64_t *ahb;     // [(A/a_i)]_{b_j}, na x nb, row i
	uint64_t *Ab;      // [A]_{b_j}
} Bconv;

// Scale-and-round tables: from x over Q+P (or Q only, when P is {t}) to
// round(t * x / Q) over P, as in Halevi-Polyakov-Shoup, with the fractional
// parts theta_i kept as 128-bit fixed-point numbers.
typedef struct Scaler {
	size_t nq, np;
	int p_in;                // whether the input also has the limbs modulo P
	uint64_t *xinv, *xinvsh; // [(M/q_i)^-1]_{q_i}, M = Q*P (or Q)
	uint64_t *th_hi, *th_lo; // floor(frac(t*P/q_i) * 2^128)
	uint64_t *om;            // [floor(t*P/q_i)]_{p_j}, nq x np, row i
	uint64_t *tqinv;         // [t * Q^-1]_{p_j}
} Scaler;

// A little-endian multi-precision unsigned integer of at most BIG_LIMBS words.
#define BIG_LIMBS (FHE_MAX_PRIMES + 2)
typedef struct Big {
	size_t len;
	uint64_t w[BIG_LIMBS];
} Big;

struct fhe_ctx {
	int scheme;
	int insecure;
	unsigned logn;
	size_t n;
	size_t L;      // data primes q_0..q_{L-1}; the special prime is index L
	size_t k;      // BFV auxiliary primes, indexes L+1..L+k
	Mod *m;        // all moduli
	Ntt *ntt;      // NTT tables for every modulus
	uint64_t hash; // parameter hash (serial.c)
	fhe_params prm;

	// Key switching: [P]_{q_i} and [P^-1]_{q_i}, i < L (P the special prime).
	uint64_t *p_mod, *pinv, *pinvsh;
	// CRT: products of Q_l = q_0..q_{l-1} and punctured products, l = 1..L.
	Big *Ql;           // Ql[l-1]
	Big *Qhat;         // Qhat[(l-1)*L + i] = Q_l / q_i
	uint64_t *Qhatinv; // [(Q_l/q_i)^-1]_{q_i}, same indexing
	// Rescaling: [q_{l-1}^-1]_{q_j}, indexed (l-1)*L + j.
	uint64_t *qlinv;

	// BFV.
	Mod tm;
	Ntt tntt;
	uint64_t *delta;  // [floor(Q/t)]_{q_i}
	uint64_t q_mod_t; // [Q]_t
	Bconv q2p, p2q;
	Scaler mul_sc;    // from Q+P to P
	Scaler dec_sc;    // from Q to {t}
	size_t *slot_map; // batch slot -> bit-reversed NTT index (BFV and CKKS)

	// CKKS: e^{i pi k / N} for k < 2N.
	double *cos2n, *sin2n;
};

// arith.c
void mod_init(Mod *m, uint64_t q);
uint64_t mod_pow(uint64_t a, uint64_t e, const Mod *m);
uint64_t mod_inv(uint64_t a, const Mod *m);
int is_prime64(uint64_t n);
int find_psi(const Mod *m, size_t n2, uint64_t *psi);
int gen_primes(unsigned bits, size_t n2, size_t count, const uint64_t *avoid, size_t navoid,
               uint64_t *out);
unsigned bitlen64(uint64_t x);
size_t bitrev(size_t x, unsigned bits);

// ntt.c
int ntt_init(Ntt *t, uint64_t q, unsigned logn);
void ntt_free(Ntt *t);
void ntt_fwd(const Ntt *t, uint64_t *a);
void ntt_inv(const Ntt *t, uint64_t *a);
void ntt_use_simd(int on);

// ntt_avx512.c (used by ntt.c only when fhe_avx512_usable())
int fhe_avx512_usable(void);
size_t ntt_fwd_avx512(const Ntt *t, uint64_t *a);
void ntt_reduce4_avx512(uint64_t *a, size_t n, uint64_t q);
void ntt_inv_avx512(const Ntt *t, uint64_t *a, size_t m_start, size_t gap_start);

// rns.c
int bconv_init(Bconv *c, const Mod *a, size_t na, const Mod *b, size_t nb);
void bconv_free(Bconv *c);
void bconv_apply(const Bconv *c, const uint64_t *in, uint64_t *out, size_t n);
int scaler_init(Scaler *s, const Mod *q, size_t nq, const Mod *p, size_t np, uint64_t t, int p_in);
void scaler_free(Scaler *s);
void scaler_apply(const Scaler *s, const Mod *q, const Mod *p, const uint64_t *in, uint64_t *out,
                  size_t n);
void big_set(Big *b, uint64_t v);
void big_mul_small(Big *b, uint64_t v);
void big_add(Big *a, const Big *b);
int big_cmp(const Big *a, const Big *b);
void big_sub(Big *a, const Big *b);
uint64_t big_mod_small(const Big *b, uint64_t m);
uint64_t big_div_small(Big *b, uint64_t d);
unsigned big_bits(const Big *b);
double big_to_double(const Big *b);
void crt_compose(const fhe_ctx *c, size_t l, const uint64_t *res, size_t stride, Big *out,
                 int *neg);

// rng.c
uint64_t rng_u64(fhe_rng *r);
void sample_uniform(const fhe_ctx *c, fhe_rng *r, const size_t *mods, size_t nm, uint64_t *out);
void sample_ternary(const fhe_ctx *c, fhe_rng *r, const size_t *mods, size_t nm, uint64_t *out);
void sample_error(const fhe_ctx *c, fhe_rng *r, const size_t *mods, size_t nm, uint64_t *out);

// keys.c
void galois_perm(const fhe_ctx *c, uint32_t g, size_t *perm);
int keyswitch(const fhe_ctx *c, const uint64_t *in, size_t l, const fhe_kswitch_key *k,
              uint64_t *out0, uint64_t *out1);
int galois_apply_ct(const fhe_ctx *c, fhe_ct *ct, uint32_t g, const fhe_galois_keys *gk);
const fhe_kswitch_key *galois_find(const fhe_galois_keys *gk, uint32_t g);
int rotate_steps(const fhe_ctx *c, fhe_ct *ct, int steps, const fhe_galois_keys *gk);

// eval.c
int ct_resize(const fhe_ctx *c, fhe_ct *ct, size_t size, size_t nlimb);
int encrypt_core(const fhe_ctx *c, fhe_rng *r, const fhe_pk *pk, const fhe_sk *sk, size_t l,
                 const uint64_t *msg_coeff, const uint64_t *msg_ntt, fhe_ct *ct);
int dot_secret(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct, uint64_t *out);

// bfv.c, ckks.c
int bfv_encrypt(const fhe_ctx *c, fhe_rng *r, const fhe_pk *pk, const fhe_sk *sk, const fhe_pt *pt,
                fhe_ct *ct);
int ckks_encrypt(const fhe_ctx *c, fhe_rng *r, const fhe_pk *pk, const fhe_sk *sk, const fhe_pt *pt,
                 fhe_ct *ct);
int bfv_decrypt(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct, fhe_pt *pt);
int ckks_decrypt(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct, fhe_pt *pt);
int bfv_mul(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b);
int ckks_mul(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b);
int bfv_mul_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p);
int ckks_mul_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p);
int bfv_add_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p);
int ckks_add_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p);

// Modular arithmetic on one limb.

// Reduce any 128-bit x modulo m->q (Barrett; constant time).
static inline uint64_t
mod_red128(u128 x, const Mod *m)
{
	uint64_t x0 = (uint64_t)x, x1 = (uint64_t)(x >> 64);
	u128 t = ((u128)x0 * m->r0) >> 64;
	t += (u128)x0 * m->r1;
	u128 u = (u128)x1 * m->r0 + (uint64_t)t;
	uint64_t qh = x1 * m->r1 + (uint64_t)(t >> 64) + (uint64_t)(u >> 64);
	uint64_t r = x0 - qh * m->q;
	r -= m->q & (0 - (uint64_t)(r >= m->q));
	return r;
}

// Reduce a 64-bit x: the quotient estimate from the high word of the Barrett
// constant, r1 = floor(2^64 / q), is at most one too small.
static inline uint64_t
mod_red64(uint64_t x, const Mod *m)
{
	uint64_t qh = (uint64_t)(((u128)x * m->r1) >> 64);
	uint64_t r = x - qh * m->q;

	return r - (m->q & (0 - (uint64_t)(r >= m->q)));
}

static inline uint64_t
mod_mul(uint64_t a, uint64_t b, const Mod *m)
{
	return mod_red128((u128)a * b, m);
}

static inline uint64_t
mod_add(uint64_t a, uint64_t b, uint64_t q)
{
	uint64_t s = a + b;
	return s - (q & (0 - (uint64_t)(s >= q)));
}

static inline uint64_t
mod_sub(uint64_t a, uint64_t b, uint64_t q)
{
	uint64_t d = a - b;
	return d + (q & (0 - (uint64_t)(a < b)));
}

static inline uint64_t
mod_neg(uint64_t a, uint64_t q)
{
	return (q - a) & (0 - (uint64_t)(a != 0));
}

// The Shoup constant of w: floor(w * 2^64 / q).
static inline uint64_t
shoup(uint64_t w, uint64_t q)
{
	return (uint64_t)(((u128)w << 64) / q);
}

// a * w mod q in [0, 2q) for any 64-bit a, given ws = shoup(w, q).
static inline uint64_t
mul_shoup_lazy(uint64_t a, uint64_t w, uint64_t ws, uint64_t q)
{
	uint64_t h = (uint64_t)(((u128)a * ws) >> 64);
	return a * w - h * q;
}

static inline uint64_t
mul_shoup(uint64_t a, uint64_t w, uint64_t ws, uint64_t q)
{
	uint64_t r = mul_shoup_lazy(a, w, ws, q);
	return r - (q & (0 - (uint64_t)(r >= q)));
}

// A signed value |v| < q as a residue modulo q, without branching on v.
static inline uint64_t
mod_from_signed(int64_t v, uint64_t q)
{
	uint64_t mask = (uint64_t)(v >> 63);
	return (uint64_t)v + (q & mask);
}

#endif
