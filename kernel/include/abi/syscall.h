// kernel/include/abi/syscall.h: Gremlin's system-call ABI, shared by the
// kernel and every user-space runtime (lib/c). This header is the contract;
// a change here is a change to every program. Fixed-width types only.
//
// Calling convention (DESIGN section 2): the `syscall` instruction, number in
// rax, arguments in rdi, rsi, rdx, r10, r8, r9, result in rax. rcx and r11 are
// clobbered; every other register is preserved. A result >= 0 is success; a
// result in [-4095, -1] is -errno (errno values in abi/errno.h), and the
// kernel also keeps a per-process error string that says what went wrong and
// why, read with SYS_errstr.
//
// Names are POSIX where POSIX has the call, Plan 9 where it has none.
#ifndef ABI_SYSCALL_H
#define ABI_SYSCALL_H

#include <stdint.h>

// Numbers. Never reuse or renumber one; append new calls at the end.
#define SYS_exit 0          // (int32 status, const char *msg): never returns.
                            //   status 0..255 is the POSIX code; msg (may be 0)
                            //   is the Plan 9 exit string, "" for success.
#define SYS_read 1          // (int fd, void *buf, uint64 n) -> bytes, 0 at EOF
#define SYS_write 2         // (int fd, const void *buf, uint64 n) -> bytes
#define SYS_open 3          // (const char *path, int32 flags, uint32 mode) -> fd
#define SYS_close 4         // (int fd)
#define SYS_fork 5          // () -> child pid in parent, 0 in child
#define SYS_execve 6        // (const char *path, char *const argv[], char *const envp[])
#define SYS_wait 7          // (int32 pid, struct waitmsg *w, int32 flags) -> pid
                            //   pid -1: any child. flags WNOHANG: 0 if none exited.
#define SYS_getpid 8        // () -> pid
#define SYS_getppid 9       // () -> parent pid
#define SYS_nanosleep 10    // (const struct timespec *req, struct timespec *rem)
#define SYS_clock_gettime 11 // (int32 clock, struct timespec *ts)
#define SYS_brk 12          // (uint64 addr) -> new break; addr 0 queries it
#define SYS_mmap 13         // (void *addr, uint64 len, int prot, int flags, int fd, int64 off)
#define SYS_munmap 14       // (void *addr, uint64 len)
#define SYS_errstr 15       // (char *buf, uint64 n): copy the error string of the
                            //   last failed call (NUL-terminated, truncated to n)
#define SYS_rfork 16        // (int32 flags): Plan 9 rfork; RF* below
#define SYS_kill 17         // (int32 pid, const char *note): post a note; "kill" kills.
                            //   pid < 0: to every process of note group -pid
                            //   (RFNOTEG makes the caller's pid its group's id);
                            //   ESRCH if it has none; init, if a member, takes
                            //   only what kill(1, ...) would give it. Each
                            //   process queues up to NNOTE notes for its handler
                            //   (a repeat of a queued one merges); one more kills
                            //   it ("too many notes"), except init: dropped.
#define SYS_sched_yield 18  // ()
#define SYS_arch_prctl 19   // (int32 code, uint64 addr): ARCH_SET_FS / ARCH_GET_FS
#define SYS_reboot 20       // (int32 how, int32 status): init (pid 1) only.
                            //   REBOOT_POWEROFF ends the machine; under QEMU with
                            //   isa-debug-exit the exit code is (status<<1)|1.
#define SYS_sendto 21       // reserved for /net (not yet)
#define SYS_recvfrom 22     // reserved for /net (not yet)
#define SYS_getrandom 23    // (void *buf, uint64 n, uint32 flags) -> bytes; never
                            //   blocks; at most GETRANDOM_MAX a call; GRND_*
#define SYS_uname 24        // (struct utsname *)

// Files and namespaces (issue 3). Paths are resolved in the caller's
// namespace; a path not in it does not exist (ENOENT), never "forbidden".
// Directory entries and stat buffers use 9P2000's machine-independent stat
// format (stat(5), lib/9p/fcall.h), so the kernel passes what servers say.
#define SYS_pread 25        // (int fd, void *buf, uint64 n, int64 off) -> bytes
#define SYS_pwrite 26       // (int fd, const void *buf, uint64 n, int64 off) -> bytes
#define SYS_seek 27         // (int fd, int64 off, int whence) -> new offset
#define SYS_create 28       // (const char *path, int32 flags, uint32 perm) -> fd;
                            //   perm & DMDIR makes a directory; flags are O_*
