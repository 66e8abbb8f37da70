// kernel/defs.h: every function used across kernel files, grouped by the
// file that defines it (like xv6's defs.h). Pure modules with host unit
// tests have their own headers: mm/page.h, proc/elf.h, lib/tar.h, lib/fmt.h.
#ifndef DEFS_H
#define DEFS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/errno.h"
#include "abi/syscall.h"
#include "arch/x86_64/x86.h"
#include "lib/fmt.h"
#include "mm/page.h"
#include "proc/proc.h"

#define KERNBASE 0xffffffff80000000ULL
#define DIRECTMAP 0xffff800000000000ULL
#define DIRECTMAP_SIZE (4ULL << 30)
#define KSTACKS 0xffffffffc0000000ULL // kernel stacks, one slot per process
#define P2V(pa) ((void *)((uint64_t)(pa) + DIRECTMAP))
#define V2P(va) ((uint64_t)(va)-DIRECTMAP)
#define KV2P(va) ((uint64_t)(va)-KERNBASE)
#define PGROUNDUP(a) (((a) + 4095) & ~4095ULL)
#define PGROUNDDOWN(a) ((a) & ~4095ULL)
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

// Page-table entry bits.
#define PTE_P 0x1ULL
#define PTE_W 0x2ULL
#define PTE_U 0x4ULL
#define PTE_PS 0x80ULL
#define PTE_COW 0x200ULL // software bit: shared after fork, copy on write
#define PTE_NX (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL

// main.c
// The boot command line (init's arguments). A longer one is refused by
// tools/gremlin and truncated, with a warning, by the kernel.
#define CMDLINE_MAX 4096
extern char boot_cmdline[CMDLINE_MAX];
extern const uint8_t *boot_image;
extern uint64_t boot_image_len;
extern int cpu_has_nx;
extern struct cpu cpu0;

// lib/log.c
__attribute__((format(printf, 1, 2))) void kprintf(const char *f, ...);
__attribute__((format(printf, 1, 2), noreturn)) void panic(const char *f, ...);
uint64_t kmsg_read(char *buf, uint64_t off, uint64_t n);

// lib/string.c
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
void strlcpy(char *d, const char *s, size_t n);

// lib/ksyms.c (generated from the first link)
const char *ksym_lookup(uint64_t addr, uint64_t *off);

// arch/x86_64/gdt.c
void gdt_init(void);
void tss_set_rsp0(uint64_t rsp0);

// arch/x86_64/idt.c
void idt_init(void);

// arch/x86_64/trap.c
void trap(struct trapframe *tf);
void dump_regs(const struct trapframe *tf);
void backtrace(uint64_t rbp);

// arch/x86_64/syscall.S, switch.S, trapasm.S
void syscall_entry(void);
void swtch(uint64_t *save_rsp, uint64_t new_rsp);
void trapret(void);
void forkret(void);

// arch/x86_64/syscall_init.c
void syscall_init(void);

// arch/x86_64/fpu.c
void fpu_init(void);
void fpu_save(uint8_t *area);
void fpu_restore(const uint8_t *area);
void fpu_default(uint8_t *area);

// arch/x86_64/timer.c
void timer_init(void);
void timer_intr(void);
uint64_t clock_mono_ns(void);
int timer_can_pause(void);
void timer_pause(int pause);
void pic_eoi(int irq);
extern volatile uint64_t ticks;
#define HZ 1000

// arch/x86_64/rtc.c
int64_t rtc_read_epoch(void);

// arch/x86_64/entropy.c
void entropy_cpu_init(void);
int entropy_have_rdrand(void);
int entropy_have_rdseed(void);
int entropy_rdrand(uint64_t *v);
int entropy_rdseed(uint64_t *v);

// arch/x86_64/power.c
__attribute__((noreturn)) void machine_poweroff(int status);
__attribute__((noreturn)) void machine_restart(void);

