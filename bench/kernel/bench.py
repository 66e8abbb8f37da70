#!/usr/bin/env python3
"""bench/kernel/bench.py: Gremlin's boot and syscall figures against Linux.

The baseline is Debian's own kernel (package linux-image-amd64, unpacked with
dpkg -x, nothing installed) booting a busybox-static initramfs, on the same
QEMU with the same flags (-accel tcg, same -m) in the same run. Figures, one
line each (DESIGN section 9; lower is better for all of them):

  bench boot            ms from starting QEMU to the first user process's
                        banner (Gremlin: init's "init: Gremlin OS started";
                        Linux: the initramfs /init script's first line);
                        median of 5 boots each
  bench mem-min         smallest -m (MiB) that still reaches that banner
  bench syscall-null    ns per getppid(), bench/guest/syscallbench.c inside
                        each guest (median of its rounds)
  bench fork-exit-wait  us per fork + _exit + waitpid, same program
  bench pipe-rtt        us per 1-byte round trip between two processes over
                        two pipes, bench/guest/pipebench.c inside each guest
                        (median of 7 rounds of 2000)
  bench 9p-read-1b      us per 1-byte pread of a file on Gremlin's /tmp (the
                        ramfs, a 9P server in user space; 5 rounds of 20000
                        reads, median), bench/guest/ninepbench.c; the
                        baseline is Linux's pipe-rtt from the same run (the
                        target: at most 2x)
  bench cat-10mb        ms for the system's /bin/cat of a 10 MiB file on /tmp
                        into a pipe (Gremlin: ramfs; Linux: busybox on
                        tmpfs), fork and exec included, bench/guest/fsbench.c
                        (median of 5); a reported figure, no target
  bench ls-1000         ms for /bin/ls of a 1000-entry directory, the same way
"""
import os
import shutil
import statistics
import struct
import subprocess
import sys
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BASE = os.path.join(TOP, "build", "baseline")
GREMLIN_KERNEL = os.path.join(TOP, "build", "kernel", "gremlin.mb")
GREMLIN_IMAGE = os.path.join(TOP, "build", "base.tar")
GREMLIN_BANNER = b"init: Gremlin OS started"
LINUX_BANNER = b"baseline: init started"
MEM = "128M"
BOOTS = 5
QEMU = ["qemu-system-x86_64", "-accel", "tcg", "-display", "none", "-no-reboot",
        "-serial", "stdio", "-monitor", "none",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]


def die(msg):
    sys.stderr.write("bench/kernel: %s\n" % msg)
    sys.exit(1)


# The Linux side: vmlinuz from the .deb tools/deps downloaded, and an
# initramfs written here as a newc cpio (so /dev/console can be a device
# node without mknod or root).
def linux_kernel():
    debs = [f for f in os.listdir(BASE) if f.startswith("linux-image-") and f.endswith(".deb")] \
        if os.path.isdir(BASE) else []
    if not debs:
        die("no linux-image .deb in build/baseline (run DEPS_BENCH=1 tools/deps)")
    x = os.path.join(BASE, "x")
    if not os.path.isdir(os.path.join(x, "boot")):
        subprocess.run(["dpkg", "-x", os.path.join(BASE, debs[0]), x], check=True)
    boot = os.path.join(x, "boot")
    vm = [f for f in os.listdir(boot) if f.startswith("vmlinuz-")]
    if not vm:
        die("linux-image .deb has no boot/vmlinuz-*")
    return os.path.join(boot, vm[0])


def cpio_entry(name, mode, data=b"", rdev=(0, 0)):
    name_b = name.encode() + b"\0"
    hdr = "070701" + "".join("%08X" % v for v in (
        0, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0))
    out = hdr.encode() + name_b
    out += b"\0" * (-len(out) % 4)
    out += data + b"\0" * (-len(data) % 4)
    return out


INIT_SCRIPT = b"""#!/bin/busybox sh
echo "baseline: init started"
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t tmpfs tmpfs /tmp
if /bin/busybox grep -q bench=1 /proc/cmdline; then
	/syscallbench; /pipebench; /fsbench
fi
/bin/busybox poweroff -f
"""


# The programs of bench/guest built for the Linux guest (Gremlin's image
# has them all as /bin/bench/NAME; ninepbench is for Gremlin's 9P only).
LINUX_BENCHES = ("syscallbench", "pipebench", "fsbench")


def linux_initramfs():
    out = os.path.join(BASE, "initramfs.cpio")
    progs = []
    for name in LINUX_BENCHES:
        bench = os.path.join(BASE, name)
        src = os.path.join(TOP, "bench", "guest", name + ".c")
        subprocess.run(["gcc", "-std=c11", "-D_DEFAULT_SOURCE", "-O2", "-static", "-o", bench, src],
                       check=True)
        with open(bench, "rb") as f:
            progs.append(cpio_entry(name, 0o100755, f.read()))
    busybox = shutil.which("busybox") or "/bin/busybox"
    with open(busybox, "rb") as f:
        bb = f.read()
    # fsbench runs /bin/cat and /bin/ls: busybox applets through symlinks.
    applets = [cpio_entry("bin/" + a, 0o120777, b"busybox") for a in ("cat", "ls")]
    blob = b"".join([
        cpio_entry("dev", 0o40755), cpio_entry("proc", 0o40755), cpio_entry("bin", 0o40755),
        cpio_entry("tmp", 0o41777),
        cpio_entry("dev/console", 0o20600, rdev=(5, 1)),
        cpio_entry("bin/busybox", 0o100755, bb),
        cpio_entry("init", 0o100755, INIT_SCRIPT),
    ] + applets + progs + [cpio_entry("TRAILER!!!", 0)])
    with open(out, "wb") as f:
        f.write(blob)
    return out


