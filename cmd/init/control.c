// cmd/init/control.c: control requests to init (docs/snaps.md, "Control").
// A client (snapctl, system) makes a pipe, writes one request line into its
// end, posts the other end as /srv/snapctl.PID and posts init the note
// "snapctl". init takes every such entry: it removes it, reads the line,
// carries it out and writes the reply, whose first line is "ok" or
// "error", then closes the pipe (the client reads to the end).
//
// A client must not be able to stall init: the line is read by a child
// that gives up after READ_MS, and the reply is written by a child too
// (a client that does not read only blocks that child).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "init.h"
#include "snap.h"

#define READ_MS 1000
#define REQMAX 256

void
reply_printf(struct reply *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r == NULL)
		return;
	for (;;) {
		size_t room = r->cap - r->n;

		va_start(ap, fmt);
		n = vsnprintf(r->p ? r->p + r->n : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < room) {
			r->n += (size_t)n;
			return;
		}
		char *p = realloc(r->p, r->cap + (size_t)n + 1024);

		if (p == NULL)
			return;
		r->p = p;
		r->cap += (size_t)n + 1024;
	}
}

// The request line from fd, read by a child within READ_MS; 0 bytes when
// there was none in time.
static ssize_t
read_request(int fd, char *req, size_t n)
{
	int q[2];
	pid_t pid;
	ssize_t got = 0;
	struct waitmsg w;

	if (pipe(q) < 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		char buf[REQMAX];
		size_t k = 0;
		ssize_t r;

		close(q[0]);
		while (k < sizeof buf && (r = read(fd, buf + k, sizeof buf - k)) > 0) {
			k += (size_t)r;
			if (memchr(buf, '\n', k))
				break;
		}
		if (write(q[1], buf, k) < 0)
			exit(1);
		exit(0);
	}
	close(q[1]);
	if (pid < 0) {
		close(q[0]);
		return 0;
	}
	for (int ms = 0; ms < READ_MS; ms++) {
		if (waitmsg(pid, &w, WNOHANG) == pid) {
			pid = 0;
			break;
		}
		struct timespec t = {0, 1000 * 1000};
		nanosleep(&t, NULL);
	}
	if (pid > 0) {
		postnote(pid, "kill");
		waitmsg(pid, &w, 0);
		fprintf(stderr, "init: a control request did not arrive within %d ms\n", READ_MS);
	} else {
		got = read(q[0], req, n - 1);
	}
	close(q[0]);
	if (got < 0)
		got = 0;
	req[got] = '\0';
	char *nl = strchr(req, '\n');
	if (nl)
		*nl = '\0';
	return got;
}

// Write the reply from a child, so a client that does not read blocks
// only the child (which init reaps like any other).
static void
send_reply(int fd, const struct reply *r)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		size_t off = 0;

		while (off < r->n) {
			ssize_t k = write(fd, r->p + off, r->n - off);

			if (k <= 0)
				break;
			off += (size_t)k;
		}
		exit(0);
	}
	close(fd);
}

static void
list_item(struct reply *r, struct snap *s, const char *name)
{
	char last[ERRMAX + 32] = "-";

	if (s && s->pid <= 0 && s->started)
		snprintf(last, sizeof last, "status %d%s%s", s->status, s->msg[0] ? ": " : "",
		         s->msg);
	reply_printf(r, "%-16s %-10s %5d %8d  %s\n", name, s ? snap_state(s) : "stopped",
	             s ? s->pid : 0, s ? s->restarts : 0, last);
}

// Every snap: those init knows, then the other ones of /apps.
static void
do_list(struct reply *r)
{
	DIR *d = opendir(APPS_DIR);
	struct dirent *e;

	reply_printf(r, "ok\n%-16s %-10s %5s %8s  %s\n", "NAME", "STATE", "PID", "RESTARTS",
	             "LAST EXIT");
	for (int i = 0; i < nsnaps; i++)
		list_item(r, &snaps[i], snaps[i].name);
	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && snap_find(e->d_name) == NULL)
			list_item(r, NULL, e->d_name);
	if (d)
		closedir(d);
}

