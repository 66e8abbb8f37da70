// contracts/build.js: compile the contracts with solc (npm, JS API) and write each
// contract's ABI and bytecode to build/contracts/<Name>.json and <Name>.bin.
// Usage: node contracts/build.js [outdir]   (run from the repository root)
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const root = path.resolve(__dirname, '..');
const out = path.resolve(process.argv[2] || path.join(root, 'build', 'contracts'));
const files = ['NodeRegistry.sol', 'JobEscrow.sol', 'test/ReentrantClient.sol'];
const sources = {};
for (const f of files) sources[f] = { content: fs.readFileSync(path.join(__dirname, f), 'utf8') };

const input = {
	language: 'Solidity',
	sources,
	settings: {
		optimizer: { enabled: true, runs: 200 },
		evmVersion: 'cancun',
		outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
	},
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
let failed = false;
for (const e of output.errors || []) {
	console.error(e.formattedMessage);
	if (e.severity === 'error') failed = true;
}
if (failed) process.exit(1);
fs.mkdirSync(out, { recursive: true });
for (const f of Object.keys(output.contracts)) {
	for (const [name, c] of Object.entries(output.contracts[f])) {
		const bin = c.evm.bytecode.object;
		if (!bin) continue; // interfaces
		fs.writeFileSync(path.join(out, name + '.json'), JSON.stringify({ abi: c.abi, bytecode: '0x' + bin }, null, 1));
		fs.writeFileSync(path.join(out, name + '.bin'), '0x' + bin + '\n');
	}
}
console.error(`solc ${solc.version()}: wrote ${out}`);
