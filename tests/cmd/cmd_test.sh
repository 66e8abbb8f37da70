#!/bin/sh
# tests/cmd/cmd_test.sh: the everyday commands (cmd/*), built for the host
# (tests/cmd/Makefile), run in a temporary directory and compared with GNU
# coreutils and GNU grep where the behaviour is standard. TAP output.
# Run from the repository root with BIN set to the commands' directory.
set -u
ROOT=$(pwd)
BIN=$(cd "${BIN:-build/host/cmd}" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LC_ALL=C TZ=UTC
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=1
	fi
}

# same DESC OURS THEIRS: run both shell commands in $T/w (ours with $BIN
# first in PATH); their standard output and exit status must be equal.
same() {
	(cd "$T/w" && PATH="$BIN:$PATH" sh -c "$2") >"$T/ours" 2>"$T/ours.err"
	s1=$?
	(cd "$T/w" && sh -c "$3") >"$T/theirs" 2>/dev/null
	s2=$?
	if [ $s1 -eq $s2 ] && cmp -s "$T/ours" "$T/theirs"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		echo "# ours (status $s1):"
		sed 's/^/#   /' "$T/ours" "$T/ours.err" | head -20
		echo "# GNU (status $s2):"
		sed 's/^/#   /' "$T/theirs" | head -20
	fi
}

# gnu CMDLINE: the same command line with GNU's tools.
gnu() {
	same "$1 (as GNU)" "$1" "$(echo "$1" | sed 's/^/command /')"
}

# run CMD: ours, in $T/w; output in $T/out, status in $rc.
run() {
	(cd "$T/w" && PATH="$BIN:$PATH" sh -c "$1") >"$T/out" 2>"$T/err"
	rc=$?
}

mkdir "$T/w"
cd "$T/w"
printf 'one\ntwo words\n  three   spaced  words \n\nfive\tTAB\nsix Six SIX\nseven.\nEight 8\nnine*\nten$\n[eleven]\ntwelve\n' >text
seq 1 25 >nums
printf 'no newline at end' >nonl
: >empty
printf 'a\0b\nbinary\n' >bin
cd "$ROOT"

# cat
gnu 'cat text'
gnu 'cat text nonl nums'
gnu 'cat - <text'
gnu 'cat nonl - empty <nums'
gnu 'cat bin'
gnu 'cat nosuchfile'
gnu 'cat text nosuchfile nums'
run 'cat nosuchfile'
grep -q 'cat: nosuchfile: No such file' "$T/err"
ok $? "cat names the missing file"

# wc (GNU pads the numbers; compare the numbers)
for c in 'wc text' 'wc -l text' 'wc -w text' 'wc -c text' 'wc -lw text nums' 'wc text nonl empty bin' 'wc <text' 'wc -c <nonl' 'wc -wl text'; do
	same "$c (as GNU, numbers)" "$c | tr -s ' ' | sed 's/^ //'" "command $c | tr -s ' ' | sed 's/^ //'"
done
gnu 'wc nosuchfile'

# head and tail
for c in 'head nums' 'head -n 3 nums' 'head -3 nums' 'head -n3 nums' 'head -n 0 nums' 'head -n 40 nums' \
	'head -n 2 text nums' 'head nonl' 'head -n 2 <text' 'head -n 1 empty' \
	'tail nums' 'tail -n 3 nums' 'tail -n3 nums' 'tail -n +20 nums' 'tail -n +1 text' \
	'tail -n 0 nums' 'tail -n 40 nums' 'tail -n 2 nonl' 'tail -n 1 <text' 'tail empty' \
	'tail -n +0 nums' 'head nosuchfile' 'tail nosuchfile'; do
	gnu "$c"
done
run 'head -n x nums'
[ $rc -eq 2 ] && grep -q "'x' is not a number" "$T/err"
ok $? "head -n x: usage error naming x"

# grep, against GNU grep
for c in "grep two text" "grep -v o text" "grep -i six text" "grep -n e text" "grep -c e text" \
	"grep -c zzz text" "grep zzz text" "grep -l e text nums empty" "grep -q two text" \
	"grep -q zzz text" "grep e text nums" "grep -n 1 text nums" "grep '^t' text" \
	"grep 'e\$' text" "grep '^\$' text" "grep 'w.*s' text" "grep '[0-9]' text" \
	"grep '[^a-z ]' text" "grep '\\.' text" "grep 'nine\\*' text" "grep 'ten\\\$' text" \
	"grep '\\[eleven\\]' text" "grep -E 'one|two' text" "grep -E 'S+' text" \
	"grep -E 'tw?e' text" "grep -iE 'SIX|eight' text" "grep -vc e text" "grep -in 'T' text" \
	"grep '[[:digit:]]' text" "grep '[[:upper:]]' text" "grep 'x*' empty" \
	"grep -e -n text" "grep e nosuchfile" "grep e - <text" "grep end nonl" \
	"grep '[abc' text"; do
	gnu "$c"
done
run "grep -E '(a|b)' text"
[ $rc -eq 2 ] && grep -q "not supported" "$T/err"
ok $? "grep says groups are not supported"

