#!/bin/bash
# sys/tarfs/cmd_test.sh: the tarfs command: usage and archive errors on
# stderr with the exit status, -c's summary, and whole 9P sessions over
# stdin/stdout and over a socket named with -i/-o (sys/testclient.py).
# Run from the repository root with BIN set (mk/lib.mk does that).
set -u
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarfs=$BIN/tarfs

mkdir -p "$tmp/t/sub"
printf 'hello\n' >"$tmp/t/sub/f"
printf 'top' >"$tmp/t/top"
tar -C "$tmp/t" --format=ustar -cf "$tmp/good.tar" .

"$tarfs" >/dev/null 2>"$tmp/err"
ok $(($? == 2 ? 0 : 1)) "no archive: exit status 2"
ok $(grep -q '^usage: tarfs' "$tmp/err"; echo $?) "and a usage line"

out=$("$tarfs" -c "$tmp/good.tar")
ok $? "-c accepts a GNU tar ustar archive"
ok $([ "$out" = "$tmp/good.tar: 2 files, 1 directories, 9 bytes of data" ]; echo $?) "-c summary: $out"

out=$("$tarfs" -M -c "$tmp/good.tar")
ok $([ "$out" = "$tmp/good.tar: 2 files, 1 directories, 9 bytes of data" ]; echo $?) "-M (in memory) gives the same summary: $out"
out=$(cat "$tmp/good.tar" | "$tarfs" -c /dev/stdin)
ok $([ "$out" = "/dev/stdin: 2 files, 1 directories, 9 bytes of data" ]; echo $?) "an archive on a pipe (cannot seek) is read into memory: $out"

"$tarfs" -c "$tmp/nothere.tar" 2>"$tmp/err"
ok $(($? == 1 ? 0 : 1)) "a missing archive: exit status 1"
ok $(grep -qx "tarfs: cannot open $tmp/nothere.tar" "$tmp/err"; echo $?) "says it cannot open it"

ln -s top "$tmp/t/link"
tar -C "$tmp/t" --format=ustar -cf "$tmp/sym.tar" link
"$tarfs" -c "$tmp/sym.tar" 2>"$tmp/err"
ok $(($? == 1 ? 0 : 1)) "an archive with a symbolic link: exit status 1"
ok $(grep -qx "tarfs: $tmp/sym.tar: tar: member \"link\" (header at offset 0): symbolic links are not supported: 9P2000 has none (put a copy of the target in the image)" "$tmp/err"; echo $?) \
	"the error names the member and offset"

head -c 1000 "$tmp/good.tar" >"$tmp/cut.tar"
"$tarfs" "$tmp/cut.tar" </dev/null 2>"$tmp/err"
ok $(($? == 1 ? 0 : 1)) "a truncated archive is refused before serving"

"$tarfs" -m 100 "$tmp/good.tar" 2>"$tmp/err"
ok $(($? == 2 ? 0 : 1)) "-m below 256 is refused"

client="python3 sys/testclient.py"
$client -- "$tarfs" "$tmp/good.tar" ::: version 8192 expect ok attach 0 glenda expect ok \
	walk 0 1 sub f expect ok open 1 0 expect ok read 1 0 100 expect data hello$'\n' \
	walk 0 2 top expect ok open 2 1 expect error read-only file system \
	walk 0 3 nothere expect error file does not exist || fail=1
$client --fd -- "$tarfs" "$tmp/good.tar" ::: version 8192 expect ok attach 0 glenda expect ok \
	walk 0 1 top expect ok open 1 0 expect ok read 1 1 100 expect data op || fail=1
echo "1..$n"
exit $fail
