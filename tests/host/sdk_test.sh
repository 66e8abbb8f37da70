#!/bin/sh
# tests/host/sdk_test.sh: the snap SDK (docs/sdk.md) and the image's snaps:
# the seed manifests and system/config.toml pass lib/config's checks;
# tools/gremlin-cc builds programs that run in Gremlin; tools/gremlin
# --snap adds a snap to the booted image and --config replaces its
# configuration, and both refuse bad input with the reason. Prints TAP.
# Needs the kernel, the image and QEMU. Run from the repository root.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
G="$top/tools/gremlin --no-build"
CC="$top/tools/gremlin-cc"
CONFIG="$top/build/host/bin/config"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0

# ok STATUS DESCRIPTION: status 0 passes; on failure the last output shows.
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -s "$T/out" ] && sed 's/^/# out: /' "$T/out" | tail -15
		[ -s "$T/err" ] && sed 's/^/# err: /' "$T/err" | tail -15
	fi
	return 0
}

skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}

# run ARGS...: tools/gremlin ARGS; $rc, $T/out and $T/err hold the result.
run() {
	timeout 200 $G "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

if ! make -s kernel image >"$T/out" 2>"$T/err" ||
	! make -s -C lib/config all MODE=opt >>"$T/out" 2>>"$T/err"; then
	ok 1 "build the kernel, the image and the host's config checker"
	echo "Bail out! no kernel, image or config checker"
	exit 1
fi
ok 0 "build the kernel, the image and the host's config checker"

# The seed snaps and the default configuration.
for s in init devfs.d shell ethnode tor.d ml_worker; do
	[ -f "apps/$s/manifest.toml" ] || echo "apps/$s/manifest.toml is missing"
done >"$T/out"
for s in ethnode tor.d ml_worker; do
	ls apps/$s/*.c >/dev/null 2>&1 || echo "apps/$s has no entry program"
done >>"$T/out"
: >"$T/err"
[ ! -s "$T/out" ]
ok $? "the seed snaps are in apps/ (init devfs.d shell ethnode tor.d ml_worker, three with programs)"

"$CONFIG" check system/config.toml --apps apps >"$T/out" 2>"$T/err"
{ [ $? = 0 ] && grep -qx 'system/config.toml: ok' "$T/out"; }
ok $? "config check system/config.toml --apps apps: the config and every manifest are valid"

if ls tests/apps/*/manifest.toml >/dev/null 2>&1; then
	"$CONFIG" check /dev/null --apps tests/apps >"$T/out" 2>"$T/err"
	ok $? "config check --apps tests/apps: every test snap's manifest is valid"
else
	skip "tests/apps holds no test snap"
fi

sed -n '/^# \[network\]/,$ s/^#   //p' system/config.toml >"$T/example.toml"
"$CONFIG" check "$T/example.toml" --apps apps >"$T/out" 2>"$T/err"
{ [ $? = 0 ] && grep -q '^\[compute\]' "$T/example.toml"; }
ok $? "system/config.toml's commented examples are valid once uncommented"

grep -q '^boot_snaps = \["shell"\]$' system/config.toml && grep -q '^hostname = "gremlin"$' system/config.toml
ok $? "the default config boots the shell, host name gremlin"

# init and the shell hold every system call: the list is the ABI's.
sed -n 's/^#define SYS_\([a-z0-9_]*\)[ 	][ 	]*[0-9][0-9]*.*/\1/p' \
	kernel/include/abi/syscall.h | sort >"$T/abi"
for s in init shell; do
	sed -n '/^syscalls = \[/,/\]/p' "apps/$s/manifest.toml" | tr -c 'a-z0-9_\n' '\n' |
		grep -v '^syscalls$' | grep . | sort >"$T/$s.sys"
	diff "$T/abi" "$T/$s.sys" >"$T/out" 2>&1
	ok $? "apps/$s/manifest.toml lists every syscall of abi/syscall.h ($(wc -l <"$T/abi") names)"
done

tar tf build/base.tar >"$T/list"
for f in apps/init/manifest.toml apps/devfs.d/manifest.toml apps/shell/manifest.toml \
	apps/ethnode/manifest.toml apps/ethnode/bin/ethnode apps/tor.d/bin/tor.d \
	apps/ml_worker/bin/ml_worker system/config.toml; do
	grep -qx "$f" "$T/list" || echo "$f is not in build/base.tar"
done >"$T/out"
[ ! -s "$T/out" ]
ok $? "the image holds the manifests, the entry programs and system/config.toml"

# gremlin-cc, from another directory.
mkdir -p "$T/hello/bin" "$T/work"
cat >"$T/work/hello.c" <<'EOF'
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	printf("hello, world (%s, %d argument%s)\n", strrchr(argv[0], '/') + 1, argc - 1,
	       argc == 2 ? "" : "s");
	return argc == 1 ? 0 : 7;
}
EOF
(cd "$T/work" && "$CC" -O2 -Wall -Werror -o ../hello/bin/hello hello.c) >"$T/out" 2>"$T/err"
{ [ $? = 0 ] && readelf -h "$T/hello/bin/hello" | grep -q 'Type: *EXEC' &&
	! readelf -l "$T/hello/bin/hello" | grep -q INTERP; }
