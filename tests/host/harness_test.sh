#!/bin/sh
# tests/host/harness_test.sh: host-side scenario tests of tools/gremlin and
# the boot/exec protocol (docs/harness.md). Prints TAP. Needs the kernel
# (mk/kernel.mk) and QEMU; without them the first check fails and says why.
# Run from the repository root.
set -u
cd "$(dirname "$0")/../.."
G="tools/gremlin --no-build"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0 failed=0

# ok STATUS DESCRIPTION: status 0 passes.
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		[ -s "$T/out" ] && sed 's/^/# out: /' "$T/out" | tail -15
		[ -s "$T/err" ] && sed 's/^/# err: /' "$T/err" | tail -25
	fi
}

# exec PROGRAM ARGS...: run in the guest; $rc, $T/out and $T/err hold the result.
run() {
	timeout 300 $G exec "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

if ! make -s kernel image >"$T/out" 2>"$T/err"; then
	ok 1 "build the kernel and the image (make kernel image) - nothing else can run"
	echo "Bail out! no kernel or image"
	exit 1
fi
ok 0 "build the kernel and the image"

run -- /bin/true
{ [ $rc = 0 ]; }
ok $? "exec /bin/true exits 0 (got $rc)"
run -- /bin/false
{ [ $rc = 1 ]; }
ok $? "exec /bin/false exits 1 (got $rc)"
run -- /bin/test/helper/harness exit 42
{ [ $rc = 42 ]; }
ok $? "exec of a program exiting 42 exits 42 (got $rc)"
run -- /bin/test/helper/harness exit 200
{ [ $rc = 200 ]; }
ok $? "exit status 200 survives (more than QEMU's 7 bits) (got $rc)"
run -- /bin/test/helper/harness fault
{ [ $rc = 139 ] && grep -q "^kernel: killed pid [0-9]* 'harness': page fault" "$T/out"; }
ok $? "a faulting program: status 139 and the kernel's kill line is shown (got $rc)"

run -- /bin/echo hello world
printf 'hello world\n' >"$T/want"
{ [ $rc = 0 ] && cmp -s "$T/out" "$T/want"; }
ok $? "exec output is the program's output only: no boot lines, no banner"

run -- /bin/test/helper/harness args "two words" 'double"quote' "it's" "100%" "%41%" "" \
	"tab	here" "ünï" "a=b,c:d@e+f"
printf '%s\n' "[two words]" '[double"quote]' "[it's]" "[100%]" "[%41%]" "[]" "[tab	here]" \
	"[ünï]" "[a=b,c:d@e+f]" >"$T/want"
{ [ $rc = 0 ] && cmp -s "$T/out" "$T/want"; }
ok $? "arguments round-trip through percent-encoding (spaces, quotes, %, empty, tab, UTF-8)"

# init's decoder on words the host would never produce: malformed escapes
# stay as they are, %00 is not turned into a NUL, a lone % is empty.
timeout 120 $G run exec /bin/test/helper/harness args %ZZ %4 %41 a%20b % %00 </dev/null >"$T/raw" 2>"$T/err"
rc=$?
tr -d '\r' <"$T/raw" | grep '^\[' >"$T/out"
printf '%s\n' "[%ZZ]" "[%4]" "[A]" "[a b]" "[]" "[%00]" >"$T/want"
{ [ $rc = 0 ] && cmp -s "$T/out" "$T/want"; }
ok $? "init's percent-decoding of raw command-line words (bad escapes kept, lone %% empty)"

run --timeout 8 -- /bin/test/helper/harness spin
{ [ $rc = 124 ] && grep -q "guest still running after 8s" "$T/err" &&
	grep -q "^init: Gremlin OS started" "$T/err"; }
ok $? "a hung guest: exit 124 and the last serial lines on stderr (got $rc)"

run -- /bin/no-such-program
{ [ $rc = 127 ] && grep -q "cannot run /bin/no-such-program" "$T/out" "$T/err"; }
ok $? "a missing program: status 127 and a message naming it (got $rc)"

run
{ [ $rc = 2 ] && grep -q "name a program" "$T/err"; }
ok $? "exec without a program: usage error 2 (got $rc)"

QEMU=false timeout 60 $G exec -- /bin/true >"$T/out" 2>"$T/err"
rc=$?
{ [ $rc = 125 ] && grep -q "QEMU" "$T/err"; }
ok $? "QEMU failing: exit 125 and says so (got $rc)"
QEMU=/nonexistent/qemu timeout 60 $G exec -- /bin/true >"$T/out" 2>"$T/err"
rc=$?
{ [ $rc = 125 ] && grep -q "not found" "$T/err"; }
ok $? "QEMU missing: exit 125, 'not found' (got $rc)"

run --kvm -- /bin/true
{ { [ $rc = 125 ] && grep -q "kvm" "$T/err"; } || [ $rc = 0 ]; }
ok $? "--kvm: runs where KVM works, else exit 125 saying why (got $rc)"

rm -f build/gremlin.iso
make -s iso >"$T/out" 2>"$T/err"
rc=$?
{ [ $rc = 0 ] && [ -s build/gremlin.iso ]; }
ok $? "make iso builds build/gremlin.iso (exit $rc)"
timeout 120 $G boot --iso --timeout 60 >"$T/out" 2>"$T/err"
rc=$?
{ [ $rc = 0 ] && grep -q "^boot: 'init: Gremlin OS started' after" "$T/out"; }
ok $? "the ISO boots with -cdrom (GRUB) to init's banner: $(cat "$T/out")"
run --iso -- /bin/test/helper/harness exit 42
{ [ $rc = 42 ]; }
ok $? "exec through GRUB (an ISO with the exec line) exits 42 (got $rc)"

timeout 120 $G boot --mem 16M --timeout 60 >"$T/out" 2>"$T/err"
rc=$?
{ [ $rc = 0 ] && grep -q "after" "$T/out"; }
ok $? "boot with --mem 16M reaches the banner: $(cat "$T/out")"

# Input piped to exec is echoed by the console as it arrives and can share a
# serial line with init's status line (when depends on timing); the status
# must come through whatever the echo does.
seq 1 3000 | timeout 120 $G exec -- /bin/test/helper/harness exit 7 >"$T/out" 2>"$T/err"
rc=$?
{ [ $rc = 7 ]; }
ok $? "exec with piped input keeps the status (got $rc: $(tail -c 200 "$T/err"))"

# A command line over the kernel's limit is refused before boot, not truncated.
long=$(head -c 5000 /dev/zero | tr '\0' x)
timeout 60 $G exec -- /bin/echo "$long" >"$T/out" 2>"$T/err"
rc=$?
{ [ $rc = 125 ] && grep -q "over the kernel's limit" "$T/err"; }
ok $? "an over-long exec command is refused with a reason (got $rc: $(head -c 200 "$T/err"))"

# A long one under the limit arrives whole.
long=$(head -c 3000 /dev/zero | tr '\0' y)
got=$(timeout 60 $G exec -- /bin/echo "$long")
{ [ "$got" = "$long" ]; }
ok $? "a 3000-byte argument arrives whole (got ${#got} bytes)"

# make run's machine: init starts the shell on the console and powers off
# with its status when it exits. Typed one line at a prompt
# (tests/host/scenario.py): input sent ahead is echoed by the cooked console
# while a command runs and would land inside other lines.
printf '%s\n' 'echo hi there' 'false; echo status $?' 'nosuch' 'ls /bin | grep -c sh' 'exit 3' \
	>"$T/console.sh"
timeout 300 python3 tests/host/scenario.py "$T/console.sh" "$T/console" 2>"$T/err"
rc=$(cat "$T/console/status" 2>/dev/null)
{ [ "$rc" = 3 ] && [ "$(cat "$T/console/1.out")" = "hi there" ] &&
	[ "$(cat "$T/console/2.out")" = "status 1" ] &&
	grep -q "nosuch: not found" "$T/console/3.out" &&
	grep -Eq '^[0-9]+$' "$T/console/4.out" &&
	grep -q "init: shell exited with status 3; powering off" "$T/console/transcript"; }
ok $? "the console shell: a command, \$?, not found, a pipeline, exit 3 powers off (got $rc: $(head -c 200 "$T/err"))"

# poweroff(1) asks init with a note: init kills everything else, says so
# and powers off with the status, which QEMU hands to the host. Any other
# note to init is still refused.
timeout 60 $G exec -- /bin/sh -c 'kill -n hangup 1; echo "kill $?"; poweroff 5; sleep 10' \
	>"$T/out" 2>"$T/err"
rc=$?
{ [ $rc = 5 ] && grep -q "init: poweroff (status 5)" "$T/out" && grep -q "^kill 1$" "$T/out" &&
	grep -q "init cannot be killed" "$T/out"; }
ok $? "sh -c 'poweroff 5' makes QEMU exit 5; other notes to init refused (got $rc)"

# Ctrl-C at the console: the shell catches "interrupt" (signal() over
# notify), the foreground command dies of it, a loop the shell runs stops,
# and the shell goes on.
{
	printf '                                \n'
	sleep 1
	printf 'while true; do sleep 1; done; echo after\n'
	sleep 3
	printf '\003'
	sleep 1
	printf 'echo alive\n'
	sleep 1
	printf 'exit 4\n'
} | timeout 120 $G run >"$T/raw" 2>"$T/err"
rc=$?
tr -d '\r' <"$T/raw" >"$T/out"
{ [ $rc = 4 ] && grep -Eq "(^|% )alive$" "$T/out" && ! grep -Eq "(^|% )after$" "$T/out" &&
	grep -q "killed pid .* 'sleep': interrupt" "$T/out"; }
ok $? "Ctrl-C stops the shell's loop and its command; the shell survives (got $rc)"

echo "1..$n"
[ $failed = 0 ]
