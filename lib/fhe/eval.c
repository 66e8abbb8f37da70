// lib/fhe/eval.c: what BFV and CKKS share: public- and secret-key encryption
// of a message polynomial, the dot product with the secret key used by
// decryption, addition, subtraction, negation, relinearisation and the
// Galois operations (rotations, conjugation / row swap).
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe_impl.h"

// Make ct a ciphertext of `size` polynomials over nlimb primes.
int
ct_resize(const fhe_ctx *c, fhe_ct *ct, size_t size, size_t nlimb)
{
	uint64_t *d = realloc(ct->data, size * nlimb * c->n * sizeof(uint64_t));

	if (d == NULL)
		return FHE_ENOMEM;
	ct->data = d;
	ct->size = size;
	ct->nlimb = nlimb;
	return 0;
}

// Encrypt a message: msg_coeff (coefficient form, added before the NTT, may
// be NULL) and msg_ntt (NTT form, may be NULL), both over l primes. With pk:
// (p0 u + e1 + m, p1 u + e2); with sk: (-a s + e + m, a).
int
encrypt_core(const fhe_ctx *c, fhe_rng *r, const fhe_pk *pk, const fhe_sk *sk, size_t l,
             const uint64_t *msg_coeff, const uint64_t *msg_ntt, fhe_ct *ct)
{
	const size_t n = c->n, len = l * n;
	size_t mods[FHE_MAX_PRIMES] = {0};
	uint64_t *u;
	int rc;

	if ((rc = ct_resize(c, ct, 2, l)) != 0)
		return rc;
	u = malloc(len * sizeof(uint64_t));
	if (u == NULL)
		return FHE_ENOMEM;
	for (size_t i = 0; i < l; i++)
		mods[i] = i;
	uint64_t *c0 = ct->data, *c1 = ct->data + len;
	if (pk != NULL) {
		sample_ternary(c, r, mods, l, u);
		sample_error(c, r, mods, l, c0);
		sample_error(c, r, mods, l, c1);
	} else {
		sample_uniform(c, r, mods, l, c1);
		sample_error(c, r, mods, l, c0);
	}
	for (size_t i = 0; i < l; i++) {
		const Mod *m = &c->m[i];
		const uint64_t q = m->q;
		uint64_t *a0 = c0 + i * n, *a1 = c1 + i * n, *ui = u + i * n;

		if (msg_coeff != NULL) {
			for (size_t x = 0; x < n; x++)
				a0[x] = mod_add(a0[x], msg_coeff[i * n + x], q);
		}
		ntt_fwd(&c->ntt[i], a0);
		if (pk != NULL) {
			const uint64_t *p0 = pk->p0 + i * n, *p1 = pk->p1 + i * n;

			ntt_fwd(&c->ntt[i], a1);
			ntt_fwd(&c->ntt[i], ui);
			for (size_t x = 0; x < n; x++) {
				a0[x] = mod_add(a0[x], mod_mul(p0[x], ui[x], m), q);
				a1[x] = mod_add(a1[x], mod_mul(p1[x], ui[x], m), q);
			}
		} else {
			const uint64_t *s = sk->s + i * n;

			for (size_t x = 0; x < n; x++)
				a0[x] = mod_sub(a0[x], mod_mul(a1[x], s[x], m), q);
		}
		if (msg_ntt != NULL) {
			for (size_t x = 0; x < n; x++)
				a0[x] = mod_add(a0[x], msg_ntt[i * n + x], q);
		}
	}
	fhe_wipe(u, len * sizeof(uint64_t));
	free(u);
	return 0;
}

// out = c0 + c1 s (+ c2 s^2) over the ciphertext's primes, NTT form.
// Constant time in s.
int
dot_secret(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct, uint64_t *out)
{
	const size_t n = c->n, l = ct->nlimb, len = l * n;

	if (ct->size < 2 || ct->size > 3)
		return FHE_ESIZE;
	for (size_t i = 0; i < l; i++) {
		const Mod *m = &c->m[i];
		const uint64_t *s = sk->s + i * n;

		for (size_t x = 0; x < n; x++) {
			size_t o = i * n + x;
			uint64_t v =
			        mod_add(ct->data[o], mod_mul(ct->data[len + o], s[x], m), m->q);

			if (ct->size == 3) {
				uint64_t s2 = mod_mul(s[x], s[x], m);

				v = mod_add(v, mod_mul(ct->data[2 * len + o], s2, m), m->q);
			}
			out[o] = v;
		}
	}
	return 0;
}

static int
same_scale(double a, double b)
{
	return fabs(a - b) <= fabs(a) * 1e-9;
}

static int
check_pair(const fhe_ctx *c, const fhe_ct *a, const fhe_ct *b)
{
	if (a->nlimb != b->nlimb)
		return FHE_ELEVEL;
	if (c->scheme == FHE_CKKS && !same_scale(a->scale, b->scale))
		return FHE_ESCALE;
	return 0;
}

