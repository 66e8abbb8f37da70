#!/usr/bin/env python3
# tests/sh/bench.py: our sh (optimised build, $SH) against Debian's dash
# (the baseline) on the same machine in the same run. Each figure is the
# best of 5 runs of a script, in milliseconds (lower is better):
#   loop      20000 rounds of [ ], $((...)) and assignments (the interpreter)
#   fork      300 runs of /bin/true (fork + exec + wait)
#   pipe      32 MB through a 4-stage pipeline of cat
#   subst     2000 command substitutions $(echo ...)
import os
import shutil
import subprocess
import sys
import time

SH = os.environ["SH"]
DASH = shutil.which("dash")
SCRIPTS = {
    "loop": 'i=0; s=0; while [ $i -lt 20000 ]; do i=$((i+1)); s=$((s+i)); done; [ $s = 200010000 ]',
    "fork": 'i=0; while [ $i -lt 300 ]; do /bin/true; i=$((i+1)); done',
    "pipe": 'head -c 33554432 /dev/zero | cat | cat | cat | cat > /dev/null',
    "subst": 'i=0; while [ $i -lt 2000 ]; do x=$(echo $i); i=$((i+1)); done; [ "$x" = 1999 ]',
}


def best(shell, script):
    times = []
    for _ in range(5):
        t = time.perf_counter()
        p = subprocess.run([shell, "-c", script], stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        if p.returncode != 0:
            raise SystemExit(f"{shell}: benchmark script failed: {script}")
    return min(times) * 1000


def main():
    if not DASH:
        raise SystemExit("dash is not installed: it is the baseline")
    for name, script in SCRIPTS.items():
        ours, base = best(SH, script), best(DASH, script)
        print(f"bench sh-{name} ours={ours:.1f} baseline={base:.1f} ratio={ours / base:.2f} unit=ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
