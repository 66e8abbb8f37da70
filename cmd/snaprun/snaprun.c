// cmd/snaprun/snaprun.c: the snap launcher (DESIGN section 5, docs/snaps.md).
// snaprun NAME becomes snap NAME: it finds the snap's effective description
// (the current generation's, else its manifest), builds the snap's own
// namespace in a private copy of the caller's, applies its limits, seals
// the namespace, installs the syscall filter and executes the entry. It
// returns only on failure, with status 125 and one line saying why; init
// (cmd/init/snap.c) supervises what it becomes.
//
// The namespace, assembled on a private ramfs mounted on a directory of the
// kernel root that holds no source (/mnt unless a capability is under it)
// and then bound on /:
//   /                the ramfs (read-write, private to this run, size-capped)
//   /<e>             each top-level entry <e> of the snap's tree (/apps/NAME),
//                    bound from it (the base image: read-only)
//   /tmp             a directory of the ramfs
//   /data            /writable/var/lib/snaps/NAME, created when missing
//   <capability>     each path of capabilities, bound from the caller's
//                    namespace (it must exist); "/" alone means the whole
//                    namespace (a system snap such as the shell: nothing
//                    is rebuilt and nothing sealed)
// fd 0 reads nothing (/dev/null), fds 1 and 2 are kept (init gives the
// snap's log).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gremlin.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "config/gen.h"
#include "snaprun.h"

// ethereum = true binds the wallet (DESIGN section 6).
#define ETH_DIR "/mnt/eth"

static const char *snapname = "?";
// Where the namespace is assembled before it is bound on /: a directory
// of the kernel root that no source lies under (pick_asm).
static char asmdir[16];

static _Noreturn void __attribute__((format(printf, 1, 2))) fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "snaprun: %s: ", snapname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(SNAPRUN_FAILED);
}

// The error string of the last failed call, or strerror.
static const char *
why(void)
{
	static char buf[ERRMAX];

	errstr(buf, sizeof buf);
	return buf[0] ? buf : strerror(errno);
}

static char *
readfile(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			char *b = realloc(buf, cap + 8192);

			if (b == NULL)
				break;
			buf = b;
			cap += 8192;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

// The snap's description: generation's first (unless manifest_dir is
// given), then APPS/NAME/manifest.toml.
static void
describe(const char *name, const char *manifest_dir, const char *root, struct config_snap *out,
         struct generation *g)
{
	struct config_problems pr = {0}, warn = {0};
	struct gen_err e;
	char path[512];
	size_t len;
	char *buf;

	memset(g, 0, sizeof *g);
	if (manifest_dir == NULL && gen_effective(root, g, &warn, &e) == 0 && g->n > 0) {
		const struct config_snap *s = resolved_snap(&g->r, name);

		config_problems_free(&warn);
		if (s) {
			*out = *s;
			return;
		}
	}
	config_problems_free(&warn);
	if (manifest_dir)
		snprintf(path, sizeof path, "%s/manifest.toml", manifest_dir);
	else
		snprintf(path, sizeof path, "/apps/%s/manifest.toml", name);
	buf = readfile(path, &len);
	if (buf == NULL)
		fail("no such snap: cannot read %s: %s", path, strerror(errno));
	manifest_parse(path, buf, len, manifest_dir ? NULL : name, out, &pr);
	free(buf);
	if (pr.n > 0) {
		config_problems_sort(&pr);
		for (size_t i = 0; i < pr.n; i++)
			fprintf(stderr, "%s:%u:%u: %s\n", pr.v[i].file, pr.v[i].line, pr.v[i].col,
			        pr.v[i].msg);
		fail("%zu problem%s in its manifest", pr.n, pr.n == 1 ? "" : "s");
	}
	if (manifest_dir && out->path == NULL)
		out->path = strdup(manifest_dir);
}

// mkdir -p of p (absolute) and its parents. The common cases cost one
// request: p is there already, or only p is missing (every name is a walk
// through a 9P server, so a stat per prefix would be slow).
static void
mkdirs(const char *p)
{
	char parent[256];
	struct stat st;
	char *slash;

	if (mkdir(p, 0755) == 0 || (errno == EEXIST && stat(p, &st) == 0 && S_ISDIR(st.st_mode)))
		return;
	if (errno != ENOENT || strlen(p) >= sizeof parent)
		fail("cannot make %s: %s", p, why());
	strcpy(parent, p);
	slash = strrchr(parent, '/');
	if (slash == NULL || slash == parent)
		fail("cannot make %s: %s", p, why());
	*slash = '\0';
	mkdirs(parent);
	if (mkdir(p, 0755) != 0)
		fail("cannot make %s: %s", p, why());
}

// An empty file or directory at where, of the same kind as st: the mount
// point a bind covers.
static void
mountpoint(const char *where, const struct stat *st)
{
	char parent[256];
	char *slash;
	int fd;

	snprintf(parent, sizeof parent, "%s", where);
	slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = '\0';
		mkdirs(parent);
	}
	if (S_ISDIR(st->st_mode)) {
		mkdirs(where);
		return;
	}
	fd = open(where, O_WRONLY | O_CREAT, 0644);
	if (fd < 0)
		fail("cannot make %s: %s", where, why());
	close(fd);
}