#define SYS_stat 29         // (const char *path, uint8 *buf, uint64 n) -> bytes of
                            //   one 9P stat entry; if n is too small, returns the
                            //   size needed and copies nothing (Plan 9: BIT16SZ)
#define SYS_fstat 30        // (int fd, uint8 *buf, uint64 n) -> as SYS_stat
#define SYS_wstat 31        // (const char *path, const uint8 *buf, uint64 n)
#define SYS_fwstat 32       // (int fd, const uint8 *buf, uint64 n)
#define SYS_remove 33       // (const char *path)
#define SYS_dup 34          // (int fd) -> lowest free fd
#define SYS_dup2 35         // (int fd, int newfd) -> newfd
#define SYS_chdir 36        // (const char *path)
#define SYS_fd2path 37      // (int fd, char *buf, uint64 n): the name the fd was
                            //   opened by, in the caller's namespace
#define SYS_pipe 38         // (int32 fd[2]): bidirectional, like Plan 9's
#define SYS_bind 39         // (const char *new, const char *old, int32 flags)
#define SYS_mount 40        // (int fd, int afd, const char *old, int32 flags,
                            //   const char *aname): fd speaks 9P; afd -1
#define SYS_unmount 41      // (const char *new, const char *old): new may be 0
#define SYS_getcwd 42       // (char *buf, uint64 n) -> length

// Catching notes (Plan 9 notify/noted; docs/kernel.md, "Notes"). A process
// that registered a handler gets every note but "kill" as a call
// fn(ureg, note) on its own stack: ureg points at a copy of its registers
// (struct trapframe of the kernel, read-only in effect) and note at the
// text. The handler ends with noted(NCONT), which resumes where the note
// came (a blocking call it interrupted fails with EINTR), or noted(NDFLT),
// which applies the note's default action (for most notes: death).
#define SYS_notify 43       // (void (*fn)(void *ureg, char *note)): 0 removes it
#define SYS_noted 44        // (int32 how): NCONT or NDFLT; only in a handler

// The syscall filter (docs/kernel.md, "Syscall filter"). Every process has
// a set of permitted calls, inherited by fork/rfork and kept across execve,
// that can only shrink; the base set (exit, close, brk, mmap, ...) is always
// permitted. A call outside the set kills the process with status
// KILLSTATUS_SYS and the message "syscall 'X' denied for snap 'Y'", and
// appends a line to the audit ring '#c/audit'. bitmap: bit n (byte n/8,
// bit n%8, least significant first) permits call n; bits at or beyond
// NSYSCALL are ignored, bytes beyond nbytes count as zero. sysfilter is
// itself a call of the set: once a filter leaves it out, no further filter
// can be installed.
#define SYS_sysfilter 45    // (const uint8 *bitmap, uint64 nbytes, const char *snap):
                            //   intersect; nbytes 1..SYSFILTER_MAXBYTES, snap a
                            //   name of 1..SNAPNAME_LEN-1 bytes

