#!/bin/bash
# lib/eth/ethers_test.sh: byte-for-byte comparison with ethers v6 and
# zksync-ethers (tools/node/node_modules).
#
# For fixed keys and transactions of every type (legacy with and without
# EIP-155, EIP-2930, EIP-1559, EIP-4844 without sidecar, zkSync 0x71 through EIP712Signer and
# serializeEip712), ethers signs and serializes, `ethsign tx-sign` does the
# same from the same inputs, and the hex must be identical; `tx-decode` of
# ethers' bytes must give ethers' hash and the signer. personal_sign and
# EIP-712 signatures are compared with signMessage and signTypedData.
set -u
: "${BIN:?BIN must point at the host commands}"
top=${GREMLIN_TOP:-$(pwd)}
if [ ! -d "$top/tools/node/node_modules/ethers" ] || [ ! -d "$top/tools/node/node_modules/zksync-ethers" ]; then
	echo "not ok 1 - ethers and zksync-ethers are not installed in tools/node (run tools/deps)"
	echo "1..1"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NODE_PATH="$top/tools/node/node_modules" exec node - "$BIN/ethsign" "$tmp" <<'JS'
const { ethers } = require("ethers");
const zk = require("zksync-ethers");
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const [ethsign, tmp] = process.argv.slice(2);
let n = 0, failed = 0;
function tap(ok, what) {
	n++;
	if (!ok) failed++;
	console.log(`${ok ? "ok" : "not ok"} ${n} - ${what}`);
}
function runs(args) {
	try {
		return { out: execFileSync(ethsign, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim() };
	} catch (e) {
		return { err: (e.stderr || String(e)).trim() };
	}
}

const keys = [
	"0x4646464646464646464646464646464646464646464646464646464646464646",
	"0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f",
	ethers.keccak256(ethers.toUtf8Bytes("gremlin")),
];
const keyfiles = keys.map((k, i) => {
	const f = path.join(tmp, `key${i}`);
	fs.writeFileSync(f, k + "\n", { mode: 0o600 });
	return f;
});

const to = "0x3535353535353535353535353535353535353535";
const acl = [
	{ address: "0x000000000000000000000000000000000000dEaD", storageKeys: [ethers.zeroPadValue("0x01", 32), ethers.id("slot")] },
	{ address: to, storageKeys: [] },
];
// 3 words: an odd number of 32-byte words, as zkSync requires.
const dep = "0x" + "00".repeat(31) + "01" + "11".repeat(32) + "22".repeat(32);
const evmTxs = [
	{ name: "legacy EIP-155", tx: { type: 0, chainId: 1n, nonce: 9, gasPrice: 20000000000n, gasLimit: 21000n, to, value: 10n ** 18n, data: "0x" } },
	{ name: "legacy pre-EIP-155", tx: { type: 0, chainId: 0n, nonce: 0, gasPrice: 1n, gasLimit: 50000n, to, value: 0n, data: "0xdeadbeef" } },
	{ name: "EIP-2930 create with access list", tx: { type: 1, chainId: 5n, nonce: 300, gasPrice: 7n, gasLimit: 900000n, to: null, value: 1n, data: "0x6080604052", accessList: acl } },
	{ name: "EIP-1559 call", tx: { type: 2, chainId: 11155111n, nonce: 1, maxPriorityFeePerGas: 1500000000n, maxFeePerGas: 30000000000n, gasLimit: 60000n, to, value: 123456789n, data: "0xa9059cbb" + "00".repeat(64), accessList: acl } },
	{ name: "EIP-4844 blob (no sidecar)", tx: { type: 3, chainId: 1n, nonce: 2, maxPriorityFeePerGas: 3n, maxFeePerGas: 40n, gasLimit: 50000n, to, value: 0n, data: "0x", accessList: acl, maxFeePerBlobGas: 7n, blobVersionedHashes: ["0x01" + "00".repeat(31), "0x01" + "ab".repeat(31)] } },
	{ name: "EIP-1559 max value, zero tip", tx: { type: 2, chainId: 31337n, nonce: 0, maxPriorityFeePerGas: 0n, maxFeePerGas: 1n, gasLimit: 21000n, to, value: 2n ** 256n - 1n, data: "0x" } },
];
const zkTxs = [
	{ name: "zkSync 0x71 transfer", tx: { type: 113, chainId: 324n, nonce: 4, maxPriorityFeePerGas: 100000000n, maxFeePerGas: 250000000n, gasLimit: 500000n, to, value: 5n, data: "0x", customData: { gasPerPubdata: 50000n } } },
	{ name: "zkSync 0x71 with factory dep and paymaster", tx: { type: 113, chainId: 300n, nonce: 0, maxPriorityFeePerGas: 1n, maxFeePerGas: 45250000n, gasLimit: 2000000n, to: "0x0000000000000000000000000000000000008006", value: 0n, data: "0x1234", customData: { gasPerPubdata: 800n, factoryDeps: [dep], paymasterParams: { paymaster: "0x000000000000000000000000000000000000bEEF", paymasterInput: "0x8c5a344500000000" } } } },
];

function cargs(t, keyfile) {
	const a = ["tx-sign", "--key-file", keyfile, "--type", String(t.type), "--chain-id", String(t.chainId),
		"--nonce", String(t.nonce), "--gas-limit", String(t.gasLimit), "--value", String(t.value), "--data", t.data];
	if (t.to) a.push("--to", t.to);
	if (t.gasPrice !== undefined) a.push("--gas-price", String(t.gasPrice));
	if (t.maxFeePerGas !== undefined) a.push("--max-fee", String(t.maxFeePerGas), "--max-priority-fee", String(t.maxPriorityFeePerGas));
	if (t.maxFeePerBlobGas !== undefined) a.push("--max-fee-per-blob-gas", String(t.maxFeePerBlobGas));
	for (const h of t.blobVersionedHashes || []) a.push("--blob-hash", h);
	for (const e of t.accessList || []) a.push("--access", e.address + (e.storageKeys.length ? ":" + e.storageKeys.join(",") : ""));
	const cd = t.customData;
	if (cd) {
		a.push("--gas-per-pubdata", String(cd.gasPerPubdata));
		for (const d of cd.factoryDeps || []) a.push("--factory-dep", d);
		if (cd.paymasterParams) a.push("--paymaster", cd.paymasterParams.paymaster, "--paymaster-input", cd.paymasterParams.paymasterInput);
	}
	return a;
}

function compare(name, want, got, wantHash, wallet) {
	tap(got.out === want, `${name}: ethsign tx-sign bytes equal ethers' ${got.err ? "(" + got.err + ")" : ""}`);
	if (got.out !== want) console.log(`# ethers ${want}\n# ours   ${got.out}`);
	const d = runs(["tx-decode", want]);
	let j = {};
	try { j = JSON.parse(d.out); } catch (e) { }
	const me = wallet.address.toLowerCase();
	tap(j.hash === wantHash && (j.sender || "").toLowerCase() === me && (j.type !== 113 || (j.signer || "").toLowerCase() === me),
		`${name}: tx-decode of ethers' bytes gives its hash ${wantHash} and the signer ${d.err || ""}`);
}

(async () => {
	for (let k = 0; k < keys.length; k++) {
		const wallet = new ethers.Wallet(keys[k]);
		for (const { name, tx } of evmTxs) {
			const raw = await wallet.signTransaction(tx);
			compare(`key ${k} ${name}`, raw, runs(cargs(tx, keyfiles[k])), ethers.Transaction.from(raw).hash, wallet);
		}
		for (const { name, tx } of zkTxs) {
			const t = { ...tx, from: wallet.address, customData: { ...tx.customData } };
			const signer = new zk.EIP712Signer(wallet, Number(t.chainId));
			t.customData.customSignature = await signer.sign(t);
			const raw = zk.utils.serializeEip712(t);
			compare(`key ${k} ${name}`, raw, runs(cargs(t, keyfiles[k])), zk.utils.parseEip712(raw).hash, wallet);
		}
		// EIP-191.
		for (const m of ["hello Gremlin", "", "line one\nline two ✓"]) {
			const want = await wallet.signMessage(m);
			const got = runs(["personal-sign", "--key-file", keyfiles[k], "--text", m]);
			const label = JSON.stringify(m).replace(/[^\x20-\x7e]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
			tap(got.out === want, `key ${k} personal_sign ${label} equals ethers signMessage ${got.err || ""}`);
		}
		const bytes = "0x00ff10" + "ab".repeat(40);
		const want = await wallet.signMessage(ethers.getBytes(bytes));
		const got = runs(["personal-sign", "--key-file", keyfiles[k], "--hex", bytes]);
		tap(got.out === want, `key ${k} personal_sign of raw bytes equals ethers signMessage ${got.err || ""}`);
	}

	// EIP-712: the specification's Mail example, and a struct with arrays,
	// nested structs and integers of several widths.
	const docs = [
		{
			name: "Mail",
			domain: { name: "Ether Mail", version: "1", chainId: 1, verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
			primaryType: "Mail",
			types: { Person: [{ name: "name", type: "string" }, { name: "wallet", type: "address" }], Mail: [{ name: "from", type: "Person" }, { name: "to", type: "Person" }, { name: "contents", type: "string" }] },
			message: { from: { name: "Cow", wallet: "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" }, to: { name: "Bob", wallet: "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" }, contents: "Hello, Bob!" },
		},
		{
			name: "Order with arrays",
			domain: { name: "Gremlin Market", version: "3", chainId: 324, verifyingContract: "0x000000000000000000000000000000000000bEEF", salt: ethers.id("salt") },
			primaryType: "Order",
			types: {
				Order: [{ name: "maker", type: "Party" }, { name: "items", type: "Item[]" }, { name: "grid", type: "uint16[2][]" }, { name: "tags", type: "string[]" }, { name: "blob", type: "bytes" }, { name: "ok", type: "bool" }],
				Party: [{ name: "who", type: "address" }, { name: "ids", type: "bytes32[]" }],
				Item: [{ name: "id", type: "uint8" }, { name: "delta", type: "int64" }, { name: "tag", type: "bytes4" }, { name: "price", type: "uint256" }],
			},
			message: {
				maker: { who: "0x3535353535353535353535353535353535353535", ids: [ethers.id("a"), ethers.id("b")] },
				items: [{ id: 7, delta: "-42", tag: "0xdeadbeef", price: "115792089237316195423570985008687907853269984665640564039457584007913129639935" }, { id: 255, delta: "9223372036854775807", tag: "0x00000001", price: "0x10" }],
				grid: [[1, 2], [65535, 0]],
				tags: ["x", "", "ünïcode"],
				blob: "0x" + "5a".repeat(70),
				ok: true,
			},
		},
	];
	for (const doc of docs) {
		const f = path.join(tmp, doc.name.replace(/ /g, "_") + ".json");
		fs.writeFileSync(f, JSON.stringify({ types: doc.types, primaryType: doc.primaryType, domain: doc.domain, message: doc.message }));
		const h = runs(["typed-hash", f]);
		tap(h.out === ethers.TypedDataEncoder.hash(doc.domain, doc.types, doc.message), `EIP-712 ${doc.name}: typed-hash equals ethers TypedDataEncoder.hash ${h.err || ""}`);
		for (let k = 0; k < keys.length; k++) {
			const want = await new ethers.Wallet(keys[k]).signTypedData(doc.domain, doc.types, doc.message);
			const got = runs(["typed-sign", "--key-file", keyfiles[k], f]);
			tap(got.out === want, `EIP-712 ${doc.name}: key ${k} typed-sign equals ethers signTypedData ${got.err || ""}`);
		}
	}
	console.log(`1..${n}`);
	process.exit(failed ? 1 : 0);
})().catch((e) => {
	console.log(`not ok ${n + 1} - ethers script failed: ${e.message}`);
	console.log(`1..${n + 1}`);
	process.exit(1);
});
JS