def boot(cmd, banner, timeout=120, until_exit=False):
    """Start QEMU; return (ms to banner or None, all output)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    buf = b""
    hit = None
    os.set_blocking(p.stdout.fileno(), False)
    while time.monotonic() - t0 < timeout:
        try:
            chunk = p.stdout.read()
        except BlockingIOError:
            chunk = None
        if chunk:
            buf += chunk
            if hit is None and banner in buf:
                hit = (time.monotonic() - t0) * 1000.0
                if not until_exit:
                    break
        elif p.poll() is not None:
            break
        else:
            time.sleep(0.002)
    p.kill()
    p.wait()
    try:
        buf += p.stdout.read() or b""
    except (BlockingIOError, ValueError):
        pass
    return hit, buf


def gremlin_cmd(mem, append=""):
    return QEMU + ["-m", mem, "-kernel", GREMLIN_KERNEL, "-initrd", GREMLIN_IMAGE, "-append", append]


def linux_cmd(mem, vmlinuz, initrd, extra=""):
    return QEMU + ["-m", mem, "-kernel", vmlinuz, "-initrd", initrd,
                   "-append", "console=ttyS0 quiet panic=-1 " + extra]


def median_boot(cmd, banner):
    times = []
    for _ in range(BOOTS):
        ms, out = boot(cmd, banner)
        if ms is None:
            die("no banner %r from %s; last output:\n%s" % (banner, cmd[cmd.index("-kernel") + 1],
                                                         out[-1500:].decode(errors="replace")))
        times.append(ms)
    return statistics.median(times)


def mem_min(make_cmd, banner, lo, hi):
    """Smallest -m in MiB in [lo, hi] that reaches banner (binary search)."""
    if boot(make_cmd("%dM" % hi), banner, timeout=60)[0] is None:
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if boot(make_cmd("%dM" % mid), banner, timeout=60)[0] is not None:
            hi = mid
        else:
            lo = mid + 1
    return hi


def figures(out, keys):
    vals = {}
    for line in out.decode(errors="replace").splitlines():
        for k in keys:
            if line.startswith(k + " "):
                vals[k] = float(line.split("=", 1)[1])
    return vals


def line(name, ours, base, unit, digits=1):
    print("bench %s ours=%.*f baseline=%.*f ratio=%.3f unit=%s" % (
        name, digits, ours, digits, base, ours / base, unit), flush=True)


def gremlin_figures(prog, keys):
    """Boot Gremlin once to run /bin/bench/prog; its figures for keys."""
    _, out = boot(gremlin_cmd(MEM, "exec /bin/bench/" + prog), b"\0", timeout=600, until_exit=True)
    vals = figures(out, keys)
    for k in keys:
        if k not in vals:
            die("%s: no figure from Gremlin's /bin/bench/%s; it said:\n%s" % (
                k, prog, out[-1500:].decode(errors="replace")))
    return vals


def main():
    for f in (GREMLIN_KERNEL, GREMLIN_IMAGE):
        if not os.path.exists(f):
            die("%s missing (make kernel image)" % f)
    vmlinuz = linux_kernel()
    initrd = linux_initramfs()

    g = median_boot(gremlin_cmd(MEM), GREMLIN_BANNER)
    lx = median_boot(linux_cmd(MEM, vmlinuz, initrd), LINUX_BANNER)
    line("boot", g, lx, "ms")

    gm = mem_min(lambda m: gremlin_cmd(m), GREMLIN_BANNER, 1, 128)
    lm = mem_min(lambda m: linux_cmd(m, vmlinuz, initrd), LINUX_BANNER, 16, 512)
    if gm is None or lm is None:
        die("mem-min: a guest does not boot at the upper bound")
    line("mem-min", gm, lm, "MiB")

    keys = ("syscall-null", "fork-exit-wait")
    _, gout = boot(gremlin_cmd(MEM, "exec /bin/bench/syscallbench"), b"\0", timeout=300, until_exit=True)
    _, lout = boot(linux_cmd(MEM, vmlinuz, initrd, "bench=1"), b"\0", timeout=600, until_exit=True)
    gv, lv = figures(gout, keys), figures(lout, keys)
    for k, unit in zip(keys, ("ns", "us")):
        if k not in gv or k not in lv:
            die("%s: missing figure (gremlin %s, linux %s); gremlin said:\n%s" % (
                k, gv.get(k), lv.get(k), gout[-1500:].decode(errors="replace")))
        line(k, gv[k], lv[k], unit)

    lv = figures(lout, ("pipe-rtt", "cat-10mb", "ls-1000"))
    for k in ("pipe-rtt", "cat-10mb", "ls-1000"):
        if k not in lv:
            die("%s: no figure from the Linux guest; it said:\n%s" % (k, lout[-1500:].decode(errors="replace")))
    gv = gremlin_figures("pipebench", ("pipe-rtt",))
    line("pipe-rtt", gv["pipe-rtt"], lv["pipe-rtt"], "us", 2)
    gv = gremlin_figures("ninepbench", ("9p-read-1b",))
    line("9p-read-1b", gv["9p-read-1b"], lv["pipe-rtt"], "us", 2)
    gv = gremlin_figures("fsbench", ("cat-10mb", "ls-1000"))
    line("cat-10mb", gv["cat-10mb"], lv["cat-10mb"], "ms")
    line("ls-1000", gv["ls-1000"], lv["ls-1000"], "ms")


if __name__ == "__main__":
    main()
