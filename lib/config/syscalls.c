// lib/config/syscalls.c: the syscall names a manifest may list, by number:
// abi/sysnames.h's table (generated from abi/syscall.h), the same names the
// kernel's messages use.
#include <string.h>

#include "abi/sysnames.h"
#include "config/config.h"

_Static_assert(NSYSCALL <= 64, "config_snap.syscall_mask needs more than 64 bits");
_Static_assert(CONFIG_SNAPNAME_MAX == SNAPNAME_LEN - 1,
               "snap names must fit the kernel's SNAPNAME_LEN (abi/syscall.h)");

const char *const config_syscall_names[NSYSCALL] = SYSNAMES_INIT;

const int config_nsyscalls = NSYSCALL;

int
config_syscall(const char *name)
{
	for (int i = 0; i < NSYSCALL; i++)
		if (config_syscall_names[i] != NULL && strcmp(config_syscall_names[i], name) == 0)
			return i;
	return -1;
}

size_t
config_syscall_bitmap(uint64_t mask, uint8_t *map, size_t n)
{
	size_t need = (NSYSCALL + 7) / 8;

	if (n < need)
		return 0;
	memset(map, 0, need);
	for (int i = 0; i < NSYSCALL; i++)
		if (mask & (1ull << i))
			map[i / 8] |= (uint8_t)(1u << (i % 8));
	return need;
}
