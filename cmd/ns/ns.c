// cmd/ns/ns.c: print a process's namespace (its own, or pid's) as the bind,
// mount and cd commands that build it, read from /proc/N/ns
// (docs/procfs.md).
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nsfmt.h"

static struct ns_line line;

// Parse and print one line; lineno is for messages.
static int
show(const char *path, int lineno, const char *text)
{
	char err[128], out[2 * NS_LINEMAX];
	int r = ns_parse(text, &line, err, sizeof err);

	if (r < 0) {
		fprintf(stderr, "ns: %s:%d: %s\n", path, lineno, err);
		return 1;
	}
	if (r == 0)
		return 0;
	if (ns_format(&line, out, sizeof out) < 0) {
		fprintf(stderr, "ns: %s:%d: line too long to print\n", path, lineno);
		return 1;
	}
	puts(out);
	return 0;
}

int
main(int argc, char **argv)
{
	static char text[NS_LINEMAX];
	char path[64], buf[4096], why[ERRMAX];
	size_t len = 0;
	int fd, rc = 0, lineno = 1, toolong = 0;
	ssize_t n;

	if (argc > 2 || (argc == 2 && strspn(argv[1], "0123456789") != strlen(argv[1]))) {
		fprintf(stderr, "usage: ns [pid]\n");
		return 2;
	}
	snprintf(path, sizeof path, "/proc/%s/ns", argc == 2 ? argv[1] : "self");
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		// The kernel's reason names the call and the name at fault.
		errstr(why, sizeof why);
		if (why[0])
			fprintf(stderr, "ns: %s\n", why);
		else
			fprintf(stderr, "ns: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (len + 1 < sizeof text)
					text[len++] = buf[i];
				else
					toolong = 1;
				continue;
			}
			text[len] = '\0';
			if (toolong)
				fprintf(stderr, "ns: %s:%d: line longer than %d bytes\n", path,
				        lineno, NS_LINEMAX - 1);
			else
				rc |= show(path, lineno, text);
			rc |= toolong;
			lineno++;
			len = 0;
			toolong = 0;
		}
	}
	if (n < 0) {
		fprintf(stderr, "ns: %s: read: %s\n", path, strerror(errno));
		rc = 1;
	}
	if (len > 0) {
		text[len] = '\0';
		rc |= show(path, lineno, text);
	}
	close(fd);
	return fflush(stdout) == 0 ? rc : 1;
}
