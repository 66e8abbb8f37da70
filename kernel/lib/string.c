// kernel/lib/string.c: the memory and string functions the kernel (and the
// code the compiler emits) needs.
#include "defs.h"

// Bulk work moves 8 bytes a step: under QEMU's TCG every iteration of a
// string instruction costs about the same, whatever its width.
void *
memset(void *d, int c, size_t n)
{
	void *r = d;
	size_t q = n / 8, b = n % 8;
	uint64_t v = 0x0101010101010101ULL * (uint8_t)c;

	__asm__ volatile("rep stosq" : "+D"(d), "+c"(q) : "a"(v) : "memory");
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(b) : "a"(v) : "memory");
	return r;
}

void *
memcpy(void *d, const void *s, size_t n)
{
	void *r = d;
	size_t q = n / 8, b = n % 8;

	__asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(q) : : "memory");
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(b) : : "memory");
	return r;
}

void *
memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (dp <= sp || dp >= sp + n)
		return memcpy(d, s, n);
	while (n-- > 0)
		dp[n] = sp[n];
	return d;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (size_t i = 0; i < n; i++)
		if (p[i] != q[i])
			return p[i] - q[i];
	return 0;
}

size_t
strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++)
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}

// Copy s into d of size n, always NUL-terminating (n > 0).
void
strlcpy(char *d, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && s[i]; i++)
		d[i] = s[i];
	d[i] = '\0';
}