// mm/mem.c
void mem_init(uint64_t mbinfo_pa);
void *kpage_alloc(void);
void kpage_free(void *va);
void *kpages_alloc(uint64_t n);
void kpages_free(void *va, uint64_t n);
uint64_t upage_alloc(struct aspace *as);
void upage_free(struct aspace *as, uint64_t pa);
int upage_share(struct aspace *as, uint64_t pa);
int upage_refs(uint64_t pa);
uint64_t mem_free_pages(void);
uint64_t mem_total_pages(void);

// mm/heap.c
void *kmalloc(size_t n);
void *kzalloc(size_t n);
void kfree(void *p);

// mm/vm.c
void vm_init(void);
int as_new(struct aspace *as, struct limgrp *lim);
void as_free(struct aspace *as);
int as_copy(struct aspace *dst, struct aspace *src);
void as_switch(struct aspace *as);
int vm_populate(struct aspace *as, uint64_t va, uint64_t *pa, int write);
int32_t vm_fault(struct proc *p, uint64_t addr, uint64_t err, uint64_t rip, char *why, int whylen);
int vm_fill(struct aspace *as, uint64_t va, const void *src, uint64_t n, uint32_t prot);
void vm_unmap(struct aspace *as, uint64_t start, uint64_t end);
int kstack_map(int slot, uint64_t *top);
void kstack_unmap(int slot);

// mm/vma.c
struct vma *vma_find(struct aspace *as, uint64_t addr);
int vma_add(struct aspace *as, uint64_t start, uint64_t end, uint32_t prot, uint32_t kind);
int vma_remove(struct aspace *as, uint64_t start, uint64_t end);
int vma_free_gap(struct aspace *as, uint64_t len, uint64_t *start);

// mm/uaccess.c
int uaccess_ok(struct aspace *as, uint64_t va, uint64_t n, int write);
int copyin(struct aspace *as, void *dst, uint64_t usrc, uint64_t n);
int copyout(struct aspace *as, uint64_t udst, const void *src, uint64_t n);
int copyinstr(struct aspace *as, char *dst, uint64_t usrc, uint64_t max);

// proc/proc.c
extern struct proc *proctab[NPROC];
struct proc *proc_alloc(void);
void proc_free(struct proc *p);
struct proc *proc_bypid(int pid);
int proc_fork(struct proc *p, int flags, struct proc **childp, char *why);
__attribute__((noreturn)) void proc_exit(struct proc *p, int32_t status, const char *msg);
int proc_wait(struct proc *p, int pid, struct waitmsg *w, int flags);
void proc_kill(struct proc *p, int32_t status, const char *msg);
void proc_kill_quiet(struct proc *p, int32_t status, const char *msg);
void proc_interrupt_all(void);
int proc_initnote(const char *note);
int64_t proc_initrequest(char *buf, uint64_t n);
void proc_start_init(void);
struct pgrp *pgrp_for_child(struct pgrp *g, int flags);
void proc_resetdot(struct proc *p);

// proc/note.c
int proc_note(struct proc *p, const char *note);
void note_default(struct proc *p, const char *note);
int note_fork(struct proc *c, struct proc *p);
void note_reset(struct proc *p);
void note_deliver(struct proc *p, struct trapframe *tf);

// proc/filter.c
void filter_init(struct proc *p);
void filter_fork(struct proc *c, const struct proc *p);
int filter_allowed(const struct proc *p, uint64_t n);
void filter_deny(struct proc *p, uint64_t n);

// proc/limit.c
int lim_charge(struct limgrp *g, uint64_t pages, struct limgrp **refused);
void lim_uncharge(struct limgrp *g, uint64_t pages);
void lim_get(struct limgrp *g);
void lim_put(struct limgrp *g);
int lim_join(struct proc *c, const struct proc *parent, struct limgrp *g, char *why, int n);
void lim_leave(struct proc *p);
uint64_t lim_room(struct limgrp *g, struct limgrp **which);
void lim_msg(char *buf, int n, const char *what, const struct proc *p, const struct limgrp *g,
             const char *verb);
void lim_fault(struct proc *p, char *why, int n);

