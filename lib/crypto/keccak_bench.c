// lib/crypto/keccak_bench.c: Keccak-256 throughput against OpenSSL's SHA3-256
// (the same permutation and rate; only the padding byte differs), on 1 MiB
// buffers in this process and the same run. Prints one `bench keccak256`
// line (DESIGN section 9).
//
// The baseline is OpenSSL through Python's hashlib.sha3_256, which on this
// Debian is OpenSSL's EVP SHA3-256 (hashlib prints it as
// openssl_sha3_256): one call hashes the whole 1 MiB buffer, so Python's
// per-call overhead (about a microsecond) is below 0.1% of the ~2 ms the
// hash takes. Linking OpenSSL's libcrypto here instead would clash with the
// name of our own libcrypto.a. Ours and the baseline are measured in
// alternating rounds of about 0.3 s each and the median of the rounds is
// reported, so load from other processes on the machine hits both alike.
#include "crypto/bench.h"
#include "crypto/keccak.h"

int
main(void)
{
	return bench_hash_main("keccak256", keccak256, "sha3_256");
}
