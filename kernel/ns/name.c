// kernel/ns/name.c: lexical path cleaning (Plan 9 cleanname), the rule
// that makes ".." name the parent in the namespace. Pure code: host-tested
// by name_test.c.
#include <stddef.h>
#include <string.h>

#include "ns/name.h"

// Clean a path lexically, Plan 9 cleanname style: collapse "//", drop
// ".", and let ".." remove the element before it; ".." at the root (or at
// a "#x" device root) stays at the root. The result fits in s.
void
cleanname(char *s)
{
	char out[NSPATH];
	char *elem[NSPATH / 2];
	int n = 0, rooted = s[0] == '/', dev = s[0] == '#';
	size_t o = 0;
	char *p = s;
	size_t devlen = 0;

	// A device name is '#', its letter (which may be '/') and a spec.
	if (dev) {
		devlen = s[1] ? 2 : 1;
		while (s[devlen] && s[devlen] != '/')
			devlen++;
		p = s + devlen;
	}
	while (*p) {
		char *e;

		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		e = p;
		while (*p && *p != '/')
			p++;
		if (*p)
			*p++ = '\0';
		if (strcmp(e, ".") == 0)
			continue;
		if (strcmp(e, "..") == 0) {
			if (n > 0 && strcmp(elem[n - 1], "..") != 0)
				n--;
			else if (!rooted && !dev)
				elem[n++] = e;
			continue;
		}
		elem[n++] = e;
	}
	if (dev) {
		o = devlen;
		memcpy(out, s, o);
	}
	for (int i = 0; i < n; i++) {
		size_t l = strlen(elem[i]);

		if (rooted || dev || i > 0)
			out[o++] = '/';
		memcpy(out + o, elem[i], l);
		o += l;
	}
	if (o == 0)
		out[o++] = rooted ? '/' : '.';
	out[o] = '\0';
	memcpy(s, out, o + 1);
}
