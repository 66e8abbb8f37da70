#!/bin/bash
# bench/fhe/run.sh: the lib/fhe benchmark: our timings (lib/fhe/fhe_bench.c)
# and Microsoft SEAL's (node-seal 6.0.3, bench/fhe/seal_bench.js) at identical
# parameters in the same invocation, joined into one bench line per figure:
#   bench fhe-<bfv|ckks>-<N>-<op> ours=<us> baseline=<us> ratio=<ours/seal> unit=us
# Medians of FHE_BENCH_RUNS runs (default 15); lower is better.
# Usage (from the repository root): bench/fhe/run.sh [maxlogn (12..14, default 14)]
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
MAXLOGN=${1:-14}
make -s -C "$TOP/lib/fhe" MODE=opt "$TOP/build/host/opt/obj/fhe/fhe_bench"
T=$(mktemp)
trap 'rm -f "$T"' EXIT
"$TOP/build/host/opt/obj/fhe/fhe_bench" "$MAXLOGN" > "$T"
NODE_PATH="$TOP/tools/node/node_modules" node "$TOP/bench/fhe/seal_bench.js" "$MAXLOGN" >> "$T"
awk '
	$1 == "ours" { ours[$2] = $3; order[++n] = $2 }
	$1 == "seal" { seal[$2] = $3 }
	END {
		for (i = 1; i <= n; i++) {
			k = order[i]
			if (!(k in seal)) { print "bench " k " ours=" ours[k] " baseline=missing unit=us"; continue }
			printf "bench %s ours=%s baseline=%s ratio=%.3f unit=us\n", k, ours[k], seal[k], ours[k] / seal[k]
		}
	}' "$T"
