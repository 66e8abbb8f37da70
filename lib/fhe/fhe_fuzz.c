// lib/fhe/fhe_fuzz.c: libFuzzer target for the lib/fhe readers. The first
// byte picks the object kind, the rest is the serialized object, read against
// small fixed (insecure, N = 16) BFV and CKKS parameters. Whatever loads is
// then used (decrypted, multiplied, rotated) so that accepted objects are
// proven safe to compute with, not only to parse.
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe.h"

static fhe_ctx *ctx[2];
static fhe_sk sk[2];
static fhe_kswitch_key rk[2];
static fhe_galois_keys gk[2];

static void
setup(void)
{
	static const unsigned bits[] = {30, 30, 31};
	uint8_t seed[32] = {1};
	fhe_rng r;

	fhe_rng_seed(&r, seed);
	for (int i = 0; i < 2; i++) {
		fhe_params p;
		int steps[] = {1, 0};

		fhe_params_from_bits(&p, i ? FHE_CKKS : FHE_BFV, 4, bits, 3, i ? 0 : 97);
		p.insecure = 1;
		ctx[i] = fhe_ctx_new(&p, NULL, 0);
		if (ctx[i] == NULL)
			abort();
		fhe_keygen_secret(ctx[i], &r, &sk[i]);
		fhe_keygen_relin(ctx[i], &r, &sk[i], &rk[i]);
		fhe_keygen_galois(ctx[i], &r, &sk[i], steps, 2, &gk[i]);
	}
}

static void
use_ct(fhe_ctx *c, int s, const fhe_ct *ct)
{
	fhe_ct r;
	fhe_pt pt;
	uint64_t v[16];
	double re[8], im[8];

	fhe_ct_init(&r);
	fhe_pt_init(&pt);
	if (fhe_decrypt(c, &sk[s], ct, &pt) == 0) {
		if (s == 0)
			fhe_bfv_decode(c, &pt, v);
		else
			fhe_ckks_decode(c, &pt, re, im);
	}
	if (fhe_mul(c, &r, ct, ct) == 0)
		fhe_relin(c, &r, &rk[s]);
	fhe_ct_copy(c, &r, ct);
	fhe_rotate(c, &r, 1, &gk[s]);
	fhe_add(c, &r, &r, ct);
	if (s == 1)
		fhe_rescale(c, &r);
	else
		fhe_noise_budget(c, &sk[s], ct);
	fhe_ct_free(&r);
	fhe_pt_free(&pt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	int kind, s;
	fhe_ctx *c;

	if (ctx[0] == NULL)
		setup();
	if (size < 1)
		return 0;
	kind = data[0] & 7;
	s = (data[0] >> 3) & 1;
	c = ctx[s];
	data++;
	size--;
	switch (kind) {
	case 0: {
		fhe_params p;

		if (fhe_load_params(data, size, &p, err, sizeof err) == 0)
			fhe_ctx_free(fhe_ctx_new(&p, err, sizeof err));
		break;
	}
	case 1: {
		fhe_ct ct;

		fhe_ct_init(&ct);
		if (fhe_load_ct(c, data, size, &ct, err, sizeof err) == 0)
			use_ct(c, s, &ct);
		fhe_ct_free(&ct);
		break;
	}
	case 2: {
		fhe_pt pt;
		uint64_t v[16];
		double re[8];

		fhe_pt_init(&pt);
		if (fhe_load_pt(c, data, size, &pt, err, sizeof err) == 0) {
			if (s == 0)
				fhe_bfv_decode(c, &pt, v);
			else
				fhe_ckks_decode(c, &pt, re, NULL);
		}
		fhe_pt_free(&pt);
		break;
	}
	case 3: {
		fhe_sk k = {0};

		if (fhe_load_sk(c, data, size, &k, err, sizeof err) == 0)
			fhe_sk_free(c, &k);
		break;
	}
	case 4: {
		fhe_pk k = {0, 0};

		if (fhe_load_pk(c, data, size, &k, err, sizeof err) == 0)
			fhe_pk_free(&k);
		break;
	}
	case 5: {
		fhe_kswitch_key k = {0, 0};

		if (fhe_load_relin(c, data, size, &k, err, sizeof err) == 0)
			fhe_kswitch_free(&k);
		break;
	}
	default: {
		fhe_galois_keys g = {0, 0};

		if (fhe_load_galois(c, data, size, &g, err, sizeof err) == 0)
			fhe_galois_free(&g);
		break;
	}
	}
	return 0;
}
