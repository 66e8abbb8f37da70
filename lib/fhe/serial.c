// lib/fhe/serial.c: writing and reading lib/fhe objects in the versioned
// binary format of fhe_wire.h. Readers check every length, field and residue
// before building anything, and say what is wrong.
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe_impl.h"
#include "fhe/fhe_wire.h"

uint64_t params_hash(const fhe_params *p);

typedef struct Wbuf {
	uint8_t *p;
	size_t len, cap;
	int err;
} Wbuf;

static void
put(Wbuf *w, const void *src, size_t n)
{
	if (w->err)
		return;
	if (w->len + n > w->cap) {
		size_t cap = w->cap ? w->cap : 256;
		uint8_t *np;

		while (cap < w->len + n)
			cap *= 2;
		np = realloc(w->p, cap);
		if (np == NULL) {
			w->err = 1;
			return;
		}
		w->p = np;
		w->cap = cap;
	}
	memcpy(w->p + w->len, src, n);
	w->len += n;
}

static void
put_le(Wbuf *w, uint64_t v, int bytes)
{
	uint8_t b[8];

	for (int i = 0; i < bytes; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	put(w, b, (size_t)bytes);
}

static void
put_f64(Wbuf *w, double d)
{
	uint64_t v;

	memcpy(&v, &d, 8);
	put_le(w, v, 8);
}

static void
put_words(Wbuf *w, const uint64_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put_le(w, v[i], 8);
}

static void
params_body(Wbuf *w, const fhe_params *p)
{
	put_le(w, (uint64_t)p->scheme, 1);
	put_le(w, (uint64_t)(p->insecure != 0), 1);
	put_le(w, p->logn, 1);
	put_le(w, p->nprimes, 1);
	put_le(w, 0, 4);
	put_le(w, p->t, 8);
	put_words(w, p->primes, p->nprimes);
}

uint64_t
params_hash(const fhe_params *p)
{
	Wbuf w = {0};
	uint64_t h = 0xcbf29ce484222325u;

	params_body(&w, p);
	for (size_t i = 0; i < w.len; i++) {
		h ^= w.p[i];
		h *= 0x100000001b3u;
	}
	free(w.p);
	return h;
}

// Start an object: the header with a body length patched in by finish().
static void
begin(Wbuf *w, int kind, uint64_t hash)
{
	put(w, FHE_WIRE_MAGIC, 4);
	put_le(w, FHE_WIRE_VERSION, 2);
	put_le(w, (uint64_t)kind, 2);
	put_le(w, hash, 8);
	put_le(w, 0, 8);
}

static int
finish(Wbuf *w, uint8_t **buf, size_t *len)
{
	if (w->err) {
		free(w->p);
		return FHE_ENOMEM;
	}
	for (int i = 0; i < 8; i++)
		w->p[16 + i] = (uint8_t)((uint64_t)(w->len - FHE_WIRE_HEADER) >> (8 * i));
	*buf = w->p;
	*len = w->len;
	return 0;
}

int
fhe_save_params(const fhe_params *p, uint8_t **buf, size_t *len)
{
	Wbuf w = {0};

	begin(&w, FHE_WIRE_PARAMS, params_hash(p));
	params_body(&w, p);
	return finish(&w, buf, len);
}

int
fhe_save_ct(const fhe_ctx *c, const fhe_ct *ct, uint8_t **buf, size_t *len)
{
	Wbuf w = {0};

	begin(&w, FHE_WIRE_CIPHER, c->hash);
	put_le(&w, ct->size, 4);
	put_le(&w, ct->nlimb, 4);
	put_f64(&w, ct->scale);
	put_words(&w, ct->data, ct->size * ct->nlimb * c->n);
	return finish(&w, buf, len);
}

int
fhe_save_pt(const fhe_ctx *c, const fhe_pt *pt, uint8_t **buf, size_t *len)
{
	Wbuf w = {0};
	size_t words = c->scheme == FHE_BFV ? c->n : pt->nlimb * c->n;

	begin(&w, FHE_WIRE_PLAIN, c->hash);
	put_le(&w, c->scheme == FHE_BFV ? 0 : pt->nlimb, 4);
	put_le(&w, 0, 4);
	put_f64(&w, pt->scale);
	put_words(&w, pt->data, words);
	return finish(&w, buf, len);
}

int
fhe_save_sk(const fhe_ctx *c, const fhe_sk *sk, uint8_t **buf, size_t *len)
{
	Wbuf w = {0};

	begin(&w, FHE_WIRE_SECRET, c->hash);
	put_words(&w, sk->s, (c->L + 1) * c->n);
	return finish(&w, buf, len);
}

int
fhe_save_pk(const fhe_ctx *c, const fhe_pk *pk, uint8_t **buf, size_t *len)
{
	Wbuf w = {0};

	begin(&w, FHE_WIRE_PUBLIC, c->hash);
	put_words(&w, pk->p0, c->L * c->n);
	put_words(&w, pk->p1, c->L * c->n);
	return finish(&w, buf, len);
}

static size_t
kswitch_words(const fhe_ctx *c)
{
	return 2 * c->L * (c->L + 1) * c->n;
}

int
fhe_save_relin(const fhe_ctx *c, const fhe_kswitch_key *rk, uint8_t **buf, size_t *len)
{
	Wbuf w = {0};

	begin(&w, FHE_WIRE_RELIN, c->hash);
	put_le(&w, 0, 8);
	put_words(&w, rk->k, kswitch_words(c));
	return finish(&w, buf, len);
}

int
fhe_save_galois(const fhe_ctx *c, const fhe_galois_keys *gk, uint8_t **buf, size_t *len)
{
	Wbuf w = {0};

	begin(&w, FHE_WIRE_GALOIS, c->hash);
	put_le(&w, gk->count, 4);
	put_le(&w, 0, 4);
	for (size_t i = 0; i < gk->count; i++) {
		put_le(&w, gk->keys[i].galois, 4);
		put_le(&w, 0, 4);
		put_words(&w, gk->keys[i].k, kswitch_words(c));
	}
	return finish(&w, buf, len);
}

// Reading.

typedef struct Rbuf {
	const uint8_t *p;
	size_t len, off;
	char *err;
	size_t errlen;
} Rbuf;

__attribute__((format(printf, 2, 3))) static int
fail(Rbuf *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r->err == NULL || r->errlen == 0)
		return FHE_EFORMAT;
	n = snprintf(r->err, r->errlen, "byte %zu: ", r->off);
	if (n < 0 || (size_t)n >= r->errlen)
		return FHE_EFORMAT;
	va_start(ap, fmt);
	vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return FHE_EFORMAT;
}

