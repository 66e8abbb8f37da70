// cmd/init/snap.c: init as the snap supervisor (DESIGN sections 4 and 5,
// docs/snaps.md). At boot it takes the generation to run (lib/config's
// gen_boot: gen=N from the kernel command line, else the current one, else
// the base image's default config.toml), sets the host name and time zone,
// and starts the boot_snaps in order, each through /bin/snaprun. It keeps a
// log per snap in /writable/var/log/NAME.log (a logger process reads the
// snap's output and init's own lines about it), restarts snaps by their
// policy with backoff, and answers control requests (snapctl, system) that
// wait in /srv as posted pipes (control.c).
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../snaprun/snaprun.h"
#include "config/gen.h"
#include "config/plan.h"
#include "init.h"
#include "snap.h"

struct snap snaps[MAXSNAPS];
int nsnaps;
struct generation current;

// The last snap that ended, for the power-off message.
static char lastname[SNAPNAME_LEN];
static int laststatus;
static char lastmsg[ERRMAX];

int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *
why(void)
{
	static char buf[ERRMAX];

	errstr(buf, sizeof buf);
	return buf[0] ? buf : strerror(errno);
}

static void
mkdirs(const char *p)
{
	char buf[256];
	struct stat st;

	snprintf(buf, sizeof buf, "%s", p);
	for (char *s = buf + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (stat(buf, &st) != 0)
				mkdir(buf, 0755);
			*s = c;
			if (c == '\0')
				break;
		}
	}
}

struct snap *
snap_find(const char *name)
{
	for (int i = 0; i < nsnaps; i++)
		if (strcmp(snaps[i].name, name) == 0)
			return &snaps[i];
	return NULL;
}

static struct snap *
snap_get(const char *name)
{
	struct snap *s = snap_find(name);

	if (s || nsnaps == MAXSNAPS || strlen(name) >= sizeof s->name)
		return s;
	s = &snaps[nsnaps++];
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%s", name);
	s->pid = s->logger = 0;
	s->logw = -1;
	return s;
}

// Its description: the generation's, else its own manifest (a snap that
// is not in the config, started with snapctl), else NULL.
const struct config_snap *
snap_desc(struct snap *s)
{
	const struct config_snap *d = resolved_snap(&current.r, s->name);
	struct config_problems pr = {0};
	char path[128], buf[16384];
	ssize_t n;
	int fd;

	if (d || s->hasown)
		return d ? d : &s->own;
	snprintf(path, sizeof path, "%s/%s/manifest.toml", APPS_DIR, s->name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof buf);
	close(fd);
	if (n < 0)
		return NULL;
	manifest_parse(path, buf, (size_t)n, s->name, &s->own, &pr);
	s->hasown = pr.n == 0;
	if (!s->hasown)
		config_snap_free(&s->own);
	config_problems_free(&pr);
	return s->hasown ? &s->own : NULL;
}

const char *
snap_state(const struct snap *s)
{
	if (s->pid > 0)
		return s->restarts > 0 && now_ms() < s->started + s->delay ? "restarting"
		                                                           : "running";
	if (s->failed)
		return "failed";
	return "stopped";
}

// A line in the snap's log, from init: "2026-11-28 04:10:00 init: TEXT".
void __attribute__((format(printf, 2, 3))) snap_log(struct snap *s, const char *fmt, ...)
{
	char line[512], when[32];
	struct timespec ts;
	va_list ap;
	int n;

	if (s->logw < 0)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gen_time_format(ts.tv_sec, when);
	n = snprintf(line, sizeof line, "%s init: ", when);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 2)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	if (write(s->logw, line, (size_t)n) < 0) {
		// Its logger is gone (killed, or the log cannot be written): say
		// so, and the next start makes a new one.
		fprintf(stderr, "init: writing %s's log: %s\n", s->name, strerror(errno));
		close(s->logw);
		s->logw = -1;
	}
}