static void
strlist(struct reply *r, const char *key, const struct config_strlist *l)
{
	reply_printf(r, "%-13s", key);
	for (size_t i = 0; i < l->n; i++)
		reply_printf(r, " %s", l->v[i]);
	reply_printf(r, "%s\n", l->n ? "" : " (none)");
}

// A file of /proc for the snap's process, indented.
static void
procfile(struct reply *r, pid_t pid, const char *file)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof buf - 1)) > 0) {
		buf[n] = '\0';
		for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
			reply_printf(r, "  %s\n", line);
	}
	close(fd);
}

// The snap init knows by name, or else a stand-in in *tmp (so its manifest
// can be read); release frees what the stand-in read.
static struct snap *
lookup(const char *name, struct snap *tmp)
{
	struct snap *s = snap_find(name);

	if (s)
		return s;
	memset(tmp, 0, sizeof *tmp);
	snprintf(tmp->name, sizeof tmp->name, "%s", name);
	tmp->logw = -1;
	return tmp;
}

static void
release(struct snap *s, struct snap *tmp)
{
	if (s == tmp && tmp->hasown)
		config_snap_free(&tmp->own);
}

static void info_body(struct reply *r, const char *name, struct snap *s,
                      const struct config_snap *d);

static void
do_info(struct reply *r, const char *name)
{
	struct snap tmp, *s = lookup(name, &tmp);

	info_body(r, name, s, snap_desc(s));
	release(s, &tmp);
}

static void
info_body(struct reply *r, const char *name, struct snap *s, const struct config_snap *d)
{
	static const char *const restart[] = {"(unset: never)", "never", "on-failure", "always"};

	if (d == NULL) {
		reply_printf(r,
		             "error\nno snap %s: no description in generation %u and no "
		             "readable, valid %s/%s/manifest.toml\n",
		             name, current.n, APPS_DIR, name);
		return;
	}
	reply_printf(r, "ok\nname          %s\nstate         %s\n", name, snap_state(s));
	if (s->pid > 0)
		reply_printf(r, "pid           %d\n", s->pid);
	reply_printf(r, "restarts      %d\n", s->restarts);
	if (s->started && s->pid <= 0)
		reply_printf(r, "last exit     status %d%s%s\n", s->status, s->msg[0] ? ": " : "",
		             s->msg);
	reply_printf(r, "described by  %s\n",
	             resolved_snap(&current.r, name) ? "the current generation" : "its manifest");
	reply_printf(r, "path          %s\nentry         %s\n", d->path ? d->path : "(default)",
	             d->entry ? d->entry : "(none)");
	strlist(r, "capabilities", &d->capabilities);
	strlist(r, "syscalls", &d->syscalls);
	reply_printf(r, "restart       %s\n", restart[d->restart]);
	if (d->memory)
		reply_printf(r, "memory        %llu bytes\n", (unsigned long long)d->memory);
	else
		reply_printf(r, "memory        (unset: the default limit)\n");
	if (d->processes)
		reply_printf(r, "processes     %u\n", d->processes);
	else
		reply_printf(r, "processes     (unset: the default limit)\n");
	reply_printf(r, "log           %s/%s.log\n", LOG_DIR, name);
	if (s->pid > 0) {
		reply_printf(r, "status:\n");
		procfile(r, s->pid, "status");
		reply_printf(r, "namespace:\n");
		procfile(r, s->pid, "ns");
	}
}

// After system switch or rollback stored a new current generation: go
// from what runs to it.
static void
do_apply(struct reply *r)
{
	struct config_problems warn = {0};
	struct generation g;
	struct gen_err e;
	struct plan p;

	if (gen_effective(GEN_ROOT, &g, &warn, &e) < 0) {
		reply_printf(r, "error\n%s\n", e.msg);
		return;
	}
	config_problems_free(&warn);
	if (g.n == 0) {
		reply_printf(r, "error\nno usable generation in %s\n", GEN_ROOT);
		return;
	}
	if (plan_make(&current.r, &g.r, &p) < 0) {
		gen_free(&g);
		reply_printf(r, "error\nout of memory\n");
		return;
	}
	struct generation old = current;
	current = g;
	reply_printf(r, "ok\ninit: applying generation %u (was %u)\n", g.n, old.n);
	snap_apply(&p, r);
	plan_free(&p);
	gen_free(&old);
}

