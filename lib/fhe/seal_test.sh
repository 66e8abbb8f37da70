#!/bin/bash
# lib/fhe/seal_test.sh: cross-check of lib/fhe against Microsoft SEAL
# (node-seal 6.0.3, WebAssembly): the same circuit at the same parameters on
# the same inputs must decrypt to the same values in both libraries (exactly
# for BFV, within 1e-5 for CKKS), and to the plaintext result. Our side runs
# through the fhe command ($BIN/fhe); SEAL's through seal_cross.js. TAP.
set -u
FHE=${BIN:?BIN must name the directory of the host commands}/fhe
HERE=$(cd "$(dirname "$0")" && pwd)
export NODE_PATH=${GREMLIN_TOP:-$PWD}/tools/node/node_modules
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
fail=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

if ! node -e 'require("node-seal")' 2>/dev/null; then
	echo "not ok 1 - node-seal is not installed (run tools/deps)"
	echo "1..1"
	exit 1
fi

# Deterministic inputs: bfv values below t, ckks values in [-1, 1].
gen() { # scheme count seed t
	node -e '
	const [sch, cnt, seed, t] = process.argv.slice(1).map((v, i) => i ? Number(v) : v);
	let s = seed; const o = [];
	for (let i = 0; i < cnt; i++) {
		s = (s * 1103515245 + 12345) % 2147483648;
		o.push(sch === "bfv" ? s % t : (s / 1073741824 - 1).toFixed(6));
	}
	console.log(o.join("\n"));' "$@"
}

# The plaintext model of the circuits of seal_cross.js.
model() { # scheme N t x y
	node -e '
	const fs = require("fs");
	const [sch, N, t, xf, yf] = process.argv.slice(1);
	const rd = (f) => fs.readFileSync(f, "utf8").split(/\s+/).filter((s) => s).map(Number);
	const x = rd(xf), y = rd(yf), n = Number(N);
	let out = [];
	if (sch === "bfv") {
		const T = BigInt(t), h = n / 2, B = (v) => BigInt(v);
		const rot = (v, k) => v.map((_, i) => v[Math.floor(i / h) * h + (i % h + k) % h]);
		const m = x.map((v, i) => (B(v) * B(y[i])) % T);
		const r = rot(x, 1);
		const s = m.map((v, i) => ((v + B(r[i]) - B(y[i])) % T + T) % T);
		let c = s.map((_, i) => s[(i + h) % n]);
		if (n >= 8192) c = c.map((v) => (v * v) % T);
		out = c.map(String);
	} else {
		const h = n / 2, rot = (v, k) => v.map((_, i) => v[((i + k) % h + h) % h]);
		const a = rot(x.map((v, i) => v + y[i]), -1);
		const m = x.map((v, i) => v * a[i]);
		const r = rot(m, 1);
		out = m.map((v, i) => (v + r[i]).toPrecision(12));
	}
	console.log(out.join("\n"));' "$@"
}

cmp_exact() { cmp -s "$1" "$2"; }
cmp_close() { # a b tol
	paste "$1" "$2" | awk -v tol="$3" '
		{ d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d; c++ }
		END { if (c == 0 || m > tol) { print "max difference " m > "/dev/stderr"; exit 1 } }'
}

run() { # scheme N bits pbits
	local sch=$1 N=$2 bits=$3 pb=$4 slots t=0 sc d=$T/$1$2
	mkdir -p "$d"
	slots=$N
	[ "$sch" = ckks ] && slots=$((N / 2))
	if [ "$sch" = bfv ]; then
		"$FHE" params -s bfv -n "$N" -q "$bits" -t "$pb" -o "$d/p" || { ok 1 "$sch N=$N: params"; return; }
		t=$(node -e '
			const N = Number(process.argv[1]), b = Number(process.argv[2]);
			const isp = (q) => { for (let f = 2n; f * f <= q; f++) if (q % f == 0n) return false; return true; };
			for (let q = (1n << BigInt(b)) - BigInt(2 * N) + 1n; ; q -= BigInt(2 * N)) if (isp(q)) { console.log(String(q)); break; }' "$N" "$pb")
		"$FHE" keygen -p "$d/p" -o "$d/k" -r 1,0
		cat > "$d/c" <<-EOC
		load x $d/x.ct
		load y $d/y.ct
		m = mul x y
		m = relin m
		r = rotate x 1
		s = add m r
		s = sub s y
		c = conj s
		EOC
		if [ "$N" -ge 8192 ]; then printf 'c = mul c c\nc = relin c\n' >> "$d/c"; fi
	else
		"$FHE" params -s ckks -n "$N" -q "$bits" -o "$d/p" || { ok 1 "$sch N=$N: params"; return; }
		"$FHE" keygen -p "$d/p" -o "$d/k" -r 1,-1
		cat > "$d/c" <<-EOC
		load x $d/x.ct
		load y $d/y.ct
		a = add x y
		a = rotate a -1
		m = mul x a
		m = relin m
		m = rescale m
		r = rotate m 1
		c = add m r
		EOC
	fi
	echo "save c $d/out.ct" >> "$d/c"
	sc=
	[ "$sch" = ckks ] && sc="-scale $pb"
	gen "$sch" "$slots" 12345 "${t:-1}" > "$d/x.txt"
	gen "$sch" "$slots" 777 "${t:-1}" > "$d/y.txt"
	"$FHE" encrypt -p "$d/p" -k "$d/k.pk" -i "$d/x.txt" $sc -o "$d/x.ct" &&
		"$FHE" encrypt -p "$d/p" -k "$d/k.pk" -i "$d/y.txt" $sc -o "$d/y.ct" &&
		"$FHE" eval -p "$d/p" -k "$d/k" -c "$d/c" &&
		"$FHE" decrypt -p "$d/p" -k "$d/k.sk" -i "$d/out.ct" > "$d/ours"
	ok $? "$sch N=$N q=$bits: our circuit runs"
	node "$HERE/seal_cross.js" "$sch" "$N" "$bits" "$pb" "$d/x.txt" "$d/y.txt" > "$d/seal"
	ok $? "$sch N=$N: SEAL circuit runs"
	model "$sch" "$N" "$t" "$d/x.txt" "$d/y.txt" > "$d/model"
	if [ "$sch" = bfv ]; then
		cmp_exact "$d/ours" "$d/seal"
		ok $? "$sch N=$N: our decrypted result equals SEAL's exactly ($slots slots)"
		cmp_exact "$d/ours" "$d/model"
		ok $? "$sch N=$N: and equals the plaintext computation"
	else
		cmp_close "$d/ours" "$d/seal" 1e-5
		ok $? "$sch N=$N: our decrypted result is within 1e-5 of SEAL's ($slots slots)"
		cmp_close "$d/ours" "$d/model" 1e-5
		ok $? "$sch N=$N: and within 1e-5 of the plaintext computation"
	fi
}

run bfv 4096 36,36,37 20
run bfv 8192 43,43,44,44,44 20
run ckks 8192 60,40,40,60 40
echo "1..$n"
exit $fail
