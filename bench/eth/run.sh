#!/bin/sh
# bench/eth/run.sh: the Ethereum benchmarks of bench/suites, each built (opt
# mode) and run from the repository root; see docs/eth.md and docs/contracts.md.
#   keccak256     lib/crypto/keccak_bench: Keccak-256 MB/s vs OpenSSL SHA3-256
#   secp256k1     lib/eth/secp_bench: signs and recoveries per second vs ethers
#   job-gas       contracts/gas_bench.sh: gas of one f = 1 job on anvil vs 600000
#   crypto-hash   lib/crypto hash_bench (SHA-256) and kdf_bench (scrypt, PBKDF2)
# Usage: bench/eth/run.sh NAME
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd -P)

# Build lib/LIB's benchmark PROG in opt mode and run it.
run() {
	make -s -C "lib/$1" MODE=opt "$top/build/host/opt/obj/$1/$2"
	"$top/build/host/opt/obj/$1/$2"
}

case "${1:-}" in
keccak256) run crypto keccak_bench ;;
secp256k1) run eth secp_bench ;;
job-gas) bash contracts/gas_bench.sh ;;
crypto-hash)
	run crypto hash_bench
	run crypto kdf_bench
	;;
*)
	echo "usage: bench/eth/run.sh keccak256|secp256k1|job-gas|crypto-hash" >&2
	exit 2
	;;
esac