static int
get_le(Rbuf *r, int bytes, uint64_t *v)
{
	if (r->len - r->off < (size_t)bytes)
		return 0;
	*v = 0;
	for (int i = 0; i < bytes; i++)
		*v |= (uint64_t)r->p[r->off + (size_t)i] << (8 * i);
	r->off += (size_t)bytes;
	return 1;
}

static const char *
kind_name(int kind)
{
	static const char *names[] = {"?",          "parameters",          "secret key",
	                              "public key", "relinearisation key", "Galois keys",
	                              "plaintext",  "ciphertext"};

	return kind >= 1 && kind <= 7 ? names[kind] : "unknown object";
}

// Check the header: kind, version, hash (unless hash is 0) and length.
static int
get_header(Rbuf *r, int kind, uint64_t hash, uint64_t *gothash)
{
	uint64_t ver, k, h, blen;

	if (r->len < FHE_WIRE_HEADER || memcmp(r->p, FHE_WIRE_MAGIC, 4) != 0)
		return fail(r, "not a lib/fhe object (no GFHE header)");
	r->off = 4;
	get_le(r, 2, &ver);
	get_le(r, 2, &k);
	get_le(r, 8, &h);
	get_le(r, 8, &blen);
	r->off = 4;
	if (ver != FHE_WIRE_VERSION)
		return fail(r, "format version %llu, this reader knows version %d",
		            (unsigned long long)ver, FHE_WIRE_VERSION);
	r->off = 6;
	if (k != (uint64_t)kind)
		return fail(r, "expected %s, found %s", kind_name(kind), kind_name((int)k));
	r->off = 16;
	if (blen != r->len - FHE_WIRE_HEADER)
		return fail(r, "body length %llu but %zu bytes follow the header",
		            (unsigned long long)blen, r->len - FHE_WIRE_HEADER);
	r->off = 8;
	if (hash != 0 && h != hash)
		return fail(r,
		            "%s made for other parameters (hash %016llx, these parameters "
		            "%016llx)",
		            kind_name(kind), (unsigned long long)h, (unsigned long long)hash),
		       FHE_EMISMATCH;
	if (gothash != NULL)
		*gothash = h;
	r->off = FHE_WIRE_HEADER;
	return 0;
}