static void
bindon(const char *from, const char *to, int flags)
{
	if (bind(from, to, flags) < 0)
		fail("cannot bind %s on %s: %s", from, to, why());
}

// The private ramfs, in a namespace of its own with nothing but /bin,
// sealed, filtered to reading and writing its pipe: the snap's root and
// /tmp. Mounted on the assembly directory.
static int
under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

// The first directory of the kernel root ('#/', docs/namespaces.md) that
// holds none of the sources: the capabilities, the tree, /writable (the
// data directory), /bin (its ramfs) and /dev (/dev/null).
static void
pick_asm(const struct config_snap *s, const char *tree)
{
	static const char *const cand[] = {"/mnt", "/guests", "/results", "/sys", "/net", "/srv"};

	for (size_t i = 0; i < sizeof cand / sizeof cand[0]; i++) {
		int used = under(tree, cand[i]) || (s->ethereum > 0 && under(ETH_DIR, cand[i]));

		for (size_t j = 0; j < s->capabilities.n && !used; j++)
			used = under(s->capabilities.v[j], cand[i]);
		if (!used) {
			snprintf(asmdir, sizeof asmdir, "%s", cand[i]);
			return;
		}
	}
	fail("its capabilities cover every directory the namespace could be assembled in");
}

static void
private_ramfs(uint64_t memory)
{
	char num[16], size[32];
	struct waitmsg w;
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		fail("pipe for its ramfs: %s", why());
	snprintf(size, sizeof size, "%llu", (unsigned long long)(memory / 4));
	pid = fork();
	if (pid < 0)
		fail("fork for its ramfs: %s", why());
	if (pid == 0) {
		uint8_t map[SYSFILTER_MAXBYTES / 64] = {0};
		char *argv[] = {"/bin/ramfs", "-i", num, "-o", num, "-s", size, "-u", "snap", NULL};

		// Not the entry's child (a wait for any child must not find
		// it): the intermediate process leaves, init adopts it. It stays
		// in the snap's note and limit groups.
		pid = fork();
		if (pid != 0)
			_exit(pid < 0 ? 1 : 0);
		close(p[0]);
		snprintf(num, sizeof num, "%d", p[1]);
		map[SYS_read / 8] |= 1 << (SYS_read % 8);
		map[SYS_write / 8] |= 1 << (SYS_write % 8);
		map[SYS_execve / 8] |= 1 << (SYS_execve % 8);
		if (rfork(RFCNAMEG) < 0 || bind("#b/bin", "/bin", MREPL) < 0 ||
		    rfork(RFNOMNT) < 0 || sysfilter(map, sizeof map, snapname) < 0)
			fail("cannot isolate its ramfs: %s", why());
		execve(argv[0], argv, NULL);
		fail("cannot run %s: %s", argv[0], why());
	}
	close(p[1]);
	if (waitmsg(pid, &w, 0) != pid || w.status != 0)
		fail("fork for its ramfs: %s", w.msg[0] ? w.msg : why());
	if (mount(p[0], -1, asmdir, MREPL | MCREATE, "") < 0)
		fail("cannot mount its ramfs on %s: %s", asmdir, why());
	close(p[0]);
}