// The logger: copy the pipe to /writable/var/log/NAME.log until every
// writer is gone, keeping at most LOG_MAX bytes in it and the previous
// LOG_MAX in NAME.log.1.
static _Noreturn void
logger(const char *name, int r)
{
	char path[128], old[128], buf[4096];
	struct stat st;
	ssize_t n;
	int fd;

	rfork(RFNOTEG);
	snprintf(path, sizeof path, "%s/%s.log", LOG_DIR, name);
	snprintf(old, sizeof old, "%s/%s.log.1", LOG_DIR, name);
	while ((n = read(r, buf, sizeof buf)) > 0) {
		if (stat(path, &st) == 0 && st.st_size + n > LOG_MAX) {
			remove(old);
			if (rename(path, old) != 0)
				remove(path);
		}
		fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd < 0 || write(fd, buf, (size_t)n) != n)
			fprintf(stderr, "init: logger for %s: %s: %s\n", name, path,
			        strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	exit(0);
}

static void
start_logger(struct snap *s)
{
	int p[2];
	pid_t pid;

	if (s->logw >= 0 && s->logger > 0)
		return;
	if (s->logw >= 0) {
		// The logger ended (snap_reap saw it): a new one on a new pipe.
		close(s->logw);
		s->logw = -1;
	}
	if (pipe(p) < 0) {
		fprintf(stderr, "init: pipe for %s's log: %s\n", s->name, why());
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		for (int fd = 3; fd < 64; fd++)
			if (fd != p[0])
				close(fd);
		logger(s->name, p[0]);
	}
	close(p[0]);
	if (pid < 0) {
		fprintf(stderr, "init: fork for %s's logger: %s\n", s->name, why());
		close(p[1]);
		return;
	}
	s->logger = pid;
	s->logw = p[1];
}

// Run snaprun NAME with the console as fds 0-2 and the log pipe as fd 3.
static int
spawn_snap(struct snap *s, long delay)
{
	char ms[24];
	pid_t pid;

	start_logger(s);
	snprintf(ms, sizeof ms, "%ld", delay);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = {SNAPRUN, "-l", "3", "-d", ms, s->name, NULL};

		if (s->logw >= 0 && s->logw != 3) {
			dup2(s->logw, 3);
		}
		for (int fd = 4; fd < 64; fd++)
			close(fd);
		execve(SNAPRUN, argv, NULL);
		fprintf(stderr, "init: cannot run %s: %s\n", SNAPRUN, why());
		exit(127);
	}
	if (pid < 0) {
		snap_log(s, "cannot start %s: fork: %s", s->name, why());
		fprintf(stderr, "init: cannot start %s: fork: %s\n", s->name, why());
		return -1;
	}
	s->pid = pid;
	s->started = now_ms();
	s->delay = delay;
	s->failed = 0;
	if (delay > 0)
		snap_log(s, "restarting %s in %ld ms (pid %d)", s->name, delay, pid);
	else
		snap_log(s, "started %s (pid %d)", s->name, pid);
	return 0;
}

int
snap_start(const char *name, char *err, size_t n)
{
	struct snap *s = snap_get(name);

	if (s == NULL)
		return snprintf(err, n, "too many snaps (%d)", MAXSNAPS), -1;
	if (s->pid > 0)
		return snprintf(err, n, "%s is already running (pid %d)", name, s->pid), -1;
	s->want = 1;
	s->fails = 0;
	if (spawn_snap(s, 0) < 0)
		return snprintf(err, n, "cannot fork: %s", why()), -1;
	return 0;
}

// Whether pid is one of the snaps (then it is reaped here).
static struct snap *
snap_bypid(pid_t pid)
{
	for (int i = 0; i < nsnaps; i++)
		if (snaps[i].pid == pid)
			return &snaps[i];
	return NULL;
}

// Copy the audit records (#c/audit, docs/kernel.md) written since the last
// call into the logs of the snaps they name ("... snap=NAME ..."), so
// `snapctl logs` shows a snap's violations next to its exits.
static void
audit_to_logs(void)
{
	static uint64_t off;
	char buf[4096];
	ssize_t n;
	int fd = open("#c/audit", O_RDONLY);

	if (fd < 0)
		return;
	while ((n = pread(fd, buf, sizeof buf - 1, (off_t)off)) > 0) {
		char *line = buf, *nl;

		buf[n] = '\0';
		while ((nl = strchr(line, '\n')) != NULL) {
			char name[SNAPNAME_LEN];
			const char *at = strstr(line, " snap=");
			struct snap *s;
			size_t k;

			*nl = '\0';
			if (at) {
				at += 6;
				k = strcspn(at, " ");
				if (k < sizeof name) {
					memcpy(name, at, k);
					name[k] = '\0';
					if ((s = snap_find(name)) != NULL)
						snap_log(s, "audit: %s", line);
				}
			}
			line = nl + 1;
		}
		if (line == buf)
			break; // a line longer than the buffer: leave it
		off += (uint64_t)(line - buf);
	}
	close(fd);
}

