// kernel/proc/elf.h: the ELF64 executable checker. elf_parse validates a
// whole file held in memory and describes the segments to load; it never
// reads outside the buffer. Pure code, unit-tested on the host.
#ifndef PROC_ELF_H
#define PROC_ELF_H

#include <stdint.h>

#define ELF_MAXSEG 16
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elfseg {
	uint64_t vaddr, memsz; // where it goes and how big in memory
	uint64_t off, filesz;  // the bytes from the file that start it
	uint32_t flags;        // PF_*
};

struct elfimage {
	uint64_t entry;
	int nseg;
	struct elfseg seg[ELF_MAXSEG];
	uint64_t end;     // highest byte + 1 of any segment
	uint64_t phdr_va; // where the program headers are in memory, or 0
	uint64_t phnum;
};

// Check buf[0..len) as a static x86-64 executable whose segments must lie in
// [lo, top). Returns 0 and fills im, or -1 with a reason in err (no prefix;
// the caller adds the path).
int elf_parse(const uint8_t *buf, uint64_t len, uint64_t lo, uint64_t top, struct elfimage *im,
              char *err, int errlen);

#endif
