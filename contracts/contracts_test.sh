#!/bin/bash
# contracts/contracts_test.sh: start anvil on a free 127.0.0.1 port, run the contract
# tests against it, and always stop it (trap), also on failure or interrupt.
# Usage: contracts_test.sh TEST_BINARY BUILD_DIR   (from the repository root)
set -u
test_bin=$1
build=$2
anvil=tools/node/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
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
	echo "not ok 1 - anvil not found at $anvil (run tools/deps)"
	exit 1
fi
# Port 0 makes anvil pick a free port; it prints the address it listens on.
"$anvil" --host 127.0.0.1 --port 0 >"$log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 100); do
	url=$(grep -o 'Listening on 127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/Listening on /http:\/\//')
	[ -n "$url" ] && break
	sleep 0.1
done
if [ -z "$url" ]; then
	echo "not ok 1 - anvil did not start: $(tail -3 "$log")"
	exit 1
fi
echo "# anvil $pid at $url"
"$test_bin" "$url" "$build"
