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
if /bin/busybox grep -q bench=1 /proc/cmdline; then /syscallbench; fi
/bin/busybox poweroff -f
"""


def linux_initramfs():
    out = os.path.join(BASE, "initramfs.cpio")
    bench = os.path.join(BASE, "syscallbench")
    src = os.path.join(TOP, "bench", "guest", "syscallbench.c")
    subprocess.run(["gcc", "-std=c11", "-D_DEFAULT_SOURCE", "-O2", "-static", "-o", bench, src],
                   check=True)
    busybox = shutil.which("busybox") or "/bin/busybox"
    with open(busybox, "rb") as f:
        bb = f.read()
    with open(bench, "rb") as f:
        sb = f.read()
    blob = b"".join([
        cpio_entry("dev", 0o40755), cpio_entry("proc", 0o40755), cpio_entry("bin", 0o40755),
        cpio_entry("dev/console", 0o20600, rdev=(5, 1)),
        cpio_entry("bin/busybox", 0o100755, bb),
        cpio_entry("init", 0o100755, INIT_SCRIPT),
        cpio_entry("syscallbench", 0o100755, sb),
        cpio_entry("TRAILER!!!", 0),
    ])
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


def line(name, ours, base, unit):
    print("bench %s ours=%.1f baseline=%.1f ratio=%.3f unit=%s" % (name, ours, base, ours / base, unit),
          flush=True)


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
    _, lout = boot(linux_cmd(MEM, vmlinuz, initrd, "bench=1"), b"\0", timeout=300, until_exit=True)
    gv, lv = figures(gout, keys), figures(lout, keys)
    for k, unit in zip(keys, ("ns", "us")):
        if k not in gv or k not in lv:
            die("%s: missing figure (gremlin %s, linux %s); gremlin said:\n%s" % (
                k, gv.get(k), lv.get(k), gout[-1500:].decode(errors="replace")))
        line(k, gv[k], lv[k], unit)


if __name__ == "__main__":
    main()
