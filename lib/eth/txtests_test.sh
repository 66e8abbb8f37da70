#!/bin/bash
# lib/eth/txtests_test.sh: every ethereum/tests TransactionTests case through
# `eth tx-decode --chain-id 1` (the network id the fillers use).
#
# Each case is judged by its latest London-or-later expectation (Cancun,
# else Shanghai, Paris, London): a valid one must decode with exactly the
# expected hash and sender; one with an "exception" must be rejected (exit 1
# with a reason), and the intrinsic gas must match the one recorded. One TAP
# line per case.
set -u
: "${BIN:?BIN must point at the host commands}"
: "${VECTORS:?VECTORS must point at the test vectors}"
exec python3 - "$BIN/eth" "$VECTORS/ethereum-tests/TransactionTests" <<'PY'
import json, os, subprocess, sys

eth, root = sys.argv[1], sys.argv[2]
forks = ["Cancun", "Shanghai", "Paris", "London"]
n = failed = 0

def tap(ok, what):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(("ok" if ok else "not ok") + " %d - %s" % (n, what), flush=True)

files = []
for d, _, fs in os.walk(root):
    files += [os.path.join(d, f) for f in fs if f.endswith(".json")]
for path in sorted(files):
    rel = os.path.relpath(path, root)
    try:
        cases = json.load(open(path))
    except ValueError as e:
        tap(False, "%s: not JSON: %s" % (rel, e))
        continue
    for name, case in sorted(cases.items()):
        fork = next((f for f in forks if f in case.get("result", {})), None)
        if fork is None:
            print("# %s %s: no London-or-later expectation, skipped" % (rel, name))
            continue
        want = case["result"][fork]
        raw = case["txbytes"]
        p = subprocess.run([eth, "tx-decode", "--chain-id", "1", raw],
                           capture_output=True, text=True)
        why = p.stderr.strip().replace("\n", " ")
        if "exception" in want:
            tap(p.returncode == 1 and why != "",
                "%s %s (%s): rejected as %s: %s" % (rel, name, fork, want["exception"], why or "ACCEPTED"))
            continue
        if p.returncode != 0:
            tap(False, "%s %s (%s): valid but rejected: %s" % (rel, name, fork, why))
            continue
        try:
            got = json.loads(p.stdout)
        except ValueError:
            tap(False, "%s %s: output is not JSON" % (rel, name))
            continue
        ok = (got.get("hash") or "").lower() == want["hash"].lower() and \
             (got.get("sender") or "").lower() == want["sender"].lower()
        # The fillers also record the intrinsic gas; ours must agree.
        if "intrinsicGas" in want:
            ok = ok and int(got.get("intrinsicGas", "-1")) == int(want["intrinsicGas"], 16)
        tap(ok, "%s %s (%s): hash %s sender %s intrinsic gas %s" %
            (rel, name, fork, got.get("hash"), got.get("sender"), got.get("intrinsicGas")))
print("1..%d" % n)
sys.exit(1 if failed else 0)
PY
