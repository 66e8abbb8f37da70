// lib/fhe/ckks.c: the CKKS scheme: the encoder (the canonical embedding,
// computed as a twisted complex FFT of size N: slot i is the evaluation at
// zeta^(3^i), zeta = e^(i pi / N), so that X -> X^(3^k) rotates slots by k
// and X -> X^(2N-1) conjugates them), encryption, decryption, plaintext and
// ciphertext multiplication, rescaling and dropping levels.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe_impl.h"

typedef struct Cplx {
	double re, im;
} Cplx;

// In-place DFT of size N: a_l <- sum_k a_k w^(sign l k), w = e^(2 pi i / N).
static void
fft(const fhe_ctx *c, Cplx *a, int sign)
{
	const size_t n = c->n, n2 = 2 * n;

	for (size_t i = 0; i < n; i++) {
		size_t j = bitrev(i, c->logn);

		if (j > i) {
			Cplx t = a[i];

			a[i] = a[j];
			a[j] = t;
		}
	}
	for (size_t len = 2; len <= n; len <<= 1) {
		const size_t half = len / 2, step = n / len;

		for (size_t i = 0; i < n; i += len) {
			for (size_t j = 0; j < half; j++) {
				size_t e = 2 * j * step % n2;
				double wr, wi;
				Cplx u = a[i + j], v = a[i + j + half], t;

				if (sign < 0 && e != 0)
					e = n2 - e;
				wr = c->cos2n[e];
				wi = c->sin2n[e];
				t.re = v.re * wr - v.im * wi;
				t.im = v.re * wi + v.im * wr;
				a[i + j].re = u.re + t.re;
				a[i + j].im = u.im + t.im;
				a[i + j + half].re = u.re - t.re;
				a[i + j + half].im = u.im - t.im;
			}
		}
	}
}

// v modulo m for a signed 64-bit v.
static uint64_t
signed_mod(int64_t v, const Mod *m)
{
	uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	uint64_t r = mod_red64(mag, m);

	return v < 0 ? mod_neg(r, m->q) : r;
}

int
fhe_ckks_encode(const fhe_ctx *c, const double *re, const double *im, size_t nv, double scale,
                size_t nlimb, fhe_pt *pt)
{
	const size_t n = c->n, n2 = 2 * n;
	Cplx *v;
	uint64_t *d;

	if (c->scheme != FHE_CKKS)
		return FHE_ESCHEME;
	if (nlimb == 0)
		nlimb = c->L;
	if (nv > n / 2 || !(scale >= 1) || nlimb > c->L)
		return nlimb > c->L ? FHE_ELEVEL : FHE_ERANGE;
	v = calloc(n, sizeof(Cplx));
	d = malloc(nlimb * n * sizeof(uint64_t));
	if (v == NULL || d == NULL) {
		free(v);
		free(d);
		return FHE_ENOMEM;
	}
	for (size_t i = 0; i < nv; i++) {
		double zi = im != NULL ? im[i] : 0;

		v[c->slot_map[i]].re = re[i];
		v[c->slot_map[i]].im = zi;
		v[c->slot_map[n / 2 + i]].re = re[i];
		v[c->slot_map[n / 2 + i]].im = -zi;
	}
	fft(c, v, -1);
	for (size_t k = 0; k < n; k++) {
		size_t e = k == 0 ? 0 : n2 - k;
		double x = (v[k].re * c->cos2n[e] - v[k].im * c->sin2n[e]) / (double)n * scale;
		int64_t r;

		if (!(fabs(x) < 4611686018427387904.0)) {
			free(v);
			free(d);
			return FHE_ERANGE;
		}
		r = (int64_t)llround(x);
		for (size_t i = 0; i < nlimb; i++)
			d[i * n + k] = signed_mod(r, &c->m[i]);
	}
	for (size_t i = 0; i < nlimb; i++)
		ntt_fwd(&c->ntt[i], d + i * n);
	free(v);
	fhe_pt_free(pt);
	pt->data = d;
	pt->nlimb = nlimb;
	pt->scale = scale;
	return 0;
}

int
fhe_ckks_decode(const fhe_ctx *c, const fhe_pt *pt, double *re, double *im)
{
	const size_t n = c->n, l = pt->nlimb;
	uint64_t *x;
	Cplx *v;

	if (c->scheme != FHE_CKKS)
		return FHE_ESCHEME;
	x = malloc(l * n * sizeof(uint64_t));
	v = malloc(n * sizeof(Cplx));
	if (x == NULL || v == NULL) {
		free(x);
		free(v);
		return FHE_ENOMEM;
	}
	memcpy(x, pt->data, l * n * sizeof(uint64_t));
	for (size_t i = 0; i < l; i++)
		ntt_inv(&c->ntt[i], x + i * n);
	for (size_t k = 0; k < n; k++) {
		Big b;
		int neg;
		double val;

		crt_compose(c, l, x + k, n, &b, &neg);
		val = big_to_double(&b) / pt->scale;
		if (neg)
			val = -val;
		v[k].re = val * c->cos2n[k];
		v[k].im = val * c->sin2n[k];
	}
	fft(c, v, 1);
	for (size_t i = 0; i < n / 2; i++) {
		re[i] = v[c->slot_map[i]].re;
		if (im != NULL)
			im[i] = v[c->slot_map[i]].im;
	}
	free(x);
	free(v);
	return 0;
}

int
ckks_encrypt(const fhe_ctx *c, fhe_rng *r, const fhe_pk *pk, const fhe_sk *sk, const fhe_pt *pt,
             fhe_ct *ct)
{
	int rc;

	if (pt->nlimb == 0 || pt->nlimb > c->L)
		return FHE_ELEVEL;
	rc = encrypt_core(c, r, pk, sk, pt->nlimb, NULL, pt->data, ct);
	ct->scale = pt->scale;
	return rc;
}

