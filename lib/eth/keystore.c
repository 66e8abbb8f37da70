// lib/eth/keystore.c: keystore v3 decryption (scrypt or PBKDF2, AES-128-CTR, keccak MAC)
// and encryption (scrypt).
#include "eth/keystore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/aes.h"
#include "crypto/keccak.h"
#include "crypto/pbkdf2.h"
#include "crypto/scrypt.h"
#include "eth/err.h"
#include "eth/hex.h"
#include "eth/secp.h"
#include "json/json.h"

enum { MAX_CIPHERTEXT = 64, MAX_SALT = 128 };

// A string member of obj decoded from hex (optional 0x) into out.
static int
get_hex(const struct json *obj, const char *name, uint8_t *out, size_t max, size_t *len, char *err)
{
	const char *s = json_string(json_get(obj, name));
	if (!s)
		return eth_err(err, "keystore: \"%s\" missing or not a string", name);
	if (hex_decode(s, out, max, len) < 0)
		return eth_err(err, "keystore: \"%s\" is not hex of at most %zu bytes", name, max);
	return 0;
}

static int
get_u64(const struct json *obj, const char *name, uint64_t *v, char *err)
{
	if (!json_u64(json_get(obj, name), v))
		return eth_err(err, "keystore: kdfparams \"%s\" missing or not an integer", name);
	return 0;
}

// Run the file's KDF into dk (32 bytes).
static int
derive(const struct json *crypto, const char *pw, size_t pwlen, uint8_t dk[32], char *err)
{
	const char *kdf = json_string(json_get(crypto, "kdf"));
	const struct json *kp = json_get(crypto, "kdfparams");
	uint8_t salt[MAX_SALT];
	size_t saltlen;
	uint64_t dklen, n, r, p, c;

	if (!kdf || !json_is(kp, JSON_OBJECT))
		return eth_err(err, "keystore: \"kdf\" or \"kdfparams\" missing");
	if (get_hex(kp, "salt", salt, sizeof salt, &saltlen, err) < 0 ||
	    get_u64(kp, "dklen", &dklen, err) < 0)
		return -1;
	if (dklen != 32)
		return eth_err(err, "keystore: dklen %llu unsupported (must be 32)",
		               (unsigned long long)dklen);
	if (strcmp(kdf, "scrypt") == 0) {
		if (get_u64(kp, "n", &n, err) < 0 || get_u64(kp, "r", &r, err) < 0 ||
		    get_u64(kp, "p", &p, err) < 0)
			return -1;
		if (r > UINT32_MAX || p > UINT32_MAX)
			return eth_err(err, "keystore: scrypt r or p too large");
		int rc = scrypt(pw, pwlen, salt, saltlen, n, (uint32_t)r, (uint32_t)p, dk, 32);
		if (rc == -2)
			return eth_err(err, "keystore: out of memory for scrypt n=%llu r=%llu",
			               (unsigned long long)n, (unsigned long long)r);
		if (rc < 0)
			return eth_err(err,
			               "keystore: bad scrypt parameters n=%llu r=%llu p=%llu "
			               "(n a power of 2, memory at most 1 GiB)",
			               (unsigned long long)n, (unsigned long long)r,
			               (unsigned long long)p);
		return 0;
	}
	if (strcmp(kdf, "pbkdf2") == 0) {
		const char *prf = json_string(json_get(kp, "prf"));
		if (!prf || strcmp(prf, "hmac-sha256") != 0)
			return eth_err(err, "keystore: pbkdf2 prf must be \"hmac-sha256\"");
		if (get_u64(kp, "c", &c, err) < 0)
			return -1;
		if (c == 0 || c > UINT32_MAX)
			return eth_err(err, "keystore: pbkdf2 iteration count %llu out of range",
			               (unsigned long long)c);
		return pbkdf2_sha256(pw, pwlen, salt, saltlen, (uint32_t)c, dk, 32);
	}
	return eth_err(err, "keystore: kdf \"%s\" unsupported (scrypt or pbkdf2)", kdf);
}

// Constant-time comparison, so a MAC check leaks nothing through timing.
static int
ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint8_t d = 0;
	for (size_t i = 0; i < n; i++)
		d |= a[i] ^ b[i];
	return d == 0;
}