// dev/audit.c
void audit_log(int pid, const char *pname, const char *snap, const char *call, uint64_t nr);
void audit_limit(int pid, const char *pname, const char *snap, uint64_t memlimit);
void audit_proclimit(int pid, const char *pname, const char *snap, uint64_t proclimit);
uint64_t audit_read(char *buf, uint64_t off, uint64_t n);

// proc/sched.c
__attribute__((noreturn)) void scheduler(void);
void sched(void);
void yield(void);
void sleep(const void *chan);
void wakeup(const void *chan);
void sched_tick(void);
static inline struct proc *
curproc(void)
{
	return cpu0.proc;
}
// Whether a blocking call of p must give up (EINTR): a kill or a note waits
// (one that waits while p runs its handler waits for noted).
static inline int
interrupted(const struct proc *p)
{
	return p->killed || (p->notepending && !p->innote);
}

// proc/exec.c
int64_t exec(struct proc *p, const char *path, uint64_t uargv, uint64_t uenvp,
             const char *const *kargv);

// ns/chan.c
const struct dev *devbyletter(int dc);
struct chan *chan_new(const struct dev *d);
void chan_incref(struct chan *c);
void chan_put(struct chan *c);
struct chan *chan_clone(struct chan *c);
int chan_same(const struct chan *a, const struct chan *b);
int chan_attach(int dc, const char *spec, struct chan **cp, char *why);
int64_t kdir_pack(const struct kdir *d, uint8_t *buf, uint64_t cap);
int kdir_unpack(const uint8_t *buf, uint64_t n, struct kdir *d, char *why);
int devgenwalk(struct chan *c, const char *name, int (*gen)(struct chan *, uint64_t, struct kdir *),
               char *why);

// ns/ns.c
#define NC_COVERED 1
struct pgrp *pgrp_new(void);
void pgrp_put(struct pgrp *g);
struct pgrp *pgrp_copy(struct pgrp *g);
int ns_fullname(struct proc *p, const char *name, char *out, char *why);
int namec(struct proc *p, const char *name, int flags, struct chan **cp, struct mhead **mhp,
          char *why);
int ns_bind(struct pgrp *g, struct chan *new, struct chan *old, int flags, char *why);
int ns_unmount(struct pgrp *g, struct chan *new, struct chan *oldfrom, char *why);
int ns_opendir(struct chan *c, struct mhead *mh, char *why);
int64_t ns_dirread(struct chan *c, uint8_t *buf, uint64_t n, uint64_t off, char *why);
int64_t ns_text(struct pgrp *g, char *buf, uint64_t n);
int ns_init(struct proc *p);
int ns_bindnames(struct proc *p, const char *new, const char *old, int flags, char *why);

// ns/fd.c
struct fdtab *fdtab_new(void);
struct fdtab *fdtab_copy(struct fdtab *t);
void fdtab_put(struct fdtab *t);
void fdtab_cloexec(struct fdtab *t);

// dev/devpipe.c, devboot.c
int pipe_new(struct chan **c0, struct chan **c1, char *why);
int boot_filedata(struct chan *c, const uint8_t **data, uint64_t *size);

// dev/devmnt.c
int mnt_attach(struct chan *t, const char *aname, const char *old, struct chan **cp, char *why);
const char *mnt_srcname(struct chan *c);

// dev/random.c: RANDOM_STEP is what one fast-key-erasure step hands out.
#define RANDOM_STEP 288
void random_init(int64_t epoch);
void random_bytes(void *out, uint64_t n);
int random_hw_seeded(void);

// dev/uart.c
void uart_init(void);
void uart_putc(char c);
void uart_write(const char *s, size_t n);
void uart_intr(void);

// dev/cons.c
void cons_input(char c);
void cons_hostname(char *buf, size_t n);

// sys/syscall.c
int syscall_dispatch(struct trapframe *tf);
__attribute__((format(printf, 3, 4))) int64_t seterr(struct proc *p, int64_t e, const char *f, ...);

#endif
