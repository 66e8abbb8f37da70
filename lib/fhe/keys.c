// lib/fhe/keys.c: key generation (secret, public, relinearisation, Galois),
// key switching with RNS decomposition and one special prime (as SEAL does),
// and the Galois automorphisms X -> X^g applied in NTT form.
//
// A key-switching key from s' to s holds, for each data prime q_i, a pair
// (b_i, a_i) over the L data primes and the special prime P with
// b_i = -a_i s + e_i + P s' g_i, where g_i is 1 modulo q_i and 0 modulo
// every other prime. Switching c: sum_i [c]_{q_i} (b_i, a_i) over Q*P, then
// divide by P with rounding.
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe_impl.h"

void
fhe_ct_init(fhe_ct *ct)
{
	memset(ct, 0, sizeof *ct);
	ct->scale = 1;
}

void
fhe_ct_free(fhe_ct *ct)
{
	free(ct->data);
	fhe_ct_init(ct);
}

void
fhe_pt_init(fhe_pt *pt)
{
	memset(pt, 0, sizeof *pt);
	pt->scale = 1;
}

void
fhe_pt_free(fhe_pt *pt)
{
	free(pt->data);
	fhe_pt_init(pt);
}

int
fhe_ct_copy(const fhe_ctx *c, fhe_ct *dst, const fhe_ct *src)
{
	size_t len = src->size * src->nlimb * c->n;
	uint64_t *d;

	if (dst == src)
		return 0;
	d = realloc(dst->data, len * sizeof(uint64_t));
	if (d == NULL)
		return FHE_ENOMEM;
	memcpy(d, src->data, len * sizeof(uint64_t));
	dst->data = d;
	dst->size = src->size;
	dst->nlimb = src->nlimb;
	dst->scale = src->scale;
	return 0;
}

void
fhe_sk_free(const fhe_ctx *c, fhe_sk *sk)
{
	if (sk->s != NULL)
		fhe_wipe(sk->s, (c->L + 1) * c->n * sizeof(uint64_t));
	free(sk->s);
	sk->s = NULL;
}

void
fhe_pk_free(fhe_pk *pk)
{
	free(pk->p0);
	pk->p0 = pk->p1 = NULL;
}

void
fhe_kswitch_free(fhe_kswitch_key *k)
{
	free(k->k);
	k->k = NULL;
	k->galois = 0;
}

void
fhe_galois_free(fhe_galois_keys *g)
{
	for (size_t i = 0; i < g->count; i++)
		fhe_kswitch_free(&g->keys[i]);
	free(g->keys);
	g->keys = NULL;
	g->count = 0;
}

int
fhe_keygen_secret(const fhe_ctx *c, fhe_rng *r, fhe_sk *sk)
{
	size_t mods[FHE_MAX_PRIMES] = {0};

	sk->s = malloc((c->L + 1) * c->n * sizeof(uint64_t));
	if (sk->s == NULL)
		return FHE_ENOMEM;
	for (size_t i = 0; i <= c->L; i++)
		mods[i] = i;
	sample_ternary(c, r, mods, c->L + 1, sk->s);
	for (size_t i = 0; i <= c->L; i++)
		ntt_fwd(&c->ntt[i], sk->s + i * c->n);
	return 0;
}

// b = -a*s + e over the first nl key primes (and the special prime when
// special is set: limb nl-1 is then the prime L). a is sampled uniformly.
static int
rlwe_sample(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, size_t nl, int special, uint64_t *b,
            uint64_t *a)
{
	const size_t n = c->n;
	size_t mods[FHE_MAX_PRIMES] = {0};

	for (size_t i = 0; i < nl; i++)
		mods[i] = (special && i == nl - 1) ? c->L : i;
	sample_uniform(c, r, mods, nl, a);
	sample_error(c, r, mods, nl, b);
	for (size_t i = 0; i < nl; i++) {
		const size_t mi = mods[i];
		const Mod *m = &c->m[mi];
		const uint64_t *s = sk->s + mi * n;
		uint64_t *bi = b + i * n;
		const uint64_t *ai = a + i * n;

		ntt_fwd(&c->ntt[mi], bi);
		for (size_t x = 0; x < n; x++)
			bi[x] = mod_sub(bi[x], mod_mul(ai[x], s[x], m), m->q);
	}
	return 0;
}

