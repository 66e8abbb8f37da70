// lib/fhe/fhe.h: the public interface of lib/fhe, Gremlin's RLWE homomorphic
// encryption library: BFV (exact integer arithmetic on N slots modulo t) and
// CKKS (approximate arithmetic on N/2 complex slots), over an RNS
// representation with a negacyclic NTT on 64-bit primes (see docs/fhe.md).
//
// Every function that can fail returns 0 or a negative FHE_E* code;
// fhe_strerror() turns a code into a sentence. Ciphertexts and CKKS
// plaintexts are kept in NTT form. Parameter sets are checked against the
// HomomorphicEncryption.org 128-bit table unless marked insecure.
#ifndef FHE_FHE_H
#define FHE_FHE_H

#include <stddef.h>
#include <stdint.h>

#define FHE_MAX_PRIMES 32
#define FHE_MIN_LOGN 2
#define FHE_MAX_LOGN 15

enum { FHE_BFV = 1, FHE_CKKS = 2 };

enum {
	FHE_OK = 0,
	FHE_ENOMEM = -1,
	FHE_EPARAM = -2,    // invalid or insecure parameters
	FHE_ELEVEL = -3,    // operands at different levels / no level left
	FHE_ESCALE = -4,    // CKKS operands with different scales
	FHE_ESIZE = -5,     // wrong ciphertext size (e.g. relinearise a size-2 ciphertext)
	FHE_ENOKEY = -6,    // no Galois key for this rotation
	FHE_ERANGE = -7,    // a value does not fit (encoding)
	FHE_EFORMAT = -8,   // malformed serialized object
	FHE_EMISMATCH = -9, // object made for other parameters
	FHE_ESCHEME = -10,  // operation not defined for this scheme
	FHE_ERANDOM = -11,  // the operating system gave no randomness
};

const char *fhe_strerror(int err);

// Parameters. primes[0..nprimes-2] are the data primes q_i; primes[nprimes-1]
// is the special prime used by key switching (as in SEAL). t is the BFV plain
// modulus (a prime = 1 mod 2N, for batching); 0 for CKKS.
typedef struct fhe_params {
	int scheme;
	unsigned logn;
	size_t nprimes;
	uint64_t primes[FHE_MAX_PRIMES];
	uint64_t t;
	int insecure; // allow a modulus beyond the 128-bit bound (tests only)
} fhe_params;

// Fill p with primes of the given bit sizes chosen as SEAL's
// CoeffModulus::Create does (the largest primes = 1 mod 2N of each size).
int fhe_params_from_bits(fhe_params *p, int scheme, unsigned logn, const unsigned *bits,
                         size_t nbits, uint64_t t);
// The largest prime of the given bit size that is 1 mod 2N (for t).
uint64_t fhe_batching_prime(unsigned logn, unsigned bits);
// The largest total modulus size for N = 2^logn at 128-bit security, or 0.
unsigned fhe_max_logq(unsigned logn);

typedef struct fhe_ctx fhe_ctx;

// Check p and precompute everything; on failure return NULL and put a
// sentence saying why into err.
fhe_ctx *fhe_ctx_new(const fhe_params *p, char *err, size_t errlen);
void fhe_ctx_free(fhe_ctx *c);
const fhe_params *fhe_ctx_params(const fhe_ctx *c);
size_t fhe_ctx_n(const fhe_ctx *c);
size_t fhe_ctx_slots(const fhe_ctx *c);  // N for BFV, N/2 for CKKS
size_t fhe_ctx_levels(const fhe_ctx *c); // number of data primes L
uint64_t fhe_ctx_hash(const fhe_ctx *c);

// Randomness: ChaCha20 keyed from the operating system (fhe_os_random).
typedef struct fhe_rng {
	uint32_t key[8];
	uint32_t nonce[3];
	uint32_t ctr;
	uint8_t buf[64];
	size_t pos;
} fhe_rng;

int fhe_os_random(void *buf, size_t len);
int fhe_rng_init(fhe_rng *r);
void fhe_rng_seed(fhe_rng *r, const uint8_t seed[32]); // deterministic, tests only
void fhe_rng_bytes(fhe_rng *r, void *buf, size_t len);
void fhe_rng_wipe(fhe_rng *r);
// Overwrite memory holding a secret (not optimised away).
void fhe_wipe(void *p, size_t n);
void fhe_chacha20_block(const uint32_t key[8], uint32_t ctr, const uint32_t nonce[3],
                        uint8_t out[64]);

// A polynomial over nlimb primes, limb i at data[i*N], in NTT form.
typedef struct fhe_ct {
	size_t size;  // number of polynomials (2, or 3 after a multiplication)
	size_t nlimb; // number of data primes in use (the level + 1)
	double scale; // CKKS scale; 1 for BFV
	uint64_t *data;
} fhe_ct;

// A BFV plaintext: N coefficients modulo t. A CKKS plaintext: an RNS
// polynomial in NTT form over nlimb primes with a scale.
typedef struct fhe_pt {
	size_t nlimb;
	double scale;
	uint64_t *data;
} fhe_pt;

typedef struct fhe_sk {
	uint64_t *s; // NTT form over all L+1 key primes
} fhe_sk;

typedef struct fhe_pk {
	uint64_t *p0, *p1; // NTT form over the L data primes
} fhe_pk;

