// kernel/proc/proc.h: the process: its address space, open files, notes,
// scheduling state and exit status.
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include <stdint.h>

#include "abi/syscall.h"
#include "arch/x86_64/x86.h"
#include "ns/chan.h"

#define NPROC 128
#define NVMA 32
#define KSTACK_PAGES 4
#define FXSAVE_SIZE 512

// User address-space layout. The ELF image sits low (segments must lie in
// [USER_LO, USER_TOP)); the heap (brk) starts after it; anonymous mmaps are
// placed downward from MMAP_TOP; the stack is the top STACK_SIZE below
// STACK_TOP, with STACK_GUARD of never-mapped space under it.
#define USER_LO 0x10000ULL
#define USER_TOP 0x00007ffffffff000ULL
#define STACK_TOP USER_TOP
#define STACK_SIZE (8ULL << 20)
#define STACK_GUARD (1ULL << 20)
#define MMAP_TOP (STACK_TOP - STACK_SIZE - STACK_GUARD)
#define MMAP_LO 0x0000100000000000ULL

enum { VMA_ELF = 1, VMA_HEAP, VMA_STACK, VMA_MMAP };

struct vma {
	uint64_t start, end; // page aligned, end exclusive
	uint32_t prot;       // PROT_*
	uint32_t kind;       // VMA_*
};

// A limit group (proc/limit.c): limits on the memory and process count of
// its members and of every group nested in it. used and procs count what
// the group and its nested groups hold; ref counts its members, the
// address spaces charged to it and the groups nested in it.
struct limgrp {
	struct limgrp *up; // the enclosing group, NULL at the top
	int ref;
	int depth;          // 1 for a group with no enclosing group
	uint64_t memlimit;  // bytes, 0 = none of its own
	uint64_t proclimit; // processes, 0 = none of its own
	uint64_t used;      // pages
	uint64_t procs;     // live processes
	int procaudited;    // a refused fork is in the audit log already
};

struct aspace {
	uint64_t pml4; // physical address of the top page table
	struct vma vma[NVMA];
	int nvma;
	uint64_t brk_start, brk;
	uint64_t npages;        // user pages and page tables this space holds
	struct limgrp *lim;     // the group its pages are charged to (or NULL)
	struct limgrp *refused; // the group that refused the last page, if one did
};

// What a process with a note handler needs besides struct proc (which has
// no room): the notes waiting for delivery (oldest first), the one being
// handled, and the registers and FPU state to restore when the handler
// calls noted.
struct notes {
	uint8_t fpu[FXSAVE_SIZE] __attribute__((aligned(16)));
	struct trapframe tf;
	char queue[NNOTE][ERRMAX];
	int nq; // notes in queue
	char cur[ERRMAX];
};

enum procstate { UNUSED, EMBRYO, RUNNABLE, RUNNING, SLEEPING, ZOMBIE };

struct proc {
	uint8_t fpu[FXSAVE_SIZE] __attribute__((aligned(16))); // x87/SSE registers
	int pid, slot;
	enum procstate state;
	struct proc *parent;
	char name[32];
	struct aspace as;
	uint64_t kstack_top;    // top of this process's kernel stack
	uint64_t ctx_rsp;       // saved kernel rsp while switched out
	struct trapframe *tf;   // user registers, at the top of the kernel stack
	uint64_t fsbase;        // FS base MSR (the TLS pointer)
	struct fdtab *fds;      // shared by rfork without RFFDG/RFCFDG
	struct pgrp *pgrp;      // the namespace; shared unless RFNAMEG/RFCNAMEG
	struct chan *dot;       // the current directory
	const void *chan;       // what it sleeps on
	uint64_t wake_ns;       // for nanosleep: monotonic deadline
	uint64_t deadline;      // if not 0: a sleep ends by then (9P RPCs)
	int kio;                // the kernel writes for itself (9P): no pipe note
	int noteg;              // note group (Ctrl-C goes to init's group)
	int killed;             // a fatal note or fault is pending
	int notepending;        // a note waits: sleeps end with EINTR
	int innote;             // running its note handler (note.c)
	int fullret;            // return to user with iretq (all registers)
	uint64_t notify;        // the note handler, 0 if none
	struct notes *notes;    // with a handler: pending note and saved state
	int32_t xstatus;        // exit status once ZOMBIE (or pending kill)
	char xmsg[WAITMSG_LEN]; // exit message
	char err[ERRMAX];       // error string of the last failed call
	uint32_t slice;         // ticks left in this time slice
	// The syscall filter (proc/filter.c): bit n of sysallow permits call n
	// (base calls are permitted whatever it says); snap names the filter
	// for messages ("" while the process was never filtered).
	uint8_t sysallow[(NSYSCALL + 7) / 8];
	char snap[SNAPNAME_LEN];
	struct limgrp *lim; // its limit group (NULL: none), until it exits
};

#endif
