// lib/fhe/bfv.c: the BFV scheme: the batch encoder (N slots modulo the prime
// t = 1 mod 2N, two rows of N/2), encryption of Delta*m with Delta*m rounded
// as round(Q m / t), decryption by scaling t/Q with 128-bit fixed point, the
// invariant noise budget, plaintext operations, and multiplication in the
// Halevi-Polyakov-Shoup RNS variant with an auxiliary base P.
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe_impl.h"

int
fhe_bfv_encode(const fhe_ctx *c, const uint64_t *v, size_t nv, fhe_pt *pt)
{
	const size_t n = c->n;
	uint64_t *d;

	if (c->scheme != FHE_BFV)
		return FHE_ESCHEME;
	if (nv > n)
		return FHE_ERANGE;
	for (size_t i = 0; i < nv; i++) {
		if (v[i] >= c->prm.t)
			return FHE_ERANGE;
	}
	d = calloc(n, sizeof(uint64_t));
	if (d == NULL)
		return FHE_ENOMEM;
	for (size_t i = 0; i < nv; i++)
		d[bitrev(c->slot_map[i], c->logn)] = v[i];
	ntt_inv(&c->tntt, d);
	fhe_pt_free(pt);
	pt->data = d;
	pt->nlimb = 0;
	pt->scale = 1;
	return 0;
}

int
fhe_bfv_decode(const fhe_ctx *c, const fhe_pt *pt, uint64_t *v)
{
	const size_t n = c->n;
	uint64_t *d;

	if (c->scheme != FHE_BFV)
		return FHE_ESCHEME;
	d = malloc(n * sizeof(uint64_t));
	if (d == NULL)
		return FHE_ENOMEM;
	memcpy(d, pt->data, n * sizeof(uint64_t));
	ntt_fwd(&c->tntt, d);
	for (size_t i = 0; i < n; i++)
		v[i] = d[bitrev(c->slot_map[i], c->logn)];
	free(d);
	return 0;
}

// round(Q m / t) modulo each data prime, coefficient form, into out (L limbs).
static void
scale_plain(const fhe_ctx *c, const fhe_pt *pt, uint64_t *out)
{
	const size_t n = c->n;
	const uint64_t t = c->prm.t;

	for (size_t x = 0; x < n; x++) {
		uint64_t m = pt->data[x];
		uint64_t fix = (uint64_t)(((u128)c->q_mod_t * m + (t >> 1)) / t);

		for (size_t i = 0; i < c->L; i++) {
			const Mod *q = &c->m[i];

			out[i * n + x] = mod_red128((u128)c->delta[i] * m + fix, q);
		}
	}
}

int
bfv_encrypt(const fhe_ctx *c, fhe_rng *r, const fhe_pk *pk, const fhe_sk *sk, const fhe_pt *pt,
            fhe_ct *ct)
{
	uint64_t *msg = malloc(c->L * c->n * sizeof(uint64_t));
	int rc;

	if (msg == NULL)
		return FHE_ENOMEM;
	scale_plain(c, pt, msg);
	rc = encrypt_core(c, r, pk, sk, c->L, msg, NULL, ct);
	ct->scale = 1;
	fhe_wipe(msg, c->L * c->n * sizeof(uint64_t));
	free(msg);
	return rc;
}

// m = round(t/Q [c0 + c1 s + c2 s^2]_Q) mod t.
int
bfv_decrypt(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct, fhe_pt *pt)
{
	const size_t n = c->n, len = c->L * n;
	uint64_t *x, *d;
	int rc;

	if (ct->nlimb != c->L)
		return FHE_ELEVEL;
	x = malloc(len * sizeof(uint64_t));
	d = malloc(n * sizeof(uint64_t));
	if (x == NULL || d == NULL) {
		free(x);
		free(d);
		return FHE_ENOMEM;
	}
	if ((rc = dot_secret(c, sk, ct, x)) == 0) {
		for (size_t i = 0; i < c->L; i++)
			ntt_inv(&c->ntt[i], x + i * n);
		scaler_apply(&c->dec_sc, c->m, &c->tm, x, d, n);
		fhe_pt_free(pt);
		pt->data = d;
		d = NULL;
	}
	fhe_wipe(x, len * sizeof(uint64_t));
	free(x);
	free(d);
	return rc;
}

// Invariant noise budget as SEAL defines it: bits(Q) - bits(|[t (c0 + c1 s
// + ...)]_Q|) - 1, at least 0. A diagnostic: not constant time.
int
fhe_noise_budget(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct)
{
	const size_t n = c->n, L = c->L, len = L * n;
	uint64_t *x;
	unsigned worst = 0;
	int rc, budget;

	if (c->scheme != FHE_BFV)
		return FHE_ESCHEME;
	if (ct->nlimb != L)
		return FHE_ELEVEL;
	x = malloc(len * sizeof(uint64_t));
	if (x == NULL)
		return FHE_ENOMEM;
	if ((rc = dot_secret(c, sk, ct, x)) != 0) {
		free(x);
		return rc;
	}
	for (size_t i = 0; i < L; i++) {
		ntt_inv(&c->ntt[i], x + i * n);
		for (size_t k = 0; k < n; k++)
			x[i * n + k] = mod_mul(x[i * n + k], c->prm.t, &c->m[i]);
	}
	for (size_t k = 0; k < n; k++) {
		Big v;
		int neg;
		unsigned b;

		crt_compose(c, L, x + k, n, &v, &neg);
		b = big_bits(&v);
		if (b > worst)
			worst = b;
	}
	fhe_wipe(x, len * sizeof(uint64_t));
	free(x);
	budget = (int)big_bits(&c->Ql[L - 1]) - (int)worst - 1;
	return budget > 0 ? budget : 0;
}

