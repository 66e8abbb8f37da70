// lib/fhe/seal_cross.js: the SEAL side of seal_test.sh. Runs a fixed circuit
// with node-seal 6.0.3 at given parameters on the values in two files and
// prints the decrypted result, one slot a line.
//
//   node seal_cross.js bfv N bits,bits,... tbits x.txt y.txt
//   node seal_cross.js ckks N bits,bits,... scalebits x.txt y.txt
//
// BFV circuit:  m = relin(x*y); s = m + rotrows(x,1) - y; c = rotcols(s);
//               out = relin(c*c) if N >= 8192 else c
// CKKS circuit: a = rotate(x+y, -1); m = rescale(relin(x*a));
//               out = m + rotate(m, 1)
'use strict';
const fs = require('fs');
const SEAL = require('node-seal');

function nums(path) {
	return fs.readFileSync(path, 'utf8').split(/[\s,]+/).filter((s) => s.length).map(Number);
}

(async () => {
	const [scheme, nStr, bitsStr, pStr, xf, yf] = process.argv.slice(2);
	const N = Number(nStr);
	const bits = Int32Array.from(bitsStr.split(',').map(Number));
	const seal = await SEAL();
	const bfv = scheme === 'bfv';
	const parms = seal.EncryptionParameters(bfv ? seal.SchemeType.bfv : seal.SchemeType.ckks);
	parms.setPolyModulusDegree(N);
	parms.setCoeffModulus(seal.CoeffModulus.Create(N, bits));
	if (bfv)
		parms.setPlainModulus(seal.PlainModulus.Batching(N, Number(pStr)));
	const context = seal.Context(parms, true, seal.SecurityLevel.tc128);
	if (!context.parametersSet())
		throw new Error('SEAL refused the parameters');
	const keygen = seal.KeyGenerator(context);
	const pk = keygen.createPublicKey();
	const rk = keygen.createRelinKeys();
	const gk = keygen.createGaloisKeys(Int32Array.from(bfv ? [1, 0] : [1, -1]));
	const enc = seal.Encryptor(context, pk);
	const dec = seal.Decryptor(context, keygen.secretKey());
	const ev = seal.Evaluator(context);
	const x = nums(xf), y = nums(yf);
	let out;
	if (bfv) {
		const be = seal.BatchEncoder(context);
		const cx = enc.encrypt(be.encode(Uint32Array.from(x)));
		const cy = enc.encrypt(be.encode(Uint32Array.from(y)));
		const m = ev.multiply(cx, cy);
		ev.relinearize(m, rk, m);
		const r = ev.rotateRows(cx, 1, gk);
		const s = ev.sub(ev.add(m, r), cy);
		let c = ev.rotateColumns(s, gk);
		if (N >= 8192) {
			c = ev.multiply(c, c);
			ev.relinearize(c, rk, c);
		}
		out = Array.from(be.decode(dec.decrypt(c), false));
	} else {
		const ce = seal.CKKSEncoder(context);
		const scale = Math.pow(2, Number(pStr));
		const cx = enc.encrypt(ce.encode(Float64Array.from(x), scale));
		const cy = enc.encrypt(ce.encode(Float64Array.from(y), scale));
		const a = ev.rotateVector(ev.add(cx, cy), -1, gk);
		const m = ev.multiply(cx, a);
		ev.relinearize(m, rk, m);
		ev.rescaleToNext(m, m);
		const s = ev.add(m, ev.rotateVector(m, 1, gk));
		out = Array.from(ce.decode(dec.decrypt(s)));
	}
	process.stdout.write(out.map((v) => (bfv ? String(v) : v.toPrecision(12))).join('\n') + '\n');
})().catch((e) => {
	console.error('seal_cross.js:', e.message || e);
	process.exit(1);
});
