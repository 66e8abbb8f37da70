// lib/fhe/rns.c: residue number system machinery: exact fast base conversion
// of centred representatives (HPS), the HPS scale-and-round t/Q with 128-bit
// fixed-point fractions, and the small multi-precision integers used to build
// constants and to lift residues back to integers (CRT composition).
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe_impl.h"

// The product of all m[k].q except k == skip, modulo the prime mod.
static uint64_t
prod_except(const Mod *m, size_t n, size_t skip, const Mod *mod)
{
	uint64_t r = 1 % mod->q;

	for (size_t k = 0; k < n; k++) {
		if (k != skip)
			r = mod_mul(r, mod_red64(m[k].q, mod), mod);
	}
	return r;
}

int
bconv_init(Bconv *c, const Mod *a, size_t na, const Mod *b, size_t nb)
{
	memset(c, 0, sizeof *c);
	c->na = na;
	c->nb = nb;
	c->a = a;
	c->b = b;
	c->ahinv = malloc(na * 2 * sizeof(uint64_t));
	c->ainv = malloc(na * sizeof(double));
	c->ahb = malloc((na * nb + nb) * sizeof(uint64_t));
	if (c->ahinv == NULL || c->ainv == NULL || c->ahb == NULL) {
		bconv_free(c);
		return FHE_ENOMEM;
	}
	c->ahinvsh = c->ahinv + na;
	c->Ab = c->ahb + na * nb;
	for (size_t i = 0; i < na; i++) {
		c->ahinv[i] = mod_inv(prod_except(a, na, i, &a[i]), &a[i]);
		c->ahinvsh[i] = shoup(c->ahinv[i], a[i].q);
		c->ainv[i] = 1.0 / (double)a[i].q;
		for (size_t j = 0; j < nb; j++)
			c->ahb[i * nb + j] = prod_except(a, na, i, &b[j]);
	}
	// Ab holds -[A]_{b_j} so that the correction is an addition.
	for (size_t j = 0; j < nb; j++)
		c->Ab[j] = mod_neg(prod_except(a, na, na, &b[j]), b[j].q);
	return 0;
}

void
bconv_free(Bconv *c)
{
	free(c->ahinv);
	free(c->ainv);
	free(c->ahb);
	c->ahinv = NULL;
	c->ainv = NULL;
	c->ahb = NULL;
}

// out (nb limbs) = the centred representative of in (na limbs), coefficient
// form, n coefficients per limb.
void
bconv_apply(const Bconv *c, const uint64_t *in, uint64_t *out, size_t n)
{
	const size_t na = c->na, nb = c->nb;
	uint64_t y[FHE_MAX_PRIMES * 2];

	for (size_t x = 0; x < n; x++) {
		double v = 0.5;
		uint64_t vr;

		for (size_t i = 0; i < na; i++) {
			y[i] = mul_shoup(in[i * n + x], c->ahinv[i], c->ahinvsh[i], c->a[i].q);
			v += (double)y[i] * c->ainv[i];
		}
		vr = (uint64_t)v;
		for (size_t j = 0; j < nb; j++) {
			u128 acc = (u128)vr * c->Ab[j];

			for (size_t i = 0; i < na; i++)
				acc += (u128)y[i] * c->ahb[i * nb + j];
			out[j * n + x] = mod_red128(acc, &c->b[j]);
		}
	}
}

// floor(r * 2^128 / q) for r < q, as two words.
static void
frac128(uint64_t r, uint64_t q, uint64_t *hi, uint64_t *lo)
{
	u128 num = (u128)r << 64;
	uint64_t rem;

	*hi = (uint64_t)(num / q);
	rem = (uint64_t)(num % q);
	*lo = (uint64_t)(((u128)rem << 64) / q);
}

// Scale-and-round from Q (+P, when p_in) to the moduli p: see fhe_impl.h.
// When p_in is 0, P = 1 and the single output modulus is t itself.
int
scaler_init(Scaler *s, const Mod *q, size_t nq, const Mod *p, size_t np, uint64_t t, int p_in)
{
	memset(s, 0, sizeof *s);
	s->p_in = p_in;
	s->nq = nq;
	s->np = np;
	s->xinv = malloc((4 * nq + nq * np + np) * sizeof(uint64_t));
	if (s->xinv == NULL)
		return FHE_ENOMEM;
	s->xinvsh = s->xinv + nq;
	s->th_hi = s->xinv + 2 * nq;
	s->th_lo = s->xinv + 3 * nq;
	s->om = s->xinv + 4 * nq;
	s->tqinv = s->om + nq * np;
	for (size_t i = 0; i < nq; i++) {
		const Mod *qi = &q[i];
		uint64_t pm = p_in ? prod_except(p, np, np, qi) : 1;
		uint64_t mh = mod_mul(prod_except(q, nq, i, qi), pm, qi);
		uint64_t r = mod_mul(mod_red64(t, qi), pm, qi);

		s->xinv[i] = mod_inv(mh, qi);
		s->xinvsh[i] = shoup(s->xinv[i], qi->q);
		frac128(r, qi->q, &s->th_hi[i], &s->th_lo[i]);
		for (size_t j = 0; j < np; j++) {
			uint64_t qinv = mod_inv(mod_red64(qi->q, &p[j]), &p[j]);

			s->om[i * np + j] =
			        mod_neg(mod_mul(mod_red64(r, &p[j]), qinv, &p[j]), p[j].q);
		}
	}
	for (size_t j = 0; j < np; j++) {
		uint64_t qinv = mod_inv(prod_except(q, nq, nq, &p[j]), &p[j]);

		s->tqinv[j] = p_in ? mod_mul(mod_red64(t, &p[j]), qinv, &p[j]) : 0;
	}
	return 0;
}