// out = a + b or a - b, component-wise; out may alias a or b.
static int
add_sub(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b, int neg)
{
	const size_t n = c->n, l = a->nlimb, len = l * n;
	const size_t sa = a->size, sb = b->size, size = sa > sb ? sa : sb;
	const double scale = a->scale;
	int rc;

	if ((rc = check_pair(c, a, b)) != 0)
		return rc;
	if ((rc = ct_resize(c, out, size, l)) != 0)
		return rc;
	// Re-read the operands: resizing out may have moved a or b.
	const uint64_t *ad = a->data, *bd = b->data;

	for (size_t p = 0; p < size; p++) {
		for (size_t i = 0; i < l; i++) {
			const uint64_t q = c->m[i].q;
			const size_t o = p * len + i * n;
			const uint64_t *u = ad + o, *v = bd + o;
			uint64_t *r = out->data + o;

			if (p < sa && p < sb && neg) {
				for (size_t x = 0; x < n; x++)
					r[x] = mod_sub(u[x], v[x], q);
			} else if (p < sa && p < sb) {
				for (size_t x = 0; x < n; x++)
					r[x] = mod_add(u[x], v[x], q);
			} else if (p < sa) {
				memmove(r, u, n * sizeof(uint64_t));
			} else {
				for (size_t x = 0; x < n; x++)
					r[x] = neg ? mod_neg(v[x], q) : v[x];
			}
		}
	}
	out->scale = scale;
	return 0;
}

int
fhe_add(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b)
{
	return add_sub(c, out, a, b, 0);
}

int
fhe_sub(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b)
{
	return add_sub(c, out, a, b, 1);
}

int
fhe_negate(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a)
{
	const size_t n = c->n, len = a->nlimb * n;
	int rc;

	if ((rc = fhe_ct_copy(c, out, a)) != 0)
		return rc;
	for (size_t p = 0; p < out->size; p++) {
		for (size_t i = 0; i < out->nlimb; i++) {
			uint64_t *d = out->data + p * len + i * n;

			for (size_t x = 0; x < n; x++)
				d[x] = mod_neg(d[x], c->m[i].q);
		}
	}
	return 0;
}

int
fhe_relin(const fhe_ctx *c, fhe_ct *ct, const fhe_kswitch_key *rk)
{
	const size_t n = c->n, l = ct->nlimb, len = l * n;
	uint64_t *t;
	int rc;

	if (ct->size != 3)
		return FHE_ESIZE;
	if (rk == NULL || rk->k == NULL || rk->galois != 0)
		return FHE_ENOKEY;
	t = malloc(2 * len * sizeof(uint64_t));
	if (t == NULL)
		return FHE_ENOMEM;
	if ((rc = keyswitch(c, ct->data + 2 * len, l, rk, t, t + len)) != 0) {
		free(t);
		return rc;
	}
	for (size_t i = 0; i < l; i++) {
		const uint64_t q = c->m[i].q;

		for (size_t x = 0; x < n; x++) {
			size_t o = i * n + x;

			ct->data[o] = mod_add(ct->data[o], t[o], q);
			ct->data[len + o] = mod_add(ct->data[len + o], t[len + o], q);
		}
	}
	free(t);
	ct->size = 2;
	return 0;
}

int
fhe_rotate(const fhe_ctx *c, fhe_ct *ct, int steps, const fhe_galois_keys *gk)
{
	return rotate_steps(c, ct, steps, gk);
}

int
fhe_conjugate(const fhe_ctx *c, fhe_ct *ct, const fhe_galois_keys *gk)
{
	return galois_apply_ct(c, ct, (uint32_t)(2 * c->n - 1), gk);
}

int
fhe_encrypt(const fhe_ctx *c, fhe_rng *r, const fhe_pk *pk, const fhe_pt *pt, fhe_ct *ct)
{
	return c->scheme == FHE_BFV ? bfv_encrypt(c, r, pk, NULL, pt, ct)
	                            : ckks_encrypt(c, r, pk, NULL, pt, ct);
}

int
fhe_encrypt_sk(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, const fhe_pt *pt, fhe_ct *ct)
{
	return c->scheme == FHE_BFV ? bfv_encrypt(c, r, NULL, sk, pt, ct)
	                            : ckks_encrypt(c, r, NULL, sk, pt, ct);
}

int
fhe_decrypt(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct, fhe_pt *pt)
{
	return c->scheme == FHE_BFV ? bfv_decrypt(c, sk, ct, pt) : ckks_decrypt(c, sk, ct, pt);
}

int
fhe_mul(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b)
{
	return c->scheme == FHE_BFV ? bfv_mul(c, out, a, b) : ckks_mul(c, out, a, b);
}

int
fhe_mul_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p)
{
	return c->scheme == FHE_BFV ? bfv_mul_plain(c, out, a, p) : ckks_mul_plain(c, out, a, p);
}

int
fhe_add_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p)
{
	return c->scheme == FHE_BFV ? bfv_add_plain(c, out, a, p) : ckks_add_plain(c, out, a, p);
}
