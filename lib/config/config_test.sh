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

echo "1..$n"
exit $fail