// Resource limits (docs/kernel.md, "Limits"). setlimit puts the caller in a
// new limit group nested in its current one, as the group's only member;
// children (fork/rfork) join their parent's group, exec keeps it. Usage is
// charged to every group of the chain, so a nested group can only shrink
// what its members may use. A field of 0 sets no limit of the group's own
// (the outer groups still apply). memory counts bytes of user pages and
// page tables (4096 times /proc/N/status 'pages'), summed over the group's
// live members; procs counts its live processes (until they exit).
//  - fork/rfork over procs: EAGAIN, errstr
//      "fork: process limit of N reached (snap 'Y')" ("rfork: ..." for rfork)
//  - fork whose copy, execve whose image, brk or mmap whose size does not
//    fit in memory: ENOMEM, errstr "...: memory limit of N bytes reached
//    (snap 'Y')" (brk and mmap commit lazily: they refuse a request larger
//    than what is left)
//  - a page fault that would go over (or a call filling the caller's own
//    untouched pages, like read into a fresh buffer): the process dies with
//    status KILLSTATUS_MEM, message "memory limit of N bytes exceeded
//    (snap 'Y')", and an audit record in '#c/audit'
// N is the limit of the group that refused (the innermost one that is
// full), Y the process's snap name (sysfilter), or its name if it has none.
// EINVAL if the caller already uses more than a limit it asks for, or its
// group is already LIMIT_DEPTH deep; EFAULT for a bad pointer.
#define SYS_setlimit 46     // (const struct limits *l)
#define NSYSCALL 47
#define LIMIT_DEPTH 8       // limit groups nest at most this deep
#define SYSFILTER_MAXBYTES 512 // 4096 bits
#define SNAPNAME_LEN 32        // snap names, with the NUL

#define NNOTE 5 // notes a process queues for its handler

#define NCONT 0 // noted: resume
#define NDFLT 1 // noted: the default action

// open flags (Linux values, so ported code needs no translation).
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_EXCL 0200
#define O_APPEND 02000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000

// SYS_wait flags and status. A process that exited normally has status
// 0..255. One the kernel killed has 128 + the POSIX signal number its cause
// maps to, and msg says why in words ("page fault at 0x0 reading ..."):
#define WNOHANG 1
#define KILLSTATUS_ILL 132  // privileged or invalid instruction
#define KILLSTATUS_FPE 136  // divide error
#define KILLSTATUS_KILL 137 // out of memory, or killed by the "kill" note
#define KILLSTATUS_SEGV 139 // page fault, stack overflow, general protection
#define KILLSTATUS_MEM 153  // a page fault over the memory limit of its
                            //   limit group (128 + SIGXFSZ, POSIX's
                            //   resource-limit signal)
#define KILLSTATUS_SYS 159  // a system call outside the process's syscall filter

#define WAITMSG_LEN 128

// setlimit's argument: 0 in a field means no limit of this group's own.
struct limits {
	uint64_t memory; // bytes of user pages and page tables
	uint64_t procs;  // live processes
};

struct waitmsg {
	int32_t pid;
	int32_t status;
	char msg[WAITMSG_LEN]; // "" on success
};

// Clocks.
#define CLOCK_REALTIME 0  // wall clock from the RTC, seconds since 1970 UTC
#define CLOCK_MONOTONIC 1 // since boot, never goes back

struct timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

// mmap (Linux values). Only anonymous private mappings for now: fd -1.
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED ((void *)-1)

// seek whence.
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

// bind and mount flags (Plan 9 values).
#define MREPL 0x0000   // replace what is at old
#define MBEFORE 0x0001 // union: new goes first
#define MAFTER 0x0002  // union: new goes last
#define MCREATE 0x0004 // create in a union goes to this member
#define MORDER 0x0003  // mask of the order bits

// Mode bits of 9P stat entries (stat(5)).
#define DMDIR 0x80000000u
#define DMAPPEND 0x40000000u
#define DMEXCL 0x20000000u
#define DMTMP 0x04000000u

// rfork flags (Plan 9 values).
#define RFNAMEG (1 << 0)
#define RFENVG (1 << 1)
#define RFFDG (1 << 2)
#define RFNOTEG (1 << 3)
#define RFPROC (1 << 4)
#define RFMEM (1 << 5)
#define RFNOWAIT (1 << 6)
#define RFCNAMEG (1 << 10)
#define RFCENVG (1 << 11)
#define RFCFDG (1 << 12)
#define RFREND (1 << 13)
#define RFNOMNT (1 << 14)

// arch_prctl codes (Linux values).
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

// getrandom flags (Linux values). The kernel's generator never blocks, so
// both are accepted and change nothing; any other bit is EINVAL.
#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GETRANDOM_MAX (256u << 10) // a larger request returns this many bytes

// reboot how.
#define REBOOT_POWEROFF 0
#define REBOOT_RESTART 1

// Error strings are at most this long, including the NUL.
#define ERRMAX 128

struct utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
};

#endif
