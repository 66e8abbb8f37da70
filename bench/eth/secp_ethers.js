// bench/eth/secp_ethers.js: the ethers baseline of lib/eth/secp_bench.c.
// Signs (SigningKey.sign, RFC 6979) and recovers addresses
// (ethers.recoverAddress: public key recovery, then keccak256) over the same
// key and 64 digests as the C side, each for about SECONDS seconds, and
// prints "sign <ops/s> recover <ops/s> sig0 <r><s><v>" (sig0 lets the C side
// check that both sign the same thing).
// Usage: NODE_PATH=tools/node/node_modules node bench/eth/secp_ethers.js [SECONDS]
"use strict";
const ethers = require("ethers");

const seconds = Number(process.argv[2] || 0.3);
const key = new ethers.SigningKey(ethers.keccak256(ethers.toUtf8Bytes("gremlin bench key")));
const digests = [];
for (let i = 0; i < 64; i++) digests.push(ethers.keccak256(new Uint8Array([i])));
const sigs = digests.map((d) => key.sign(d));
const address = ethers.computeAddress(key.publicKey);

// Operations per second of fn(i) for i = 0, 1, ... over about `seconds`.
function rate(fn) {
	for (let i = 0; i < 64; i++) fn(i); // warm up (JIT, precomputed tables)
	let n = 0;
	const t0 = process.hrtime.bigint();
	let t = 0;
	do {
		for (let j = 0; j < 16; j++, n++) fn(n % 64);
		t = Number(process.hrtime.bigint() - t0) / 1e9;
	} while (t < seconds);
	return n / t;
}

const sign = rate((i) => key.sign(digests[i]));
const recover = rate((i) => {
	if (ethers.recoverAddress(digests[i], sigs[i]) !== address)
		throw new Error("recoverAddress returned the wrong address");
});
const s0 = sigs[0];
console.log(`sign ${sign} recover ${recover} sig0 ${s0.r.slice(2)}${s0.s.slice(2)}${s0.yParity}`);