// Bind each top-level entry of the snap's tree in the assembly directory.
static void
bind_tree(const char *tree)
{
	char from[256], to[256];
	struct dirent *d;
	struct stat st;
	DIR *dir = opendir(tree);

	if (dir == NULL)
		fail("its tree %s: %s", tree, why());
	while ((d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		// The namespace's own directories come first.
		if (strcmp(d->d_name, "tmp") == 0 || strcmp(d->d_name, "data") == 0)
			continue;
		if (snprintf(from, sizeof from, "%s/%s", tree, d->d_name) >= (int)sizeof from ||
		    snprintf(to, sizeof to, "%s/%s", asmdir, d->d_name) >= (int)sizeof to)
			fail("name too long in its tree: %s", d->d_name);
		if (stat(from, &st) != 0)
			fail("%s: %s", from, why());
		mountpoint(to, &st);
		bindon(from, to, MREPL);
	}
	closedir(dir);
}

// Check every capability exists before anything is built: a missing one
// is a configuration error, never a silent skip (DESIGN section 5).
static void
check_capabilities(const struct config_snap *s)
{
	struct stat st;

	for (size_t i = 0; i < s->capabilities.n; i++)
		if (stat(s->capabilities.v[i], &st) != 0)
			fail("capability %s does not exist in the system namespace: %s",
			     s->capabilities.v[i], why());
	if (s->ethereum > 0 && stat(ETH_DIR, &st) != 0)
		fail("ethereum = true, but %s (the wallet, served by ethnode) does not exist: %s",
		     ETH_DIR, why());
}

static void
build_namespace(const struct config_snap *s, const char *tree, uint64_t memory)
{
	char to[256], data[256];
	struct stat st;

	pick_asm(s, tree);
	private_ramfs(memory);
	snprintf(to, sizeof to, "%s/tmp", asmdir);
	mkdirs(to);
	snprintf(to, sizeof to, "%s/data", asmdir);
	mkdirs(to);
	bind_tree(tree);
	snprintf(data, sizeof data, "/writable/var/lib/snaps/%s", s->name);
	mkdirs(data);
	snprintf(to, sizeof to, "%s/data", asmdir);
	bindon(data, to, MREPL | MCREATE);
	for (size_t i = 0; i < s->capabilities.n; i++) {
		const char *c = s->capabilities.v[i];

		if (stat(c, &st) != 0)
			fail("capability %s: %s", c, why());
		snprintf(to, sizeof to, "%s%s", asmdir, c);
		mountpoint(to, &st);
		bindon(c, to, S_ISDIR(st.st_mode) ? MREPL | MCREATE : MREPL);
	}
	if (s->ethereum > 0) {
		snprintf(to, sizeof to, "%s%s", asmdir, ETH_DIR);
		mkdirs(to);
		bindon(ETH_DIR, to, MREPL);
	}
	bindon(asmdir, "/", MREPL);
	if (chdir("/") < 0)
		fail("chdir /: %s", why());
}

static int
whole_namespace(const struct config_snap *s)
{
	for (size_t i = 0; i < s->capabilities.n; i++)
		if (strcmp(s->capabilities.v[i], "/") == 0)
			return 1;
	return 0;
}

// The filter: the listed calls, plus execve to start the entry (as
// systemd's SystemCallFilter does; the namespace bounds what it can run).
static void
install_filter(const struct config_snap *s)
{
	uint8_t map[(NSYSCALL + 7) / 8];
	size_t n = config_syscall_bitmap(s->syscall_mask | 1ull << SYS_execve, map, sizeof map);

	if (sysfilter(map, n, s->name) < 0)
		fail("cannot install its syscall filter: %s", why());
}

// Its limits: what its description says, else the defaults; a snap with
// the whole namespace (the shell) has only the limits it declares.
static void
set_limits(const struct config_snap *s, uint64_t memory)
{
	struct limits l = {.memory = memory, .procs = SNAP_DEFAULT_PROCS};

	if (whole_namespace(s))
		l.procs = 0;
	if (s->processes > 0)
		l.procs = (uint64_t)s->processes;
	if (l.memory == 0 && l.procs == 0)
		return;
	if (setlimit(&l) < 0)
		fail("cannot set its limits (memory %llu bytes, %llu processes): %s",
		     (unsigned long long)l.memory, (unsigned long long)l.procs, why());
}

// The entry's environment: PATH, HOME, TMPDIR, SNAP, then the manifest's.
static char **
environment(const struct config_snap *s)
{
	size_t n = s->environment.n + 5, k = 0;
	char **env = calloc(n, sizeof *env);

	if (env == NULL)
		fail("out of memory");
	env[k++] = "PATH=/bin";
	env[k++] = "HOME=/data";
	env[k++] = "TMPDIR=/tmp";
	if (asprintf(&env[k++], "SNAP=%s", s->name) < 0)
		fail("out of memory");
	for (size_t i = 0; i < s->environment.n; i++)
		if (asprintf(&env[k++], "%s=%s", s->environment.v[i].name,
		             s->environment.v[i].value) < 0)
			fail("out of memory");
	env[k] = NULL;
	return env;
}

// fds 0-2: a snap that holds the console (capability /dev/cons, or the
// whole namespace) keeps the ones it was given (init gives the console);
// any other reads nothing on 0 and writes 1 and 2 to logfd (init's log
// pipe) when there is one.
static int
holds_console(const struct config_snap *s)
{
	int console = whole_namespace(s);

	for (size_t i = 0; i < s->capabilities.n; i++)
		console |= strcmp(s->capabilities.v[i], "/dev/cons") == 0;
	return console;
}

static void
stdio(const struct config_snap *s, int logfd)
{
	int fd;

	if (!holds_console(s)) {
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0)
			fd = open("#c/null", O_RDONLY);
		if (fd >= 0 && fd != 0) {
			dup2(fd, 0);
			close(fd);
		}
		if (logfd >= 0) {
			dup2(logfd, 1);
			dup2(logfd, 2);
		}
	}
	if (logfd > 2)
		close(logfd);
}

