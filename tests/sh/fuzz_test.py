#!/usr/bin/env python3
# tests/sh/fuzz_test.py: malformed and random input must never crash or
# hang our sh ($SH, built with ASan+UBSan). Deterministic (fixed seed):
# scripts are made from shell fragments, then cut and mutated, and run with
# "sh -c" in a scratch directory. A run passes when the shell exits by
# itself (any status) with no sanitizer report and no signal of its own.
# One TAP line per batch.
import os
import random
import subprocess
import sys
import tempfile

SH = os.environ.get("SH") or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                          "../../build/host/sh/sh")
FRAGMENTS = [
    "echo a", "x=1", "$x", "${x:-d}", "${x%%*}", "${#x}", "${", "}", "$(", ")", "$((1+", "))",
    "`", "'", '"', "\\", "|", "||", "&&", "&", ";", ";;", "\n", "(", "{", "if", "then", "else",
    "elif", "fi", "for i in 1 2", "do", "done", "while false", "until true", "case x in",
    "x)", "esac", "f()", ">", ">>", "<", "2>&1", "<&-", ">&", "<<E", "E", "<<-'Q'", "*", "?",
    "[a-", "[!]", "~", "!", "#c", "$@", "\"$@\"", "$*", "$?", "$$", "$#", "$1", "$((1/0))",
    "$((x*))", "break", "continue 3", "return", "shift 9", "set --", "read", "wait", "eval",
    "exit 1", ". /nonexistent", "printf '%*.*d%b%c'", "printf %", "'\\0'", "local x=",
    "command -v", "type", "$((a=b+=2?1:))", "case $(case a in a) esac) in", "cd /", "test -z", "[ 1 -eq ]", "unset x", "export 1=2", " ",
]


def make(rng):
    s = " ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12)))
    if rng.random() < 0.3:
        i = rng.randrange(len(s) + 1)
        s = s[:i] + chr(rng.randrange(1, 128)) + s[i:]
    if rng.random() < 0.2:
        s = s[:rng.randrange(len(s) + 1)]
    return s


def main():
    rng = random.Random(int(os.environ.get("SEED","20261128")))
    batches, per = int(os.environ.get("BATCHES","6")), 40
    failures = 0
    with tempfile.TemporaryDirectory(prefix="shfuzz.") as d:
        env = dict(os.environ, HOME=d, PATH="/usr/bin:/bin",
                   ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99",
                   UBSAN_OPTIONS="halt_on_error=1:exitcode=98")
        for b in range(batches):
            bad = []
            for _ in range(per):
                script = make(rng)
                try:
                    p = subprocess.run([SH, "-c", script], cwd=d, env=env, stdin=subprocess.DEVNULL,
                                       capture_output=True, timeout=10)
                except subprocess.TimeoutExpired:
                    bad.append((script, "timeout"))
                    continue
                err = p.stderr.decode(errors="replace")
                if p.returncode < 0 or p.returncode in (98, 99) or "Sanitizer" in err:
                    bad.append((script, f"status {p.returncode}: {err[-300:]}"))
            if bad:
                failures += 1
                print(f"not ok {b + 1} - fuzz batch {b + 1}: {len(bad)} of {per} scripts crashed or hung")
                for script, why in bad[:3]:
                    print(f"#   script {script!r}: {why!r}")
            else:
                print(f"ok {b + 1} - fuzz batch {b + 1}: {per} malformed scripts handled")
    print(f"1..{batches}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