ok $? "gremlin-cc compiles and links hello.c into a static non-PIE executable"

(cd "$T/work" && "$CC" -c -O2 hello.c && "$CC" -o ../hello/bin/hello2 hello.o) \
	>"$T/out" 2>"$T/err"
{ [ $? = 0 ] && [ -f "$T/work/hello.o" ] && readelf -h "$T/work/hello.o" | grep -q 'REL'; }
ok $? "gremlin-cc -c compiles only, and links the object in a second step"

(cd "$T/work" && UCC=clang "$CC" -O2 -o ../hello/bin/hello3 hello.c) >"$T/out" 2>"$T/err"
{ [ $? = 0 ] && readelf -h "$T/hello/bin/hello3" | grep -q 'Type: *EXEC'; }
ok $? "UCC=clang gremlin-cc builds it with clang"

(cd "$T/work" && "$CC" -E hello.c) >"$T/out" 2>"$T/err"
{ [ $? = 0 ] && grep -q "\"$top/lib/c/include/stdio.h\"" "$T/out" &&
	! grep -q '"/usr/include/' "$T/out"; }
ok $? "gremlin-cc compiles against lib/c's headers, never the host's"

"$CC" >"$T/out" 2>"$T/err"
{ [ $? = 2 ] && grep -q '^usage: gremlin-cc' "$T/err"; }
ok $? "gremlin-cc without arguments: usage, exit 2"
"$CC" -shared -o "$T/x.so" "$T/work/hello.c" >"$T/out" 2>"$T/err"
{ [ $? = 2 ] && grep -q '^gremlin-cc: -shared: Gremlin has no dynamic linker' "$T/err"; }
ok $? "gremlin-cc -shared is refused with the reason"

cat >"$T/hello/manifest.toml" <<'EOF'
# A snap from outside the tree (tests/host/sdk_test.sh).
name = "hello"
entry = "/bin/hello"
syscalls = ["write"]
restart = "never"
EOF

# --snap: the programs run, and the snap is in /apps beside the base ones.
run exec --snap "$T/hello" -- /apps/hello/bin/hello
{ [ $rc = 0 ] && [ "$(cat "$T/out")" = "hello, world (hello, 0 arguments)" ]; }
ok $? "exec --snap hello -- /apps/hello/bin/hello prints hello, world (status $rc)"

run exec --snap "$T/hello" -- /apps/hello/bin/hello2 one
{ [ $rc = 7 ] && [ "$(cat "$T/out")" = "hello, world (hello2, 1 argument)" ]; }
ok $? "the separately linked program runs too, with its argument and exit status (status $rc)"

run exec --snap "$T/hello" -- /apps/hello/bin/hello3 a b
{ [ $rc = 7 ] && [ "$(cat "$T/out")" = "hello, world (hello3, 2 arguments)" ]; }
ok $? "the program built by clang runs (status $rc)"

