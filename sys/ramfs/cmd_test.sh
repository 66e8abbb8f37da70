#!/bin/bash
# sys/ramfs/cmd_test.sh: the ramfs command: flag errors with the exit
# status, and whole 9P sessions over stdin/stdout and over a socket named
# with -i/-o (sys/testclient.py), including the -s size limit, -u and -p.
# Run from the repository root with BIN set (mk/lib.mk does that).
set -u
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
ramfs=$BIN/ramfs
err=$(mktemp)
trap 'rm -f "$err"' EXIT

"$ramfs" -x 2>"$err" </dev/null
ok $(($? == 2 ? 0 : 1)) "an unknown flag: exit status 2"
ok $(grep -q '^usage: ramfs' "$err"; echo $?) "and a usage line"
"$ramfs" -s 10x 2>"$err" </dev/null
ok $(($? == 2 ? 0 : 1)) "-s 10x: exit status 2"
ok $(grep -qx 'ramfs: -s: bad value "10x"' "$err"; echo $?) "names the flag and the value"
"$ramfs" -p 999 2>"$err" </dev/null
ok $(grep -qx 'ramfs: -p: bad value "999"' "$err"; echo $?) "-p takes octal up to 0777"

client="python3 sys/testclient.py"
$client -- "$ramfs" ::: version 8192 expect ok attach 0 glenda expect ok \
	walk 0 1 expect ok create 1 notes 0644 2 expect ok write 1 0 abcdef expect ok \
	write 1 3 XY expect ok read 1 0 100 expect data abcXYf \
	walk 0 2 notes expect ok remove 2 expect ok walk 0 3 notes expect error file does not exist \
	|| fail=1
$client --fd -- "$ramfs" -s 1k ::: version 8192 expect ok attach 0 glenda expect ok \
	walk 0 1 expect ok create 1 f 0644 1 expect ok \
	write 1 1020 abcd expect ok write 1 1024 z expect error file system full || fail=1
$client -- "$ramfs" -u adm -p 755 ::: version 8192 expect ok attach 0 glenda expect ok \
	walk 0 1 expect ok create 1 f 0644 1 expect error permission denied \
	attach 5 adm expect ok walk 5 6 expect ok create 6 f 0644 1 expect ok || fail=1
echo "1..$n"
exit $fail
