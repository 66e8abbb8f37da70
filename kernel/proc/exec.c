// kernel/proc/exec.c: execve. The program is a static ELF64 executable,
// found through the caller's namespace. A file of the boot archive ('#b')
// is used in place; any other file (a 9P server's, /base, /writable) is
// read whole into kernel memory first, up to EXECMAX bytes. A new
// address space is built completely (segments, stack with arguments) before
// the old one is dropped, so a failed exec leaves the caller as it was.
//
// The initial stack follows the SysV x86-64 process layout: at rsp (16-byte
// aligned) argc, then argv pointers and NULL, envp pointers and NULL, then
// auxv pairs ending with AT_NULL; the strings and 16 AT_RANDOM bytes sit
// above them at the top of the stack.
#include "defs.h"
#include "proc/elf.h"

#define PATHMAX 256
#define MAXARGS 4096
#define ARGMAX (128 * 1024)
// The largest program execve reads into kernel memory (one not in '#b').
#define EXECMAX (8 << 20)
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_RANDOM 25
#define NAUX 7

// Where argument strings come from: the old address space (execve) or the
// kernel (init's command line).
struct argsrc {
	struct aspace *as;
	uint64_t uvec;
	const char *const *kvec;
};

// Length of the user string at va (without NUL), or -EFAULT / -E2BIG.
static int64_t
ustrlen(struct aspace *as, uint64_t va, uint64_t max)
{
	for (uint64_t n = 0; n < max;) {
		uint64_t pa, chunk = PGSIZE - (va & (PGSIZE - 1));
		int r = (va >= USER_TOP) ? -EFAULT : vm_populate(as, va, &pa, 0);
		const char *s;

		if (r < 0)
			return r;
		s = P2V(pa);
		for (uint64_t j = 0; j < chunk; j++, n++)
			if (s[j] == '\0')
				return (int64_t)n;
		va += chunk;
	}
	return -E2BIG;
}

// The i-th string of a vector: its address (user or kernel) and length.
// Returns 1, 0 at the terminating NULL, or -errno.
static int64_t
argat(struct argsrc *a, int i, uint64_t *addr, uint64_t *len, uint64_t max)
{
	int64_t n;

	if (a->kvec) {
		if (a->kvec[i] == NULL)
			return 0;
		*addr = (uint64_t)a->kvec[i];
		*len = strlen(a->kvec[i]);
		return 1;
	}
	if (a->uvec == 0)
		return 0;
	if (copyin(a->as, addr, a->uvec + (uint64_t)i * 8, 8) < 0)
		return -EFAULT;
	if (*addr == 0)
		return 0;
	n = ustrlen(a->as, *addr, max);
	if (n < 0)
		return n;
	*len = (uint64_t)n;
	return 1;
}

// Count the strings of a vector and their bytes (with NULs).
static int64_t
measure(struct argsrc *a, int *count, uint64_t *bytes)
{
	uint64_t addr, len;
	int64_t r;
	int i;

	for (i = 0; (r = argat(a, i, &addr, &len, ARGMAX)) == 1; i++) {
		*bytes += len + 1;
		if (i >= MAXARGS || *bytes > ARGMAX)
			return -E2BIG;
	}
	*count = i;
	return r;
}

// Copy a vector's strings to the new stack at *strp (moving it up) and its
// pointers to vec; NULL-terminate vec.
static int64_t
place(struct argsrc *a, struct aspace *nas, uint64_t vec, uint64_t *strp)
{
	uint64_t addr, len, zero = 0;
	char tmp[256];
	int64_t r;
	int i;

	for (i = 0; (r = argat(a, i, &addr, &len, ARGMAX)) == 1; i++) {
		uint64_t dst = *strp;

		if (copyout(nas, vec + (uint64_t)i * 8, &dst, 8) < 0)
			return -ENOMEM;
		for (uint64_t done = 0; done <= len;) {
			uint64_t chunk = len + 1 - done < sizeof tmp ? len + 1 - done : sizeof tmp;

			if (a->kvec)
				memcpy(tmp, (const char *)addr + done, chunk);
			else if (copyin(a->as, tmp, addr + done, chunk) < 0)
				return -EFAULT;
			if (copyout(nas, dst + done, tmp, chunk) < 0)
				return -ENOMEM;
			done += chunk;
		}
		*strp += len + 1;
	}
	if (r < 0)
		return r;
	return copyout(nas, vec + (uint64_t)i * 8, &zero, 8) < 0 ? -ENOMEM : 0;
}