# env
gnu 'env -i A=1 B=2'
gnu 'env -i A=1 B=2 A=3'
gnu 'env -i A=1 B=2 -u A'
same 'env -u HOME runs a command' 'env -i X=1 HOME=/h env -u HOME' 'env -i X=1 HOME=/h env -u HOME'
same 'env -i runs sh with only its words' "env -i Q=7 /bin/sh -c 'echo \$Q'" "env -i Q=7 /bin/sh -c 'echo \$Q'"
gnu 'env -i PATH=/usr/bin:/bin nosuchcommand'

# ls (long form: GNU with numeric owners, our date form, no "total" lines,
# blanks squeezed)
cd "$T/w"
mkdir -p tree/sub tree/.hid tree/empty
printf 'x' >tree/a
printf 'xyz\n' >tree/sub/b
: >tree/.dot
chmod 750 tree/sub
chmod 604 tree/a
cd "$ROOT"
for c in 'ls tree' 'ls -1 tree' 'ls -a tree' 'ls -d tree' 'ls tree/sub tree/a tree/empty' \
	'ls -d tree/sub tree/a' 'ls tree/a' 'ls tree/nothing' 'ls tree/sub/b tree/nothing'; do
	gnu "$c"
done
for c in 'ls -l tree' 'ls -la tree' 'ls -ld tree tree/a' 'ls -l tree/sub tree/a'; do
	same "$c (as GNU ls -n)" "$c | tr -s ' '" \
		"command ${c%% *} -n --time-style='+%Y-%m-%d %H:%M' ${c#* } | grep -v '^total' | tr -s ' '"
done

# mkdir, rm, cp, mv: do the same with ours and GNU's, compare the trees.
tree() {
	(cd "$1" && find . | sort && find . -type f -exec cat {} +)
}
# both DESC CMD: run CMD in two copies of tree/ (ours and GNU's); the
# trees, outputs and statuses after must be equal.
both() {
	rm -rf "$T/o" "$T/g"
	cp -r "$T/w/tree" "$T/o"
	cp -r "$T/w/tree" "$T/g"
	(cd "$T/o" && PATH="$BIN:$PATH" sh -c "$2") >"$T/ours" 2>/dev/null
	s1=$?
	(cd "$T/g" && sh -c "$(echo "$2" | sed 's/^/command /; s/&& /\&\& command /g')") >"$T/theirs" 2>/dev/null
	s2=$?
	tree "$T/o" >"$T/ot"
	tree "$T/g" >"$T/gt"
	if [ $s1 -eq $s2 ] && cmp -s "$T/ours" "$T/theirs" && cmp -s "$T/ot" "$T/gt"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		echo "# status ours $s1, GNU $s2"
		diff "$T/ot" "$T/gt" | sed 's/^/# /' | head -20
	fi
}
both 'mkdir x' 'mkdir x'
both 'mkdir x y' 'mkdir x y'
both 'mkdir existing fails' 'mkdir sub'
both 'mkdir -p a/b/c' 'mkdir -p a/b/c'
both 'mkdir -p existing is fine' 'mkdir -p sub/new sub'
both 'mkdir -p through a file fails' 'mkdir -p a/x'
both 'mkdir without parent fails' 'mkdir no/such'
both 'rm a' 'rm a'
both 'rm dir fails without -r' 'rm sub'
both 'rm -r sub' 'rm -r sub'
both 'rm -r .hid empty a' 'rm -r .hid empty a'
both 'rm missing fails' 'rm nothing'
both 'rm -f missing is fine' 'rm -f nothing a'
both 'rm -rf everything' 'rm -rf sub a .dot .hid empty'
both 'cp a c' 'cp a c'
both 'cp a sub/b (overwrite)' 'cp a sub/b'
both 'cp a .dot sub (into dir)' 'cp a .dot sub'
both 'cp dir fails without -r' 'cp sub s2'
both 'cp -r sub s2' 'cp -r sub s2'
both 'cp -r sub empty (into dir)' 'cp -r sub empty'
both 'cp missing fails' 'cp nothing x'
both 'cp a a fails' 'cp a a'
both 'cp several into a file fails' 'cp a .dot a'
both 'mv a c' 'mv a c'
both 'mv a sub (into dir)' 'mv a sub'
both 'mv sub newname' 'mv sub newname'
both 'mv a .dot empty' 'mv a .dot empty'
both 'mv missing fails' 'mv nothing x'
run 'cd tree && cp -r sub sub/inner'
[ $rc -ne 0 ] && grep -q 'into itself' "$T/err"
ok $? "cp -r refuses to copy a tree into itself"
run 'cd tree && rm -r ..'
[ $rc -ne 0 ] && grep -q 'refusing' "$T/err" && [ -d "$T/w/tree" ]
ok $? "rm refuses .."
run 'cd tree && cp -r sub /tmp/nonexistent_dir_for_cmd_test/x'
[ $rc -ne 0 ] && grep -q 'nonexistent_dir_for_cmd_test/x' "$T/err"
ok $? "cp names the destination it cannot make"

