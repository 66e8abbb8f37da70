# sys/testclient.py: a tiny 9P2000 client for the command tests of the
# servers in sys/ (sys/*/cmd_test.sh). It starts a server command on a pipe
# pair (stdin/stdout) or on one socket passed as -i/-o fds, runs a script of
# requests given on the command line, and prints one TAP line per check.
#
#   python3 testclient.py [--fd] -- CMD ARGS... ::: STEP...
#
# Steps (fids are numbers; the last reply is checked by "expect"):
#   version MSIZE | attach FID UNAME | walk FID NEWFID NAME... |
#   open FID MODE | create FID NAME PERM(octal) MODE | read FID OFFSET COUNT |
#   write FID OFFSET TEXT | clunk FID | remove FID |
#   expect data TEXT | expect error TEXT | expect ok
import os, socket, struct, subprocess, sys

T = dict(version=100, attach=104, walk=110, open=112, create=114, read=116,
         write=118, clunk=120, remove=122)
RERROR = 107

def s(x):
    b = x.encode()
    return struct.pack('<H', len(b)) + b

def body(op, a):
    if op == 'version':
        return struct.pack('<I', int(a[0])) + s('9P2000')
    if op == 'attach':
        return struct.pack('<II', int(a[0]), 0xFFFFFFFF) + s(a[1]) + s('')
    if op == 'walk':
        return struct.pack('<IIH', int(a[0]), int(a[1]), len(a) - 2) + b''.join(s(n) for n in a[2:])
    if op == 'open':
        return struct.pack('<IB', int(a[0]), int(a[1]))
    if op == 'create':
        return struct.pack('<I', int(a[0])) + s(a[1]) + struct.pack('<IB', int(a[2], 8), int(a[3]))
    if op == 'read':
        return struct.pack('<IQI', int(a[0]), int(a[1]), int(a[2]))
    if op == 'write':
        d = a[2].encode()
        return struct.pack('<IQI', int(a[0]), int(a[1]), len(d)) + d
    return struct.pack('<I', int(a[0]))

def main():
    argv = sys.argv[1:]
    usefd = argv[0] == '--fd'
    if usefd:
        argv = argv[1:]
    sep = argv.index(':::')
    cmd, steps = argv[1:sep], argv[sep + 1:]
    if usefd:
        a, b = socket.socketpair()
        fd = b.fileno()
        p = subprocess.Popen(cmd + ['-i', str(fd), '-o', str(fd)], pass_fds=[fd],
                             stdin=subprocess.DEVNULL)
        b.close()
        wf = rf = a.makefile('rwb', buffering=0)
    else:
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        wf, rf = p.stdin, p.stdout
    n, failed, tag, last, lastop = 0, 0, 1, (0, b''), ''
    i = 0
    while i < len(steps):
        op = steps[i]
        j = i + 1
        while j < len(steps) and steps[j] not in T and steps[j] != 'expect':
            j += 1
        args = steps[i + 1:j]
        i = j
        if op == 'expect':
            kind, want = args[0], ' '.join(args[1:])
            t, bd = last
            if kind == 'data':
                ok = t == 117 and bd[4:] == want.encode()
            elif kind == 'error':
                ok = t == RERROR and bd[2:] == want.encode()
            else:
                ok = t not in (0, RERROR)
            n += 1
            failed += not ok
            print('%sok %d - %s: %s gives %s%s' % ('' if ok else 'not ', n, cmd[0].split('/')[-1],
                                                lastop, kind, ' %r' % want if want else ''))
            if not ok:
                print('# got type %d body %r' % (t, bd[:80]))
            continue
        lastop = ' '.join([op] + args)
        tg = 0xFFFF if op == 'version' else tag
        tag += 1
        bd = body(op, args)
        wf.write(struct.pack('<IBH', 7 + len(bd), T[op], tg) + bd)
        wf.flush()
        hdr = rf.read(7)
        if len(hdr) < 7:
            last = (0, b'')
            continue
        size, t, _ = struct.unpack('<IBH', hdr)
        last = (t, rf.read(size - 7))
    if usefd:
        a.shutdown(socket.SHUT_WR)
    else:
        wf.close()
    rc = p.wait()
    n += 1
    failed += rc != 0
    print('%sok %d - %s exits 0 when the client hangs up (got %d)' % ('' if rc == 0 else 'not ', n, cmd[0].split('/')[-1], rc))
    sys.exit(1 if failed else 0)

main()