// Read `count` polynomial limbs of N words each; limb j is modulo the prime
// given by modidx(j).
static int
get_limbs(Rbuf *r, const fhe_ctx *c, uint64_t *out, size_t nlimb, size_t reps, int keyprimes)
{
	const size_t n = c->n;

	if ((r->len - r->off) / 8 / n < nlimb * reps)
		return fail(r, "truncated: %zu limbs of %zu coefficients expected", nlimb * reps,
		            n);
	for (size_t rep = 0; rep < reps; rep++) {
		for (size_t j = 0; j < nlimb; j++) {
			uint64_t q = c->m[keyprimes && j == nlimb - 1 ? c->L : j].q;

			for (size_t x = 0; x < n; x++) {
				uint64_t v = 0;

				get_le(r, 8, &v);
				if (v >= q) {
					r->off -= 8;
					return fail(r, "residue %llu is not below its prime %llu",
					            (unsigned long long)v, (unsigned long long)q);
				}
				out[(rep * nlimb + j) * n + x] = v;
			}
		}
	}
	return 0;
}

static int
at_end(Rbuf *r)
{
	if (r->off != r->len)
		return fail(r, "%zu unexpected bytes after the object", r->len - r->off);
	return 0;
}

int
fhe_load_params(const uint8_t *buf, size_t len, fhe_params *p, char *err, size_t errlen)
{
	Rbuf r = {buf, len, 0, err, errlen};
	uint64_t h, scheme, insecure, logn, np, zero, t;
	int rc;

	if ((rc = get_header(&r, FHE_WIRE_PARAMS, 0, &h)) != 0)
		return rc;
	memset(p, 0, sizeof *p);
	if (!get_le(&r, 1, &scheme) || !get_le(&r, 1, &insecure) || !get_le(&r, 1, &logn) ||
	    !get_le(&r, 1, &np) || !get_le(&r, 4, &zero) || !get_le(&r, 8, &t))
		return fail(&r, "truncated parameters");
	if ((scheme != FHE_BFV && scheme != FHE_CKKS) || insecure > 1 || zero != 0)
		return fail(&r, "bad scheme or flags");
	if (logn < FHE_MIN_LOGN || logn > FHE_MAX_LOGN || np < 2 || np > FHE_MAX_PRIMES)
		return fail(&r, "bad ring degree 2^%llu or prime count %llu",
		            (unsigned long long)logn, (unsigned long long)np);
	p->scheme = (int)scheme;
	p->insecure = (int)insecure;
	p->logn = (unsigned)logn;
	p->nprimes = (size_t)np;
	p->t = t;
	for (size_t i = 0; i < p->nprimes; i++) {
		if (!get_le(&r, 8, &p->primes[i]))
			return fail(&r, "truncated prime list");
	}
	if ((rc = at_end(&r)) != 0)
		return rc;
	if (params_hash(p) != h)
		return fail(&r, "parameter hash does not match the parameters (corrupt)");
	return 0;
}

