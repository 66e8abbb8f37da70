#!/bin/sh
# tests/host/scenario_test.sh: scenario tests of the console shell. Boots
# Gremlin as `make run` does (tools/gremlin run), types command lines into
# the serial console one at a time (tests/host/scenario.py waits for each
# prompt) and checks what came back and the status `exit` powers off with.
# Two boots. Prints TAP. Run from the repository root.
set -u
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0 failed=0

# ok STATUS DESCRIPTION: status 0 passes; a failure shows what came back.
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
		return
	fi
	echo "not ok $n - $2"
	failed=$((failed + 1))
	[ -n "${line:-}" ] && [ -f "$O/$line.out" ] && sed 's/^/# got: /' "$O/$line.out"
}

# boot NAME: run the script $T/NAME.sh in a fresh guest; results in $O.
boot() {
	O=$T/$1
	timeout 600 python3 tests/host/scenario.py "$T/$1.sh" "$O" 2>"$T/$1.err"
	rc=$?
	status=$(cat "$O/status" 2>/dev/null)
	if [ $rc != 0 ]; then
		sed 's/^/# /' "$T/$1.err"
		[ -f "$O/transcript" ] && tail -20 "$O/transcript" | sed 's/^/# serial: /'
	fi
}

# is N TEXT: line N's output is exactly TEXT (lines joined with \n).
is() {
	line=$1
	if [ -z "$2" ]; then
		: >"$T/want"
	else
		printf '%s\n' "$2" >"$T/want"
	fi
	cmp -s "$O/$1.out" "$T/want"
}

# has N REGEX: some line of line N's output matches the extended regex.
has() {
	line=$1
	grep -Eq "$2" "$O/$1.out"
}

if ! make -s kernel image >"$T/build" 2>&1; then
	tail -20 "$T/build" | sed 's/^/# /'
	echo "not ok 1 - build the kernel and the image (make kernel image) - nothing else can run"
	echo "1..1"
	exit 1
fi
ok 0 "build the kernel and the image"

# What the image holds, for checks that must follow it.
tops=$(tar tf build/base.tar | cut -d/ -f1 | sort -u)
nsh=$(tar tf build/base.tar | grep '^bin/[^/]*$' | sed 's,^bin/,,' | grep -c sh)
nwhatis=$(tar xOf build/base.tar man/whatis | wc -l)

# Boot 1: files, pipelines, redirection, the namespace, processes, the
# language, errors; ends with exit 3.
cat >"$T/one.sh" <<'EOF'
ls /base
ls /bin | grep -c sh
cat /man/whatis | wc -l
echo hello > /tmp/x; cat /tmp/x; ls /tmp
echo world >> /tmp/x; cat /tmp/x
echo again > /tmp/x; cat /tmp/x
ns
ps
for i in 1 2 3; do echo "item $i"; done
greet() { echo "hi $1, $# args"; return 4; }
greet you two; echo "ret $?"
cd /tmp; pwd
nosuch-cmd; echo "status $?"
mkdir -p /tmp/a/b && ls /tmp/a
ls
rm /tmp/x; echo "rm $?"; ls /tmp
rm /tmp/x; echo "again $?"
false; echo $?; true; echo $?
cat /tmp/none; echo "cat $?"
echo $((6 * 7)) $(echo sub) "$(ls /tmp/a)"
exit 3
EOF
boot one
{ [ $rc = 0 ] && [ "$status" = 3 ]; }
ok $? "boot 1: every line got its prompt and 'exit 3' powers off with status 3 (got $rc, $status)"
grep -q "^init: shell exited with status 3; powering off" "$O/transcript"
ok $? "boot 1: init reports the shell's status"
i=0 bad=
while IFS= read -r l; do
	i=$((i + 1))
	[ "$(cat "$O/$i.echo" 2>/dev/null)" = "$l" ] || bad="$bad $i"
done <"$T/one.sh"
line=
[ -z "$bad" ]
ok $? "the console echoes each typed line as it was typed (wrong:${bad:-none})"