run exec --snap "$T/hello" -- /bin/sh -c 'ls /apps; cat /apps/hello/manifest.toml'
{ { sed -n 's|^apps/\([^/]*\)/$|\1|p' "$T/list"; echo hello; } | LC_ALL=C sort
	cat "$T/hello/manifest.toml"; } >"$T/want"
{ [ $rc = 0 ] && cmp -s "$T/want" "$T/out" && grep -qx shell "$T/out"; }
ok $? "ls /apps shows the snap beside the image's snaps; its manifest is readable"

# The README's "Write a snap" example, as written, from another directory.
mkdir -p "$T/readme"
sed -n '/^## Write a snap/,/^## /p' README.md | sed -n '/^```sh$/,/^```$/p' | sed '1d;$d' |
	sed "s|^tools/|$top/tools/|" >"$T/readme/run.sh"
(cd "$T/readme" && GREMLIN_NO_BUILD=1 sh ./run.sh) >"$T/out" 2>"$T/err"
{ [ $? = 0 ] && grep -q 'gremlin-cc' "$T/readme/run.sh" && [ "$(cat "$T/out")" = "hello
hello" ]; }
ok $? "the README's Write a snap example runs and prints hello, plain and through snaprun"

# The image itself: deterministic ustar, the base image's bytes when
# nothing changes.
$G image -o "$T/a.tar" --snap "$T/hello" >"$T/out" 2>"$T/err" &&
	$G image -o "$T/b.tar" --snap "$T/hello/" >>"$T/out" 2>>"$T/err"
{ [ $? = 0 ] && cmp -s "$T/a.tar" "$T/b.tar" &&
	[ "$(dd if="$T/a.tar" bs=1 skip=257 count=6 2>/dev/null | tr '\0' '.')" = "ustar." ] &&
	tar tvf "$T/a.tar" | grep -q '^-rwxr-xr-x 0/0 .* 1970-01-01 00:00 apps/hello/bin/hello$'; }
ok $? "gremlin image --snap: the same bytes twice, ustar, mtime 0, owner 0, mode kept"
$G image -o "$T/c.tar" --config system/config.toml >"$T/out" 2>"$T/err"
{ [ $? = 0 ] && cmp -s "$T/c.tar" build/base.tar; }
ok $? "gremlin image --config system/config.toml gives build/base.tar's exact bytes"

# The seed's unfinished snaps say so.
for s in ethnode tor.d ml_worker; do
	run exec -- /apps/$s/bin/$s
	{ [ $rc = 1 ] && grep -q "^$s: not available yet: " "$T/out"; }
	ok $? "/apps/$s/bin/$s says it is not available yet and exits 1 (status $rc)"
done

if [ -x build/user/root/bin/snaprun ]; then
	run exec --snap "$T/hello" -- /bin/snaprun hello
	{ [ $rc = 0 ] && [ "$(cat "$T/out")" = "hello, world (hello, 0 arguments)" ]; }
	ok $? "exec --snap hello -- /bin/snaprun hello runs it sandboxed (status $rc)"
	run exec -- /bin/snaprun ethnode
	{ [ $rc = 1 ] && grep -q "^ethnode: not available yet: " "$T/out"; }
	ok $? "snaprun ethnode: the message and status 1 within its manifest's syscalls (status $rc)"
else
	skip "/bin/snaprun is not in the image yet (build/user/root/bin/snaprun): the sandboxed run is not checked"
	skip "/bin/snaprun is not in the image yet: ethnode's manifest is not checked in its sandbox"
fi

# --config: checked with the image's snaps plus the --snap ones, then booted.
cat >"$T/bad.toml" <<'EOF'
[system]
hostname = "sdk-test"
boot_snaps = ["shell", "nosuch"]
EOF
run exec --config "$T/bad.toml" -- /bin/true
{ [ $rc = 2 ] && grep -qF "$T/bad.toml:3:24: unknown snap \"nosuch\" in system.boot_snaps" "$T/err" &&
	grep -qF "gremlin: --config $T/bad.toml: not booted: 1 problem" "$T/err" && [ ! -s "$T/out" ]; }
ok $? "--config with an unknown boot snap is refused with its position, exit 2, no boot (status $rc)"

cat >"$T/good.toml" <<'EOF'
# Booted by tests/host/sdk_test.sh.
[system]
hostname = "sdk-test"
timezone = "Europe/Berlin"
boot_snaps = ["shell", "hello"]
EOF
run exec --config "$T/good.toml" -- /bin/true
{ [ $rc = 2 ] && grep -qF 'unknown snap "hello"' "$T/err"; }
ok $? "a config naming snap hello is refused without --snap hello (status $rc)"

run exec --snap "$T/hello" --config "$T/good.toml" -- /bin/cat /base/system/config.toml
{ [ $rc = 0 ] && cmp -s "$T/good.toml" "$T/out"; }
ok $? "with --snap hello it boots, and /base/system/config.toml is the given file (status $rc)"

run exec -- /bin/cat /base/system/config.toml
{ [ $rc = 0 ] && cmp -s system/config.toml "$T/out"; }
ok $? "without --config, /base/system/config.toml is system/config.toml (status $rc)"

# Bad snaps: each is refused, exit 2, with what is wrong.
refused() { # DESCRIPTION EXPECTED-MESSAGE --snap ARGS...
	what=$1 want=$2
	shift 2
	run exec "$@" -- /bin/true
	{ [ $rc = 2 ] && grep -qF -- "$want" "$T/err" && [ ! -s "$T/out" ]; }
	ok $? "$what (status $rc)"
}
refused "--snap of a missing directory" "gremlin: --snap $T/none: no such directory" \
	--snap "$T/none"
mkdir -p "$T/empty"
refused "--snap of a directory without manifest.toml" \
	"gremlin: --snap $T/empty: no manifest.toml in it" --snap "$T/empty"

mkdir -p "$T/badsys/bin"
cp "$T/hello/bin/hello" "$T/badsys/bin/badsys"
printf 'name = "badsys"\nentry = "/bin/badsys"\nsyscalls = ["write", "sendfile"]\n' \
	>"$T/badsys/manifest.toml"
refused "--snap with a bad manifest: its problem at its own path" \
	"$T/badsys/manifest.toml:3:22: unknown syscall \"sendfile\" in syscalls" --snap "$T/badsys"

mkdir -p "$T/clash/bin"
cp "$T/hello/bin/hello" "$T/clash/bin/sh"
printf 'name = "shell"\nentry = "/bin/sh"\n' >"$T/clash/manifest.toml"
mkdir -p "$T/shell"
cp -R "$T/clash/." "$T/shell/"
refused "--snap named like a base snap" \
	"gremlin: --snap $T/shell: snap 'shell' is already in the image (apps/shell)" --snap "$T/shell"
refused "the same snap twice" "gremlin: --snap $T/hello/: snap 'hello' is given twice" \
	--snap "$T/hello" --snap "$T/hello/"

mkdir -p "$T/noentry/bin"
printf 'name = "noentry"\nentry = "/bin/noentry"\n' >"$T/noentry/manifest.toml"
refused "--snap whose bin/ lacks the entry" \
	"gremlin: --snap $T/noentry: the manifest's entry /bin/noentry is not in the snap: $T/noentry/bin/noentry does not exist" \
	--snap "$T/noentry"
rmdir "$T/noentry/bin"
refused "--snap without bin/" "gremlin: --snap $T/noentry: no bin/ directory in it" \
	--snap "$T/noentry"

mkdir -p "$T/pie/bin"
printf 'name = "pie"\nentry = "/bin/pie"\n' >"$T/pie/manifest.toml"
if cc -pie -fPIE -o "$T/pie/bin/pie" "$T/work/hello.c" 2>/dev/null; then
	refused "--snap whose entry is a host PIE program" \
		"the entry $T/pie/bin/pie is position-independent (ET_DYN); Gremlin runs static non-PIE executables" \
		--snap "$T/pie"
else
	skip "the host compiler cannot build a PIE program to refuse"
fi

echo "1..$n"
