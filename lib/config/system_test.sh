#!/bin/bash
# lib/config/system_test.sh: the `system` command end to end on a scratch
# store: switch (its plan output, and an invalid config's exact problems,
# which are those of `config check`), generations, current, rollback and
# its refusals, a crash left behind, a corrupt current file, and what a
# boot picks with gen=N.
set -u
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
td=lib/config/testdata
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
R=$tmp/root
sys() { "$BIN/system" --root "$R" --apps $td/good/apps "$@"; }

# Two more configs over the same apps.
cat >"$tmp/two.toml" <<'TOML'
[system]
hostname = "box"
boot_snaps = ["ml_worker"]
TOML
cat >"$tmp/three.toml" <<'TOML'
[system]
hostname = "box"
boot_snaps = ["ml_worker", "ethnode"]

[snaps.ml_worker]
memory = "1G"
syscalls = ["read", "write"]
TOML

sys switch $td/good/config.toml >"$tmp/out" 2>"$tmp/err"
rc=$?
printf '%s\n' "switched to generation 1 (from none)" "hostname (unset) -> gremlin" \
	"timezone (unset) -> UTC" "start ethnode" "start ml_worker" | diff -u - "$tmp/out"
ok $? "first switch: its plan"
[ $rc = 0 ] && [ ! -s "$tmp/err" ] && [ "$(cat "$R/current")" = 1 ]
ok $? "first switch: exit 0, quiet, current is 1"
cmp -s $td/good/config.toml "$R/generations/1/config.toml"
ok $? "generation 1 holds the exact bytes of the file"
[ "$(head -1 "$R/generations/1/resolved")" = "gremlin-resolved 2" ] &&
	[ "$(head -1 "$R/generations/1/complete")" = "gremlin-generation 1" ]
ok $? "resolved and marker carry their format version"
sed -n '/^snap tor.d$/,/^end$/p' "$R/generations/1/resolved" | grep -Eq '^(memory 16777216|processes 4)$' &&
	[ "$(sed -n '/^snap tor.d$/,/^end$/p' "$R/generations/1/resolved" | grep -Ec '^(memory 16777216|processes 4)$')" = 2 ]
ok $? "the snap tor.d is resolved: its manifest's memory, the config's processes"

sys switch "$tmp/two.toml" >"$tmp/out" 2>&1
printf '%s\n' "switched to generation 2 (from 1)" "stop ethnode" "hostname gremlin -> box" \
	"timezone UTC -> (unset)" "keep ml_worker" | diff -u - "$tmp/out"
ok $? "second switch: stop, hostname, timezone, keep"
sys switch "$tmp/three.toml" >"$tmp/out" 2>&1
printf '%s\n' "switched to generation 3 (from 2)" "restart ml_worker (syscalls, memory changed)" \
	"start ethnode" | diff -u - "$tmp/out"
ok $? "third switch: restart with reasons, start"

"$BIN/system" --root "$R" --apps $td/bad/apps switch $td/bad/config.toml >"$tmp/out" 2>"$tmp/err"
rc=$?
{ cat $td/bad/expected.txt
  echo "system: 7 problems: $td/bad/config.toml did not become a generation"; } |
	diff -u - "$tmp/err"
ok $? "invalid config: every problem as FILE:LINE:COL, the same as config check"
[ $rc = 1 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$R/current")" = 3 ] && [ ! -e "$R/generations/4" ]
ok $? "invalid config: exit 1, no generation 4, current still 3"

sys generations >"$tmp/out" 2>&1
grep -Eq '^  1  [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}  ethnode ml_worker$' "$tmp/out" &&
	grep -Eq '^  2  .{19}  ml_worker$' "$tmp/out" &&
	grep -Eq '^\* 3  .{19}  ml_worker ethnode$' "$tmp/out" && [ "$(wc -l <"$tmp/out")" = 3 ]
ok $? "generations: number, date, current marker, boot_snaps"
[ "$(sys current)" = 3 ]
ok $? "current prints 3"

sys rollback >"$tmp/out" 2>&1
printf '%s\n' "rolled back to generation 2 (from 3)" "stop ethnode" \
	"restart ml_worker (syscalls, memory changed)" | diff -u - "$tmp/out"
