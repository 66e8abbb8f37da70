#!/usr/bin/env python3
"""tests/host/scenario.py: drive Gremlin's console shell over the serial line.

Usage: scenario.py SCRIPT OUTDIR

Boots Gremlin with `tools/gremlin --no-build run` (serial on a pipe), waits
for the shell's first prompt, then types SCRIPT one line at a time, each
only after the shell has printed the prompt for it. So a command's output
never mixes with the console's echo of later input, and nothing is typed
before the UART is ready. The last line should end the shell (`exit N`).
A line may hold control keys as raw bytes (the shell's line editor runs on
the console's raw mode); a line ending in Ctrl-C (0x03) is typed without
its newline, since the Ctrl-C itself ends it. The line editor redraws the
line (CR, the prompt, the text, ESC[K) as keys arrive: a prompt counts as
the next one only after the newline that ends the typed line, and N.echo
is the typed line as a terminal would show it.

Writes into OUTDIR:
  N.out       the output of line N (1-based), carriage returns removed,
              without the echoed command line and without the next prompt
  N.echo      the line as the console echoed it back
  transcript  everything the serial line carried
  status      tools/gremlin's exit status (the shell's `exit` status)
Exits 0 when every line got its prompt and the guest powered off, else 1
with the reason on stderr (the transcript is still written).
Python 3 standard library only.
"""
import os
import select
import subprocess
import sys
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROMPT = b"gremlin% "
BOOT_TIMEOUT = 120
LINE_TIMEOUT = 120


class Console:
    def __init__(self):
        cmd = [os.path.join(TOP, "tools", "gremlin"), "--no-build", "run"]
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, cwd=TOP)
        self.buf = b""
        self.eof = False

    def read_until(self, pos, count, timeout):
        """Wait until PROMPT occurs count times in buf after pos.

        Returns the offset just past the last of them, or None at end of
        output or after timeout seconds."""
        end = time.monotonic() + timeout
        while True:
            at, seen = pos, 0
            while seen < count:
                i = self.buf.find(PROMPT, at)
                if i < 0:
                    break
                at, seen = i + len(PROMPT), seen + 1
            if seen == count:
                return at
            left = end - time.monotonic()
            if self.eof or left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], min(left, 1.0))
            if r:
                chunk = os.read(self.p.stdout.fileno(), 65536)
                if not chunk:
                    self.eof = True
                self.buf += chunk

    def read_until_nl(self, pos, timeout):
        """Wait for a newline at or after pos; return the offset past it."""
        end = time.monotonic() + timeout
        while True:
            i = self.buf.find(b"\n", pos)
            if i >= 0:
                return i + 1
            left = end - time.monotonic()
            if self.eof or left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], min(left, 1.0))
            if r:
                chunk = os.read(self.p.stdout.fileno(), 65536)
                if not chunk:
                    self.eof = True
                self.buf += chunk

    def drain(self, timeout):
        """Read the rest of the output until QEMU exits; return its status."""
        end = time.monotonic() + timeout
        while not self.eof and time.monotonic() < end:
            r, _, _ = select.select([self.p.stdout], [], [], 1.0)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 65536)
                if not chunk:
                    self.eof = True
                self.buf += chunk
        try:
            return self.p.wait(timeout=max(1, end - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            return None

    def send(self, line):
        self.p.stdin.write(line if line.endswith(b"\x03") else line + b"\n")
        self.p.stdin.flush()


def clean(b):
    return b.replace(b"\r", b"")


def render(b):
    """One line of terminal output as it ends up on the screen: CR, BS,
    ESC[K (erase to the end) and printable bytes; other escapes dropped."""
    line, col, i = bytearray(), 0, 0
    while i < len(b):
        c = b[i]
        i += 1
        if c == 0x1b and i < len(b) and b[i] == ord("["):
            j = i + 1
            while j < len(b) and (b[j] < 0x40 or b[j] > 0x7e):
                j += 1
            if j < len(b) and b[j] == ord("K"):
                del line[col:]
            i = j + 1
        elif c == ord("\r"):
            col = 0
        elif c == 8:
            col = max(0, col - 1)
        elif c >= 32 or c == 9:
            line[col:col + 1] = bytes([c])
            col += 1
    return bytes(line)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: scenario.py SCRIPT OUTDIR\n")
        return 2
    with open(sys.argv[1], "rb") as f:
        lines = f.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    con = Console()
    why = None
    pos = con.read_until(0, 1, BOOT_TIMEOUT)
    if pos is None:
        why = "no shell prompt %r within %ds of booting" % (PROMPT.decode(), BOOT_TIMEOUT)
    for n, line in enumerate(lines, 1):
        if why:
            break
        con.send(line)
        last = n == len(lines)
        if last:
            # The last line ends the shell: its output runs to power-off.
            status = con.drain(LINE_TIMEOUT)
            seg = con.buf[pos:]
        else:
            # The line's end, then the prompt after it.
            eol = con.read_until_nl(pos, LINE_TIMEOUT)
            nxt = None if eol is None else con.read_until(eol, 1, LINE_TIMEOUT)
            if nxt is None:
                why = "no prompt after line %d (%r) within %ds" % (n, line.decode(errors="replace"),
                                                                     LINE_TIMEOUT)
                break
            seg = con.buf[pos:nxt - len(PROMPT)]
            pos = nxt
        echo, _, rest = seg.partition(b"\n")
        echo = render(PROMPT + echo)
        if echo.startswith(PROMPT):
            echo = echo[len(PROMPT):]
        rest = clean(rest)
        write(os.path.join(out, "%d.echo" % n), echo)
        write(os.path.join(out, "%d.out" % n), rest)
    if why:
        con.p.kill()
        status = con.drain(5)
    write(os.path.join(out, "transcript"), clean(con.buf))
    write(os.path.join(out, "status"), b"%s\n" % str(status).encode())
    if why is None and status is None:
        why = "the guest did not power off within %ds of the last line" % LINE_TIMEOUT
    if why:
        sys.stderr.write("scenario: %s\n" % why)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
