#!/bin/bash
# contracts/gas_bench.sh: build the contracts, start anvil on a free 127.0.0.1 port,
# run gas_bench.js against it (one f = 1 job's gas from real receipts), and
# always stop anvil (trap). Run from the repository root.
set -u
anvil=tools/node/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
build=build/contracts
log=$(mktemp)
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -f "$log"
}
trap cleanup EXIT INT TERM

if [ ! -x "$anvil" ]; then
	echo "gas_bench: anvil not found at $anvil (run tools/deps)" >&2
	exit 1
fi
NODE_PATH=tools/node/node_modules node contracts/build.js "$build" || exit 1
"$anvil" --host 127.0.0.1 --port 0 >"$log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 100); do
	url=$(grep -o 'Listening on 127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/Listening on /http:\/\//')
	[ -n "$url" ] && break
	sleep 0.1
done
if [ -z "$url" ]; then
	echo "gas_bench: anvil did not start: $(tail -3 "$log")" >&2
	exit 1
fi
NODE_PATH=tools/node/node_modules node contracts/gas_bench.js "$url" "$build"
