// kernel/proc/elf.c: the ELF64 executable checker (see elf.h). Every field
// that steers the loader is checked here, so the loader itself can trust im.
#include "proc/elf.h"

#include "lib/fmt.h"

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define MAXPHNUM 64
#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3

static uint64_t
le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static int
checkident(const uint8_t *b, uint64_t len, char *err, int errlen)
{
	if (len < 4 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F')
		return fail(err, errlen, "not an ELF64 x86-64 executable (bad magic)");
	if (len < EHDR_SIZE)
		return fail(err, errlen, "truncated ELF header (%llu bytes, need %d)",
		            (unsigned long long)len, EHDR_SIZE);
	if (b[4] != 2)
		return fail(err, errlen, "not an ELF64 x86-64 executable (class %d, not 64-bit)",
		            b[4]);
	if (b[5] != 1)
		return fail(err, errlen, "not an ELF64 x86-64 executable (not little-endian)");
	if (b[6] != 1 || le(b + 20, 4) != 1)
		return fail(err, errlen, "unknown ELF version");
	if (le(b + 18, 2) != EM_X86_64)
		return fail(err, errlen, "not an ELF64 x86-64 executable (machine %u)",
		            (unsigned)le(b + 18, 2));
	if (le(b + 16, 2) == ET_DYN)
		return fail(err, errlen,
		            "position-independent executable (ET_DYN) not supported; link -static "
		            "-no-pie");
	if (le(b + 16, 2) != ET_EXEC)
		return fail(err, errlen, "not an executable (ELF type %u)",
		            (unsigned)le(b + 16, 2));
	return 0;
}

// Check one PT_LOAD program header and add it to im.
static int
addload(const uint8_t *ph, int i, uint64_t len, uint64_t lo, uint64_t top, struct elfimage *im,
        char *err, int errlen)
{
	struct elfseg s;

	s.flags = (uint32_t)le(ph + 4, 4);
	s.off = le(ph + 8, 8);
	s.vaddr = le(ph + 16, 8);
	s.filesz = le(ph + 32, 8);
	s.memsz = le(ph + 40, 8);
	if (s.memsz == 0)
		return 0;
	if (s.filesz > s.memsz)
		return fail(err, errlen, "segment %d: file size 0x%llx exceeds memory size 0x%llx",
		            i, (unsigned long long)s.filesz, (unsigned long long)s.memsz);
	if (s.off > len || s.filesz > len - s.off)
		return fail(err, errlen,
		            "segment %d: file bytes 0x%llx+0x%llx beyond end of file (%llu bytes)",
		            i, (unsigned long long)s.off, (unsigned long long)s.filesz,
		            (unsigned long long)len);
	if (s.vaddr < lo || s.vaddr >= top || s.memsz > top - s.vaddr)
		return fail(err, errlen,
		            "segment %d: address 0x%llx+0x%llx outside user space [0x%llx, 0x%llx)",
		            i, (unsigned long long)s.vaddr, (unsigned long long)s.memsz,
		            (unsigned long long)lo, (unsigned long long)top);
	if (im->nseg == ELF_MAXSEG)
		return fail(err, errlen, "more than %d loadable segments", ELF_MAXSEG);
	for (int j = 0; j < im->nseg; j++) {
		const struct elfseg *t = &im->seg[j];

		if (s.vaddr < t->vaddr + t->memsz && t->vaddr < s.vaddr + s.memsz)
			return fail(err, errlen,
			            "segment %d at 0x%llx overlaps an earlier one at 0x%llx", i,
			            (unsigned long long)s.vaddr, (unsigned long long)t->vaddr);
	}
	im->seg[im->nseg++] = s;
	if (s.vaddr + s.memsz > im->end)
		im->end = s.vaddr + s.memsz;
	return 0;
}

static int
checkentry(struct elfimage *im, char *err, int errlen)
{
	if (im->nseg == 0)
		return fail(err, errlen, "no loadable segments");
	for (int j = 0; j < im->nseg; j++) {
		const struct elfseg *s = &im->seg[j];

		if ((s->flags & PF_X) && im->entry >= s->vaddr && im->entry - s->vaddr < s->memsz)
			return 0;
	}
	return fail(err, errlen, "entry point 0x%llx is not in an executable segment",
	            (unsigned long long)im->entry);
}

int
elf_parse(const uint8_t *b, uint64_t len, uint64_t lo, uint64_t top, struct elfimage *im, char *err,
          int errlen)
{
	uint64_t phoff, phnum, phentsize;

	im->nseg = 0;
	im->end = 0;
	if (checkident(b, len, err, errlen) < 0)
		return -1;
	im->entry = le(b + 24, 8);
	phoff = le(b + 32, 8);
	phentsize = le(b + 54, 2);
	phnum = le(b + 56, 2);
	if (phentsize != PHDR_SIZE)
		return fail(err, errlen, "program header size %llu, expected %d",
		            (unsigned long long)phentsize, PHDR_SIZE);
	if (phnum == 0 || phnum > MAXPHNUM)
		return fail(err, errlen, "%llu program headers (1 to %d allowed)",
		            (unsigned long long)phnum, MAXPHNUM);
	if (phoff > len || phnum * PHDR_SIZE > len - phoff)
		return fail(err, errlen,
		            "program headers at 0x%llx (%llu x %d bytes) beyond end of file (%llu "
		            "bytes)",
		            (unsigned long long)phoff, (unsigned long long)phnum, PHDR_SIZE,
		            (unsigned long long)len);
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *ph = b + phoff + i * PHDR_SIZE;
		uint32_t type = (uint32_t)le(ph, 4);

		if (type == PT_INTERP || type == PT_DYNAMIC)
			return fail(err, errlen,
			            "dynamically linked; only static executables can run");
		if (type == PT_LOAD && addload(ph, (int)i, len, lo, top, im, err, errlen) < 0)
			return -1;
	}
	im->phnum = phnum;
	im->phdr_va = 0;
	for (int j = 0; j < im->nseg; j++) {
		const struct elfseg *s = &im->seg[j];

		if (phoff >= s->off && phoff - s->off < s->filesz &&
		    phnum * PHDR_SIZE <= s->filesz - (phoff - s->off))
			im->phdr_va = s->vaddr + (phoff - s->off);
	}
	return checkentry(im, err, errlen);
}