// A key-switching key: for each data prime i, a pair over the L+1 key primes.
typedef struct fhe_kswitch_key {
	uint32_t galois; // Galois element, or 0 for the relinearisation key
	uint64_t *k;     // L pairs x 2 polys x (L+1) limbs x N
} fhe_kswitch_key;

typedef struct fhe_galois_keys {
	size_t count;
	fhe_kswitch_key *keys;
} fhe_galois_keys;

void fhe_ct_init(fhe_ct *ct);
void fhe_ct_free(fhe_ct *ct);
int fhe_ct_copy(const fhe_ctx *c, fhe_ct *dst, const fhe_ct *src);
void fhe_pt_init(fhe_pt *pt);
void fhe_pt_free(fhe_pt *pt);
void fhe_sk_free(const fhe_ctx *c, fhe_sk *sk);
void fhe_pk_free(fhe_pk *pk);
void fhe_kswitch_free(fhe_kswitch_key *k);
void fhe_galois_free(fhe_galois_keys *g);

// Keys.
int fhe_keygen_secret(const fhe_ctx *c, fhe_rng *r, fhe_sk *sk);
int fhe_keygen_public(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, fhe_pk *pk);
int fhe_keygen_relin(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, fhe_kswitch_key *rk);
// Galois keys for the given rotation steps (row rotations; 0 means the
// column swap / complex conjugation).
int fhe_keygen_galois(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, const int *steps,
                      size_t nsteps, fhe_galois_keys *gk);
uint32_t fhe_galois_elt(const fhe_ctx *c, int step);

// Encoding. BFV: values modulo t, up to N of them (the rest are 0); slot i
// of row 0 is i, of row 1 is N/2+i. CKKS: up to N/2 complex values.
int fhe_bfv_encode(const fhe_ctx *c, const uint64_t *v, size_t nv, fhe_pt *pt);
int fhe_bfv_decode(const fhe_ctx *c, const fhe_pt *pt, uint64_t *v); // N values
int fhe_ckks_encode(const fhe_ctx *c, const double *re, const double *im, size_t nv, double scale,
                    size_t nlimb, fhe_pt *pt);
int fhe_ckks_decode(const fhe_ctx *c, const fhe_pt *pt, double *re, double *im); // N/2 each

// Encryption and decryption (both schemes).
int fhe_encrypt(const fhe_ctx *c, fhe_rng *r, const fhe_pk *pk, const fhe_pt *pt, fhe_ct *ct);
int fhe_encrypt_sk(const fhe_ctx *c, fhe_rng *r, const fhe_sk *sk, const fhe_pt *pt, fhe_ct *ct);
int fhe_decrypt(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct, fhe_pt *pt);
// BFV: the invariant noise budget in bits (0 when decryption would fail).
int fhe_noise_budget(const fhe_ctx *c, const fhe_sk *sk, const fhe_ct *ct);

// Evaluation (both schemes unless noted). out may alias an input.
int fhe_add(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b);
int fhe_sub(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b);
int fhe_negate(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a);
int fhe_add_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p);
int fhe_mul_plain(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_pt *p);
int fhe_mul(const fhe_ctx *c, fhe_ct *out, const fhe_ct *a, const fhe_ct *b);
int fhe_relin(const fhe_ctx *c, fhe_ct *ct, const fhe_kswitch_key *rk);
int fhe_rotate(const fhe_ctx *c, fhe_ct *ct, int steps, const fhe_galois_keys *gk);
int fhe_conjugate(const fhe_ctx *c, fhe_ct *ct, const fhe_galois_keys *gk); // BFV: swap rows
int fhe_rescale(const fhe_ctx *c, fhe_ct *ct);                              // CKKS only
int fhe_drop_level(const fhe_ctx *c, fhe_ct *ct, size_t nlimb);             // CKKS only

// Serialization (format in fhe_wire.h). fhe_save_* return a malloc'd buffer.
int fhe_save_params(const fhe_params *p, uint8_t **buf, size_t *len);
int fhe_load_params(const uint8_t *buf, size_t len, fhe_params *p, char *err, size_t errlen);
int fhe_save_ct(const fhe_ctx *c, const fhe_ct *ct, uint8_t **buf, size_t *len);
int fhe_load_ct(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_ct *ct, char *err,
                size_t errlen);
int fhe_save_pt(const fhe_ctx *c, const fhe_pt *pt, uint8_t **buf, size_t *len);
int fhe_load_pt(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_pt *pt, char *err,
                size_t errlen);
int fhe_save_sk(const fhe_ctx *c, const fhe_sk *sk, uint8_t **buf, size_t *len);
int fhe_load_sk(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_sk *sk, char *err,
                size_t errlen);
int fhe_save_pk(const fhe_ctx *c, const fhe_pk *pk, uint8_t **buf, size_t *len);
int fhe_load_pk(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_pk *pk, char *err,
                size_t errlen);
int fhe_save_relin(const fhe_ctx *c, const fhe_kswitch_key *rk, uint8_t **buf, size_t *len);
int fhe_load_relin(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_kswitch_key *rk, char *err,
                   size_t errlen);
int fhe_save_galois(const fhe_ctx *c, const fhe_galois_keys *gk, uint8_t **buf, size_t *len);
int fhe_load_galois(const fhe_ctx *c, const uint8_t *buf, size_t len, fhe_galois_keys *gk,
                    char *err, size_t errlen);

#endif
