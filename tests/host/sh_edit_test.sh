#!/bin/sh
# tests/host/sh_edit_test.sh: the shell's line editor on Gremlin's console
# (cmd/sh/tty.c puts the console in raw mode through /dev/consctl while a
# line is edited). Boots Gremlin (tools/gremlin run, via
# tests/host/scenario.py), types lines holding editing keys as raw bytes
# and checks what ran and what the screen shows. Prints TAP. Run from the
# repository root.
set -u
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0

# ok STATUS DESCRIPTION: status 0 passes; a failure shows what came back.
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
		return
	fi
	echo "not ok $n - $2"
	for f in "$O/$line.echo" "$O/$line.out"; do
		[ -f "$f" ] && { cat "$f"; echo; } | sed 's/^/# got: /'
	done
}

# is N TEXT: line N's output is exactly TEXT.
is() {
	line=$1
	printf '%s\n' "$2" >"$T/want"
	cmp -s "$O/$1.out" "$T/want"
}

# echoed N TEXT: the screen shows line N as TEXT after the prompt.
echoed() {
	line=$1
	[ "$(cat "$O/$1.echo")" = "$2" ]
}

if ! make -s kernel image >"$T/build" 2>&1; then
	tail -20 "$T/build" | sed 's/^/# /'
	echo "not ok 1 - build the kernel and the image (make kernel image) - nothing else can run"
	echo "1..1"
	exit 1
fi
ok 0 "build the kernel and the image"

# The keys: DEL (what a terminal's Backspace sends), Left and Up arrows,
# Home and End, Ctrl-U, Ctrl-C. (Not Ctrl-A: QEMU's console takes it as
# its own escape key.)
BS=$(printf '\177')
LEFT=$(printf '\033[D')
UP=$(printf '\033[A')
HOME_=$(printf '\033[H')
END_=$(printf '\033[F')
CU=$(printf '\025')
CC=$(printf '\003')
O=$T/out
{
	printf 'echo hxllo%s%s%s%sello\n' "$BS" "$BS" "$BS" "$BS"
	printf 'echo wrld%s%s%so\n' "$LEFT" "$LEFT" "$LEFT"
	printf '%s\n' "$UP"
	printf 'cho front%se%s!\n' "$HOME_" "$END_"
	printf 'garbage words%secho after kill\n' "$CU"
	printf 'echo 1 >/tmp/kept\n'
	printf 'echo 1 >/tmp/cancelled%s\n' "$CC"
	printf 'ls /tmp; echo listed\n'
	printf 'exit 5\n'
} >"$T/script"
timeout 600 python3 tests/host/scenario.py "$T/script" "$O" 2>"$T/err"
rc=$?
if [ $rc != 0 ]; then
	sed 's/^/# /' "$T/err"
	[ -f "$O/transcript" ] && tail -20 "$O/transcript" | sed 's/^/# serial: /'
fi
ok $rc "the guest boots, every line gets a prompt and the shell exits"

is 1 "hello"
ok $? "backspace (DEL) erases the typo before the cursor"
echoed 1 "echo hello"
ok $? "the screen shows the corrected line"

is 2 "world"
ok $? "left arrow moves the cursor back, a key inserts there"
echoed 2 "echo world"
ok $? "the screen shows the line with the insertion"

is 3 "world"
ok $? "up arrow recalls the previous command, Enter runs it"
echoed 3 "echo world"
ok $? "the recalled command is drawn on the prompt line"

is 4 "front!"
ok $? "Home and End move to the start and the end"

is 5 "after kill"
ok $? "Ctrl-U kills the half-typed words before the cursor"

echoed 7 "echo 1 >/tmp/cancelled^C"
ok $? "Ctrl-C on a half-typed line shows ^C"
is 8 "kept
listed"
ok $? "the cancelled line did not run (ls /tmp shows only the file of the line before)"

[ "$(cat "$O/status" 2>/dev/null)" = 5 ]
ok $? "exit 5 powers off with status 5 (raw mode ended: exit ran)"

echo "1..$n"
