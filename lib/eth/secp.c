// lib/eth/secp.c: secp256k1 for Ethereum on top of libsecp256k1 (see secp.h).
//
// One context is created on first use and kept; libsecp256k1 contexts are
// read-only after creation, so sharing it is safe once it exists.
#include <string.h>

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include "crypto/keccak.h"
#include "eth/secp.h"

// The group order n, and n/2 (the largest low S), big-endian.
static const uint8_t ORDER[32] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48,
        0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
};
static const uint8_t HALF_ORDER[32] = {
        0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4,
        0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
};

static secp256k1_context *ctx;

static secp256k1_context *
context(void)
{
	if (ctx == NULL)
		ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
	return ctx;
}

void
secp_wipe(void *p, size_t n)
{
	volatile uint8_t *v = p;

	while (n-- > 0)
		*v++ = 0;
}

// memcmp for big-endian numbers of equal length.
static int
becmp(const uint8_t *a, const uint8_t *b, size_t n)
{
	return memcmp(a, b, n);
}

static int
iszero(const uint8_t *a, size_t n)
{
	uint8_t acc = 0;

	while (n-- > 0)
		acc |= *a++;
	return acc == 0;
}

// 1 when 0 < x < n.
static int
in_range(const uint8_t x[32])
{
	return !iszero(x, 32) && becmp(x, ORDER, 32) < 0;
}

int
secp_is_low_s(const uint8_t s[32])
{
	return becmp(s, HALF_ORDER, 32) <= 0;
}

int
secp_seckey_valid(const uint8_t key[32])
{
	return context() != NULL && secp256k1_ec_seckey_verify(ctx, key) == 1;
}

// Serialize a libsecp256k1 public key as X || Y.
static int
export_pub(const secp256k1_pubkey *pk, uint8_t pub[64])
{
	uint8_t out[65];
	size_t n = sizeof out;

	if (!secp256k1_ec_pubkey_serialize(ctx, out, &n, pk, SECP256K1_EC_UNCOMPRESSED) || n != 65)
		return -1;
	memcpy(pub, out + 1, 64);
	return 0;
}

int
secp_pubkey(const uint8_t key[32], uint8_t pub[64])
{
	secp256k1_pubkey pk;

	if (context() == NULL || !secp256k1_ec_pubkey_create(ctx, &pk, key))
		return -1;
	return export_pub(&pk, pub);
}

void
secp_pub_to_address(const uint8_t pub[64], uint8_t addr[20])
{
	uint8_t h[32];

	keccak256(pub, 64, h);
	memcpy(addr, h + 12, 20);
}

int
secp_key_to_address(const uint8_t key[32], uint8_t addr[20])
{
	uint8_t pub[64];

	if (secp_pubkey(key, pub) < 0)
		return -1;
	secp_pub_to_address(pub, addr);
	return 0;
}

int
secp_pubkey_parse(const uint8_t *in, size_t len, uint8_t pub[64])
{
	secp256k1_pubkey pk;

	if (len != 33 && len != 65)
		return -1;
	if (context() == NULL || !secp256k1_ec_pubkey_parse(ctx, &pk, in, len))
		return -1;
	return export_pub(&pk, pub);
}

int
secp_sign(const uint8_t key[32], const uint8_t hash[32], EthSig *sig)
{
	secp256k1_ecdsa_recoverable_signature rs;
	uint8_t compact[64];
	int recid, ok;

	if (context() == NULL)
		return -1;
	// A NULL nonce function selects libsecp256k1's RFC 6979 default.
	ok = secp256k1_ecdsa_sign_recoverable(ctx, &rs, hash, key, NULL, NULL);
	ok = ok &&
	     secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact, &recid, &rs);
	secp_wipe(&rs, sizeof rs);
	if (!ok || recid < 0 || recid > 1 || !secp_is_low_s(compact + 32))
		return -1;
	memcpy(sig->r, compact, 32);
	memcpy(sig->s, compact + 32, 32);
	sig->v = (uint8_t)recid;
	return 0;
}

int
secp_recover(const uint8_t hash[32], const EthSig *sig, uint8_t pub[64])
{
	secp256k1_ecdsa_recoverable_signature rs;
	secp256k1_pubkey pk;
	uint8_t compact[64];

	if (sig->v > 1 || !in_range(sig->r) || !in_range(sig->s) || !secp_is_low_s(sig->s))
		return -1;
	memcpy(compact, sig->r, 32);
	memcpy(compact + 32, sig->s, 32);
	if (context() == NULL ||
	    !secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rs, compact, sig->v) ||
	    !secp256k1_ecdsa_recover(ctx, &pk, &rs, hash))
		return -1;
	return export_pub(&pk, pub);
}

int
secp_recover_address(const uint8_t hash[32], const EthSig *sig, uint8_t addr[20])
{
	uint8_t pub[64];

	if (secp_recover(hash, sig, pub) < 0)
		return -1;
	secp_pub_to_address(pub, addr);
	return 0;
}

int
secp_verify(const uint8_t pub[64], const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
            int allow_high_s)
{
	secp256k1_ecdsa_signature es;
	secp256k1_pubkey pk;
	uint8_t buf[65];

	if (!in_range(r) || !in_range(s))
		return -1;
	if (!secp_is_low_s(s) && !allow_high_s)
		return -1;
	buf[0] = 0x04;
	memcpy(buf + 1, pub, 64);
	if (context() == NULL || !secp256k1_ec_pubkey_parse(ctx, &pk, buf, 65))
		return -1;
	memcpy(buf, r, 32);
	memcpy(buf + 32, s, 32);
	if (!secp256k1_ecdsa_signature_parse_compact(ctx, &es, buf))
		return -1;
	secp256k1_ecdsa_signature_normalize(ctx, &es, &es);
	return secp256k1_ecdsa_verify(ctx, &es, hash, &pk) == 1 ? 0 : -1;
}

// One DER INTEGER at *p (end at end) holding a positive number below n, in
// minimal form, into out (32 bytes, big-endian). Advances *p.
static int
der_int(const uint8_t **p, const uint8_t *end, uint8_t out[32])
{
	const uint8_t *q = *p;
	size_t n;

	if (end - q < 2 || q[0] != 0x02)
		return -1;
	n = q[1];
	q += 2;
	// Lengths of 128 and more need the long form, which no valid signature has.
	if (n == 0 || n > 0x7f || (size_t)(end - q) < n)
		return -1;
	// Negative, or a leading zero that is not needed for the sign bit.
	if (q[0] & 0x80)
		return -1;
	if (n > 1 && q[0] == 0 && !(q[1] & 0x80))
		return -1;
	if (q[0] == 0) {
		q++;
		n--;
	}
	if (n > 32)
		return -1;
	memset(out, 0, 32);
	memcpy(out + 32 - n, q, n);
	*p = q + n;
	return in_range(out) ? 0 : -1;
}

int
secp_der_parse(const uint8_t *der, size_t len, uint8_t r[32], uint8_t s[32])
{
	const uint8_t *p = der, *end;

	// SEQUENCE with a short-form length covering exactly the rest.
	if (len < 2 || der[0] != 0x30 || der[1] > 0x7f || (size_t)der[1] != len - 2)
		return -1;
	p = der + 2;
	end = der + len;
	if (der_int(&p, end, r) < 0 || der_int(&p, end, s) < 0)
		return -1;
	return p == end ? 0 : -1;
}
