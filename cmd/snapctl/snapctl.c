// cmd/snapctl/snapctl.c: control the snaps init supervises (docs/snaps.md,
// docs/man/snapctl.1). Every subcommand but logs is a request to init
// (cmd/init/control.c): a pipe whose other end is posted as
// /srv/snapctl.PID, one request line, the note "snapctl" to pid 1, and
// the reply read to its end; its first line says ok or error.
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOG_DIR "/writable/var/log"

static const char *
why(void)
{
	static char buf[ERRMAX];

	errstr(buf, sizeof buf);
	return buf[0] ? buf : strerror(errno);
}

// Send req to init and copy the reply (after its status line) to stdout.
// Returns 0 for ok, 1 for error, 2 when init could not be asked.
static int
request(const char *req)
{
	char srv[64], num[16], buf[4096];
	int p[2], fd, status = -1;
	size_t linelen = 0;
	ssize_t n;

	if (pipe(p) < 0) {
		fprintf(stderr, "snapctl: pipe: %s\n", why());
		return 2;
	}
	snprintf(srv, sizeof srv, "/srv/snapctl.%d", getpid());
	snprintf(num, sizeof num, "%d", p[1]);
	fd = open(srv, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || write(fd, num, strlen(num)) < 0) {
		fprintf(stderr, "snapctl: cannot post %s: %s\n", srv, why());
		return 2;
	}
	close(fd);
	close(p[1]);
	snprintf(buf, sizeof buf, "%s\n", req);
	if (write(p[0], buf, strlen(buf)) < 0 || postnote(1, "snapctl") < 0) {
		fprintf(stderr, "snapctl: cannot ask init: %s\n", why());
		remove(srv);
		return 2;
	}
	while ((n = read(p[0], buf, sizeof buf)) > 0) {
		ssize_t i = 0;

		// The status line, then everything as it comes.
		while (status < 0 && i < n) {
			char c = buf[i++];

			if (c == '\n') {
				status = linelen == 2 ? 0 : 1;
				break;
			}
			linelen++;
		}
		if (status >= 0 && i < n)
			fwrite(buf + i, 1, (size_t)(n - i), status ? stderr : stdout);
	}
	close(p[0]);
	if (status < 0) {
		fprintf(stderr, "snapctl: init gave no answer\n");
		return 2;
	}
	return status;
}

// The last lines of the snap's log (NAME.log.1, then NAME.log).
static int
logs(const char *name, long lines)
{
	char path[2][128], *text = NULL;
	size_t len = 0;
	int found = 0;

	snprintf(path[0], sizeof path[0], "%s/%s.log.1", LOG_DIR, name);
	snprintf(path[1], sizeof path[1], "%s/%s.log", LOG_DIR, name);
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(path[i], "r");
		char buf[4096];
		size_t n;

		if (f == NULL)
			continue;
		found = 1;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
			char *t = realloc(text, len + n);

			if (t == NULL) {
				fprintf(stderr, "snapctl: out of memory\n");
				return 1;
			}
			text = t;
			memcpy(text + len, buf, n);
			len += n;
		}
		fclose(f);
	}
	if (!found) {
		fprintf(stderr, "snapctl: no log for %s: %s: %s\n", name, path[1], strerror(errno));
		return 1;
	}
	size_t start = 0;
	if (lines > 0) {
		long k = 0;

		start = len && text[len - 1] == '\n' ? len - 1 : len;
		while (start > 0 && !(text[start - 1] == '\n' && ++k == lines))
			start--;
	}
	fwrite(text + start, 1, len - start, stdout);
	free(text);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: snapctl list\n"
	                "       snapctl info|start|stop|restart NAME\n"
	                "       snapctl logs [-n LINES] NAME\n"
	                "       snapctl apply\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	char req[128];

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "logs") == 0) {
		long n = 0;
		int i = 2;

		if (argc > 3 && strcmp(argv[2], "-n") == 0) {
			n = atol(argv[3]);
			i = 4;
		}
		if (i != argc - 1)
			usage();
		return logs(argv[i], n);
	}
	if ((strcmp(argv[1], "list") == 0 || strcmp(argv[1], "apply") == 0) && argc == 2)
		return request(argv[1]);
	if (argc != 3 || (strcmp(argv[1], "info") && strcmp(argv[1], "start") &&
	                  strcmp(argv[1], "stop") && strcmp(argv[1], "restart")))
		usage();
	if (strlen(argv[2]) > 64 || strchr(argv[2], '/') || strchr(argv[2], ' ')) {
		fprintf(stderr, "snapctl: '%s' is not a snap name\n", argv[2]);
		return 2;
	}
	snprintf(req, sizeof req, "%s %s", argv[1], argv[2]);
	return request(req);
}