int
bfv_add_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p)
{
	const size_t n = c->n, L = c->L;
	uint64_t *msg;
	int rc;

	if (a->nlimb != L)
		return FHE_ELEVEL;
	if ((rc = fhe_ct_copy(c, out, a)) != 0)
		return rc;
	msg = malloc(L * n * sizeof(uint64_t));
	if (msg == NULL)
		return FHE_ENOMEM;
	scale_plain(c, p, msg);
	for (size_t i = 0; i < L; i++) {
		ntt_fwd(&c->ntt[i], msg + i * n);
		for (size_t x = 0; x < n; x++)
			out->data[i * n + x] =
			        mod_add(out->data[i * n + x], msg[i * n + x], c->m[i].q);
	}
	free(msg);
	return 0;
}

// The plaintext lifted to centred integers, in NTT form over the data primes.
static uint64_t *
lift_plain_ntt(const fhe_ctx *c, const fhe_pt *p)
{
	const size_t n = c->n, L = c->L;
	const uint64_t t = c->prm.t;
	uint64_t *m = malloc(L * n * sizeof(uint64_t));

	if (m == NULL)
		return NULL;
	for (size_t i = 0; i < L; i++) {
		const uint64_t q = c->m[i].q, tq = mod_red64(t, &c->m[i]);

		for (size_t x = 0; x < n; x++) {
			uint64_t v = p->data[x], big = 0 - (uint64_t)(v > t / 2);

			m[i * n + x] = mod_sub(mod_red64(v, &c->m[i]), tq & big, q);
		}
		ntt_fwd(&c->ntt[i], m + i * n);
	}
	return m;
}

int
bfv_mul_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p)
{
	const size_t n = c->n, L = c->L, len = L * n;
	uint64_t *m;
	int rc;

	if (a->nlimb != L)
		return FHE_ELEVEL;
	if ((rc = fhe_ct_copy(c, out, a)) != 0)
		return rc;
	if ((m = lift_plain_ntt(c, p)) == NULL)
		return FHE_ENOMEM;
	for (size_t b = 0; b < out->size; b++) {
		for (size_t i = 0; i < L; i++) {
			uint64_t *d = out->data + b * len + i * n;

			for (size_t x = 0; x < n; x++)
				d[x] = mod_mul(d[x], m[i * n + x], &c->m[i]);
		}
	}
	free(m);
	return 0;
}

// The modulus index of limb j of the extended base Q+P.
static size_t
qp_mod(const fhe_ctx *c, size_t j)
{
	return j < c->L ? j : j + 1;
}

// Extend a size-2 ciphertext (NTT over Q) to NTT form over Q+P.
static void
extend_ct(const fhe_ctx *c, const fhe_ct *a, uint64_t *ext, uint64_t *tmp)
{
	const size_t n = c->n, L = c->L, k = c->k, qp = (L + k) * n;

	for (size_t b = 0; b < 2; b++) {
		uint64_t *e = ext + b * qp;

		memcpy(e, a->data + b * L * n, L * n * sizeof(uint64_t));
		memcpy(tmp, e, L * n * sizeof(uint64_t));
		for (size_t i = 0; i < L; i++)
			ntt_inv(&c->ntt[i], tmp + i * n);
		bconv_apply(&c->q2p, tmp, e + L * n, n);
		for (size_t j = 0; j < k; j++)
			ntt_fwd(&c->ntt[L + 1 + j], e + (L + j) * n);
	}
}

// HPS multiplication: extend both operands to Q+P, tensor, scale by t/Q
// and round into P, convert back to Q.
int
bfv_mul(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b)
{
	const size_t n = c->n, L = c->L, k = c->k, qp = (L + k) * n;
	uint64_t *ea, *eb, *d, *tmp;
	int rc;

	if (a->size != 2 || b->size != 2)
		return FHE_ESIZE;
	if (a->nlimb != L || b->nlimb != L)
		return FHE_ELEVEL;
	ea = malloc((7 * qp + L * n) * sizeof(uint64_t));
	if (ea == NULL)
		return FHE_ENOMEM;
	eb = ea + 2 * qp;
	d = eb + 2 * qp;
	tmp = d + 3 * qp;
	extend_ct(c, a, ea, tmp);
	extend_ct(c, b, eb, tmp);
	for (size_t j = 0; j < L + k; j++) {
		const Mod *m = &c->m[qp_mod(c, j)];
		const uint64_t *a0 = ea + j * n, *a1 = ea + qp + j * n;
		const uint64_t *b0 = eb + j * n, *b1 = eb + qp + j * n;
		uint64_t *d0 = d + j * n, *d1 = d + qp + j * n, *d2 = d + 2 * qp + j * n;

		for (size_t x = 0; x < n; x++) {
			d0[x] = mod_mul(a0[x], b0[x], m);
			d1[x] = mod_red128((u128)a0[x] * b1[x] + (u128)a1[x] * b0[x], m);
			d2[x] = mod_mul(a1[x], b1[x], m);
		}
	}
	if ((rc = ct_resize(c, out, 3, L)) != 0) {
		free(ea);
		return rc;
	}
	for (size_t p = 0; p < 3; p++) {
		uint64_t *dp = d + p * qp, *o = out->data + p * L * n;

		for (size_t j = 0; j < L + k; j++)
			ntt_inv(&c->ntt[qp_mod(c, j)], dp + j * n);
		// The scaled result over P goes into ea (free now).
		scaler_apply(&c->mul_sc, c->m, c->m + L + 1, dp, ea, n);
		bconv_apply(&c->p2q, ea, o, n);
		for (size_t i = 0; i < L; i++)
			ntt_fwd(&c->ntt[i], o + i * n);
	}
	out->scale = 1;
	free(ea);
	return 0;
}
