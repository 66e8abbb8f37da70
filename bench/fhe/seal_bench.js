// bench/fhe/seal_bench.js: the baseline of the lib/fhe benchmark: node-seal
// 6.0.3 (Microsoft SEAL in WebAssembly) at exactly the parameters of
// lib/fhe/fhe_bench.c. Prints "seal fhe-<scheme>-<N>-<op> <median us> <runs>".
// "ntt" is SEAL's cipherTransformToNtt of a size-2 ciphertext divided by the
// number of limbs transformed (2L): node-seal exposes no single-limb NTT.
//
//   NODE_PATH=tools/node/node_modules node bench/fhe/seal_bench.js [maxlogn]
'use strict';
const { performance } = require('perf_hooks');
const SEAL = require('node-seal');

const runs = Number(process.env.FHE_BENCH_RUNS) || 15;
const sets = [
	['bfv', 4096, [36, 36, 37]],
	['ckks', 4096, [40, 29, 40]],
	['bfv', 8192, [43, 43, 44, 44, 44]],
	['ckks', 8192, [60, 40, 40, 60]],
	['bfv', 16384, [48, 48, 48, 49, 49, 49, 49, 49, 49]],
	['ckks', 16384, [60, 40, 40, 40, 40, 40, 40, 40, 60]],
];

function time(name, prep, body) {
	const t = [];
	for (let r = -1; r < runs; r++) {
		prep();
		const s = performance.now();
		body();
		if (r >= 0)
			t.push((performance.now() - s) * 1000);
	}
	t.sort((a, b) => a - b);
	console.log(`seal ${name} ${t[runs >> 1].toFixed(1)} ${runs}`);
}

function bench(seal, scheme, N, bits) {
	const bfv = scheme === 'bfv';
	const parms = seal.EncryptionParameters(bfv ? seal.SchemeType.bfv : seal.SchemeType.ckks);
	parms.setPolyModulusDegree(N);
	parms.setCoeffModulus(seal.CoeffModulus.Create(N, Int32Array.from(bits)));
	if (bfv)
		parms.setPlainModulus(seal.PlainModulus.Batching(N, 20));
	const context = seal.Context(parms, true, seal.SecurityLevel.tc128);
	const keygen = seal.KeyGenerator(context);
	const pk = keygen.createPublicKey();
	const rk = keygen.createRelinKeys();
	const gk = keygen.createGaloisKeys(Int32Array.from([1]));
	const enc = seal.Encryptor(context, pk);
	const dec = seal.Decryptor(context, keygen.secretKey());
	const ev = seal.Evaluator(context);
	const slots = bfv ? N : N / 2;
	let pt;
	if (bfv) {
		const v = new Uint32Array(slots).map((_, i) => i);
		pt = seal.BatchEncoder(context).encode(v);
	} else {
		const v = new Float64Array(slots).map((_, i) => i / slots);
		pt = seal.CKKSEncoder(context).encode(v, N === 4096 ? 2 ** 29 : 2 ** 40);
	}
	const a = seal.CipherText(), b = seal.CipherText(), m3 = seal.CipherText();
	const t = seal.CipherText(), out = seal.PlainText();
	const name = (op) => `fhe-${scheme}-${N}-${op}`;
	const none = () => {};
	time(name('encrypt'), none, () => enc.encrypt(pt, a));
	enc.encrypt(pt, b);
	time(name('decrypt'), none, () => dec.decrypt(a, out));
	time(name('add'), none, () => ev.add(a, b, t));
	time(name('multiply'), none, () => ev.multiply(a, b, m3));
	time(name('relinearize'), none, () => ev.relinearize(m3, rk, t));
	time(name('multiply_relinearize'), none, () => {
		ev.multiply(a, b, t);
		ev.relinearize(t, rk, t);
	});
	if (bfv)
		time(name('rotate'), none, () => ev.rotateRows(a, 1, gk, t));
	else
		time(name('rotate'), none, () => ev.rotateVector(a, 1, gk, t));
	// One limb of NTT: transform a coefficient-form ciphertext of 2L limbs.
	const L = bits.length - 1;
	const tn = [];
	if (bfv) {
		for (let r = -1; r < runs; r++) {
			t.copy(a);
			const s = performance.now();
			ev.cipherTransformToNtt(t, t);
			if (r >= 0)
				tn.push(((performance.now() - s) * 1000) / (2 * L));
		}
	} else {
		for (let r = -1; r < runs; r++) {
			ev.cipherTransformFromNtt(a, t);
			const s = performance.now();
			ev.cipherTransformToNtt(t, t);
			if (r >= 0)
				tn.push(((performance.now() - s) * 1000) / (2 * L));
		}
	}
	tn.sort((x, y) => x - y);
	console.log(`seal ${name('ntt')} ${tn[runs >> 1].toFixed(1)} ${runs}`);
	for (const o of [a, b, m3, t, out, pt, pk, rk, gk, enc, dec, ev, keygen, context, parms])
		o.delete();
}

(async () => {
	const seal = await SEAL();
	const maxN = 1 << (Number(process.argv[2]) || 14);
	for (const [scheme, N, bits] of sets)
		if (N <= maxN)
			bench(seal, scheme, N, bits);
})().catch((e) => {
	console.error('seal_bench.js:', e.message || e);
	process.exit(1);
});
