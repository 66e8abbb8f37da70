#!/bin/bash
# lib/config/config_test.sh: the `config check` command on the example tree
# in lib/config/testdata (a config.toml and an apps directory with good and
# bad manifests), and that kernel/include/abi/sysnames.h is what
# tools/gen-sysnames writes from kernel/include/abi/syscall.h today.
set -u
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
td=lib/config/testdata
out=$(mktemp)
trap 'rm -f "$out"' EXIT

tools/gen-sysnames | cmp -s - kernel/include/abi/sysnames.h
ok $? "kernel/include/abi/sysnames.h is up to date with kernel/include/abi/syscall.h"

"$BIN/config" check $td/good/config.toml --apps $td/good/apps >"$out" 2>/dev/null
rc=$?
[ $rc = 0 ] && [ "$(cat "$out")" = "$td/good/config.toml: ok" ]
ok $? "good config with its apps: exit 0 and ok"

"$BIN/config" check $td/bad/config.toml --apps $td/bad/apps >"$out" 2>/dev/null
rc=$?
[ $rc = 1 ]
ok $? "bad config: exit 1"
diff -u $td/bad/expected.txt "$out"
ok $? "bad config: every problem, in file and line order"

"$BIN/config" check $td/nosuch.toml >"$out" 2>/dev/null
[ $? = 1 ] && grep -q "^$td/nosuch.toml: cannot open the file$" "$out"
ok $? "missing file: reported, exit 1"

"$BIN/config" >/dev/null 2>&1
[ $? = 2 ]
ok $? "no arguments: usage, exit 2"

# A lone manifest (the SDK checks a snap before it boots one).
m=$td/good/apps/tor.d/manifest.toml
"$BIN/config" check --manifest $m >"$out" 2>&1
[ $? = 0 ] && [ "$(cat "$out")" = "$m: ok" ]
ok $? "--manifest: a good manifest (a snap name with '.'): exit 0 and ok, nothing else"
"$BIN/config" check $m >"$out" 2>&1
[ $? = 0 ] && [ "$(cat "$out")" = "$m: ok" ]
ok $? "a file named manifest.toml is checked as a manifest without --manifest"
"$BIN/config" check --manifest $td/bad/apps/ethnode/manifest.toml >"$out" 2>/dev/null
[ $? = 1 ] && [ "$(cat "$out")" = "$td/bad/apps/ethnode/manifest.toml:4:1: unknown key \"colour\" in the manifest" ]
ok $? "--manifest: a bad manifest: its exact problem, exit 1"
"$BIN/config" check --manifest $m --name tor >"$out" 2>/dev/null
[ $? = 1 ] && [ "$(cat "$out")" = "$m:2:8: name \"tor.d\" differs from the snap's directory \"tor\"" ]
ok $? "--manifest --name: the name must match"
printf 'name = "x"\nentry = "bin/x"\nprocesses = 0\n' >"$out.toml"
"$BIN/config" check --manifest "$out.toml" >"$out" 2>/dev/null
rc=$?
rm -f "$out.toml"
[ $rc = 1 ] && [ "$(cat "$out")" = "$out.toml:2:9: entry must be an absolute path, not \"bin/x\"
$out.toml:3:13: processes must be between 1 and 4096 (the most processes the snap may have at once), not 0" ]
ok $? "--manifest on a file of another name: every problem"
"$BIN/config" check --manifest $m --apps $td/good/apps >/dev/null 2>&1
[ $? = 2 ]
ok $? "--manifest with --apps: usage, exit 2"
"$BIN/config" check $td/good/config.toml --name x >/dev/null 2>&1
[ $? = 2 ]
ok $? "--name without a manifest: usage, exit 2"

echo "1..$n"
exit $fail
