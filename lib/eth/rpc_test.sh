#!/bin/bash
# lib/eth/rpc_test.sh: the `eth` command and lib/eth's JSON-RPC client against a real anvil
# node on a free 127.0.0.1 port (always stopped by the trap): chain-id, balance, send,
# deploy, call, reverted calls and transactions with decoded reasons, wrong password,
# unreachable node.
set -u
export NODE_PATH=${GREMLIN_TOP:-.}/tools/node/node_modules
eth=$BIN/eth
anvil=tools/node/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }
check() { if eval "$1"; then ok 0 "$2"; else ok 1 "$2"; fi; }

"$anvil" --host 127.0.0.1 --port 0 >"$tmp/anvil.log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 100); do
	url=$(grep -o 'Listening on 127.0.0.1:[0-9]*' "$tmp/anvil.log" | head -1 | sed 's/Listening on /http:\/\//')
	[ -n "$url" ] && break
	sleep 0.1
done
check '[ -n "$url" ]' "anvil started at $url"
[ -n "$url" ] || { echo "1..$n"; exit 1; }
export ETH_RPC_URL=$url
node contracts/build.js "$tmp/c" 2>/dev/null

# anvil's first default account (a publicly known test key).
echo 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 > "$tmp/key"
echo 'pw' > "$tmp/pw"
ETH_PASSWORD=pw "$eth" keystore-import --key-file "$tmp/key" --out "$tmp/ks.json" --scrypt-n 1024 >/dev/null
ks="--keystore $tmp/ks.json --password-file $tmp/pw"

out=$("$eth" chain-id 2>&1)
check '[ "$out" = 31337 ]' "chain-id: $out"
dest=0x000000000000000000000000000000000000dEaD
out=$("$eth" balance $dest 2>&1)
check '[ "$out" = 0 ]' "balance of an unused address: $out"
out=$("$eth" send $ks --to $dest --value 1.5ether 2>&1)
check 'echo "$out" | grep -q "status success"' "send 1.5 ether (lib/eth-signed EIP-1559, eth_sendRawTransaction)"
out=$("$eth" balance $dest 2>&1)
check '[ "$out" = 1500000000000000000 ]' "balance after send: $out"
out=$("$eth" deploy $ks --bytecode "$tmp/c/NodeRegistry.bin" 'constructor(uint256,uint256)' 1000000000000000000 604800 2>&1)
reg=$(echo "$out" | sed -n 's/^contract //p')
check '[ -n "$reg" ]' "deploy NodeRegistry with constructor arguments: $reg"
out=$("$eth" call --to "$reg" 'minStake()(uint256)' 2>&1)
check '[ "$out" = "[1000000000000000000]" ]' "call minStake(): $out"
out=$("$eth" call --to "$reg" 'owner()(address)' 2>&1)
check '[ "$out" = "[\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\"]" ]' "call owner() decodes an EIP-55 address: $out"
out=$("$eth" call --to "$reg" 'setEscrow(address)' $dest 2>&1)
rc=$?
check '[ $rc != 0 ] && echo "$out" | grep -q "call reverted: only owner"' "reverted call shows its reason: $out"
out=$("$eth" send $ks --to "$reg" --value 0.5ether 'register(string,uint256)' http://n1/ 1 2>&1)
rc=$?
check '[ $rc != 0 ] && echo "$out" | grep -q "stake below minimum"' "reverting transaction is refused with its reason: $out"
out=$("$eth" send $ks --gas 200000 --to "$reg" --value 0.5ether 'register(string,uint256)' http://n1/ 1 2>&1)
rc=$?
check '[ $rc != 0 ] && echo "$out" | grep -q "status reverted" && echo "$out" | grep -q "transaction reverted: stake below minimum"' "mined transaction that reverts: status and reason shown"
out=$("$eth" send $ks --to "$reg" --value 1ether 'register(string,uint256)' http://n1/ 7 2>&1)
check 'echo "$out" | grep -q "status success"' "register with 1 ether stake"
out=$("$eth" call --to "$reg" 'nodes(address)(string,uint256,uint256,uint256,bool)' 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 2>&1)
check '[ "$out" = "[\"http://n1/\",7,1000000000000000000,0,true]" ]' "call returns a tuple with a string: $out"
out=$("$eth" logs --to "$reg" 'Registered(address indexed node, string endpoint, uint256 price, uint256 stake)' 2>&1)
check 'echo "$out" | grep -q "\"args\":\[\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"http://n1/\",7,1000000000000000000\]"' "logs: the Registered event decoded: $out"
out=$("$eth" balance --rpc http://127.0.0.1:1 $dest 2>&1)
rc=$?
check '[ $rc != 0 ] && echo "$out" | grep -q "cannot connect to 127.0.0.1:1: Connection refused"' "unreachable node: $out"
out=$(ETH_PASSWORD=nope "$eth" send --keystore "$tmp/ks.json" --to $dest --value 1 2>&1)
rc=$?
check '[ $rc != 0 ] && echo "$out" | grep -q "wrong password"' "wrong password: $out"
out=$("$eth" send $ks --to 0x000000000000000000000000000000000000dead --value lots 2>&1)
check 'echo "$out" | grep -q "not an amount"' "bad amount: $out"
out=$("$eth" selector 'transfer(address,uint)' 2>&1)
check '[ "$out" = 0xa9059cbb ]' "selector: $out"
echo "1..$n"
exit $failed
