// lib/fhe/ctx.c: parameter sets and the context: checking parameters against
// the HomomorphicEncryption.org 128-bit table, SEAL-compatible prime choice,
// and every table the schemes precompute (NTT, RNS conversion, CRT, slots).
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe_impl.h"

uint64_t params_hash(const fhe_params *p);

const char *
fhe_strerror(int err)
{
	switch (err) {
	case FHE_OK:
		return "success";
	case FHE_ENOMEM:
		return "out of memory";
	case FHE_EPARAM:
		return "invalid parameters";
	case FHE_ELEVEL:
		return "operands are at different levels, or no level is left";
	case FHE_ESCALE:
		return "operands have different scales";
	case FHE_ESIZE:
		return "wrong ciphertext size for this operation";
	case FHE_ENOKEY:
		return "no Galois key for this rotation";
	case FHE_ERANGE:
		return "value out of range for encoding";
	case FHE_EFORMAT:
		return "malformed serialized object";
	case FHE_EMISMATCH:
		return "object belongs to other parameters";
	case FHE_ESCHEME:
		return "operation not defined for this scheme";
	case FHE_ERANDOM:
		return "the operating system provided no randomness";
	}
	return "unknown error";
}

// HomomorphicEncryption.org standard, 128-bit classical security, ternary
// secret: the largest log2 of the whole coefficient modulus.
unsigned
fhe_max_logq(unsigned logn)
{
	switch (logn) {
	case 10:
		return 27;
	case 11:
		return 54;
	case 12:
		return 109;
	case 13:
		return 218;
	case 14:
		return 438;
	case 15:
		return 881;
	}
	return 0;
}

int
fhe_params_from_bits(fhe_params *p, int scheme, unsigned logn, const unsigned *bits, size_t nbits,
                     uint64_t t)
{
	size_t n2 = (size_t)2 << logn;

	memset(p, 0, sizeof *p);
	if (nbits < 2 || nbits > FHE_MAX_PRIMES || logn < FHE_MIN_LOGN || logn > FHE_MAX_LOGN)
		return FHE_EPARAM;
	p->scheme = scheme;
	p->logn = logn;
	p->nprimes = nbits;
	p->t = t;
	// Like SEAL: the largest primes of each size, handed out in order.
	for (size_t i = 0; i < nbits; i++) {
		uint64_t list[FHE_MAX_PRIMES];
		size_t rank = 0;

		if (bits[i] > 60 || bits[i] < 2)
			return FHE_EPARAM;
		for (size_t j = 0; j < i; j++)
			rank += bits[j] == bits[i];
		if (!gen_primes(bits[i], n2, rank + 1, NULL, 0, list))
			return FHE_EPARAM;
		p->primes[i] = list[rank];
	}
	return 0;
}

uint64_t
fhe_batching_prime(unsigned logn, unsigned bits)
{
	uint64_t q;

	if (logn > FHE_MAX_LOGN || !gen_primes(bits, (size_t)2 << logn, 1, NULL, 0, &q))
		return 0;
	return q;
}

