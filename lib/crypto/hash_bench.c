// lib/crypto/hash_bench.c: SHA-256 throughput against OpenSSL's SHA-256
// (Python's hashlib.sha256) on 1 MiB buffers; the harness and why hashlib is
// the baseline are in bench.h and keccak_bench.c. Prints one `bench sha256`
// line (DESIGN section 9).
#include "crypto/bench.h"
#include "crypto/sha256.h"

int
main(void)
{
	return bench_hash_main("sha256", sha256, "sha256");
}