int
fhe_load_ct(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_ct *ct, char *err, size_t errlen)
{
	Rbuf r = {buf, len, 0, err, errlen};
	uint64_t size, nlimb, sc;
	double scale;
	fhe_ct t;
	int rc;

	if ((rc = get_header(&r, FHE_WIRE_CIPHER, c->hash, NULL)) != 0)
		return rc;
	if (!get_le(&r, 4, &size) || !get_le(&r, 4, &nlimb) || !get_le(&r, 8, &sc))
		return fail(&r, "truncated ciphertext header");
	memcpy(&scale, &sc, 8);
	if (size < 2 || size > 3)
		return fail(&r, "ciphertext size %llu (must be 2 or 3)", (unsigned long long)size);
	if (nlimb < 1 || nlimb > c->L || (c->scheme == FHE_BFV && nlimb != c->L))
		return fail(&r, "ciphertext uses %llu primes, parameters have %zu",
		            (unsigned long long)nlimb, c->L);
	if (!isfinite(scale) || !(scale > 0) || (c->scheme == FHE_BFV && scale != 1))
		return fail(&r, "bad scale");
	fhe_ct_init(&t);
	if ((rc = ct_resize(c, &t, (size_t)size, (size_t)nlimb)) != 0)
		return rc;
	if ((rc = get_limbs(&r, c, t.data, (size_t)nlimb, (size_t)size, 0)) != 0 ||
	    (rc = at_end(&r)) != 0) {
		fhe_ct_free(&t);
		return rc;
	}
	t.scale = scale;
	fhe_ct_free(ct);
	*ct = t;
	return 0;
}

int
fhe_load_pt(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_pt *pt, char *err, size_t errlen)
{
	Rbuf r = {buf, len, 0, err, errlen};
	uint64_t nlimb, zero, sc;
	double scale;
	size_t words;
	uint64_t *d;
	int rc;

	if ((rc = get_header(&r, FHE_WIRE_PLAIN, c->hash, NULL)) != 0)
		return rc;
	if (!get_le(&r, 4, &nlimb) || !get_le(&r, 4, &zero) || !get_le(&r, 8, &sc))
		return fail(&r, "truncated plaintext header");
	memcpy(&scale, &sc, 8);
	if (zero != 0 || (c->scheme == FHE_BFV && nlimb != 0) ||
	    (c->scheme == FHE_CKKS && (nlimb < 1 || nlimb > c->L)))
		return fail(&r, "bad plaintext level %llu", (unsigned long long)nlimb);
	if (!isfinite(scale) || !(scale > 0))
		return fail(&r, "bad scale");
	words = c->scheme == FHE_BFV ? c->n : (size_t)nlimb * c->n;
	if ((r.len - r.off) / 8 != words || (r.len - r.off) % 8 != 0)
		return fail(&r, "plaintext body has %zu bytes, expected %zu", r.len - r.off,
		            words * 8);
	d = malloc(words * sizeof(uint64_t));
	if (d == NULL)
		return FHE_ENOMEM;
	if (c->scheme == FHE_BFV) {
		for (size_t x = 0; x < words; x++) {
			get_le(&r, 8, &d[x]);
			if (d[x] >= c->prm.t) {
				free(d);
				return fail(&r, "coefficient not below the plain modulus");
			}
		}
	} else if ((rc = get_limbs(&r, c, d, (size_t)nlimb, 1, 0)) != 0) {
		free(d);
		return rc;
	}
	fhe_pt_free(pt);
	pt->data = d;
	pt->nlimb = (size_t)nlimb;
	pt->scale = scale;
	return 0;
}

int
fhe_load_sk(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_sk *sk, char *err, size_t errlen)
{
	Rbuf r = {buf, len, 0, err, errlen};
	const size_t words = (c->L + 1) * c->n;
	uint64_t *s;
	int rc;

	if ((rc = get_header(&r, FHE_WIRE_SECRET, c->hash, NULL)) != 0)
		return rc;
	if (r.len - r.off != words * 8)
		return fail(&r, "secret key body has %zu bytes, expected %zu", r.len - r.off,
		            words * 8);
	s = malloc(words * sizeof(uint64_t));
	if (s == NULL)
		return FHE_ENOMEM;
	if ((rc = get_limbs(&r, c, s, c->L + 1, 1, 1)) != 0) {
		fhe_wipe(s, words * sizeof(uint64_t));
		free(s);
		return rc;
	}
	sk->s = s;
	return 0;
}