static void
usage(void)
{
	fprintf(stderr, "usage: snaprun [-m DIR] [-r ROOT] [-d MS] [-l FD] NAME\n"
	                "  -m DIR   run the snap of DIR/manifest.toml, tree DIR (no generation)\n"
	                "  -r ROOT  the generation store (default /writable/system)\n"
	                "  -d MS    wait MS milliseconds first (restart backoff)\n"
	                "  -l FD    the snap's log: its fds 1 and 2 unless it holds the console\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *manifest_dir = NULL, *root = "/writable/system";
	struct config_snap s;
	struct generation g;
	char tree[256];
	long delay = 0;
	uint64_t memory;
	int i, logfd = -1;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
			manifest_dir = argv[++i];
		else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			root = argv[++i];
		else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			delay = atol(argv[++i]);
		else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc)
			logfd = atoi(argv[++i]);
		else
			usage();
	}
	if (i != argc - 1)
		usage();
	snapname = argv[i];
	if (delay > 0) {
		struct timespec ts = {delay / 1000, (delay % 1000) * 1000000};

		nanosleep(&ts, NULL);
	}
	memset(&s, 0, sizeof s);
	describe(snapname, manifest_dir, root, &s, &g);
	if (s.name == NULL)
		s.name = strdup(snapname);
	if (s.entry == NULL)
		fail("its description has no entry");
	memory = s.memory ? s.memory : whole_namespace(&s) ? 0 : SNAP_DEFAULT_MEMORY;
	snprintf(tree, sizeof tree, "%s", s.path ? s.path : "");
	if (tree[0] == '\0')
		snprintf(tree, sizeof tree, "/apps/%s", s.name);
	// Its own note group (init stops it with kill(-pid)) unless it holds
	// the console, whose Ctrl-C goes to init's note group; its own
	// namespace (a copy to build in).
	if (rfork(holds_console(&s) ? RFNAMEG : RFNOTEG | RFNAMEG) < 0)
		fail("rfork: %s", why());
	set_limits(&s, memory);
	stdio(&s, logfd);
	if (!whole_namespace(&s)) {
		check_capabilities(&s);
		build_namespace(&s, tree, memory);
		if (rfork(RFNOMNT) < 0)
			fail("cannot seal its namespace: %s", why());
	}
	install_filter(&s);
	char *args[] = {s.entry, NULL};
	execve(s.entry, args, environment(&s));
	fail("cannot run its entry %s: %s", s.entry, why());
}