// Build the stack: strings, AT_RANDOM bytes, then argc/argv/envp/auxv.
static int64_t
buildstack(struct aspace *nas, struct argsrc *av, struct argsrc *ev, const struct elfimage *im,
           uint64_t *rsp)
{
	int argc = 0, envc = 0;
	uint64_t bytes = 0, rnd, sp, strp, nwords;
	uint64_t rbytes[2];
	int64_t r;

	random_bytes(rbytes, sizeof rbytes);

	if ((r = measure(av, &argc, &bytes)) < 0 || (r = measure(ev, &envc, &bytes)) < 0)
		return r;
	if (argc + envc > MAXARGS)
		return -E2BIG;
	if (vma_add(nas, STACK_TOP - STACK_SIZE, STACK_TOP, PROT_READ | PROT_WRITE, VMA_STACK) < 0)
		return -ENOMEM;
	strp = STACK_TOP - bytes;
	rnd = (strp - 16) & ~15ULL;
	nwords = 1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + 2 * NAUX;
	sp = (rnd - nwords * 8) & ~15ULL;
	uint64_t argcw = (uint64_t)argc;
	uint64_t aux[2 * NAUX] = {AT_PHDR,   im->phdr_va, AT_PHENT, 56,       AT_PHNUM,
	                          im->phnum, AT_PAGESZ,   PGSIZE,   AT_ENTRY, im->entry,
	                          AT_RANDOM, rnd,         AT_NULL,  0};
	uint64_t envv = sp + 8 + ((uint64_t)argc + 1) * 8;

	if (copyout(nas, sp, &argcw, 8) < 0 || copyout(nas, rnd, rbytes, 16) < 0)
		return -ENOMEM;
	if ((r = place(av, nas, sp + 8, &strp)) < 0 || (r = place(ev, nas, envv, &strp)) < 0)
		return r;
	if (copyout(nas, envv + ((uint64_t)envc + 1) * 8, aux, sizeof aux) < 0)
		return -ENOMEM;
	*rsp = sp;
	return 0;
}

static uint32_t
segprot(uint32_t flags)
{
	return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
	       (flags & PF_X ? PROT_EXEC : 0);
}

// Map and fill the segments. Pages past the file bytes are left to be
// zero-filled on first touch. A page two segments share keeps the union of
// their permissions.
static int64_t
loadsegs(struct aspace *nas, const uint8_t *file, const struct elfimage *im)
{
	for (int i = 0; i < im->nseg; i++) {
		const struct elfseg *s = &im->seg[i];
		uint64_t start = PGROUNDDOWN(s->vaddr), end = PGROUNDUP(s->vaddr + s->memsz);
		uint32_t prot = segprot(s->flags);

		if (vma_find(nas, start))
			start += PGSIZE;
		if (end > start && vma_find(nas, end - 1))
			end -= PGSIZE;
		if (start < end && vma_add(nas, start, end, prot, VMA_ELF) < 0)
			return -ENOMEM;
		if (s->filesz > 0 && vm_fill(nas, s->vaddr, file + s->off, s->filesz, prot) < 0)
			return -ENOMEM;
	}
	return 0;
}

static void
setname(struct proc *p, const char *path)
{
	const char *base = path;

	for (const char *s = path; *s; s++)
		if (*s == '/' && s[1])
			base = s + 1;
	strlcpy(p->name, base, sizeof p->name);
}

// The new image did not fit: in memory, or in p's limit group (the old
// image still counts while the new one is built).
static int64_t
nomem(struct proc *p, const char *path, const struct aspace *nas, const char *when)
{
	char what[ERRMAX];

	if (nas->refused == NULL)
		return seterr(p, -ENOMEM, "execve %s: out of memory%s", path, when);
	fmt(what, sizeof what, "execve %s", path);
	lim_msg(p->err, sizeof p->err, what, p, nas->refused, "reached");
	return -ENOMEM;
}

// The new image in nas from the program's size bytes at data; on failure
// p->err says why.
static int64_t
buildimage(struct proc *p, const char *path, const uint8_t *data, uint64_t size, struct argsrc *av,
           struct argsrc *ev, struct aspace *nas, uint64_t *entry, uint64_t *rsp)
{
	struct elfimage im;
	char why[ERRMAX];
	int64_t r;

	if (elf_parse(data, size, USER_LO, STACK_TOP - STACK_SIZE - STACK_GUARD, &im, why,
	              sizeof why) < 0)
		return seterr(p, -ENOEXEC, "execve %s: %s", path, why);
	if (as_new(nas, p->lim) < 0)
		return nomem(p, path, nas, "");
	if (loadsegs(nas, data, &im) < 0)
		return nomem(p, path, nas, " loading segments");
	r = buildstack(nas, av, ev, &im, rsp);
	if (r == -E2BIG)
		return seterr(p, r, "execve %s: arguments longer than %d bytes or %d strings", path,
		              ARGMAX, MAXARGS);
	if (r == -EFAULT)
		return seterr(p, r, "execve %s: bad address in argv or envp", path);
	if (r < 0)
		return nomem(p, path, nas, " building the stack");
	nas->brk_start = nas->brk = PGROUNDUP(im.end);
	*entry = im.entry;
	return 0;
}

