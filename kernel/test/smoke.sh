#!/bin/sh
# kernel/test/smoke.sh: boot the kernel with the smoke image (kernel/test/smoke.c
# as /bin/init) and print its TAP lines. Console input is typed only once
# init is up (the firmware would eat earlier keystrokes). Exit status 0 only
# if QEMU exits with 1, i.e. init powered off with status 0.
# Usage: kernel/test/smoke.sh KERNEL.mb IMAGE.tar LOG [QEMU]
kernel=$1 image=$2 log=$3 qemu=${4:-qemu-system-x86_64}
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
mkfifo "$dir/in"

timeout 120 "$qemu" -accel tcg -m 64M -nographic -no-reboot -monitor none -serial stdio \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-kernel "$kernel" -initrd "$image" -append 'hello world' <"$dir/in" >"$log" 2>&1 &
pid=$!
{
	for i in $(seq 1 600); do
		grep -q 'hello from smoke init' "$log" 2>/dev/null && break
		sleep 0.1
	done
	printf 'ab\177c\rxy\025z\n\004tail\004'
	for i in $(seq 1 600); do
		grep -q 'waiting for ctrl-c' "$log" 2>/dev/null && break
		sleep 0.1
	done
	printf '\003'
	for i in $(seq 1 600); do
		grep -q 'waiting for raw input' "$log" 2>/dev/null && break
		sleep 0.1
	done
	printf 'a\003\r\004b'
	for i in $(seq 1 600); do
		grep -q 'waiting for cooked input' "$log" 2>/dev/null && break
		sleep 0.1
	done
	printf 'q\177w\n'
	wait $pid
} >"$dir/in"
wait $pid
rc=$?
tr -d '\r' <"$log" | grep -v '^kernel: ' | grep -E '^(ok|not ok|#)'
n=$(tr -d '\r' <"$log" | grep -cE '^(ok|not ok) ')
if [ $rc -ne 1 ]; then
	echo "not ok $((n + 1)) - QEMU exit code $rc (want 1: poweroff status 0); log in $log"
	exit 1
fi

# reboot(REBOOT_RESTART): with -no-reboot QEMU exits 0 when the machine resets.
timeout 60 "$qemu" -accel tcg -m 16M -nographic -no-reboot -monitor none -serial stdio \
	-kernel "$kernel" -initrd "$image" -append 'restart' </dev/null >"$log.restart" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q '^kernel: restarting' "$log.restart"; then
	echo "ok $((n + 1)) - reboot(REBOOT_RESTART) resets the machine (booted in 16 MiB)"
else
	echo "not ok $((n + 1)) - reboot(REBOOT_RESTART): QEMU exit code $rc; log in $log.restart"
	exit 1
fi
echo "1..$((n + 1))"