int
fhe_keygen_public(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, fhe_pk *pk)
{
	const size_t len = c->L * c->n;

	pk->p0 = malloc(2 * len * sizeof(uint64_t));
	if (pk->p0 == NULL)
		return FHE_ENOMEM;
	pk->p1 = pk->p0 + len;
	return rlwe_sample(c, r, sk, c->L, 0, pk->p0, pk->p1);
}

// A key switching from sp (NTT form over all L+1 key primes) to sk.
static int
gen_kswitch(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, const uint64_t *sp, uint32_t galois,
            fhe_kswitch_key *k)
{
	const size_t n = c->n, L = c->L, pl = (L + 1) * n;

	k->galois = galois;
	k->k = malloc(2 * L * pl * sizeof(uint64_t));
	if (k->k == NULL)
		return FHE_ENOMEM;
	for (size_t i = 0; i < L; i++) {
		uint64_t *b = k->k + 2 * i * pl, *a = b + pl;
		const Mod *m = &c->m[i];

		rlwe_sample(c, r, sk, L + 1, 1, b, a);
		for (size_t x = 0; x < n; x++) {
			uint64_t t = mod_mul(sp[i * n + x], c->p_mod[i], m);

			b[i * n + x] = mod_add(b[i * n + x], t, m->q);
		}
	}
	return 0;
}

int
fhe_keygen_relin(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, fhe_kswitch_key *rk)
{
	const size_t len = (c->L + 1) * c->n;
	uint64_t *s2 = malloc(len * sizeof(uint64_t));
	int rc;

	if (s2 == NULL)
		return FHE_ENOMEM;
	for (size_t i = 0; i <= c->L; i++) {
		for (size_t x = 0; x < c->n; x++) {
			uint64_t v = sk->s[i * c->n + x];

			s2[i * c->n + x] = mod_mul(v, v, &c->m[i]);
		}
	}
	rc = gen_kswitch(c, r, sk, s2, 0, rk);
	fhe_wipe(s2, len * sizeof(uint64_t));
	free(s2);
	return rc;
}

uint32_t
fhe_galois_elt(const fhe_ctx *c, int step)
{
	const size_t n2 = 2 * c->n, half = c->n / 2;
	size_t s, g = 1;

	if (step == 0)
		return (uint32_t)(n2 - 1);
	s = (size_t)(((long long)step % (long long)half + (long long)half) % (long long)half);
	for (size_t i = 0; i < s; i++)
		g = g * 3 % n2;
	return (uint32_t)g;
}

// perm[j]: the NTT index whose value moves to index j under X -> X^g. NTT
// index j holds the evaluation at psi^(2 brev(j) + 1).
void
galois_perm(const fhe_ctx *c, uint32_t g, size_t *perm)
{
	const size_t n = c->n, n2 = 2 * n;

	for (size_t j = 0; j < n; j++) {
		size_t e = (2 * bitrev(j, c->logn) + 1) * (size_t)g % n2;

		perm[j] = bitrev((e - 1) / 2, c->logn);
	}
}

int
fhe_keygen_galois(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, const int *steps, size_t nsteps,
                  fhe_galois_keys *gk)
{
	const size_t n = c->n, len = (c->L + 1) * n;
	uint64_t *sp = malloc(len * sizeof(uint64_t));
	size_t *perm = malloc(n * sizeof(size_t));
	int rc = 0;

	gk->count = 0;
	gk->keys = calloc(nsteps ? nsteps : 1, sizeof(fhe_kswitch_key));
	if (sp == NULL || perm == NULL || gk->keys == NULL) {
		rc = FHE_ENOMEM;
		goto out;
	}
	for (size_t k = 0; k < nsteps; k++) {
		uint32_t g = fhe_galois_elt(c, steps[k]);

		if (galois_find(gk, g) != NULL)
			continue;
		galois_perm(c, g, perm);
		for (size_t i = 0; i <= c->L; i++) {
			for (size_t x = 0; x < n; x++)
				sp[i * n + x] = sk->s[i * n + perm[x]];
		}
		if ((rc = gen_kswitch(c, r, sk, sp, g, &gk->keys[gk->count])) != 0)
			goto out;
		gk->count++;
	}
out:
	if (sp != NULL)
		fhe_wipe(sp, len * sizeof(uint64_t));
	free(sp);
	free(perm);
	if (rc != 0)
		fhe_galois_free(gk);
	return rc;
}

