// lib/c/string/chk.c: the checked copies glibc's _FORTIFY_SOURCE code calls
// (__memcpy_chk and friends), so objects built against glibc headers, such
// as Debian's static libraries, link against lib/c. dstlen is the size the
// compiler knows the destination has; exceeding it ends the program.
#include <gremlin.h>
#include <string.h>

#include "../internal.h"

void
__chk_fail(void)
{
	static const char msg[] = "*** buffer overflow detected ***: terminated\n";

	rawsyscall(SYS_write, 2, (int64_t)msg, sizeof msg - 1, 0, 0, 0);
	exits(134, "buffer overflow detected");
}

void *
__memcpy_chk(void *restrict dst, const void *restrict src, size_t n, size_t dstlen)
{
	if (n > dstlen)
		__chk_fail();
	return memcpy(dst, src, n);
}

void *
__memmove_chk(void *dst, const void *src, size_t n, size_t dstlen)
{
	if (n > dstlen)
		__chk_fail();
	return memmove(dst, src, n);
}

void *
__memset_chk(void *dst, int c, size_t n, size_t dstlen)
{
	if (n > dstlen)
		__chk_fail();
	return memset(dst, c, n);
}