ok $? "rollback: to 2, with its plan"
sys rollback 1 >/dev/null 2>&1 && [ "$(sys current)" = 1 ]
ok $? "rollback 1: current is 1"
sys rollback >"$tmp/out" 2>&1
[ $? = 1 ] && [ "$(cat "$tmp/out")" = "system: rollback refused: generation 1 is the first usable generation: there is none before it to roll back to" ]
ok $? "rollback past the first: refused"
sys rollback 9 >"$tmp/out" 2>&1
[ $? = 1 ] && [ "$(cat "$tmp/out")" = "system: rollback refused: cannot roll back to generation 9: no generation 9" ]
ok $? "rollback to an unknown generation: refused"
sys rollback 0x2 >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q '"0x2" is not a generation number' "$tmp/out"
ok $? "rollback to something that is not a number: refused"
sys switch "$tmp/two.toml" >"$tmp/out" 2>&1
head -1 "$tmp/out" | grep -qx "switched to generation 4 (from 1)"
ok $? "after rollbacks the next generation is 4, planned from 1"

# A crash while writing generation 5: a directory without its marker.
mkdir "$R/generations/5"
cp "$tmp/three.toml" "$R/generations/5/config.toml"
sys generations | grep -q '^  5  unfinished  generation 5 is incomplete'
ok $? "generations: an unfinished one is shown as such"
sys switch "$tmp/three.toml" >"$tmp/out" 2>"$tmp/err"
grep -qx "switched to generation 5 (from 4)" "$tmp/out" &&
	grep -q "removed generation 5: it was never finished" "$tmp/err"
ok $? "the next switch cleans it up (with a warning) and completes its own"
mkdir "$R/generations/6"
sys rollback 6 >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "removed generation 6: it was never finished" "$tmp/out" &&
	grep -q "rollback refused: cannot roll back to generation 6: no generation 6" "$tmp/out" &&
	[ "$(sys current)" = 5 ]
ok $? "rollback to an unfinished generation: cleaned up and refused"

# A corrupt generation and a corrupt current file.
chmod 644 "$R/generations/2/config.toml"
echo "# edited" >>"$R/generations/2/config.toml"
sys rollback 2 >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "generation 2 is corrupt: config.toml is" "$tmp/out"
ok $? "rollback to a corrupt generation: refused"
sys generations | grep -q '^  2  corrupt  '
ok $? "generations: a corrupt one is shown as such"
echo garbage >"$R/current"
sys current >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "current is corrupt" "$tmp/out" && grep -q "a boot would use generation 5" "$tmp/out"
ok $? "current: a corrupt current file is reported, with what a boot would use"
sys boot >"$tmp/out" 2>"$tmp/err"
head -1 "$tmp/out" | grep -qx "boot generation 5" && grep -q "using generation 5, the newest usable one" "$tmp/err"
ok $? "boot with a corrupt current file: the newest usable generation"
echo 4 >"$R/current"
sys boot --gen 3 >"$tmp/out" 2>"$tmp/err"
printf '%s\n' "boot generation 3" "hostname (unset) -> box" "start ml_worker" "start ethnode" |
	diff -u - "$tmp/out" && [ ! -s "$tmp/err" ] && [ "$(sys current)" = 4 ]
ok $? "boot gen=3: generation 3, current unchanged"
sys boot --gen 2 >"$tmp/out" 2>"$tmp/err"
head -1 "$tmp/out" | grep -qx "boot generation 4" &&
	grep -q "gen=2 was asked for, but generation 2 is corrupt" "$tmp/err"
ok $? "boot gen=2 (corrupt): the current one, with a warning"

rm -rf "$R"
sys --default $td/good/config.toml boot >"$tmp/out" 2>"$tmp/err"
head -1 "$tmp/out" | grep -qx "boot generation 1" && [ "$(sys current)" = 1 ] && [ ! -s "$tmp/err" ]
ok $? "first boot: the default config becomes generation 1"

"$BIN/system" >/dev/null 2>&1
[ $? = 2 ]
ok $? "no command: usage, exit 2"
"$BIN/system" frobnicate >/dev/null 2>&1
[ $? = 2 ]
ok $? "unknown command: usage, exit 2"

"$BIN/system" --gen 2 current >/dev/null 2>&1
[ $? = 2 ]
ok $? "--gen with another command than boot: usage, exit 2"

echo "1..$n"
exit $fail
