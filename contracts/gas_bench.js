// contracts/gas_bench.js: the gas of one job with f = 1 (n = 3f + 1 = 4 nodes,
// quorum 2f + 1 = 3): createJob, four submitResult (three agreeing, one not,
// as in escrow_test), finalize, each summed from the real receipt's gasUsed on
// the anvil at URL. Deploys NodeRegistry and JobEscrow from BUILD_DIR (see
// build.js) and registers the four nodes first (not counted: once per node,
// not per job). Prints the per-transaction figures on stderr and one line
//   bench job-gas ours=<gas> baseline=600000 ratio=<ours/600000> unit=gas
// where the baseline is the target for the whole job (lower is better).
// Usage: NODE_PATH=tools/node/node_modules node contracts/gas_bench.js URL BUILD_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const ethers = require('ethers');

const TARGET = 600000n;
const [url, build] = process.argv.slice(2);
if (!url || !build) {
	console.error('usage: gas_bench.js URL BUILD_DIR');
	process.exit(2);
}
// Anvil's first default account (publicly known test key) funds fresh keys.
const ANVIL_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

function artifact(name) {
	return JSON.parse(fs.readFileSync(path.join(build, name + '.json'), 'utf8'));
}

async function deploy(signer, name, ...args) {
	const a = artifact(name);
	const c = await new ethers.ContractFactory(a.abi, a.bytecode, signer).deploy(...args);
	await c.waitForDeployment();
	return c;
}

async function gasOf(txPromise) {
	const r = await (await txPromise).wait();
	if (r.status !== 1) throw new Error('transaction reverted');
	return r.gasUsed;
}

async function main() {
	const provider = new ethers.JsonRpcProvider(url, undefined, { staticNetwork: true, polling: true, pollingInterval: 50 });
	const funder = new ethers.NonceManager(new ethers.Wallet(ANVIL_KEY, provider));
	const client = ethers.Wallet.createRandom(provider);
	const nodes = [0, 1, 2, 3].map(() => ethers.Wallet.createRandom(provider));
	for (const w of [client, ...nodes])
		await (await funder.sendTransaction({ to: w.address, value: ethers.parseEther('10') })).wait();

	const week = 7 * 24 * 3600;
	const registry = await deploy(funder, 'NodeRegistry', ethers.parseEther('1'), week);
	const escrow = await deploy(funder, 'JobEscrow', await registry.getAddress(), 3600);
	await (await registry.setEscrow(await escrow.getAddress())).wait();
	const price = ethers.parseEther('0.01');
	for (const [i, w] of nodes.entries())
		await (await registry.connect(w).register(`http://node${i}.example:5640`, price, { value: ethers.parseEther('1') })).wait();

	// A NonceManager: ethers' pending-nonce lookups can lag anvil's instant blocks.
	const esc = escrow.connect(new ethers.NonceManager(client));
	const now = (await provider.getBlock('latest')).timestamp;
	const spec = ethers.keccak256(ethers.toUtf8Bytes('spec'));
	const input = ethers.keccak256(ethers.toUtf8Bytes('input'));
	const addrs = nodes.map((w) => w.address);
	const gas = {};
	gas.createJob = await gasOf(esc.createJob(spec, input, addrs, 3, price, now + 3600, { value: price * 4n }));
	const jobId = await escrow.jobCount();
	const { chainId } = await provider.getNetwork();
	const domain = { name: 'JobEscrow', version: '1', chainId, verifyingContract: await escrow.getAddress() };
	const types = { Result: [{ name: 'jobId', type: 'uint256' }, { name: 'resultHash', type: 'bytes32' }] };
	const good = ethers.keccak256(ethers.toUtf8Bytes('result'));
	const bad = ethers.keccak256(ethers.toUtf8Bytes('wrong'));
	for (const [i, w] of nodes.entries()) {
		const result = i === 3 ? bad : good;
		const sig = await w.signTypedData(domain, types, { jobId, resultHash: result });
		gas[`submitResult${i + 1}`] = await gasOf(esc.submitResult(jobId, result, sig));
	}
	await provider.send('evm_increaseTime', [3601]);
	await provider.send('evm_mine', []);
	gas.finalize = await gasOf(esc.finalize(jobId));

	let total = 0n;
	for (const [k, v] of Object.entries(gas)) {
		console.error(`# ${k}: ${v} gas`);
		total += v;
	}
	const ratio = Number(total) / Number(TARGET);
	console.log(`bench job-gas ours=${total} baseline=${TARGET} ratio=${ratio.toFixed(3)} unit=gas`);
}

main().catch((e) => {
	console.error('gas_bench:', e.message || e);
	process.exit(1);
});