is 1 "$tops"
ok $? "ls /base lists the image's top level ($(echo $tops))"
is 2 "$nsh"
ok $? "pipeline: ls /bin | grep -c sh counts $nsh"
[ "$(tr -d ' \n' <"$O/3.out")" = "$nwhatis" ]
ok $? "pipeline: cat /man/whatis | wc -l counts $nwhatis lines"
is 4 "hello
x"
ok $? "> creates /tmp/x on the ramfs; cat reads it back; ls /tmp lists it"
is 5 "hello
world"
ok $? ">> appends"
is 6 "again"
ok $? "> truncates"
has 7 "^mount .* /tmp\$" && has 7 "^mount .* /writable\$"
ok $? "ns shows the mounts on /tmp and /writable"
has 8 " init\$" && has 8 " sh\$" && has 8 " ps\$" && has 8 "^ +1 +0 "
ok $? "ps lists init (pid 1), sh and ps itself"
is 9 "item 1
item 2
item 3"
ok $? "a for loop"
is 10 "" && is 11 "hi you, 2 args
ret 4"
ok $? "a function: arguments, \$#, return status"
is 12 "/tmp"
ok $? "cd /tmp; pwd"
is 13 "sh: nosuch-cmd: not found
status 127"
ok $? "a command not found: a message and status 127"
is 14 "b"
ok $? "mkdir -p /tmp/a/b && ls /tmp/a"
is 15 "a
x"
ok $? "ls with no argument lists the current directory (/tmp)"
is 16 "rm 0
a"
ok $? "rm removes the file (status 0, gone from ls)"
has 17 "^rm: /tmp/x: " && has 17 "^again [1-9][0-9]*\$"
ok $? "rm of a missing file: a message naming it and a non-zero status"
is 18 "1
0"
ok $? "\$? after false and true"
has 19 "^cat: /tmp/none: " && has 19 "^cat [1-9][0-9]*\$"
ok $? "cat of a missing file: a message naming it and a non-zero status"
is 20 "42 sub b"
ok $? "arithmetic and command substitution"

# Boot 2: a fresh ramfs, /writable, a larger file through a pipe, and the
# status of the last command carried by a bare exit (127 here).
cat >"$T/two.sh" <<'EOF'
ls /tmp; echo "empty $?"
echo w > /writable/f; cat /writable/f
i=0; while [ $i -lt 300 ]; do echo "line $i"; i=$((i + 1)); done > /tmp/big
wc -l /tmp/big
cat /tmp/big | tail -n 1
cat /tmp/big /tmp/big | grep -c 'line 2'
nosuch
exit
EOF
boot two
{ [ $rc = 0 ] && [ "$status" = 127 ]; }
ok $? "boot 2: a bare exit after a missing command powers off with 127 (got $rc, $status)"
is 1 "empty 0"
ok $? "/tmp starts empty in a new boot"
is 2 "w"
ok $? "/writable takes a file"
is 3 "" && has 4 "^ *300 "
ok $? "a while loop redirected into /tmp/big: 300 lines"
is 5 "line 299"
ok $? "cat | tail -n 1 gives the last line"
is 6 "222"
ok $? "cat of two files | grep -c (111 matches each)"
has 7 "nosuch: not found"
ok $? "the missing command is named"