// A snap's leader ended: its note group goes with it, then the policy
// decides.
static void
ended(struct snap *s, const struct waitmsg *w)
{
	const struct config_snap *d = snap_desc(s);
	enum config_restart policy = d && d->restart ? d->restart : RESTART_NEVER;
	int64_t ran = now_ms() - s->started - s->delay;
	int again;

	postnote(-s->pid, "kill");
	audit_to_logs();
	s->pid = 0;
	s->status = w->status;
	snprintf(s->msg, sizeof s->msg, "%s", w->msg);
	snprintf(lastname, sizeof lastname, "%s", s->name);
	laststatus = w->status;
	snprintf(lastmsg, sizeof lastmsg, "%s", w->msg);
	snap_log(s, "%s exited with status %d%s%s", s->name, w->status, w->msg[0] ? ": " : "",
	         w->msg);
	if (w->status == SNAPRUN_FAILED || w->status == KILLSTATUS_SYS)
		fprintf(stderr, "init: snap %s: status %d%s%s (snapctl logs %s)\n", s->name,
		        w->status, w->msg[0] ? ": " : "", w->msg, s->name);
	again = s->want &&
	        (policy == RESTART_ALWAYS || (policy == RESTART_ON_FAILURE && w->status));
	if (!again) {
		s->want = 0;
		return;
	}
	s->fails = w->status != 0 && ran < QUICK_MS ? s->fails + 1 : 0;
	if (s->fails >= MAXFAILS) {
		s->failed = 1;
		s->want = 0;
		snap_log(s,
		         "%s failed %d times in a row within %d ms of starting; not restarting it "
		         "(snapctl start %s tries again)",
		         s->name, s->fails, QUICK_MS, s->name);
		fprintf(stderr, "init: snap %s keeps failing; stopped restarting it\n", s->name);
		return;
	}
	s->restarts++;
	spawn_snap(s, s->fails ? BACKOFF_MS << (s->fails - 1) : BACKOFF_MS);
}

// Reap every child that has ended; 1 if one was a snap.
int
snap_reap(int hang)
{
	struct waitmsg w;
	pid_t pid;
	int any = 0;

	while ((pid = waitmsg(-1, &w, hang ? 0 : WNOHANG)) > 0) {
		struct snap *s = snap_bypid(pid);

		hang = 0;
		if (s) {
			ended(s, &w);
			any = 1;
		}
		for (int i = 0; i < nsnaps; i++)
			if (snaps[i].logger == pid)
				snaps[i].logger = 0;
	}
	if (pid < 0 && errno == EINTR)
		check_request();
	return any;
}

int
snap_stop(const char *name, char *err, size_t n)
{
	struct snap *s = snap_find(name);
	int64_t until = now_ms() + STOP_MS;

	if (s == NULL || s->pid <= 0) {
		if (s)
			s->want = 0, s->failed = 0;
		return snprintf(err, n, "%s is not running", name), -1;
	}
	s->want = 0;
	snap_log(s, "stopping %s", s->name);
	if (postnote(-s->pid, "kill") < 0)
		postnote(s->pid, "kill");
	while (s->pid > 0 && now_ms() < until) {
		struct timespec t = {0, 5 * 1000 * 1000};

		if (!snap_reap(0))
			nanosleep(&t, NULL);
	}
	if (s->pid > 0)
		return snprintf(err, n, "%s (pid %d) did not stop within %d ms", name, s->pid,
		                STOP_MS),
		       -1;
	return 0;
}

static void
set_hostname(const char *name)
{
	int fd = open("#c/hostname", O_WRONLY);

	if (fd < 0 || write(fd, name, strlen(name)) < 0)
		fprintf(stderr, "init: cannot set the host name to %s: %s\n", name, why());
	if (fd >= 0)
		close(fd);
}

static void
apply_system(const char *hostname, const char *timezone)
{
	if (hostname)
		set_hostname(hostname);
	// lib/c has no time zone database: TZ is recorded for programs, and
	// times are shown in UTC (docs/snaps.md).
	setenv("TZ", timezone ? timezone : "UTC", 1);
}

// Carry out a plan (a switch, a rollback or the boot), reporting each step.
int
snap_apply(const struct plan *p, struct reply *out)
{
	char line[256], err[256];
	int bad = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct plan_step *st = &p->v[i];
		int r = 0;

		plan_step_format(st, line, sizeof line);
		switch (st->op) {
		case PLAN_STOP:
			r = snap_stop(st->name, err, sizeof err);
			if (r < 0 && strstr(err, "is not running"))
				r = 0;
			break;
		case PLAN_HOSTNAME:
			if (st->to)
				set_hostname(st->to);
			break;
		case PLAN_TIMEZONE:
			setenv("TZ", st->to ? st->to : "UTC", 1);
			break;
		case PLAN_RESTART:
			snap_stop(st->name, err, sizeof err);
			r = snap_start(st->name, err, sizeof err);
			break;
		case PLAN_START:
			r = snap_start(st->name, err, sizeof err);
			break;
		case PLAN_KEEP:
			break;
		}
		if (out)
			reply_printf(out, "init: %s%s%s\n", line, r < 0 ? ": failed: " : "",
			             r < 0 ? err : "");
		bad |= r < 0;
	}
	return bad ? -1 : 0;
}

