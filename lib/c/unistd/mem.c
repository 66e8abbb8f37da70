// lib/c/unistd/mem.c: the program break (brk, sbrk) and anonymous mappings
// (mmap, munmap).
#include <errno.h>
#include <gremlin.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../internal.h"

static uintptr_t cur_brk;

// The kernel's brk returns the break after the call; asking for an address
// it cannot give leaves the break where it was.
int
brk(void *addr)
{
	int64_t r = rawsyscall(SYS_brk, (int64_t)addr, 0, 0, 0, 0, 0);

	if (r < 0)
		return (int)__sysret(r);
	cur_brk = (uintptr_t)r;
	if (cur_brk != (uintptr_t)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *
sbrk(intptr_t delta)
{
	uintptr_t old;
	int64_t r;

	if (cur_brk == 0) {
		r = rawsyscall(SYS_brk, 0, 0, 0, 0, 0, 0);
		if (r < 0)
			return (void *)__sysret(r);
		cur_brk = (uintptr_t)r;
	}
	old = cur_brk;
	if (delta == 0)
		return (void *)old;
	if ((delta > 0 && old + (uintptr_t)delta < old) || (delta < 0 && (uintptr_t)-delta > old)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (brk((void *)(old + (uintptr_t)delta)) < 0)
		return (void *)-1;
	return (void *)old;
}

void *
mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	int64_t r = rawsyscall(SYS_mmap, (int64_t)addr, (int64_t)len, prot, flags, fd, off);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)r;
}

int
munmap(void *addr, size_t len)
{
	return (int)__sysret(rawsyscall(SYS_munmap, (int64_t)addr, (int64_t)len, 0, 0, 0, 0));
}
