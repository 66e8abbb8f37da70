#!/usr/bin/env python3
# tests/sh/pty_test.py: the interactive shell on a pseudo-terminal. Types
# keys into our sh ($SH) and checks both what the screen shows (through a
# small terminal emulator that understands what the line editor sends: CR,
# LF, BS, ESC[K, clear screen) and which commands actually ran. TAP output.
import os
import pty
import re
import select
import signal
import sys
import tempfile
import termios
import time

SH = os.environ.get("SH") or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                          "../../build/host/sh/sh")
PROMPT = "gremlin% "


class Screen:
    """Lines of text as a terminal would show them."""

    def __init__(self):
        self.lines, self.row, self.col = [""], 0, 0
        self.pending = ""

    def feed(self, text):
        text = self.pending + text
        self.pending = ""
        i = 0
        while i < len(text):
            c = text[i]
            if c == "\x1b":
                m = re.match(r"\x1b\[([0-9;]*)([A-Za-z])", text[i:])
                if not m:
                    self.pending = text[i:]
                    return
                if m.group(2) == "K":
                    self.lines[self.row] = self.lines[self.row][:self.col]
                elif m.group(2) == "J":
                    self.lines, self.row, self.col = [""], 0, 0
                i += len(m.group(0))
                continue
            if c == "\r":
                self.col = 0
            elif c == "\n":
                self.row += 1
                if self.row == len(self.lines):
                    self.lines.append("")
            elif c == "\b":
                self.col = max(0, self.col - 1)
            elif c >= " " or c == "\t":
                line = self.lines[self.row].ljust(self.col)
                self.lines[self.row] = line[:self.col] + c + line[self.col + 1:]
                self.col += 1
            i += 1


class Term:
    def __init__(self, home):
        env = dict(os.environ, HOME=home, TERM="vt100", PATH="/usr/bin:/bin")
        env.pop("PS1", None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(home)
            os.execve(SH, [SH], env)
        self.raw = ""
        self.screen = Screen()

    def pump(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 4096).decode(errors="replace")
        except OSError:
            return False
        if not data:
            return False
        self.raw += data
        self.screen.feed(data)
        return True

    def expect(self, pattern, timeout=10):
        """Wait until the raw output (since start) matches pattern count times."""
        end = time.time() + timeout
        while time.time() < end:
            if re.search(pattern, self.raw):
                return True
            self.pump(0.1)
        return bool(re.search(pattern, self.raw))

    def prompts(self, prompt=PROMPT):
        # A fresh prompt starts a line; the editor's redraws of the line
        # being typed do not follow a newline.
        return len(re.findall(r"(?:^|\n)\r" + re.escape(prompt), self.raw))

    def wait_prompt(self, n, timeout=10):
        end = time.time() + timeout
        while self.prompts() < n and time.time() < end:
            self.pump(0.1)
        return self.prompts() >= n

    def send(self, keys):
        os.write(self.fd, keys.encode())

    def run(self, keys, timeout=10):
        """Type keys (ending in Enter) and wait for the next prompt."""
        n = self.prompts()
        self.send(keys)
        return self.wait_prompt(n + 1, timeout)

    def line_of(self, text):
        return [l for l in self.screen.lines if text in l]

    def wait_cooked(self, timeout=10):
        """Wait until the shell has left the editor's raw mode (it runs a command)."""
        end = time.time() + timeout
        while time.time() < end:
            if termios.tcgetattr(self.fd)[3] & termios.ICANON:
                return True
            self.pump(0.05)
        return False

    def wait_child(self, name, timeout=10):
        """Wait until a child of the shell runs program name."""
        end = time.time() + timeout
        while time.time() < end:
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    stat = open(f"/proc/{pid}/stat").read()
                except OSError:
                    continue
                comm = stat[stat.index("(") + 1:stat.rindex(")")]
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
                if ppid == self.pid and comm == name:
                    return True
            self.pump(0.05)
        return False

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        os.waitpid(self.pid, 0)


checks = []


def check(ok, what, detail=""):
    checks.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(checks)} - {what}")
    if not ok and detail:
        for line in str(detail).splitlines()[-15:]:
            print(f"#   {line!r}")