__attribute__((format(printf, 3, 4))) static void
seterr(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

static unsigned
product_bits(const uint64_t *q, size_t n)
{
	Big b;

	big_set(&b, 1);
	for (size_t i = 0; i < n; i++)
		big_mul_small(&b, q[i]);
	return big_bits(&b);
}

// Check everything a parameter set must satisfy; say what is wrong.
static int
check_params(const fhe_params *p, char *err, size_t errlen)
{
	size_t n2 = (size_t)2 << p->logn;
	unsigned total, maxq;

	if (p->scheme != FHE_BFV && p->scheme != FHE_CKKS)
		return seterr(err, errlen, "scheme must be BFV or CKKS"), FHE_EPARAM;
	if (p->logn < FHE_MIN_LOGN || p->logn > FHE_MAX_LOGN)
		return seterr(err, errlen, "N = 2^%u: N must be between 4 and 32768", p->logn),
		       FHE_EPARAM;
	if (p->nprimes < 2 || p->nprimes > FHE_MAX_PRIMES)
		return seterr(err, errlen,
		              "%zu primes: need 2 to %d (data primes and one special prime)",
		              p->nprimes, FHE_MAX_PRIMES),
		       FHE_EPARAM;
	for (size_t i = 0; i < p->nprimes; i++) {
		uint64_t q = p->primes[i];

		if (q >= ((uint64_t)1 << 60) || !is_prime64(q) || q % n2 != 1)
			return seterr(err, errlen,
			              "prime %zu (%llu) must be a prime below 2^60 equal to 1 "
			              "mod 2N = %zu",
			              i, (unsigned long long)q, n2),
			       FHE_EPARAM;
		for (size_t j = 0; j < i; j++) {
			if (p->primes[j] == q)
				return seterr(err, errlen, "prime %zu repeats prime %zu", i, j),
				       FHE_EPARAM;
		}
	}
	total = product_bits(p->primes, p->nprimes);
	maxq = fhe_max_logq(p->logn);
	if (!p->insecure && total > maxq) {
		if (maxq == 0)
			return seterr(err, errlen,
			              "N = %zu is below 128-bit security for any modulus "
			              "(use N >= 1024)",
			              n2 / 2),
			       FHE_EPARAM;
		return seterr(err, errlen,
		              "coefficient modulus of %u bits exceeds the 128-bit security bound "
		              "of %u bits for N = %zu (HomomorphicEncryption.org standard)",
		              total, maxq, n2 / 2),
		       FHE_EPARAM;
	}
	if (p->scheme == FHE_CKKS && p->t != 0)
		return seterr(err, errlen, "CKKS has no plain modulus (t must be 0)"), FHE_EPARAM;
	if (p->scheme == FHE_BFV) {
		if (p->t < 3 || p->t >= ((uint64_t)1 << 60) || !is_prime64(p->t) || p->t % n2 != 1)
			return seterr(err, errlen,
			              "plain modulus t = %llu must be a prime below 2^60 equal to "
			              "1 mod 2N = %zu (for batching)",
			              (unsigned long long)p->t, n2),
			       FHE_EPARAM;
		for (size_t i = 0; i < p->nprimes; i++) {
			if (p->primes[i] == p->t)
				return seterr(err, errlen, "plain modulus equals prime %zu", i),
				       FHE_EPARAM;
		}
		if (bitlen64(p->t) + 1 >= product_bits(p->primes, p->nprimes - 1))
			return seterr(err, errlen, "plain modulus too large for the data primes"),
			       FHE_EPARAM;
	}
	return 0;
}

static int
init_crt(fhe_ctx *c)
{
	const size_t L = c->L;

	c->Ql = calloc(L, sizeof(Big));
	c->Qhat = calloc(L * L, sizeof(Big));
	c->Qhatinv = calloc(L * L, sizeof(uint64_t));
	c->qlinv = calloc(L * L, sizeof(uint64_t));
	if (c->Ql == NULL || c->Qhat == NULL || c->Qhatinv == NULL || c->qlinv == NULL)
		return FHE_ENOMEM;
	for (size_t l = 1; l <= L; l++) {
		Big *Q = &c->Ql[l - 1];

		big_set(Q, 1);
		for (size_t i = 0; i < l; i++)
			big_mul_small(Q, c->m[i].q);
		for (size_t i = 0; i < l; i++) {
			Big *h = &c->Qhat[(l - 1) * L + i];

			*h = *Q;
			big_div_small(h, c->m[i].q);
			c->Qhatinv[(l - 1) * L + i] =
			        mod_inv(big_mod_small(h, c->m[i].q), &c->m[i]);
			if (i + 1 < l)
				c->qlinv[(l - 1) * L + i] =
				        mod_inv(mod_red64(c->m[l - 1].q, &c->m[i]), &c->m[i]);
		}
	}
	return 0;
}

// Slot i of row 0 is the evaluation at zeta^(3^i), slot N/2+i at
// zeta^(-3^i); slot_map holds (e-1)/2 for each slot's exponent e.
static int
init_slots(fhe_ctx *c)
{
	const size_t n = c->n, n2 = 2 * n;
	size_t e = 1;

	c->slot_map = malloc(n * sizeof(size_t));
	if (c->slot_map == NULL)
		return FHE_ENOMEM;
	for (size_t i = 0; i < n / 2; i++) {
		c->slot_map[i] = (e - 1) / 2;
		c->slot_map[n / 2 + i] = (n2 - e - 1) / 2;
		e = e * 3 % n2;
	}
	return 0;
}

static int
init_bfv(fhe_ctx *c)
{
	const size_t L = c->L, n2 = 2 * c->n;
	unsigned need = big_bits(&c->Ql[L - 1]) + bitlen64(c->prm.t) + c->logn + 2;
	uint64_t aux[2 * FHE_MAX_PRIMES];
	Big d;
	int rc;

	mod_init(&c->tm, c->prm.t);
	if ((rc = ntt_init(&c->tntt, c->prm.t, c->logn)) != 0)
		return rc;
	// Auxiliary base P for multiplication: 61-bit primes, P > 2^(bits(Q*t*N)+2).
	c->k = (need + 59) / 60;
	if (c->k > 2 * FHE_MAX_PRIMES - L - 1 || !gen_primes(61, n2, c->k, NULL, 0, aux))
		return FHE_EPARAM;
	for (size_t j = 0; j < c->k; j++) {
		mod_init(&c->m[L + 1 + j], aux[j]);
		if ((rc = ntt_init(&c->ntt[L + 1 + j], aux[j], c->logn)) != 0)
			return rc;
	}
	c->delta = malloc(L * sizeof(uint64_t));
	if (c->delta == NULL)
		return FHE_ENOMEM;
	d = c->Ql[L - 1];
	c->q_mod_t = big_div_small(&d, c->prm.t);
	for (size_t i = 0; i < L; i++)
		c->delta[i] = big_mod_small(&d, c->m[i].q);
	if ((rc = bconv_init(&c->q2p, c->m, L, c->m + L + 1, c->k)) != 0)
		return rc;
	if ((rc = bconv_init(&c->p2q, c->m + L + 1, c->k, c->m, L)) != 0)
		return rc;
	if ((rc = scaler_init(&c->mul_sc, c->m, L, c->m + L + 1, c->k, c->prm.t, 1)) != 0)
		return rc;
	return scaler_init(&c->dec_sc, c->m, L, &c->tm, 1, c->prm.t, 0);
}

static int
init_ckks(fhe_ctx *c)
{
	const size_t n2 = 2 * c->n;

	c->cos2n = malloc(2 * n2 * sizeof(double));
	if (c->cos2n == NULL)
		return FHE_ENOMEM;
	c->sin2n = c->cos2n + n2;
	for (size_t k = 0; k < n2; k++) {
		long double a = 3.141592653589793238462643383279502884L * (long double)k /
		                (long double)c->n;

		c->cos2n[k] = (double)cosl(a);
		c->sin2n[k] = (double)sinl(a);
	}
	return 0;
}

static int
init_ctx(fhe_ctx *c, const fhe_params *p)
{
	size_t nmod = p->nprimes + 2 * FHE_MAX_PRIMES;
	int rc;

	c->scheme = p->scheme;
	c->insecure = p->insecure;
	c->logn = p->logn;
	c->n = (size_t)1 << p->logn;
	c->L = p->nprimes - 1;
	c->prm = *p;
	c->hash = params_hash(p);
	c->m = calloc(nmod, sizeof(Mod));
	c->ntt = calloc(nmod, sizeof(Ntt));
	c->p_mod = calloc(3 * c->L, sizeof(uint64_t));
	if (c->m == NULL || c->ntt == NULL || c->p_mod == NULL)
		return FHE_ENOMEM;
	c->pinv = c->p_mod + c->L;
	c->pinvsh = c->p_mod + 2 * c->L;
	for (size_t i = 0; i < p->nprimes; i++) {
		mod_init(&c->m[i], p->primes[i]);
		if ((rc = ntt_init(&c->ntt[i], p->primes[i], p->logn)) != 0)
			return rc;
	}
	for (size_t i = 0; i < c->L; i++) {
		c->p_mod[i] = mod_red64(p->primes[c->L], &c->m[i]);
		c->pinv[i] = mod_inv(c->p_mod[i], &c->m[i]);
		c->pinvsh[i] = shoup(c->pinv[i], c->m[i].q);
	}
	if ((rc = init_crt(c)) != 0 || (rc = init_slots(c)) != 0)
		return rc;
	return p->scheme == FHE_BFV ? init_bfv(c) : init_ckks(c);
}

fhe_ctx *
fhe_ctx_new(const fhe_params *p, char *err, size_t errlen)
{
	fhe_ctx *c;
	int rc;

	if (check_params(p, err, errlen) != 0)
		return NULL;
	c = calloc(1, sizeof *c);
	if (c == NULL) {
		seterr(err, errlen, "out of memory");
		return NULL;
	}
	rc = init_ctx(c, p);
	if (rc != 0) {
		seterr(err, errlen, "cannot set up parameters: %s", fhe_strerror(rc));
		fhe_ctx_free(c);
		return NULL;
	}
	return c;
}

void
fhe_ctx_free(fhe_ctx *c)
{
	if (c == NULL)
		return;
	if (c->ntt != NULL) {
		for (size_t i = 0; i < c->prm.nprimes + c->k; i++)
			ntt_free(&c->ntt[i]);
	}
	if (c->scheme == FHE_BFV) {
		ntt_free(&c->tntt);
		bconv_free(&c->q2p);
		bconv_free(&c->p2q);
		scaler_free(&c->mul_sc);
		scaler_free(&c->dec_sc);
	}
	free(c->m);
	free(c->ntt);
	free(c->p_mod);
	free(c->Ql);
	free(c->Qhat);
	free(c->Qhatinv);
	free(c->qlinv);
	free(c->delta);
	free(c->slot_map);
	free(c->cos2n);
	free(c);
}

const fhe_params *
fhe_ctx_params(const fhe_ctx *c)
{
	return &c->prm;
}

size_t
fhe_ctx_n(const fhe_ctx *c)
{
	return c->n;
}

size_t
fhe_ctx_slots(const fhe_ctx *c)
{
	return c->scheme == FHE_BFV ? c->n : c->n / 2;
}

size_t
fhe_ctx_levels(const fhe_ctx *c)
{
	return c->L;
}

uint64_t
fhe_ctx_hash(const fhe_ctx *c)
{
	return c->hash;
}