static int
decrypt_tree(const struct json *root, const char *pw, size_t pwlen, uint8_t key[32],
             uint8_t addr[20], char *err)
{
	const struct json *crypto = json_get(root, "crypto"), *ver = json_get(root, "version");
	uint8_t ct[MAX_CIPHERTEXT], mac[32], iv[16], dk[32], want[32], got[20], a[20];
	size_t ctlen, maclen, ivlen, alen;
	uint64_t v;
	int rc = -1;
	Keccak k;
	Aes aes;

	if (!json_is(root, JSON_OBJECT))
		return eth_err(err, "keystore: top level is not a JSON object");
	if (!json_u64(ver, &v) || v != 3)
		return eth_err(err, "keystore: \"version\" must be 3");
	if (!crypto)
		crypto = json_get(root, "Crypto");
	if (!json_is(crypto, JSON_OBJECT))
		return eth_err(err, "keystore: \"crypto\" object missing");
	const char *cipher = json_string(json_get(crypto, "cipher"));
	if (!cipher || strcmp(cipher, "aes-128-ctr") != 0)
		return eth_err(err, "keystore: cipher must be \"aes-128-ctr\"");
	if (get_hex(crypto, "ciphertext", ct, sizeof ct, &ctlen, err) < 0 ||
	    get_hex(crypto, "mac", mac, sizeof mac, &maclen, err) < 0 ||
	    get_hex(json_get(crypto, "cipherparams"), "iv", iv, sizeof iv, &ivlen, err) < 0)
		return -1;
	if (ctlen != 32 || maclen != 32 || ivlen != 16)
		return eth_err(err, "keystore: ciphertext and mac must be 32 bytes, iv 16");
	if (derive(crypto, pw, pwlen, dk, err) < 0)
		goto out;
	keccak256_init(&k);
	keccak_update(&k, dk + 16, 16);
	keccak_update(&k, ct, ctlen);
	keccak_final(&k, want, 32);
	if (!ct_equal(want, mac, 32)) {
		eth_err(err, "keystore: wrong password (MAC mismatch)");
		goto out;
	}
	aes_init(&aes, dk, 16);
	aes_ctr(&aes, iv, ct, key, 32);
	aes_wipe(&aes);
	if (secp_key_to_address(key, got) < 0) {
		eth_err(err, "keystore: decrypted key is not a valid secp256k1 key");
		goto out;
	}
	// When the file names an address, it must be the key's.
	const char *as = json_string(json_get(root, "address"));
	if (as && (hex_decode(as, a, sizeof a, &alen) < 0 || alen != 20 || memcmp(a, got, 20))) {
		eth_err(err, "keystore: key decrypts but does not match the file's address %s", as);
		goto out;
	}
	if (addr)
		memcpy(addr, got, 20);
	rc = 0;
out:
	secp_wipe(dk, sizeof dk);
	if (rc < 0)
		secp_wipe(key, 32);
	return rc;
}

int
keystore_decrypt(const char *json, size_t len, const char *password, size_t pwlen, uint8_t key[32],
                 uint8_t addr[20], char *err)
{
	struct json_error je;
	char where[160];
	struct json *root = json_parse(json, len, &je);
	int rc;

	if (!root) {
		json_strerror(&je, where, sizeof where);
		return eth_err(err, "keystore: not valid JSON: %s", where);
	}
	rc = decrypt_tree(root, password, pwlen, key, addr, err);
	json_free(root);
	return rc;
}

static void
put_hex(struct json_writer *w, const uint8_t *b, size_t n)
{
	char s[2 * 64 + 1];
	hex_encode(b, n, s);
	jw_str(w, s);
}

// A version 4 (random) UUID in its 8-4-4-4-12 text form.
static void
uuid_text(const uint8_t in[16], char out[37])
{
	uint8_t u[16];
	char h[33];
	memcpy(u, in, 16);
	u[6] = (u[6] & 0x0f) | 0x40;
	u[8] = (u[8] & 0x3f) | 0x80;
	hex_encode(u, 16, h);
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
}

char *
keystore_encrypt(const uint8_t key[32], const char *password, size_t pwlen, uint64_t n, uint32_t r,
                 uint32_t p, const struct keystore_rand *rnd, char *err)
{
	uint8_t dk[32], ct[32], mac[32], iv[16], addr[20];
	char id[37];
	struct json_writer w;
	Keccak k;
	Aes aes;
	char *out;
	int rc;

	if (secp_key_to_address(key, addr) < 0) {
		eth_err(err, "keystore: not a valid secp256k1 secret key");
		return NULL;
	}
	rc = scrypt(password, pwlen, rnd->salt, sizeof rnd->salt, n, r, p, dk, 32);
	if (rc < 0) {
		eth_err(err, rc == -2 ? "keystore: out of memory for scrypt"
		                      : "keystore: bad scrypt parameters (n a power of 2)");
		return NULL;
	}
	memcpy(iv, rnd->iv, 16);
	aes_init(&aes, dk, 16);
	aes_ctr(&aes, iv, key, ct, 32);
	aes_wipe(&aes);
	keccak256_init(&k);
	keccak_update(&k, dk + 16, 16);
	keccak_update(&k, ct, 32);
	keccak_final(&k, mac, 32);
	secp_wipe(dk, sizeof dk);
	uuid_text(rnd->uuid, id);

	jw_init(&w);
	jw_obj(&w);
	jw_key(&w, "address");
	put_hex(&w, addr, 20);
	jw_key(&w, "crypto");
	jw_obj(&w);
	jw_key(&w, "cipher");
	jw_str(&w, "aes-128-ctr");
	jw_key(&w, "cipherparams");
	jw_obj(&w);
	jw_key(&w, "iv");
	put_hex(&w, rnd->iv, 16);
	jw_obj_end(&w);
	jw_key(&w, "ciphertext");
	put_hex(&w, ct, 32);
	jw_key(&w, "kdf");
	jw_str(&w, "scrypt");
	jw_key(&w, "kdfparams");
	jw_obj(&w);
	jw_key(&w, "dklen");
	jw_u64(&w, 32);
	jw_key(&w, "n");
	jw_u64(&w, n);
	jw_key(&w, "p");
	jw_u64(&w, p);
	jw_key(&w, "r");
	jw_u64(&w, r);
	jw_key(&w, "salt");
	put_hex(&w, rnd->salt, 32);
	jw_obj_end(&w);
	jw_key(&w, "mac");
	put_hex(&w, mac, 32);
	jw_obj_end(&w);
	jw_key(&w, "id");
	jw_str(&w, id);
	jw_key(&w, "version");
	jw_u64(&w, 3);
	jw_obj_end(&w);
	out = jw_finish(&w, NULL);
	if (!out)
		eth_err(err, "keystore: out of memory");
	return out;
}