// The generation number gen=N on the kernel command line, or 0.
static uint32_t
requested_gen(int argc, char **argv)
{
	uint32_t n = 0;

	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "gen=", 4) == 0 &&
		    gen_number(argv[i] + 4, strlen(argv[i] + 4), &n) != 0) {
			fprintf(stderr, "init: ignoring %s: not a generation number\n", argv[i]);
			n = 0;
		}
	return n;
}

// The boot: the generation, the system settings, the boot snaps. Returns
// the number of snaps started.
int
snap_boot(int argc, char **argv)
{
	struct config_problems warn = {0};
	struct gen_boot b;
	struct timespec ts;
	struct plan p;
	int started = 0;

	mkdirs(LOG_DIR);
	mkdirs(GEN_ROOT);
	clock_gettime(CLOCK_REALTIME, &ts);
	gen_boot(GEN_ROOT, requested_gen(argc, argv), DEFAULT_CONFIG, APPS_DIR, ts.tv_sec, &b,
	         &warn);
	for (size_t i = 0; i < warn.n; i++)
		fprintf(stderr, "init: config: %s%s%.0u%s%.0u%s%s\n",
		        warn.v[i].file ? warn.v[i].file : "", warn.v[i].line ? ":" : "",
		        warn.v[i].line, warn.v[i].line ? ":" : "", warn.v[i].col,
		        warn.v[i].file ? ": " : "", warn.v[i].msg);
	config_problems_free(&warn);
	memset(&current, 0, sizeof current);
	current.n = b.n;
	current.r = b.r; // taken over: not freed with b
	memset(&b.r, 0, sizeof b.r);
	gen_boot_free(&b);
	if (current.n > 0)
		printf("init: generation %u\n", current.n);
	else
		printf("init: booting without a generation (see the messages above)\n");
	apply_system(current.r.hostname, current.r.timezone);
	if (plan_make(NULL, &current.r, &p) == 0) {
		for (size_t i = 0; i < p.n; i++)
			if (p.v[i].op == PLAN_START) {
				char err[256];

				if (snap_start(p.v[i].name, err, sizeof err) == 0)
					started++;
				else
					fprintf(stderr, "init: cannot start %s: %s\n", p.v[i].name,
					        err);
			}
		plan_free(&p);
	}
	fflush(stdout);
	return started;
}

// Whether a snap is running or will be restarted.
static int
anything_running(void)
{
	for (int i = 0; i < nsnaps; i++)
		if (snaps[i].pid > 0)
			return 1;
	return 0;
}

// Supervise until no snap is left running; then power off with the status
// of the last one to end (the seed's shell: `exit 3` powers off with 3).
_Noreturn void
snap_supervise(void)
{
	while (anything_running())
		snap_reap(1);
	printf("init: %s exited with status %d%s%s; powering off\n", lastname, laststatus,
	       lastmsg[0] ? ": " : "", lastmsg);
	fflush(stdout);
	reboot(REBOOT_POWEROFF, laststatus);
	fprintf(stderr, "init: reboot(POWEROFF) failed: %s\n", strerror(errno));
	exit(laststatus);
}

// A system server init starts itself (devfs, described by the snap
// devfs.d) runs with its manifest's syscall filter: read
// '#b/apps/NAME/manifest.toml' and install it (plus execve, to start
// the server). -1 with why in err when the manifest cannot be used.
int
snap_filter_self(const char *name, char *err, size_t n)
{
	struct config_problems pr = {0};
	struct config_snap m;
	uint8_t map[(NSYSCALL + 7) / 8];
	char path[128], buf[8192];
	ssize_t len;
	size_t k;
	int fd;

	snprintf(path, sizeof path, "#b/apps/%s/manifest.toml", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return snprintf(err, n, "%s: %s", path, why()), -1;
	len = read(fd, buf, sizeof buf);
	close(fd);
	if (len < 0)
		return snprintf(err, n, "%s: %s", path, why()), -1;
	memset(&m, 0, sizeof m);
	manifest_parse(path, buf, (size_t)len, name, &m, &pr);
	if (pr.n > 0) {
		snprintf(err, n, "%s:%u:%u: %s", pr.v[0].file, pr.v[0].line, pr.v[0].col,
		         pr.v[0].msg);
		config_problems_free(&pr);
		config_snap_free(&m);
		return -1;
	}
	k = config_syscall_bitmap(m.syscall_mask | 1ull << SYS_execve, map, sizeof map);
	config_snap_free(&m);
	if (sysfilter(map, k, name) < 0)
		return snprintf(err, n, "sysfilter: %s", why()), -1;
	return 0;
}

// Shutting down: stop the running snaps, the last started first, each
// logging why.
void
snap_shutdown(void)
{
	char err[256];

	for (int i = nsnaps - 1; i >= 0; i--)
		if (snaps[i].pid > 0) {
			snaps[i].want = 0;
			snap_log(&snaps[i], "the machine is shutting down");
			snap_stop(snaps[i].name, err, sizeof err);
		}
}
