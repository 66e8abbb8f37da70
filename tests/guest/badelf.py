#!/usr/bin/env python3
"""tests/guest/badelf.py GOOD_ELF OUTDIR: write broken executables for
exec_test (one file per kind of damage, each derived from a good static
ELF64), into OUTDIR, which becomes /test/badelf in the image. Deterministic."""
import os
import struct
import sys

good = open(sys.argv[1], "rb").read()
out = sys.argv[2]
os.makedirs(out, exist_ok=True)

phoff = struct.unpack_from("<Q", good, 32)[0]
phentsize, phnum = struct.unpack_from("<HH", good, 54)


def first_load():
    for i in range(phnum):
        off = phoff + i * phentsize
        if struct.unpack_from("<I", good, off)[0] == 1:
            return off
    raise SystemExit("badelf.py: no PT_LOAD in " + sys.argv[1])


def patch(fmt, off, *vals):
    b = bytearray(good)
    struct.pack_into(fmt, b, off, *vals)
    return bytes(b)


load = first_load()
kinds = {
    "empty": b"",
    "text": b"#!/bin/sh\necho not an ELF\n",
    "short-header": good[:40],
    "class32": patch("<B", 4, 1),
    "big-endian": patch("<B", 5, 2),
    "machine-arm": patch("<H", 18, 40),
    "type-rel": patch("<H", 16, 1),
    "phoff-beyond-eof": patch("<Q", 32, len(good) + 4096),
    "phnum-huge": patch("<H", 56, 0xFFFF),
    "segment-in-kernel": patch("<QQ", load + 16, 0xFFFFFFFF80000000, 0xFFFFFFFF80000000),
    "segment-noncanonical": patch("<Q", load + 16, 0x0000800000000000),
    "filesz-beyond-eof": patch("<Q", load + 32, len(good) * 4),
    "filesz-over-memsz": patch("<QQ", load + 32, 0x100000, 0x1000),
    "entry-unmapped": patch("<Q", 24, 0x7000000000),
    "truncated-body": good[: len(good) // 3],
}
for name, data in kinds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    os.chmod(os.path.join(out, name), 0o755)