static void
handle(const char *req, struct reply *r)
{
	char err[256];
	const char *arg = strchr(req, ' ');
	char cmd[16];
	size_t n = arg ? (size_t)(arg - req) : strlen(req);

	if (n >= sizeof cmd) {
		reply_printf(r, "error\nunknown request '%.32s'\n", req);
		return;
	}
	memcpy(cmd, req, n);
	cmd[n] = '\0';
	arg = arg ? arg + 1 : NULL;
	if (strcmp(cmd, "list") == 0 && arg == NULL)
		return do_list(r);
	if (strcmp(cmd, "apply") == 0 && arg == NULL)
		return do_apply(r);
	if (arg == NULL || arg[0] == '\0' || strchr(arg, ' ') || strchr(arg, '/')) {
		reply_printf(r,
		             "error\nbad request '%.64s': expected list, apply, or "
		             "info|start|stop|restart NAME\n",
		             req);
		return;
	}
	if (strcmp(cmd, "info") == 0)
		return do_info(r, arg);
	if (strcmp(cmd, "start") == 0 || strcmp(cmd, "stop") == 0 || strcmp(cmd, "restart") == 0) {
		struct snap tmp, *s = lookup(arg, &tmp);
		int known = strlen(arg) < sizeof tmp.name && snap_desc(s) != NULL, rc = 0;

		release(s, &tmp);
		if (!known) {
			reply_printf(r,
			             "error\n%s: no snap %s: not in generation %u and no valid "
			             "%s/%s/manifest.toml\n",
			             cmd, arg, current.n, APPS_DIR, arg);
			return;
		}

		if (strcmp(cmd, "start") != 0) {
			rc = snap_stop(arg, err, sizeof err);
			if (strcmp(cmd, "restart") == 0 && rc < 0 && strstr(err, "is not running"))
				rc = 0;
		}
		if (rc == 0 && strcmp(cmd, "stop") != 0)
			rc = snap_start(arg, err, sizeof err);
		if (rc < 0)
			reply_printf(r, "error\n%s: %s\n", cmd, err);
		else
			reply_printf(r, "ok\n");
		return;
	}
	reply_printf(r, "error\nunknown request '%s'\n", cmd);
}

static void control_once(void);
static int again;

// Requests can arrive while one is being carried out (a stop waits for the
// snap, and a note ends that wait): they are taken after it, not inside it.
void
snap_control(void)
{
	static int busy;

	if (busy) {
		again = 1;
		return;
	}
	busy = 1;
	do {
		again = 0;
		control_once();
	} while (again);
	busy = 0;
}

static void
control_once(void)
{
	DIR *d = opendir("/srv");
	char names[8][64];
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && n < 8)
		if (strncmp(e->d_name, "snapctl.", 8) == 0 && strlen(e->d_name) < sizeof names[0])
			snprintf(names[n++], sizeof names[0], "%s", e->d_name);
	closedir(d);
	// More may wait: look again after these.
	if (n == 8)
		again = 1;
	for (int i = 0; i < n; i++) {
		char path[80], req[REQMAX];
		struct reply r = {0};
		int fd;

		if (snprintf(path, sizeof path, "/srv/%s", names[i]) >= (int)sizeof path)
			continue;
		fd = open(path, O_RDWR);
		remove(path);
		if (fd < 0)
			continue;
		if (read_request(fd, req, sizeof req) > 0)
			handle(req, &r);
		else
			reply_printf(&r, "error\nno request line\n");
		send_reply(fd, &r);
		free(r.p);
	}
}
