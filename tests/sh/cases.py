#!/usr/bin/env python3
# tests/sh/cases.py: the table-driven tests of Gremlin's shell (cmd/sh).
#
# Each case in cases/*.txt is a script, with the standard output, standard
# error and exit status it must produce under our sh ($SH). A case marked
# "dash" describes standard POSIX behaviour, so it is also run with Debian's
# dash and both shells must print the same output and exit with the same
# status: dash is the reference peer. Output is TAP.
#
# Case format:
#   === NAME [dash]
#   --- script        (the script, run as "sh script.sh" in a fresh directory)
#   --- stdin         (optional: standard input)
#   --- stdout        (expected standard output; absent: must be empty)
#   --- stderr        (expected standard error; absent: must be empty)
#   --- status N      (expected exit status; absent: 0)
# Trailing empty lines of a section are not part of it.
# The environment variable SH names the shell under test inside scripts.
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SH = os.environ.get("SH") or os.path.join(HERE, "../../build/host/sh/sh")
DASH = shutil.which("dash")


def parse(path):
    cases, cur, sec = [], None, None
    with open(path) as f:
        for line in f:
            if line.startswith("=== "):
                words = line[4:].split()
                cur = {"name": words[0], "dash": "dash" in words[1:],
                       "script": "", "stdin": "", "stdout": "", "stderr": "",
                       "status": 0, "where": f"{os.path.basename(path)}:{words[0]}"}
                cases.append(cur)
                sec = None
            elif line.startswith("--- ") and cur is not None:
                words = line[4:].split()
                sec = words[0]
                if sec == "status":
                    cur["status"] = int(words[1])
                    sec = None
            elif sec is not None:
                cur[sec] += line
            elif line.strip() and not line.startswith("#"):
                raise SystemExit(f"{path}: stray line outside a section: {line!r}")
    # Blank lines that separate cases belong to no section.
    for c in cases:
        for k in ("script", "stdin", "stdout", "stderr"):
            c[k] = c[k].rstrip("\n") + "\n" if c[k].strip("\n") else ""
    return cases


def run(shell, case):
    with tempfile.TemporaryDirectory(prefix="shtest.") as d:
        with open(os.path.join(d, "script.sh"), "w") as f:
            f.write(case["script"])
        env = dict(os.environ, SH=shell, HOME=d, LC_ALL="C", PATH="/usr/bin:/bin")
        env.pop("ENV", None)
        try:
            p = subprocess.run([shell, "script.sh"], cwd=d, input=case["stdin"].encode(),
                               capture_output=True, env=env, timeout=60)
        except subprocess.TimeoutExpired:
            return None, "", "timeout"
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def show(label, text):
    for line in text.splitlines() or [""]:
        print(f"#   {label}: {line!r}")


def main():
    files = sorted(glob.glob(os.path.join(HERE, "cases", "*.txt")))
    cases = [c for f in files for c in parse(f)]
    n, failed = 0, 0
    for c in cases:
        n += 1
        st, out, err = run(SH, c)
        problems = []
        if st != c["status"]:
            problems.append(f"status {st}, expected {c['status']}")
        if out != c["stdout"]:
            problems.append("stdout differs")
        if err != c["stderr"]:
            problems.append("stderr differs")
        if problems:
            failed += 1
            print(f"not ok {n} - {c['where']}: " + "; ".join(problems))
            if out != c["stdout"]:
                show("expected out", c["stdout"])
                show("got out     ", out)
            if err != c["stderr"]:
                show("expected err", c["stderr"])
                show("got err     ", err)
        else:
            print(f"ok {n} - {c['where']}")
        if not c["dash"]:
            continue
        n += 1
        if not DASH:
            failed += 1
            print(f"not ok {n} - {c['where']}: dash is not installed (apt-get install dash)")
            continue
        dst, dout, _ = run(DASH, c)
        if (dst, dout) != (st, out):
            failed += 1
            print(f"not ok {n} - {c['where']}: dash disagrees (dash status {dst}, ours {st})")
            if dout != out:
                show("dash out", dout)
                show("our out ", out)
        else:
            print(f"ok {n} - {c['where']}: same as dash")
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
