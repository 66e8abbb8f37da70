// lib/c/include/gremlin.h: Gremlin calls that POSIX has no name for (Plan 9
// ones and machine control), and the raw system-call entry.
#ifndef _GREMLIN_H
#define _GREMLIN_H

#include <abi/syscall.h>
#include <stddef.h>
#include <stdint.h>

// The raw system call: returns what the kernel returned (-errno on failure),
// without touching errno. For tests and wrappers.
int64_t rawsyscall(int64_t n, int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5,
                   int64_t a6);

// The kernel's error string for the last failed call ("" if none), copied
// into buf (NUL-terminated, at most n bytes). Returns buf.
char *errstr(char *buf, size_t n);

// Exit with a status and a Plan 9 exit string (msg may be NULL).
_Noreturn void exits(int status, const char *msg);

int rfork(int flags);

// Plan 9 namespace calls (flags MREPL MBEFORE MAFTER MCREATE).
int bind(const char *new, const char *old, int flags);
int mount(int fd, int afd, const char *old, int flags, const char *aname);
int unmount(const char *new, const char *old);
// The name fd was opened by, in this namespace.
int fd2path(int fd, char *buf, size_t n);
int reboot(int how, int status);
int arch_prctl(int code, uint64_t addr);
int postnote(int pid, const char *note);

// Catching notes (Plan 9). fn runs on the process's stack for every note
// but "kill", as fn(ureg, note), ureg a copy of the registers (the kernel's
// struct trapframe). It must end with noted(NCONT), which resumes where the
// note came (a blocking call it interrupted fails with EINTR) and does not
// return, or noted(NDFLT), the note's default action (for every note today:
// death). notify(NULL) removes the handler; exec removes it too.
int notify(void (*fn)(void *ureg, char *note));
int noted(int how);

// The syscall filter: intersect this process's set of permitted calls with
// bitmap (bit n, byte n/8, least significant first, permits SYS_n; bytes
// beyond nbytes count as zero) and name it snap (for the kill message and
// the audit record). The set only shrinks, children and exec keep it, and
// the base calls (exit, close, brk, mmap, ...) stay permitted. A call
// outside it kills the process (status KILLSTATUS_SYS). EINVAL for nbytes
// 0 or above SYSFILTER_MAXBYTES or a bad snap name, EFAULT for a bad
// pointer.
int sysfilter(const uint8_t *bitmap, size_t nbytes, const char *snap);

// Limits: put this process in a new limit group nested in its current one
// (its only member; children join it, exec keeps it). l->memory caps the
// bytes of user pages and page tables of the group's processes, l->procs
// how many of them live at once; 0 is no limit of its own. Outer groups
// still apply, so this only ever shrinks what the process may use. Over
// procs, fork fails with EAGAIN; brk, mmap, fork and exec that do not fit
// fail with ENOMEM; a page fault that does not fit kills the process
// (KILLSTATUS_MEM). EINVAL if the process already uses more memory than
// l->memory or its groups nest LIMIT_DEPTH deep, EFAULT for a bad pointer.
// /proc/N/status shows the innermost group (memlimit, memused, proclimit,
// procs).
int setlimit(const struct limits *l);

// The value of an auxiliary-vector entry (AT_*), or 0 if the kernel gave none.
uint64_t getauxval(uint64_t type);
#define AT_NULL 0
#define AT_PAGESZ 6
#define AT_RANDOM 25

#endif
