// lib/eth/keystore_test.c: keystore v3 tests: the Web3 Secret Storage definition's PBKDF2 and
// scrypt test vectors, round trips, wrong passwords and malformed files.
#include "eth/keystore.h"
#include "eth/hex.h"
#include "tap/tap.h"

#include <stdlib.h>
#include <string.h>

static const char spec_pbkdf2[] =
        "{\"crypto\":{\"cipher\":\"aes-128-ctr\",\"cipherparams\":{\"iv\":"
        "\"6087dab2f9fdbbfaddc31a909735c1e6\"},\"ciphertext\":"
        "\"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46\",\"kdf\":\"pbkdf2\","
        "\"kdfparams\":{\"c\":262144,\"dklen\":32,\"prf\":\"hmac-sha256\",\"salt\":"
        "\"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd\"},\"mac\":"
        "\"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2\"},"
        "\"id\":\"3198bc9c-6672-5ab3-d995-4942343ae5b6\",\"version\":3}";

static const char spec_scrypt[] =
        "{\"crypto\":{\"cipher\":\"aes-128-ctr\",\"cipherparams\":{\"iv\":"
        "\"83dbcc02d8ccb40e466191a123791e0e\"},\"ciphertext\":"
        "\"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c\",\"kdf\":\"scrypt\","
        "\"kdfparams\":{\"dklen\":32,\"n\":262144,\"p\":8,\"r\":1,\"salt\":"
        "\"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19\"},\"mac\":"
        "\"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097\"},"
        "\"id\":\"3198bc9c-6672-5ab3-d995-4942343ae5b6\",\"version\":3}";

static const char spec_key[] = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

static int
key_is(const uint8_t key[32], const char *hex)
{
	char h[65];
	hex_encode(key, 32, h);
	return strcmp(h, hex) == 0;
}

static void
test_spec_vectors(void)
{
	uint8_t key[32];
	char err[ETH_ERRLEN] = "";

	int rc = keystore_decrypt(spec_pbkdf2, strlen(spec_pbkdf2), "testpassword", 12, key, NULL,
	                          err);
	tap_ok(rc == 0 && key_is(key, spec_key), "spec PBKDF2 vector decrypts %s", err);
	rc = keystore_decrypt(spec_scrypt, strlen(spec_scrypt), "testpassword", 12, key, NULL, err);
	tap_ok(rc == 0 && key_is(key, spec_key), "spec scrypt vector decrypts %s", err);
	rc = keystore_decrypt(spec_pbkdf2, strlen(spec_pbkdf2), "testpassworD", 12, key, NULL, err);
	tap_ok(rc == -1 && strstr(err, "wrong password"), "wrong password: %s", err);
}

static void
test_round_trip(void)
{
	uint8_t key[32], back[32], addr[20];
	struct keystore_rand rnd;
	char err[ETH_ERRLEN] = "";

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)(i + 1);
	memset(&rnd, 0x5a, sizeof rnd);
	char *js = keystore_encrypt(key, "pw", 2, 1024, 8, 1, &rnd, err);
	tap_ok(js != NULL, "encrypt with n=1024 %s", err);
	if (!js)
		return;
	tap_ok(strstr(js, "\"id\":\"5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a\"") != NULL,
	       "id is a version 4 UUID");
	int rc = keystore_decrypt(js, strlen(js), "pw", 2, back, addr, err);
	tap_ok(rc == 0 && memcmp(key, back, 32) == 0, "decrypts to the same key %s", err);
	char ah[41];
	hex_encode(addr, 20, ah);
	tap_ok(strstr(js, ah) != NULL, "address field is the key's address %s", ah);
	rc = keystore_decrypt(js, strlen(js), "px", 2, back, NULL, err);
	tap_ok(rc == -1 && strstr(err, "wrong password"), "wrong password rejected: %s", err);

	// The same file with its address field changed is refused.
	char *bad = strdup(js);
	char *p = strstr(bad, ah);
	p[0] = p[0] == '0' ? '1' : '0';
	rc = keystore_decrypt(bad, strlen(bad), "pw", 2, back, NULL, err);
	tap_ok(rc == -1 && strstr(err, "does not match"), "address mismatch: %s", err);
	free(bad);
	free(js);
	memset(key, 0, 32);
	js = keystore_encrypt(key, "pw", 2, 1024, 8, 1, &rnd, err);
	tap_ok(js == NULL && strstr(err, "not a valid"), "zero key refused: %s", err);
}

static void
test_malformed(void)
{
	static const char *files[] = {
	        "",
	        "[]",
	        "{\"version\":2}",
	        "{\"version\":3}",
	        "{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-cbc\"}}",
	        "{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-ctr\",\"ciphertext\":\"zz\"}}",
	        "{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-ctr\",\"ciphertext\":\"00\","
	        "\"mac\":\"00\",\"cipherparams\":{\"iv\":\"00\"}}}",
	        "{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-ctr\",\"ciphertext\":"
	        "\"0000000000000000000000000000000000000000000000000000000000000000\",\"mac\":"
	        "\"0000000000000000000000000000000000000000000000000000000000000000\","
	        "\"cipherparams\":{\"iv\":\"00000000000000000000000000000000\"},\"kdf\":"
	        "\"scrypt\",\"kdfparams\":{\"dklen\":32,\"n\":1000,\"r\":8,\"p\":1,\"salt\":\"00\"}"
	        "}}",
	        "{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-ctr\",\"ciphertext\":"
	        "\"0000000000000000000000000000000000000000000000000000000000000000\",\"mac\":"
	        "\"0000000000000000000000000000000000000000000000000000000000000000\","
	        "\"cipherparams\":{\"iv\":\"00000000000000000000000000000000\"},\"kdf\":"
	        "\"argon2\",\"kdfparams\":{\"dklen\":32,\"salt\":\"00\"}}}",
	};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		uint8_t key[32];
		char err[ETH_ERRLEN] = "";
		int rc = keystore_decrypt(files[i], strlen(files[i]), "x", 1, key, NULL, err);
		tap_ok(rc == -1 && strncmp(err, "keystore: ", 10) == 0, "malformed file %zu: %s", i,
		       err);
	}
}

int
main(void)
{
	test_spec_vectors();
	test_round_trip();
	test_malformed();
	return tap_done();
}