void
scaler_free(Scaler *s)
{
	free(s->xinv);
	s->xinv = NULL;
}

// out (np limbs) = round(t * x / Q) for x given over Q (+P), coefficient form.
// Constant time: only multiplications and additions.
void
scaler_apply(const Scaler *s, const Mod *q, const Mod *p, const uint64_t *in, uint64_t *out,
             size_t n)
{
	const size_t nq = s->nq, np = s->np;
	uint64_t xt[FHE_MAX_PRIMES];

	for (size_t x = 0; x < n; x++) {
		u128 ia = 0, fa = 0, sr;

		for (size_t i = 0; i < nq; i++) {
			u128 ph, pl;

			xt[i] = mul_shoup(in[i * n + x], s->xinv[i], s->xinvsh[i], q[i].q);
			ph = (u128)xt[i] * s->th_hi[i];
			pl = (u128)xt[i] * s->th_lo[i];
			ph += pl >> 64;
			ia += ph >> 64;
			fa += (uint64_t)ph;
		}
		sr = ia + (fa >> 64) + ((fa >> 63) & 1);
		for (size_t j = 0; j < np; j++) {
			u128 acc = mod_red128(sr, &p[j]);

			for (size_t i = 0; i < nq; i++)
				acc += (u128)xt[i] * s->om[i * np + j];
			if (s->p_in)
				acc += (u128)in[(nq + j) * n + x] * s->tqinv[j];
			out[j * n + x] = mod_red128(acc, &p[j]);
		}
	}
}

// Multi-precision helpers (little-endian words).

void
big_set(Big *b, uint64_t v)
{
	memset(b, 0, sizeof *b);
	b->w[0] = v;
	b->len = 1;
}

void
big_mul_small(Big *b, uint64_t v)
{
	uint64_t carry = 0;

	for (size_t i = 0; i < b->len; i++) {
		u128 t = (u128)b->w[i] * v + carry;

		b->w[i] = (uint64_t)t;
		carry = (uint64_t)(t >> 64);
	}
	if (carry && b->len < BIG_LIMBS)
		b->w[b->len++] = carry;
}

void
big_add(Big *a, const Big *b)
{
	uint64_t carry = 0;
	size_t n = a->len > b->len ? a->len : b->len;

	for (size_t i = 0; i < n; i++) {
		uint64_t x = i < a->len ? a->w[i] : 0, y = i < b->len ? b->w[i] : 0;
		u128 t = (u128)x + y + carry;

		a->w[i] = (uint64_t)t;
		carry = (uint64_t)(t >> 64);
	}
	a->len = n;
	if (carry && a->len < BIG_LIMBS)
		a->w[a->len++] = carry;
}

static size_t
big_used(const Big *b)
{
	size_t n = b->len;

	while (n > 0 && b->w[n - 1] == 0)
		n--;
	return n;
}

int
big_cmp(const Big *a, const Big *b)
{
	size_t na = big_used(a), nb = big_used(b);

	if (na != nb)
		return na < nb ? -1 : 1;
	for (size_t i = na; i-- > 0;) {
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	}
	return 0;
}

// a -= b, for a >= b.
void
big_sub(Big *a, const Big *b)
{
	uint64_t borrow = 0;

	for (size_t i = 0; i < a->len; i++) {
		uint64_t y = i < b->len ? b->w[i] : 0;
		u128 t = (u128)a->w[i] - y - borrow;

		a->w[i] = (uint64_t)t;
		borrow = (uint64_t)(t >> 64) & 1;
	}
}

uint64_t
big_mod_small(const Big *b, uint64_t m)
{
	u128 r = 0;

	for (size_t i = b->len; i-- > 0;)
		r = ((r << 64) | b->w[i]) % m;
	return (uint64_t)r;
}

// b /= d; returns the remainder.
uint64_t
big_div_small(Big *b, uint64_t d)
{
	u128 r = 0;

	for (size_t i = b->len; i-- > 0;) {
		u128 cur = (r << 64) | b->w[i];

		b->w[i] = (uint64_t)(cur / d);
		r = cur % d;
	}
	return (uint64_t)r;
}

unsigned
big_bits(const Big *b)
{
	size_t n = big_used(b);

	if (n == 0)
		return 0;
	return (unsigned)(64 * (n - 1)) + bitlen64(b->w[n - 1]);
}

double
big_to_double(const Big *b)
{
	double r = 0;

	for (size_t i = big_used(b); i-- > 0;)
		r = r * 18446744073709551616.0 + (double)b->w[i];
	return r;
}

// The centred integer with residues res[i * stride] modulo q_0..q_{l-1}:
// its absolute value in out, its sign in *neg.
void
crt_compose(const fhe_ctx *c, size_t l, const uint64_t *res, size_t stride, Big *out, int *neg)
{
	const Big *Q = &c->Ql[l - 1];
	Big d;

	big_set(out, 0);
	for (size_t i = 0; i < l; i++) {
		Big term = c->Qhat[(l - 1) * c->L + i];
		uint64_t y = mod_mul(res[i * stride], c->Qhatinv[(l - 1) * c->L + i], &c->m[i]);

		big_mul_small(&term, y);
		big_add(out, &term);
	}
	while (big_cmp(out, Q) >= 0)
		big_sub(out, Q);
	d = *Q;
	big_sub(&d, out);
	*neg = big_cmp(&d, out) < 0;
	if (*neg)
		*out = d;
}