def main():
    with tempfile.TemporaryDirectory(prefix="shpty.") as home:
        t = Term(home)
        check(t.wait_prompt(1), "prompt 'gremlin% ' appears", t.raw)

        t.run("echo hello\r")
        check("hello" in t.screen.lines, "a typed command runs", t.screen.lines)

        t.run("echo abc\x1b[D\x1b[DX\r")
        check("aXbc" in t.screen.lines and PROMPT + "echo aXbc" in t.screen.lines,
              "left arrow moves the cursor, insert in the middle", t.screen.lines)

        t.run("cho hi\x01e\x05 there\r")
        check("hi there" in t.screen.lines, "Ctrl-A / Ctrl-E (home, end)", t.screen.lines)

        t.run("cho home\x1b[He\x1b[F!\r")
        check("home!" in t.screen.lines, "Home / End keys", t.screen.lines)

        t.run("echo abx\x7fc\r")
        check("abc" in t.screen.lines, "backspace deletes before the cursor", t.screen.lines)

        t.run("echo aXb\x1b[D\x1b[D\x1b[3~\r")
        check("ab" in t.screen.lines, "Delete removes under the cursor", t.screen.lines)

        t.run("garbage here\x15echo clean\r")
        check("clean" in t.screen.lines and not t.line_of("garbage: not found"),
              "Ctrl-U kills to the start of the line", t.screen.lines)

        t.run("echo keep drop" + "\x1b[D" * 5 + "\x0b\r")
        check("keep" in t.screen.lines, "Ctrl-K kills to the end of the line", t.screen.lines)

        t.run("echo one two\x17three\r")
        check("one three" in t.screen.lines, "Ctrl-W kills the word before the cursor",
              t.screen.lines)

        t.run("echo first-cmd\r")
        t.run("echo second-cmd\r")
        t.run("\x1b[A\x1b[A\r")
        check(t.screen.lines.count("first-cmd") == 2, "Up twice recalls the older command",
              t.screen.lines)
        t.run("echo typed\x1b[A\x1b[B\r")
        check(t.screen.lines.count("typed") == 1, "Down returns to the line being typed",
              t.screen.lines)

        t.run("touch cancelled\x03")
        t.run("echo next\r")
        check(not os.path.exists(os.path.join(home, "cancelled")) and "next" in t.screen.lines,
              "Ctrl-C abandons the line being typed", t.screen.lines)

        n = t.prompts()
        t.send("sleep 30\r")
        t.wait_cooked()
        t.wait_child("sleep")
        t.send("\x03")
        back = t.wait_prompt(n + 1, timeout=5)
        check(back, "Ctrl-C interrupts a foreground job and the shell prompts again", t.raw)
        t.run("echo status=$?\r")
        check("status=130" in t.screen.lines, "an interrupted job's status is 130",
              t.screen.lines)

        n = t.prompts()
        t.send("while :; do :; done; echo not-after-loop\r")
        t.wait_cooked()
        time.sleep(0.2)
        t.send("\x03")
        back = t.wait_prompt(n + 1, timeout=5)
        check(back and "not-after-loop" not in t.screen.lines,
              "Ctrl-C stops a loop run by the shell itself, and the rest of the line", t.raw[-300:])

        with open(os.path.join(home, "loop.sh"), "w") as f:
            f.write("while :; do :; done\necho not-after-dot\n")
        n = t.prompts()
        t.send(". ./loop.sh; echo not-after-dot-line\r")
        t.wait_cooked()
        time.sleep(0.2)
        t.send("\x03")
        back = t.wait_prompt(n + 1, timeout=5)
        check(back and "not-after-dot" not in t.screen.lines
              and "not-after-dot-line" not in t.screen.lines,
              "Ctrl-C stops a sourced file", t.raw[-300:])
        t.run("echo still-here\r")
        check("still-here" in t.screen.lines, "the shell runs commands after an interrupt",
              t.screen.lines)

        t.run("sh -c 'kill -9 $$'\r")
        check(bool(t.line_of("sh: terminated by signal 9 (killed)")),
              "a killed job is reported with its cause", t.screen.lines)
        t.run("echo status=$?\r")
        check("status=137" in t.screen.lines, "a killed job's status is 128+9", t.screen.lines)

        t.send("for i in 1 2\r")
        check(t.expect(r"\n\r> "), "an unfinished command prompts with PS2", t.raw)
        t.run("do echo n$i; done\r")
        check("n1" in t.screen.lines and "n2" in t.screen.lines,
              "a command continued over two lines runs", t.screen.lines)

        t.run("if then\r")
        check(any(re.fullmatch(r"sh: line \d+: syntax error near 'then': expected a command", l)
                  for l in t.screen.lines),
              "a syntax error is reported and the shell goes on", t.screen.lines)

        t.run("history\r")
        check(any(re.match(r"\s+\d+  echo first-cmd$", l) for l in t.screen.lines),
              "history lists earlier commands", t.screen.lines)

        t.run("PS1='new> '\r")
        check(t.expect("new> "), "PS1 sets the prompt", t.raw)

        t.send("false\r")
        end = time.time() + 5
        while t.prompts("new> ") < 2 and time.time() < end:
            t.pump(0.1)
        t.send("\x04")
        status = None
        end = time.time() + 5
        while time.time() < end:
            t.pump(0.1)
            pid, st = os.waitpid(t.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(st)
                break
        check(status == 1, "Ctrl-D on an empty line exits with the last status", status)
        if status is None:
            t.close()

        hist = open(os.path.join(home, ".sh_history")).read().splitlines()
        check("echo first-cmd" in hist and "false" in hist,
              "history is saved in $HOME/.sh_history", hist)

        # A new shell reads the saved history back.
        t = Term(home)
        t.wait_prompt(1)
        t.run("\x1b[A\r")
        check(t.screen.lines.count("first-cmd") == 0 and t.line_of(PROMPT + "false"),
              "saved history is loaded by the next shell", t.screen.lines)
        t.close()

        # Not a terminal: plain line reading, no prompt.
        r, w = os.pipe()
        os.write(w, b"echo piped-in\n")
        os.close(w)
        import subprocess
        p = subprocess.run([SH], stdin=r, capture_output=True, env=dict(os.environ, HOME=home))
        os.close(r)
        check(p.stdout == b"piped-in\n" and p.stderr == b"",
              "without a terminal commands are read plainly, without a prompt", p)

    print(f"1..{len(checks)}")
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