int
fhe_load_pk(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_pk *pk, char *err, size_t errlen)
{
	Rbuf r = {buf, len, 0, err, errlen};
	const size_t words = 2 * c->L * c->n;
	uint64_t *d;
	int rc;

	if ((rc = get_header(&r, FHE_WIRE_PUBLIC, c->hash, NULL)) != 0)
		return rc;
	if (r.len - r.off != words * 8)
		return fail(&r, "public key body has %zu bytes, expected %zu", r.len - r.off,
		            words * 8);
	d = malloc(words * sizeof(uint64_t));
	if (d == NULL)
		return FHE_ENOMEM;
	if ((rc = get_limbs(&r, c, d, c->L, 2, 0)) != 0) {
		free(d);
		return rc;
	}
	pk->p0 = d;
	pk->p1 = d + c->L * c->n;
	return 0;
}

static int
get_kswitch(Rbuf *r, const fhe_ctx *c, uint32_t galois, fhe_kswitch_key *k)
{
	int rc;

	k->k = malloc(kswitch_words(c) * sizeof(uint64_t));
	if (k->k == NULL)
		return FHE_ENOMEM;
	k->galois = galois;
	if ((rc = get_limbs(r, c, k->k, c->L + 1, 2 * c->L, 1)) != 0)
		fhe_kswitch_free(k);
	return rc;
}

int
fhe_load_relin(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_kswitch_key *rk, char *err,
               size_t errlen)
{
	Rbuf r = {buf, len, 0, err, errlen};
	uint64_t g;
	int rc;

	if ((rc = get_header(&r, FHE_WIRE_RELIN, c->hash, NULL)) != 0)
		return rc;
	if (!get_le(&r, 8, &g) || g != 0)
		return fail(&r, "bad relinearisation key header");
	if (r.len - r.off != kswitch_words(c) * 8)
		return fail(&r, "relinearisation key body has %zu bytes, expected %zu",
		            r.len - r.off, kswitch_words(c) * 8);
	if ((rc = get_kswitch(&r, c, 0, rk)) != 0)
		return rc;
	return 0;
}

int
fhe_load_galois(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_galois_keys *gk, char *err,
                size_t errlen)
{
	Rbuf r = {buf, len, 0, err, errlen};
	uint64_t count = 0, zero = 0;
	fhe_galois_keys t = {0, NULL};
	int rc;

	if ((rc = get_header(&r, FHE_WIRE_GALOIS, c->hash, NULL)) != 0)
		return rc;
	if (!get_le(&r, 4, &count) || !get_le(&r, 4, &zero) || zero != 0)
		return fail(&r, "bad Galois keys header");
	if (count > c->n || (r.len - r.off) / (8 + kswitch_words(c) * 8) != count ||
	    (r.len - r.off) % (8 + kswitch_words(c) * 8) != 0)
		return fail(&r, "Galois key count %llu does not match the body length",
		            (unsigned long long)count);
	t.keys = calloc(count ? count : 1, sizeof(fhe_kswitch_key));
	if (t.keys == NULL)
		return FHE_ENOMEM;
	for (size_t i = 0; i < count; i++) {
		uint64_t g = 0;

		get_le(&r, 4, &g);
		get_le(&r, 4, &zero);
		if ((g & 1) == 0 || g >= 2 * c->n || zero != 0 || galois_find(&t, (uint32_t)g)) {
			fhe_galois_free(&t);
			return fail(&r, "bad or repeated Galois element %llu",
			            (unsigned long long)g);
		}
		if ((rc = get_kswitch(&r, c, (uint32_t)g, &t.keys[i])) != 0) {
			fhe_galois_free(&t);
			return rc;
		}
		t.count++;
	}
	*gk = t;
	return 0;
}
