#!/usr/bin/env python3
# lib/toml/toml_compare.py: runs the toml-test 1.0.0 cases through a decoder
# (toml-decode) and prints one TAP line per case.
#
# Usage: toml_compare.py DECODER CASES_DIR
#
# A valid case X.toml passes when the decoder exits 0 and its JSON equals
# X.json semantically: same keys, same array lengths, same scalar types, and
# equal values (integers and floats by value, nan equal to nan, date-times
# by their fields, fractional seconds to the precision both give, offsets
# in minutes). An invalid case passes when the decoder exits 1 with a
# message on stderr (a sanitizer report or a signal is a failure).
import json
import os
import re
import subprocess
import sys

DT = re.compile(
    r"^(?:(\d{4})-(\d{2})-(\d{2}))?(?:[Tt ]?(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))?$")


def norm_datetime(s):
    m = DT.match(s)
    if not m:
        return ("unparsable", s)
    g = m.groups()
    frac = (g[6] or "")[:9].rstrip("0")
    if g[7]:
        off = 0
    elif g[8]:
        off = (1 if g[8] == "+" else -1) * (int(g[9]) * 60 + int(g[10]))
    else:
        off = None
    return (g[0], g[1], g[2], g[3], g[4], g[5], frac, off)


def norm_float(s):
    s = s.replace("_", "")
    if s.lstrip("+-") == "nan":
        return "nan"
    return float(s)


def same(want, got, path):
    if isinstance(want, dict) and set(want.keys()) == {"type", "value"} and \
            isinstance(want.get("value"), str) and isinstance(want.get("type"), str):
        if not (isinstance(got, dict) and set(got.keys()) == {"type", "value"}):
            return "%s: want a %s, got %r" % (path, want["type"], got)
        if want["type"] != got["type"]:
            return "%s: want type %s, got %s" % (path, want["type"], got["type"])
        t, w, g = want["type"], want["value"], got["value"]
        if t == "integer":
            ok = int(w, 0) == int(g, 0)
        elif t == "float":
            ok = norm_float(w) == norm_float(g)
        elif t in ("datetime", "datetime-local", "date-local", "time-local"):
            ok = norm_datetime(w) == norm_datetime(g)
        else:
            ok = w == g
        return None if ok else "%s: want %s %r, got %r" % (path, t, w, g)
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return "%s: want a table, got %r" % (path, got)
        if set(want) != set(got):
            return "%s: keys differ: want %s, got %s" % (path, sorted(want), sorted(got))
        for k in want:
            r = same(want[k], got[k], path + "." + k)
            if r:
                return r
        return None
    if isinstance(want, list):
        if not isinstance(got, list) or len(want) != len(got):
            return "%s: want an array of %d, got %r" % (path, len(want), got)
        for i, (w, g) in enumerate(zip(want, got)):
            r = same(w, g, "%s[%d]" % (path, i))
            if r:
                return r
        return None
    return "%s: unexpected expected-value %r" % (path, want)


def run(decoder, path):
    with open(path, "rb") as f:
        data = f.read()
    env = dict(os.environ, ASAN_OPTIONS="exitcode=86", UBSAN_OPTIONS="exitcode=86")
    return subprocess.run([decoder], input=data, capture_output=True, env=env, timeout=20)


def main():
    decoder, cases = sys.argv[1], sys.argv[2]
    n = failed = 0
    for root, _, files in sorted(os.walk(cases)):
        for name in sorted(files):
            if not name.endswith(".toml"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, cases)
            n += 1
            p = run(decoder, path)
            if rel.startswith("valid" + os.sep):
                why = None
                if p.returncode != 0:
                    why = "exit %d: %s" % (p.returncode, p.stderr.decode(errors="replace").strip())
                else:
                    with open(path[:-5] + ".json") as f:
                        want = json.load(f)
                    try:
                        got = json.loads(p.stdout)
                    except ValueError as e:
                        got, why = None, "bad JSON from decoder: %s" % e
                    if why is None:
                        why = same(want, got, "$")
            else:
                why = None
                if p.returncode != 1 or not p.stderr.strip():
                    why = "accepted or crashed (exit %d)" % p.returncode
            if why is None:
                print("ok %d - toml-test %s" % (n, rel))
            else:
                failed += 1
                print("not ok %d - toml-test %s: %s" % (n, rel, why))
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