const fhe_kswitch_key *
galois_find(const fhe_galois_keys *gk, uint32_t g)
{
	if (gk == NULL)
		return NULL;
	for (size_t i = 0; i < gk->count; i++) {
		if (gk->keys[i].galois == g)
			return &gk->keys[i];
	}
	return NULL;
}

// Lift digit i (coefficients in [0, q_i), taken centred) to modulus m and
// transform it: out = NTT_m([c]_{q_i}). Digits are centred because a digit
// uniform in [0, q_i) has mean q_i/2, whose product with the key error
// concentrates in a few CKKS slots.
static void
lift_digit(const fhe_ctx *c, const uint64_t *coeff, size_t i, size_t mj, uint64_t *out)
{
	const Mod *m = &c->m[mj];
	const uint64_t qi = c->m[i].q, half = qi >> 1, qim = mod_red64(qi, m);

	for (size_t x = 0; x < c->n; x++) {
		uint64_t v = coeff[x], neg = 0 - (uint64_t)(v > half);

		out[x] = mod_sub(mod_red64(v, m), qim & neg, m->q);
	}
	ntt_fwd(&c->ntt[mj], out);
}

// Accumulate sum_i src_i * key_i over one target modulus in chunks of KS_CHUNK
// coefficients, so that the 128-bit accumulators stay in the L1 cache.
#define KS_CHUNK 64
static void
ks_accumulate(const fhe_ctx *c, const uint64_t *const *src, size_t l, const fhe_kswitch_key *k,
              size_t mj, uint64_t *o0, uint64_t *o1)
{
	const size_t n = c->n, pl = (c->L + 1) * n;
	const Mod *m = &c->m[mj];
	u128 a0[KS_CHUNK], a1[KS_CHUNK];

	for (size_t x0 = 0; x0 < n; x0 += KS_CHUNK) {
		const size_t len = n - x0 < KS_CHUNK ? n - x0 : KS_CHUNK;

		memset(a0, 0, sizeof a0);
		memset(a1, 0, sizeof a1);
		for (size_t i = 0; i < l; i++) {
			const uint64_t *s = src[i] + x0;
			const uint64_t *k0 = k->k + 2 * i * pl + mj * n + x0, *k1 = k0 + pl;

			for (size_t x = 0; x < len; x++) {
				a0[x] += (u128)s[x] * k0[x];
				a1[x] += (u128)s[x] * k1[x];
			}
		}
		for (size_t x = 0; x < len; x++) {
			o0[x0 + x] = mod_red128(a0[x], m);
			o1[x0 + x] = mod_red128(a1[x], m);
		}
	}
}

