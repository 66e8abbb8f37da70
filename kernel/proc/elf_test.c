// kernel/proc/elf_test.c: host tests of the ELF64 checker (proc/elf.c)
// against a valid executable built here and malformed variants of it.
#include <stdlib.h>
#include <string.h>

#include "proc/elf.h"
#include "tap/tap.h"

#define LO 0x10000ULL
#define TOP 0x00007ffffffff000ULL
#define FILESZ 0x2000

static uint8_t img[FILESZ];

static void
put(uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint8_t *
ph(int i)
{
	return img + 64 + 56 * i;
}

static void
setph(int i, uint32_t type, uint32_t flags, uint64_t off, uint64_t va, uint64_t filesz,
      uint64_t memsz)
{
	put(ph(i), type, 4);
	put(ph(i) + 4, flags, 4);
	put(ph(i) + 8, off, 8);
	put(ph(i) + 16, va, 8);
	put(ph(i) + 24, va, 8);
	put(ph(i) + 32, filesz, 8);
	put(ph(i) + 40, memsz, 8);
	put(ph(i) + 48, 0x1000, 8);
}

// A valid static executable: text R+X at 0x400000 (file 0..0x200, with the
// headers), data R+W at 0x401000 (file 0x1000..0x1100, bss to 0x404000).
static void
valid(void)
{
	memset(img, 0, sizeof img);
	memcpy(img, "\177ELF", 4);
	img[4] = 2;
	img[5] = 1;
	img[6] = 1;
	put(img + 16, 2, 2);
	put(img + 18, 62, 2);
	put(img + 20, 1, 4);
	put(img + 24, 0x400080, 8);
	put(img + 32, 64, 8);
	put(img + 52, 64, 2);
	put(img + 54, 56, 2);
	put(img + 56, 3, 2);
	setph(0, 1, 5, 0, 0x400000, 0x200, 0x200);
	setph(1, 1, 6, 0x1000, 0x401000, 0x100, 0x3000);
	setph(2, 0x6474e551, 6, 0, 0, 0, 0); // PT_GNU_STACK: ignored
}

static char err[128];

// Parse img[0..len); expect failure with a message containing want.
static void
bad(uint64_t len, const char *want, const char *what)
{
	struct elfimage im;
	int r = elf_parse(img, len, LO, TOP, &im, err, sizeof err);

	tap_ok(r == -1 && strstr(err, want) != NULL, "%s: \"%s\"", what,
	       r == -1 ? err : "accepted");
}

int
main(void)
{
	struct elfimage im;
	int r;

	valid();
	r = elf_parse(img, FILESZ, LO, TOP, &im, err, sizeof err);
	tap_ok(r == 0, "valid executable accepted (%s)", r ? err : "ok");
	tap_ok(im.nseg == 2 && im.entry == 0x400080 && im.end == 0x404000,
	       "segments, entry and end described");
	tap_ok(im.phdr_va == 0x400040 && im.phnum == 3, "program headers located in memory");

	for (uint64_t len = 0; len < 64 + 56 * 3; len += 7) {
		r = elf_parse(img, len, LO, TOP, &im, err, sizeof err);
		if (r != -1)
			break;
	}
	tap_ok(r == -1, "every truncation of the headers is refused");
	bad(0x1080, "beyond end of file", "truncated inside a segment");

	valid(), img[1] = 'X';
	bad(FILESZ, "bad magic", "bad magic");
	valid(), img[4] = 1;
	bad(FILESZ, "not 64-bit", "32-bit class");
	valid(), img[5] = 2;
	bad(FILESZ, "little-endian", "big-endian");
	valid(), put(img + 18, 40, 2);
	bad(FILESZ, "machine 40", "ARM machine");
	valid(), put(img + 16, 3, 2);
	bad(FILESZ, "ET_DYN", "position-independent executable");
	valid(), put(img + 16, 1, 2);
	bad(FILESZ, "type 1", "relocatable object");
	valid(), put(img + 54, 32, 2);
	bad(FILESZ, "header size", "wrong phentsize");
	valid(), put(img + 56, 0, 2);
	bad(FILESZ, "program headers", "no program headers");
	valid(), put(img + 56, 65535, 2);
	bad(FILESZ, "program headers", "65535 program headers");
	valid(), put(img + 32, FILESZ - 10, 8);
	bad(FILESZ, "beyond end of file", "program headers out of the file");
	valid(), put(img + 32, UINT64_MAX - 8, 8);
	bad(FILESZ, "beyond end of file", "phoff near 2^64 (overflow)");
	valid(), setph(1, 1, 6, 0x1000, 0x401000, 0x4000, 0x3000);
	bad(FILESZ, "exceeds memory size", "filesz > memsz");
	valid(), setph(1, 1, 6, 0x1000, 0x401000, 0x1001, 0x3000);
	bad(FILESZ, "beyond end of file", "segment bytes past the end");
	valid(), setph(1, 1, 6, UINT64_MAX - 0x10, 0x401000, 0x100, 0x3000);
	bad(FILESZ, "beyond end of file", "offset + size overflows");
	valid(), setph(1, 1, 6, 0x1000, 0x400100, 0x100, 0x3000);
	bad(FILESZ, "overlaps", "overlapping segments");
	valid(), setph(1, 1, 6, 0x1000, 0xffffffff80000000ULL, 0x100, 0x3000);
	bad(FILESZ, "outside user space", "kernel-half address");
	valid(), setph(1, 1, 6, 0x1000, 0x1000, 0x100, 0x3000);
	bad(FILESZ, "outside user space", "address below the lowest user page");
	valid(), setph(1, 1, 6, 0x1000, 0x401000, 0x100, UINT64_MAX - 0x1000);
	bad(FILESZ, "outside user space", "huge memsz (wraps)");
	valid(), setph(1, 1, 6, 0x1000, TOP - 0x1000, 0x100, 0x2000);
	bad(FILESZ, "outside user space", "segment crossing the top of user space");
	valid(), put(img + 24, 0x401010, 8);
	bad(FILESZ, "not in an executable segment", "entry in a data segment");
	valid(), put(img + 24, 0x12345678, 8);
	bad(FILESZ, "not in an executable segment", "entry outside every segment");
	valid(), setph(2, 3, 4, 0x180, 0, 0x10, 0x10);
	bad(FILESZ, "dynamically linked", "PT_INTERP");
	valid(), setph(0, 6, 5, 0, 0x400000, 0x200, 0x200), setph(1, 6, 6, 0, 0, 0, 0);
	bad(FILESZ, "no loadable segments", "no PT_LOAD");
	// Random corruption of a valid file must never crash (ASan watches).
	srand(1);
	int crashes_would_show = 0;
	for (int i = 0; i < 20000; i++) {
		valid();
		for (int k = 0; k < 4; k++)
			img[rand() % (64 + 56 * 3)] = (uint8_t)rand();
		if (elf_parse(img, (uint64_t)(rand() % FILESZ), LO, TOP, &im, err, sizeof err) ==
		            0 &&
		    (im.nseg < 1 || im.nseg > ELF_MAXSEG))
			crashes_would_show++;
	}
	tap_ok(crashes_would_show == 0, "20000 randomly corrupted files handled");
	return tap_done();
}
