#!/bin/bash
# sys/devfs/cmd_test.sh: the devfs command: flag errors with the exit
# status, the seeding report, and whole 9P sessions over stdin/stdout and
# over a socket (sys/testclient.py) with a console and kernel log on the
# descriptors named by -c and -k. Run from the repository root with BIN set
# (mk/lib.mk does that).
set -u
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
devfs=$BIN/devfs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$devfs" -x 2>"$tmp/err" </dev/null
ok $(($? == 2 ? 0 : 1)) "an unknown flag: exit status 2"
ok $(grep -q '^usage: devfs' "$tmp/err"; echo $?) "and a usage line"
"$devfs" -c 3x 2>"$tmp/err" </dev/null
ok $(($? == 2 ? 0 : 1)) "-c 3x: exit status 2"
ok $(grep -qx 'devfs: -c: bad value "3x"' "$tmp/err"; echo $?) "names the flag and the value"
"$devfs" </dev/null 2>"$tmp/err"
ok $? "no client: exits 0 at once"
ok $(grep -q '^devfs: random seeded with 256 bits' "$tmp/err"; echo $?) \
	"reports the seed's entropy: $(head -1 "$tmp/err")"
"$devfs" -q </dev/null 2>"$tmp/err"
ok $? "-q, no client: exits 0 at once"
ok $([ ! -s "$tmp/err" ]; echo $?) "-q: no seeding report (a full seed gives no warning)"

printf 'typed line\n' >"$tmp/in"
printf 'boot: ok\n' >"$tmp/kmsg"
client="python3 sys/testclient.py"
# The console is a file read-only here: input, then end of file; writes fail.
$client -- sh -c 'exec "$0" -u adm -c 3 -k 4 3<"$1" 4<"$2" 2>/dev/null' "$devfs" "$tmp/in" \
	"$tmp/kmsg" ::: version 8192 expect ok attach 0 adm expect ok \
	walk 0 1 cons expect ok open 1 2 expect ok read 1 0 100 expect data "typed line
" read 1 0 100 expect data "" write 1 0 hi expect error "cons: writing the console: Bad file descriptor" \
	walk 0 2 kmsg expect ok open 2 0 expect ok read 2 6 100 expect data "ok
" walk 0 3 zero expect ok open 3 0 expect ok read 3 0 4 expect ok \
	walk 0 4 null expect ok open 4 1 expect ok write 4 0 gone expect ok \
	walk 0 5 expect ok create 5 x 0666 1 expect error "create prohibited: devfs serves a fixed set of files" \
	|| fail=1
# Over a socket, with the console written to a file.
$client --fd -- sh -c 'f=$1; shift; exec "$0" -u adm -c 3 "$@" 3>"$f" 2>/dev/null' "$devfs" "$tmp/out" \
	::: version 8192 expect ok attach 0 adm expect ok walk 0 1 cons expect ok \
	open 1 1 expect ok write 1 0 "hello from devfs" expect ok \
	walk 0 2 kmsg expect ok open 2 0 expect ok read 2 0 10 \
	expect error "kmsg: devfs was started without a kernel log (-k)" || fail=1
ok $([ "$(cat "$tmp/out")" = "hello from devfs" ]; echo $?) "console writes reach the console fd"
echo "1..$n"
exit $fail