// (out0, out1) over l data primes, NTT form, such that out0 + out1 s = in s'
// approximately, where the key switches s' to s. in: NTT form over l primes.
int
keyswitch(const fhe_ctx *c, const uint64_t *in, size_t l, const fhe_kswitch_key *k, uint64_t *out0,
          uint64_t *out1)
{
	const size_t n = c->n, L = c->L;
	uint64_t *coeff = malloc((2 * l * n + 3 * n) * sizeof(uint64_t));
	uint64_t *dig, *tmp, *sp0, *sp1;
	const uint64_t *src[FHE_MAX_PRIMES];

	if (coeff == NULL)
		return FHE_ENOMEM;
	dig = coeff + l * n;
	tmp = dig + l * n;
	sp0 = tmp + n;
	sp1 = sp0 + n;
	memcpy(coeff, in, l * n * sizeof(uint64_t));
	for (size_t i = 0; i < l; i++)
		ntt_inv(&c->ntt[i], coeff + i * n);
	// Targets: the data primes 0..l-1, then the special prime (tj == l).
	for (size_t tj = 0; tj <= l; tj++) {
		const size_t mj = tj < l ? tj : L;

		for (size_t i = 0; i < l; i++) {
			if (mj == i) {
				src[i] = in + i * n;
				continue;
			}
			lift_digit(c, coeff + i * n, i, mj, dig + i * n);
			src[i] = dig + i * n;
		}
		ks_accumulate(c, src, l, k, mj, tj < l ? out0 + tj * n : sp0,
		              tj < l ? out1 + tj * n : sp1);
	}
	// Divide by P with rounding: subtract the centred lift of the P limb.
	{
		const uint64_t P = c->m[L].q, half = P >> 1;
		uint64_t *sp[2] = {sp0, sp1}, *out[2] = {out0, out1};

		for (int b = 0; b < 2; b++) {
			ntt_inv(&c->ntt[L], sp[b]);
			for (size_t j = 0; j < l; j++) {
				const Mod *m = &c->m[j];
				uint64_t *o = out[b] + j * n;

				for (size_t x = 0; x < n; x++) {
					uint64_t v = sp[b][x], r = mod_red64(v, m);
					uint64_t neg = 0 - (uint64_t)(v > half);

					tmp[x] = mod_sub(r, c->p_mod[j] & neg, m->q);
				}
				ntt_fwd(&c->ntt[j], tmp);
				for (size_t x = 0; x < n; x++)
					o[x] = mul_shoup(mod_sub(o[x], tmp[x], m->q), c->pinv[j],
					                 c->pinvsh[j], m->q);
			}
		}
	}
	free(coeff);
	return 0;
}

// Apply X -> X^g to a size-2 ciphertext and switch it back to the secret key.
int
galois_apply_ct(const fhe_ctx *c, fhe_ct *ct, uint32_t g, const fhe_galois_keys *gk)
{
	const size_t n = c->n, l = ct->nlimb, len = l * n;
	const fhe_kswitch_key *k = galois_find(gk, g);
	size_t *perm;
	uint64_t *t;

	if (ct->size != 2)
		return FHE_ESIZE;
	if (k == NULL)
		return FHE_ENOKEY;
	perm = malloc(n * sizeof(size_t));
	t = malloc(4 * len * sizeof(uint64_t));
	if (perm == NULL || t == NULL) {
		free(perm);
		free(t);
		return FHE_ENOMEM;
	}
	galois_perm(c, g, perm);
	for (size_t b = 0; b < 2; b++) {
		for (size_t i = 0; i < l; i++) {
			const uint64_t *src = ct->data + b * len + i * n;
			uint64_t *dst = t + b * len + i * n;

			for (size_t x = 0; x < n; x++)
				dst[x] = src[perm[x]];
		}
	}
	if (keyswitch(c, t + len, l, k, t + 2 * len, t + 3 * len) != 0) {
		free(perm);
		free(t);
		return FHE_ENOMEM;
	}
	for (size_t i = 0; i < l; i++) {
		const uint64_t q = c->m[i].q;

		for (size_t x = 0; x < n; x++) {
			size_t o = i * n + x;

			ct->data[o] = mod_add(t[o], t[2 * len + o], q);
			ct->data[len + o] = t[3 * len + o];
		}
	}
	free(perm);
	free(t);
	return 0;
}

// Rotate by steps using the exact key if there is one, else through the keys
// for positive powers of two; every key is checked before anything changes.
int
rotate_steps(const fhe_ctx *c, fhe_ct *ct, int steps, const fhe_galois_keys *gk)
{
	const long long half = (long long)(c->n / 2);
	size_t s = (size_t)(((long long)steps % half + half) % half);
	uint32_t g;
	int rc;

	if (s == 0)
		return 0;
	g = fhe_galois_elt(c, (int)s);
	if (galois_find(gk, g) != NULL)
		return galois_apply_ct(c, ct, g, gk);
	for (size_t b = 1; b <= s; b <<= 1) {
		if ((s & b) && galois_find(gk, fhe_galois_elt(c, (int)b)) == NULL)
			return FHE_ENOKEY;
	}
	for (size_t b = 1; b <= s; b <<= 1) {
		if ((s & b) && (rc = galois_apply_ct(c, ct, fhe_galois_elt(c, (int)b), gk)) != 0)
			return rc;
	}
	return 0;
}
