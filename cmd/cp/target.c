// cmd/cp/target.c: naming the destination of a copy or move.
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "target.h"

int
isdir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
target_in(const char *dir, const char *src, char *buf, size_t n)
{
	size_t len = strlen(src);
	const char *base;
	int w;

	while (len > 1 && src[len - 1] == '/')
		len--;
	base = src + len;
	while (base > src && base[-1] != '/')
		base--;
	w = snprintf(buf, n, "%s%s%.*s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
	             (int)(src + len - base), base);
	return w < 0 || (size_t)w >= n ? NULL : buf;
}
