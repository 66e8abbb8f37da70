// lib/c/string/more.c: the rest of string.h: memmem, mempcpy, stpcpy,
// stpncpy, strchrnul, strcasestr, strsep, and the C-locale strcoll and
// strxfrm.
#include <ctype.h>
#include <string.h>

void *
memmem(const void *h, size_t hn, const void *n, size_t nn)
{
	const unsigned char *hp = h, *np = n, *end;

	if (nn == 0)
		return (void *)h;
	if (hn < nn)
		return NULL;
	end = hp + (hn - nn) + 1; // last possible start + 1
	while (hp < end) {
		hp = memchr(hp, np[0], (size_t)(end - hp));
		if (hp == NULL)
			return NULL;
		if (memcmp(hp, np, nn) == 0)
			return (void *)hp;
		hp++;
	}
	return NULL;
}

void *
mempcpy(void *restrict dst, const void *restrict src, size_t n)
{
	return (char *)memcpy(dst, src, n) + n;
}

char *
stpcpy(char *restrict dst, const char *restrict src)
{
	size_t n = strlen(src);

	memcpy(dst, src, n + 1);
	return dst + n;
}

char *
stpncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t k = strnlen(src, n);

	memcpy(dst, src, k);
	memset(dst + k, 0, n - k);
	return dst + k;
}

char *
strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

char *
strcasestr(const char *h, const char *n)
{
	size_t nn = strlen(n);

	for (; *h; h++)
		if (strncasecmp(h, n, nn) == 0)
			return (char *)h;
	return nn == 0 ? (char *)h : NULL;
}

char *
strsep(char **restrict s, const char *restrict delim)
{
	char *start = *s, *end;

	if (start == NULL)
		return NULL;
	end = start + strcspn(start, delim);
	if (*end) {
		*end = '\0';
		*s = end + 1;
	} else {
		*s = NULL;
	}
	return start;
}

// The C locale: collation is byte order.
int
strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

size_t
strxfrm(char *restrict dst, const char *restrict src, size_t n)
{
	size_t len = strlen(src);

	if (n > 0)
		strlcpy(dst, src, n);
	return len;
}