# Boot 3: snaps under init (docs/snaps.md). The shell is the boot snap;
# test snaps (tests/apps) are started with snapctl, contained, logged;
# a generation switch starts a daemon and sets the host name, a rollback
# stops it.
cat >"$T/three.sh" <<'EOF'
snapctl list
snapctl info shell
snapctl start t-probe
sleep 1; snapctl logs t-probe
snapctl start t-syscall
sleep 1; snapctl logs t-syscall
cat /dev/audit
snapctl start t-flood; echo alive
sleep 3; ls -l /writable/var/log
echo '[system]' > /tmp/c.toml; echo 'hostname = "box"' >> /tmp/c.toml; echo 'boot_snaps = ["shell", "t-daemon"]' >> /tmp/c.toml
system switch /tmp/c.toml
snapctl list | grep t-daemon
uname -n
system rollback
snapctl list | grep t-daemon
snapctl stop nosuch; echo "status $?"
echo '[system]' > /tmp/d.toml; echo 'boot_snaps = ["nosuch"]' >> /tmp/d.toml; system switch /tmp/d.toml; echo "status $?"
system current
snapctl start t-crash; sleep 6; snapctl info t-crash
snapctl logs t-crash | grep -c 't-crash: failing on purpose'; snapctl logs t-crash | grep -E 'restarting|failed 5 times'
snapctl start t-daemon; sleep 1; ps | grep ' init$' | while read pid rest; do [ "$pid" != 1 ] && kill $pid; done; echo loggers killed
sleep 2; snapctl restart t-daemon; sleep 1; snapctl list | grep t-daemon; snapctl logs -n 1 t-daemon; snapctl stop t-daemon
exit 3
EOF
boot three
{ [ $rc = 0 ] && [ "$status" = 3 ]; }
ok $? "boot 3: every line got its prompt and 'exit 3' powers off with status 3 (got $rc, $status)"
grep -q "^init: generation 1$" "$O/transcript"
ok $? "boot 3: init boots generation 1, made from /base/system/config.toml"
has 1 "^shell +running +[0-9]+ +0 " && has 1 "^ethnode +stopped " && has 1 "^tor.d +stopped "
ok $? "snapctl list: the shell runs; the other seed snaps are there, stopped"
has 2 "^state +running" && has 2 "^capabilities +/$" && has 2 "^  bind '#p' '/proc'$"
ok $? "snapctl info shell: state, capabilities and its namespace"
is 3 "" && has 4 "init: started t-probe" && has 4 "^ok - / holds only its tree" &&
	! has 4 "^not ok" && has 4 "init: t-probe exited with status 0$"
ok $? "snapctl start t-probe: its sandbox checks pass, all in its log"
has 6 "init: t-syscall exited with status 159: syscall 'pipe' denied for snap 't-syscall'$" &&
	has 6 "init: audit: .* name=t-syscall snap=t-syscall syscall=pipe nr=38$"
ok $? "a syscall outside the manifest: killed; its log has the exit and the audit record"
has 7 "snap=t-syscall syscall=pipe"
ok $? "the denial is in /dev/audit"
is 8 "alive"
ok $? "the shell answers while t-flood floods its output"
log=$(grep ' t-flood.log$' "$O/9.out" | awk '{print $5}')
old=$(grep ' t-flood.log.1$' "$O/9.out" | awk '{print $5}')
[ -n "$log" ] && [ -n "$old" ] && [ "$log" -le 262144 ] && [ "$old" -le 262144 ]
ok $? "the flood's log is bounded: t-flood.log ${log:-?} and t-flood.log.1 ${old:-?} bytes, 256 KiB each at most"
has 11 "^switched to generation 2" && has 11 "^init: start t-daemon$" &&
	has 11 "^init: hostname gremlin -> box$"
ok $? "system switch: generation 2; init starts t-daemon and sets the host name"
has 12 "^t-daemon +running " && is 13 "box"
ok $? "after the switch t-daemon runs and uname -n says box"
has 14 "^init: stop t-daemon$" && has 15 "^t-daemon +stopped .*status 137: killed"
ok $? "system rollback: init stops t-daemon"
is 16 "stop: no snap nosuch: not in generation 1 and no valid /apps/nosuch/manifest.toml
status 1"
ok $? "snapctl stop of an unknown snap: a clear error and status 1"
has 17 'unknown snap "nosuch" in system.boot_snaps' && has 17 "^status [1-9]"
ok $? "system switch refuses an invalid config"
has 18 "^1$"
ok $? "the invalid config never became current"
has 19 "^state +failed$" && has 19 "^restarts +4$" && has 19 "^last exit +status 3$" &&
	has 19 "^init: snap t-crash keeps failing; stopped restarting it$"
ok $? "restart on-failure: init restarted t-crash 4 times, then gave up (failed) and said so"
has 20 "^5$" && has 20 "init: restarting t-crash in 250 ms" && has 20 "init: restarting t-crash in 2000 ms" &&
	has 20 "t-crash failed 5 times in a row"
ok $? "its log: 5 runs, backoff 250 ms doubling to 2000 ms, and why it stopped"
has 21 "^loggers killed$" && has 22 "^t-daemon +running " && has 22 "t-daemon: tick 1$"
ok $? "with every snap's logger killed, init lives on, and a restart logs again"

echo "1..$n"
[ $failed = 0 ]