int
ckks_decrypt(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct, fhe_pt *pt)
{
	uint64_t *d = malloc(ct->nlimb * c->n * sizeof(uint64_t));
	int rc;

	if (d == NULL)
		return FHE_ENOMEM;
	if ((rc = dot_secret(c, sk, ct, d)) != 0) {
		free(d);
		return rc;
	}
	fhe_pt_free(pt);
	pt->data = d;
	pt->nlimb = ct->nlimb;
	pt->scale = ct->scale;
	return 0;
}

// The tensor product; out may alias a or b (each index is read before it
// is written).
int
ckks_mul(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b)
{
	const size_t n = c->n, l = a->nlimb, len = l * n;
	const double scale = a->scale * b->scale;
	int rc;

	if (a->size != 2 || b->size != 2)
		return FHE_ESIZE;
	if (a->nlimb != b->nlimb)
		return FHE_ELEVEL;
	if ((rc = ct_resize(c, out, 3, l)) != 0)
		return rc;
	const uint64_t *ad = a->data, *bd = b->data;
	uint64_t *r = out->data;

	for (size_t i = 0; i < l; i++) {
		const Mod *m = &c->m[i];

		for (size_t x = 0; x < n; x++) {
			size_t o = i * n + x;
			uint64_t a0 = ad[o], a1 = ad[len + o];
			uint64_t b0 = bd[o], b1 = bd[len + o];

			r[o] = mod_mul(a0, b0, m);
			r[len + o] = mod_red128((u128)a0 * b1 + (u128)a1 * b0, m);
			r[2 * len + o] = mod_mul(a1, b1, m);
		}
	}
	out->scale = scale;
	return 0;
}

int
ckks_mul_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p)
{
	const size_t n = c->n, len = a->nlimb * n;
	int rc;

	if (p->nlimb != a->nlimb)
		return FHE_ELEVEL;
	if ((rc = fhe_ct_copy(c, out, a)) != 0)
		return rc;
	for (size_t b = 0; b < out->size; b++) {
		for (size_t i = 0; i < out->nlimb; i++) {
			uint64_t *d = out->data + b * len + i * n;

			for (size_t x = 0; x < n; x++)
				d[x] = mod_mul(d[x], p->data[i * n + x], &c->m[i]);
		}
	}
	out->scale = a->scale * p->scale;
	return 0;
}

int
ckks_add_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p)
{
	const size_t n = c->n;
	int rc;

	if (p->nlimb != a->nlimb)
		return FHE_ELEVEL;
	if (fabs(a->scale - p->scale) > fabs(a->scale) * 1e-9)
		return FHE_ESCALE;
	if ((rc = fhe_ct_copy(c, out, a)) != 0)
		return rc;
	for (size_t i = 0; i < a->nlimb; i++) {
		for (size_t x = 0; x < n; x++)
			out->data[i * n + x] =
			        mod_add(out->data[i * n + x], p->data[i * n + x], c->m[i].q);
	}
	return 0;
}

// Keep the first nlimb limbs of every polynomial, compacting the layout.
static void
compact(const fhe_ctx *c, fhe_ct *ct, size_t nlimb)
{
	const size_t n = c->n;

	for (size_t b = 1; b < ct->size; b++)
		memmove(ct->data + b * nlimb * n, ct->data + b * ct->nlimb * n,
		        nlimb * n * sizeof(uint64_t));
	ct->nlimb = nlimb;
}

int
fhe_drop_level(const fhe_ctx *c, fhe_ct *ct, size_t nlimb)
{
	if (c->scheme != FHE_CKKS)
		return FHE_ESCHEME;
	if (nlimb == 0 || nlimb > ct->nlimb)
		return FHE_ELEVEL;
	compact(c, ct, nlimb);
	return 0;
}

// Divide by the last prime q_{l-1} with rounding: for j < l-1,
// c_j <- (c_j - [c_{l-1}]_centred) * q_{l-1}^-1 mod q_j.
int
fhe_rescale(const fhe_ctx *c, fhe_ct *ct)
{
	const size_t n = c->n, l = ct->nlimb, len = l * n;
	const uint64_t ql = c->m[l - 1].q, half = ql >> 1;
	uint64_t *last, *tmp;

	if (c->scheme != FHE_CKKS)
		return FHE_ESCHEME;
	if (l < 2)
		return FHE_ELEVEL;
	last = malloc(2 * n * sizeof(uint64_t));
	if (last == NULL)
		return FHE_ENOMEM;
	tmp = last + n;
	for (size_t b = 0; b < ct->size; b++) {
		memcpy(last, ct->data + b * len + (l - 1) * n, n * sizeof(uint64_t));
		ntt_inv(&c->ntt[l - 1], last);
		for (size_t j = 0; j + 1 < l; j++) {
			const Mod *m = &c->m[j];
			const uint64_t qlm = mod_red64(ql, m), inv = c->qlinv[(l - 1) * c->L + j];
			const uint64_t invsh = shoup(inv, m->q);
			uint64_t *d = ct->data + b * len + j * n;

			for (size_t x = 0; x < n; x++) {
				uint64_t v = last[x], neg = 0 - (uint64_t)(v > half);

				tmp[x] = mod_sub(mod_red64(v, m), qlm & neg, m->q);
			}
			ntt_fwd(&c->ntt[j], tmp);
			for (size_t x = 0; x < n; x++)
				d[x] = mul_shoup(mod_sub(d[x], tmp[x], m->q), inv, invsh, m->q);
		}
	}
	free(last);
	compact(c, ct, l - 1);
	ct->scale /= (double)ql;
	return 0;
}
