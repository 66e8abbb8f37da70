#!/bin/bash
# lib/9p/interop_test.sh: check our 9P2000 bytes against an independent
# implementation, Wireshark's 9P dissector (tshark, Debian package tshark).
#
# 1. Every codec sample message (fcall_test P9_DUMP) is put into a capture
#    with text2pcap and dissected; the fields tshark extracts must equal the
#    values we encoded, message by message.
# 2. A whole session between ramfs_test's client and the srv.c server (both
#    directions, P9_TRACE) must dissect with the same type and tag for every
#    message and no expert (malformed) warnings.
# Run from the repository root with BIN set (mk/lib.mk does that).
set -u
obj=${BIN%/bin}/obj/9p
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

if ! command -v tshark >/dev/null || ! command -v text2pcap >/dev/null; then
	ok 1 "tshark and text2pcap are installed (tools/deps installs the tshark package)"
	echo "1..$n"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fields="9p.msgtype 9p.tag 9p.fid 9p.newfid 9p.afid 9p.maxsize 9p.version 9p.uname 9p.aname
9p.wname 9p.oldtag 9p.offset 9p.count 9p.iounit 9p.filename 9p.ename 9p.qidpath 9p.user
9p.group 9p.muid 9p.length"
args=()
for f in $fields; do args+=(-e "$f"); done

dissect() { # pcap, then tshark -e arguments
	local pcap=$1
	shift
	tshark -r "$pcap" -T fields -E separator='|' "$@" 2>/dev/null
}

P9_DUMP=$tmp/samples "$obj/fcall_test"
ok $? "fcall_test wrote the sample messages"
text2pcap -q -T 40000,564 "$tmp/samples.hex" "$tmp/samples.pcap" >/dev/null 2>&1
ok $? "text2pcap made a capture of the samples"
dissect "$tmp/samples.pcap" "${args[@]}" >"$tmp/samples.got"
want=$(wc -l <"$tmp/samples.expect")
got=$(wc -l <"$tmp/samples.got")
ok $([ "$want" = "$got" ] && [ "$want" -gt 30 ]; echo $?) "tshark dissected $got of $want sample messages"
i=0
while IFS= read -r line; do
	i=$((i + 1))
	have=$(sed -n "${i}p" "$tmp/samples.got")
	ok $([ "$line" = "$have" ]; echo $?) "sample $i: tshark fields equal ours: $line"
	[ "$line" = "$have" ] || echo "# tshark: $have"
done <"$tmp/samples.expect"
bad=$(dissect "$tmp/samples.pcap" -e _ws.expert.message | grep -c .)
ok $([ "$bad" = 0 ]; echo $?) "no expert warnings on the samples ($bad)"

P9_TRACE=$tmp/session "$obj/ramfs_test" >/dev/null
ok $? "ramfs_test ran a traced session"
text2pcap -q -T 40000,564 "$tmp/session.hex" "$tmp/session.pcap" >/dev/null 2>&1
ok $? "text2pcap made a capture of the session"
dissect "$tmp/session.pcap" -e 9p.msgtype -e 9p.tag >"$tmp/session.got"
want=$(wc -l <"$tmp/session.expect")
cmp -s "$tmp/session.got" "$tmp/session.expect"
ok $? "tshark finds the type and tag of all $want session messages"
bad=$(dissect "$tmp/session.pcap" -e _ws.expert.message | grep -c .)
ok $([ "$bad" = 0 ]; echo $?) "no expert warnings on the session ($bad)"

echo "1..$n"
exit $fail