// Read program c (a file of any device but '#b') into npages contiguous
// kernel pages at *bufp (kpages_free them); its length in *sizep. On
// failure p->err says why.
static int64_t
readprog(struct proc *p, const char *path, struct chan **cp, uint8_t **bufp, uint64_t *npagesp,
         uint64_t *sizep)
{
	struct chan *c = *cp, *nc = NULL;
	char why[ERRMAX];
	struct kdir d;
	uint64_t got = 0, n;
	int64_t r;

	if (c->dev->stream || !c->dev->read || !c->dev->stat)
		return seterr(p, -ENOEXEC, "execve %s: not a file that can be run ('#%c')", path,
		              c->dev->dc);
	memset(&d, 0, sizeof d);
	if ((r = c->dev->stat(c, &d, why)) < 0)
		return seterr(p, r, "execve %s: stat: %s", path, why);
	if (!(d.mode & 0111))
		return seterr(p, -EACCES, "execve %s: not executable (mode %d%d%d)", path,
		              (d.mode >> 6) & 7, (d.mode >> 3) & 7, d.mode & 7);
	if (d.length > EXECMAX)
		return seterr(p, -ENOEXEC,
		              "execve %s: %llu bytes is more than the %d MiB a program outside "
		              "'#b' may have",
		              path, (unsigned long long)d.length, EXECMAX >> 20);
	if (c->dev->open && (r = c->dev->open(c, O_RDONLY, &nc, why)) < 0)
		return seterr(p, r, "execve %s: open: %s", path, why);
	if (nc) {
		chan_put(c);
		*cp = c = nc;
	}
	c->mode = O_RDONLY;
	c->flags |= COPEN;
	*npagesp = d.length ? PGROUNDUP(d.length) / PGSIZE : 1;
	if ((*bufp = kpages_alloc(*npagesp)) == NULL)
		return seterr(p, -ENOMEM, "execve %s: no room in kernel memory for its %llu bytes",
		              path, (unsigned long long)d.length);
	while (got < d.length) {
		n = d.length - got < PGSIZE ? d.length - got : PGSIZE;
		r = c->dev->read(c, *bufp + got, n, got, why);
		if (r <= 0) {
			kpages_free(*bufp, *npagesp);
			*bufp = NULL;
			if (r == 0)
				return seterr(
				        p, -ENOEXEC,
				        "execve %s: the file ended after %llu of its %llu bytes",
				        path, (unsigned long long)got,
				        (unsigned long long)d.length);
			return seterr(p, r, "execve %s: read: %s", path, why);
		}
		got += (uint64_t)r;
	}
	*sizep = d.length;
	return 0;
}

// The new image in nas from the program at path: a file of '#b' is used
// in place, any other is read into kernel memory first (readprog).
static int64_t
build(struct proc *p, const char *path, struct argsrc *av, struct argsrc *ev, struct aspace *nas,
      uint64_t *entry, uint64_t *rsp)
{
	char why[ERRMAX];
	struct chan *c;
	const uint8_t *data;
	uint8_t *buf = NULL;
	uint64_t size, npages = 0;
	int64_t r;

	r = namec(p, path, 0, &c, NULL, why);
	if (r < 0)
		return seterr(p, r, "execve %s: %s", path, why);
	if (c->qid.type & QTDIR) {
		chan_put(c);
		return seterr(p, -EACCES, "execve %s: is a directory", path);
	}
	if (boot_filedata(c, &data, &size) < 0) {
		r = readprog(p, path, &c, &buf, &npages, &size);
		data = buf;
	}
	chan_put(c);
	if (r < 0)
		return r;
	r = buildimage(p, path, data, size, av, ev, nas, entry, rsp);
	if (buf)
		kpages_free(buf, npages);
	return r;
}

int64_t
exec(struct proc *p, const char *path, uint64_t uargv, uint64_t uenvp, const char *const *kargv)
{
	static const char *const noenv[] = {NULL};
	struct argsrc av = {&p->as, uargv, kargv}, ev = {&p->as, uenvp, kargv ? noenv : NULL};
	struct aspace nas, old;
	uint64_t entry = 0, rsp = 0;
	int64_t r;

	memset(&nas, 0, sizeof nas);
	r = build(p, path, &av, &ev, &nas, &entry, &rsp);
	if (r < 0) {
		as_free(&nas);
		return r;
	}
	old = p->as;
	p->as = nas;
	as_switch(&p->as);
	as_free(&old);
	setname(p, path);
	fdtab_cloexec(p->fds);
	p->fsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	fpu_default(p->fpu);
	if (p == curproc())
		fpu_restore(p->fpu);
	memset(p->tf, 0, sizeof *p->tf);
	p->tf->rip = entry;
	p->tf->rsp = rsp;
	p->tf->rflags = RFLAGS_IF | 0x2;
	p->tf->cs = SEG_UCODE;
	p->tf->ss = SEG_UDATA;
	p->tf->vector = T_SYSCALL;
	return 0;
}
