#!/bin/bash
# lib/eth/keystore_test.sh: keystore v3 interoperability with ethers v6, both directions:
# ethers writes (scrypt n=1024, and once its default parameters) and `eth address` reads;
# `eth keystore-import` writes and ethers decrypts to the same key.
set -u
export NODE_PATH=${GREMLIN_TOP:-.}/tools/node/node_modules
eth=$BIN/eth
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }

key=0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318
printf '%s\n' "$key" > "$tmp/key"
printf 'correct horse\n' > "$tmp/pw"

# ethers writes, we read.
node -e '
const { Wallet, encryptKeystoreJson } = require("ethers");
const [key, n, out] = process.argv.slice(1);
const w = new Wallet(key);
encryptKeystoreJson(w, "correct horse", { scrypt: { N: Number(n) } })
	.then(j => { require("fs").writeFileSync(out, j); console.log(w.address); });
' "$key" 1024 "$tmp/ethers1024.json" > "$tmp/want_addr"
want=$(cat "$tmp/want_addr")
got=$("$eth" address --keystore "$tmp/ethers1024.json" --password-file "$tmp/pw" 2>&1)
ok $([ "$got" = "$want" ] && echo 0 || echo 1) "ethers keystore (n=1024) decrypts to $want (got $got)"

node -e '
const { Wallet } = require("ethers");
const [key, out] = process.argv.slice(1);
new Wallet(key).encrypt("correct horse").then(j => require("fs").writeFileSync(out, j));
' "$key" "$tmp/ethersdef.json"
n_param=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print((j.get("crypto") or j.get("Crypto"))["kdfparams"]["n"])' "$tmp/ethersdef.json")
got=$("$eth" address --keystore "$tmp/ethersdef.json" --password-file "$tmp/pw" 2>&1)
ok $([ "$got" = "$want" ] && [ "$n_param" = 131072 ] && echo 0 || echo 1) "ethers keystore with its default parameters (n=$n_param) decrypts"

err=$(ETH_PASSWORD=wrong "$eth" address --keystore "$tmp/ethers1024.json" 2>&1)
rc=$?
ok $([ $rc != 0 ] && echo "$err" | grep -q 'wrong password' && echo 0 || echo 1) "wrong password is a clear error: $err"

# We write, ethers reads.
ETH_PASSWORD='correct horse' "$eth" keystore-import --key-file "$tmp/key" --out "$tmp/ours.json" --scrypt-n 1024 > "$tmp/our_addr"
ok $([ "$(cat "$tmp/our_addr")" = "$want" ] && echo 0 || echo 1) "keystore-import prints the address"
got=$(node -e '
const { decryptKeystoreJson } = require("ethers");
const j = require("fs").readFileSync(process.argv[1], "utf8");
decryptKeystoreJson(j, "correct horse").then(a => console.log(a.privateKey + " " + a.address), e => console.log("error " + e.message));
' "$tmp/ours.json")
ok $([ "$got" = "$key $want" ] && echo 0 || echo 1) "ethers decrypts our keystore to the same key and address"
got=$(node -e '
const { decryptKeystoreJson } = require("ethers");
const j = require("fs").readFileSync(process.argv[1], "utf8");
decryptKeystoreJson(j, "wrong").then(a => console.log("decrypted"), e => console.log("rejected"));
' "$tmp/ours.json")
ok $([ "$got" = rejected ] && echo 0 || echo 1) "ethers rejects our keystore with a wrong password"

err=$("$eth" address --keystore "$tmp/nonexistent" --password-file "$tmp/pw" 2>&1)
ok $([ $? != 0 ] && echo "$err" | grep -q 'cannot read keystore' && echo 0 || echo 1) "missing keystore file: $err"
echo "1..$n"
exit $failed
