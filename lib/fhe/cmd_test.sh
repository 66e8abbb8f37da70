#!/bin/bash
# lib/fhe/cmd_test.sh: tests of the fhe command: a round trip through every
# subcommand, and the error messages for bad parameters, options, inputs,
# keys, foreign objects and circuit files (each must name what, where, why).
set -u
FHE=${BIN:?BIN must name the directory of the host commands}/fhe
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
fail=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

# expect_err "description" "message fragment" command...
expect_err() {
	local what=$1 frag=$2
	shift 2
	"$@" > "$T/out" 2> "$T/err"
	local rc=$?
	if [ $rc -ne 0 ] && grep -qF -- "$frag" "$T/err"; then
		ok 0 "$what: $(head -1 "$T/err")"
	else
		ok 1 "$what (exit $rc, stderr: $(head -1 "$T/err"))"
	fi
}

"$FHE" params -s bfv -n 4096 -o "$T/p" && "$FHE" keygen -p "$T/p" -o "$T/k" -r 1
ok $? "params and keygen"
[ "$(stat -c %a "$T/k.sk")" = 600 ]
ok $? "the secret key file is readable by its owner only"
echo "1 2 3, 4" | "$FHE" encrypt -p "$T/p" -k "$T/k.pk" -o "$T/x.ct"
ok $? "encrypt from standard input"
printf 'load x %s\ny = add x x # doubled\ny = rotate y 1\nsave y %s\n' "$T/x.ct" "$T/y.ct" > "$T/c"
"$FHE" eval -p "$T/p" -k "$T/k" -c "$T/c" &&
	[ "$("$FHE" decrypt -p "$T/p" -k "$T/k.sk" -i "$T/y.ct" -count 4 | tr '\n' ' ')" = "4 6 8 0 " ]
ok $? "eval add + rotate, decrypt gives 4 6 8 0"

# Plaintext operands: BFV (x + 10) * 3, CKKS (x * 0.5) rescaled.
echo "10 10 10 10" > "$T/ten.txt"
echo "3 3 3 3" > "$T/three.txt"
printf 'load x %s\ny = addp x %s\ny = mulp y %s\nsave y %s\n' "$T/x.ct" "$T/ten.txt" \
	"$T/three.txt" "$T/y.ct" > "$T/cp"
"$FHE" eval -p "$T/p" -c "$T/cp" &&
	[ "$("$FHE" decrypt -p "$T/p" -k "$T/k.sk" -i "$T/y.ct" -count 5 | tr '\n' ' ')" = "33 36 39 42 0 " ]
ok $? "BFV addp, mulp: (x + 10) * 3"
"$FHE" params -s ckks -n 8192 -o "$T/pc" && "$FHE" keygen -p "$T/pc" -o "$T/kc" -r 1 &&
	echo "0.25 -1 0.5" | "$FHE" encrypt -p "$T/pc" -k "$T/kc.pk" -o "$T/xc.ct" &&
	echo "0.5 0.5 -2" > "$T/h.txt" &&
	printf 'load x %s\ny = mulp x %s\ny = rescale y\nz = add y y\nsave z %s\n' "$T/xc.ct" \
		"$T/h.txt" "$T/zc.ct" > "$T/cc" &&
	"$FHE" eval -p "$T/pc" -c "$T/cc" &&
	"$FHE" decrypt -p "$T/pc" -k "$T/kc.sk" -i "$T/zc.ct" -count 3 |
	awk 'BEGIN { split("0.25 -1 -2", w, " ") } { d = $1 - w[NR]; if (d < -1e-6 || d > 1e-6) bad = 1 }
		END { exit bad || NR != 3 }'
ok $? "CKKS mulp, rescale, add: 2 * (x * h) within 1e-6"

expect_err "modulus above the 128-bit bound" "exceeds the 128-bit security bound of 109" \
	"$FHE" params -s bfv -n 4096 -q 40,40,30 -o "$T/bad"
expect_err "unknown scheme" "scheme must be bfv or ckks" "$FHE" params -s bgv -n 4096 -o "$T/bad"
expect_err "bad ring degree" "N must be a power of two" "$FHE" params -s bfv -n 5000 -o "$T/bad"
expect_err "unknown option" "unknown option -frobnicate" \
	"$FHE" keygen -p "$T/p" -o "$T/k2" -frobnicate 1
expect_err "missing option" "missing option -o" "$FHE" keygen -p "$T/p"
expect_err "public key used as secret key" "expected secret key, found public key" \
	"$FHE" decrypt -p "$T/p" -k "$T/k.pk" -i "$T/x.ct"
expect_err "missing file" "No such file" "$FHE" decrypt -p "$T/p" -k "$T/nope" -i "$T/x.ct"
printf '1 2\nthree\n' > "$T/bad.txt"
expect_err "non-number input" "bad.txt:2: \"three\" is not a number" \
	"$FHE" encrypt -p "$T/p" -k "$T/k.pk" -i "$T/bad.txt" -o "$T/z.ct"
printf '1.5\n' > "$T/frac.txt"
expect_err "fraction for BFV" "is not an integer" \
	"$FHE" encrypt -p "$T/p" -k "$T/k.pk" -i "$T/frac.txt" -o "$T/z.ct"
"$FHE" params -s bfv -n 4096 -t 18 -o "$T/p2"
expect_err "keys for other parameters" "secret key made for other parameters" \
	"$FHE" decrypt -p "$T/p2" -k "$T/k.sk" -i "$T/x.ct"
head -c 100 "$T/x.ct" > "$T/trunc.ct"
expect_err "truncated ciphertext" "body length" \
	"$FHE" decrypt -p "$T/p" -k "$T/k.sk" -i "$T/trunc.ct"
printf 'load x %s\n\ny = mull x x\n' "$T/x.ct" > "$T/c1"
expect_err "unknown operation, with line" "c1:3: unknown operation \"mull\"" \
	"$FHE" eval -p "$T/p" -k "$T/k" -c "$T/c1"
printf 'y = add x x\n' > "$T/c2"
expect_err "undefined variable" "c2:1: \"x\" is not defined" \
	"$FHE" eval -p "$T/p" -k "$T/k" -c "$T/c2"
printf 'load x %s\ny = mul x x\ny = relin y\n' "$T/x.ct" > "$T/c3"
expect_err "relin without keys" "c3:3: relin needs the relinearisation key" \
	"$FHE" eval -p "$T/p" -c "$T/c3"
printf 'load x %s\ny = rotate x 2\n' "$T/x.ct" > "$T/c4"
expect_err "rotation without its key" "c4:2: rotate: no Galois key" \
	"$FHE" eval -p "$T/p" -k "$T/k" -c "$T/c4"
printf 'load x %s\ny = rescale x\n' "$T/x.ct" > "$T/c5"
expect_err "rescale on BFV" "c5:2: rescale: operation not defined for this scheme" \
	"$FHE" eval -p "$T/p" -k "$T/k" -c "$T/c5"
echo "1..$n"
exit $fail