# date: ours lies between two readings of GNU's clock; the default form
a=$(date -u +%s)
run 'date +%s'
b=$(date -u +%s)
[ $rc -eq 0 ] && [ "$(cat "$T/out")" -ge "$a" ] && [ "$(cat "$T/out")" -le "$b" ]
ok $? "date +%s agrees with the host clock"
run 'date'
grep -Eq '^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z][a-z] [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] UTC [0-9]{4}$' "$T/out"
ok $? "date default form: $(cat "$T/out")"
same 'date -u +FORMAT (as GNU)' 'date -u +%Y-%m-%d%%%j' 'command date -u +%Y-%m-%d%%%j'
run 'date 0101'
[ $rc -eq 2 ] && grep -q 'not supported' "$T/err"
ok $? "date refuses to set the clock, saying so"

# man: every page renders without unknown macros, with groff's words;
# echo's page exactly.
words() {
	sed -e ':a' -e '/-$/{N;s/-\n *//;ba' -e '}' | tr -d '-' | tr -s ' \t\n' '   '
}
for page in "$ROOT"/docs/man/*.[1-9]; do
	run "man '$page'"
	[ $rc -eq 0 ] && [ ! -s "$T/err" ] && grep -q '^NAME$' "$T/out"
	ok $? "man renders ${page##*/} cleanly"
	# The same words in the same order as groff's mdoc (hyphenation and
	# dashes aside: groff hyphenates and prints .Nd's dash as --).
	if command -v groff >/dev/null 2>&1; then
		groff -mdoc -Tascii -P-c -P-b -P-u "$page" 2>/dev/null | sed '1d;$d' | words >"$T/groff.words"
		sed 1d "$T/out" | words >"$T/man.words"
		cmp -s "$T/groff.words" "$T/man.words"
		ok $? "man ${page##*/}: the words groff -mdoc prints"
	else
		ok 0 "man ${page##*/}: the words groff -mdoc prints # SKIP groff is not installed"
	fi
done
run "MANPATH='$T/none:$ROOT/docs/man' man echo"
cat >"$T/want" <<'EOM'
ECHO(1)                            Gremlin                             ECHO(1)

NAME
     echo - print arguments

SYNOPSIS
     echo [-n] [word ...]

DESCRIPTION
     Prints the words separated by single spaces and a newline; -n leaves the
     newline out.
EOM
cmp -s "$T/out" "$T/want"
ok $? "man echo: the whole page"
run "MANPATH='$ROOT/docs/man' man 8 tarfs"
grep -q '^     -m msize$' "$T/out" && grep -q 'ramfs(8), docs/tarfs.md' "$T/out" &&
	grep -q "('tar --format=ustar')" "$T/out"
ok $? "man 8 tarfs: list tags, .Xr, .Pq .Ql"
run "MANPATH='$ROOT/docs/man' man 3 echo"
[ $rc -eq 1 ] && grep -q 'no page for echo in section 3' "$T/err"
ok $? "man 3 echo: no such page, said plainly"
printf '.Dt X 1\n.Sh NAME\n.Zz odd\nword\n' >"$T/odd.1"
run "man '$T/odd.1'"
[ $rc -eq 0 ] && grep -q 'macro .Zz is not supported' "$T/err" && grep -q 'odd word' "$T/out"
ok $? "man: an unknown macro is named and its words kept"

# help: the index made from the pages
mkdir "$T/man"
sh "$ROOT/cmd/help/mkwhatis.sh" "$ROOT"/docs/man/*.[1-9] >"$T/man/whatis"
ok $? "mkwhatis.sh indexes every page"
run "MANPATH='$T/man' help"
grep -q '^echo  *print arguments$' "$T/out" && grep -q '^ls  *' "$T/out"
ok $? "help lists commands with their descriptions"
run "MANPATH='$T/man' help grep nosuch"
[ $rc -eq 1 ] && grep -q '^grep ' "$T/out" && grep -q 'no command or page called nosuch' "$T/err"
ok $? "help NAME: one entry, and an unknown name said plainly"
printf '.Dt Y 1\n.Sh NAME\n.Nm y\n' >"$T/y.1"
sh "$ROOT/cmd/help/mkwhatis.sh" "$T/y.1" >/dev/null 2>"$T/err"
[ $? -ne 0 ] && grep -q 'no .Nd line' "$T/err"
ok $? "mkwhatis.sh refuses a page without .Nd"

# tail -f follows a growing file
printf 'first\n' >"$T/grow"
"$BIN/tail" -f "$T/grow" >"$T/follow" 2>&1 &
pid=$!
sleep 1
printf 'second\n' >>"$T/grow"
i=0
while ! grep -q second "$T/follow" && [ $i -lt 50 ]; do
	sleep 0.2
	i=$((i + 1))
done
kill $pid 2>/dev/null
wait $pid 2>/dev/null
[ "$(cat "$T/follow")" = "$(printf 'first\nsecond')" ]
ok $? "tail -f prints what is appended"

echo "1..$n"
exit $failed
