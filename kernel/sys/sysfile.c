// kernel/sys/sysfile.c: file and namespace system calls: open, create,
// read, write, pread, pwrite, seek, stat, fstat, wstat, fwstat, remove,
// close, dup, dup2, chdir, getcwd, fd2path, pipe, bind, mount, unmount.
// Paths are resolved in the caller's namespace (ns/ns.c); every failure
// sets the error string as "CALL PATH: why".
#include "9p/fcall.h"
#include "sys/sys.h"

#define IOCHUNK PGSIZE
// read and write bounce through one kpage_alloc page.
_Static_assert(IOCHUNK <= PGSIZE, "the bounce buffer of read and write is one page");
#define CAPPEND 0x10 // chan flag: writes go to the end (O_APPEND)

// Copy a user path into buf (NSPATH bytes).
static int
getpath(struct proc *p, uint64_t upath, char *buf, const char *call)
{
	int r = copyinstr(&p->as, buf, upath, NSPATH);

	if (r == -ENAMETOOLONG)
		return (int)seterr(p, r, "%s: path longer than %d bytes", call, NSPATH - 1);
	if (r < 0)
		return (int)seterr(p, -EFAULT, "%s: bad address 0x%llx for the path", call,
		                   (unsigned long long)upath);
	return 0;
}

static struct chan *
fdget(struct proc *p, int64_t fd)
{
	if (fd < 0 || fd >= NFD)
		return NULL;
	return p->fds->fd[fd];
}

static int
fdalloc(struct proc *p, struct chan *c, int cloexec)
{
	for (int i = 0; i < NFD; i++) {
		if (p->fds->fd[i] == NULL) {
			p->fds->fd[i] = c;
			p->fds->cloexec[i] = (uint8_t)(cloexec != 0);
			return i;
		}
	}
	return -EMFILE;
}

static int
readable(struct chan *c)
{
	return (c->mode & 3) == O_RDONLY || (c->mode & 3) == O_RDWR;
}

static int
writable(struct chan *c)
{
	return (c->mode & 3) == O_WRONLY || (c->mode & 3) == O_RDWR;
}

// Open the walked chan *cp for mode (O_RDONLY, O_WRONLY or O_RDWR); the
// device may hand back another chan (srv).
static int
chanopen(struct chan **cp, struct mhead *mh, int mode, char *why)
{
	struct chan *c = *cp, *nc = NULL;
	int r;

	if ((mode & 3) == 3)
		return fmt(why, ERRMAX, "bad open mode %d", mode & 3), -EINVAL;
	if ((c->qid.type & QTDIR) && (mode & 3) != O_RDONLY)
		return fmt(why, ERRMAX, "is a directory"), -EISDIR;
	if (c->dev->open && (r = c->dev->open(c, mode & 3, &nc, why)) < 0)
		return r;
	if (nc) {
		chan_put(c);
		*cp = nc;
		return 0;
	}
	if ((c->qid.type & QTDIR) && (r = ns_opendir(c, mh, why)) < 0)
		return r;
	c->mode = mode & 3;
	c->flags |= COPEN;
	c->off = 0;
	return 0;
}

// The last element of path and, in dir, the rest.
static int
splitpath(const char *full, char *dir, char *elem, char *why)
{
	const char *slash = NULL;

	for (const char *s = full; *s; s++)
		if (*s == '/')
			slash = s;
	if (slash == NULL || slash[1] == '\0') {
		fmt(why, ERRMAX, "cannot create the root of a namespace or device");
		return -EEXIST;
	}
	if (strlen(slash + 1) >= NSNAME)
		return fmt(why, ERRMAX, "name longer than %d bytes", NSNAME - 1), -ENAMETOOLONG;
	strlcpy(elem, slash + 1, NSNAME);
	memcpy(dir, full, (size_t)(slash - full));
	dir[slash - full] = '\0';
	if (dir[0] == '\0')
		strlcpy(dir, "/", NSPATH);
	return 0;
}

// Create elem in directory dir (the first MCREATE member of a union).
static int
docreate(struct proc *p, const char *full, int flags, uint32_t perm, struct chan **cp, char *why)
{
	char dir[NSPATH], elem[NSNAME];
	struct chan *d, *target;
	struct mhead *mh;
	int r;

	if ((r = splitpath(full, dir, elem, why)) < 0)
		return r;
	if ((r = namec(p, dir, 0, &d, &mh, why)) < 0)
		return r;
	target = d;
	if (mh && mh->n > 1) {
		target = NULL;
		for (int i = 0; i < mh->n && target == NULL; i++)
			if (mh->m[i].flags & MCREATE)
				target = mh->m[i].to;
		if (target == NULL) {
			fmt(why, ERRMAX, "no member of the union at %s takes new files (bind -c)",
			    dir);
			chan_put(d);
			return -EACCES;
		}
	}
	if (!(target->qid.type & QTDIR)) {
		fmt(why, ERRMAX, "'%s' is not a directory", dir);
		chan_put(d);
		return -ENOTDIR;
	}
	if (target->dev->create == NULL) {
		fmt(why, ERRMAX, "files cannot be created in %s ('#%c')", dir, target->dev->dc);
		chan_put(d);
		return -EACCES;
	}
	struct chan *c = chan_clone(target);

	chan_put(d);
	if (c == NULL)
		return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	r = c->dev->create(c, elem, flags & 3, perm, why);
	if (r < 0) {
		chan_put(c);
		return r;
	}
	strlcpy(c->path, full, NSPATH);
	c->mode = flags & 3;
	c->flags |= COPEN;
	*cp = c;
	return 0;
}

// open and create: an fd for path.
static int64_t
doopen(struct proc *p, uint64_t upath, int flags, uint32_t perm, int create, const char *call)
{
	char path[NSPATH], full[NSPATH], why[ERRMAX];
	struct chan *c = NULL;
	struct mhead *mh;
	int r, fd;

	if ((r = getpath(p, upath, path, call)) < 0)
		return r;
	if (flags & ~(3 | O_CREAT | O_TRUNC | O_EXCL | O_APPEND | O_DIRECTORY | O_CLOEXEC))
		return seterr(p, -EINVAL, "%s %s: unknown flags 0x%x", call, path, flags);
	if ((r = ns_fullname(p, path, full, why)) < 0)
		return seterr(p, r, "%s %s: %s", call, path, why);
	r = namec(p, full, 0, &c, &mh, why);
	if (r == 0 && create && (flags & O_EXCL)) {
		chan_put(c);
		return seterr(p, -EEXIST, "%s %s: it already exists", call, path);
	}
	if (r == -ENOENT && create)
		r = docreate(p, full, flags, perm, &c, why);
	else if (r == 0)
		r = chanopen(&c, mh, flags, why);
	if (r < 0) {
		if (c)
			chan_put(c);
		return seterr(p, r, "%s %s: %s", call, path, why);
	}
	if ((flags & O_DIRECTORY) && !(c->qid.type & QTDIR)) {
		chan_put(c);
		return seterr(p, -ENOTDIR, "%s %s: not a directory", call, path);
	}
	if ((flags & O_TRUNC) && !(c->qid.type & QTDIR) && writable(c) && c->dev->wstat) {
		struct kdir d;

		memset(&d, 0, sizeof d);
		d.mode = ~0u;
		d.mtime = ~0u;
		if ((r = c->dev->wstat(c, &d, why)) < 0) {
			chan_put(c);
			return seterr(p, r, "%s %s: truncating: %s", call, path, why);
		}
	}
	if (flags & O_APPEND)
		c->flags |= CAPPEND;
	fd = fdalloc(p, c, flags & O_CLOEXEC);
	if (fd < 0) {
		chan_put(c);
		return seterr(p, fd, "%s %s: no free fd (%d are open)", call, path, NFD);
	}
	return fd;
}

SYSCALL(sys_open)
{
	int flags = (int)tf->rsi;

	return doopen(p, tf->rdi, flags, (uint32_t)tf->rdx, (flags & O_CREAT) != 0, "open");
}

SYSCALL(sys_create)
{
	return doopen(p, tf->rdi, (int)tf->rsi | O_CREAT, (uint32_t)tf->rdx, 1, "create");
}

static int64_t
badfd(struct proc *p, const char *call, int64_t fd)
{
	return seterr(p, -EBADF, "%s: fd %lld is not open", call, (long long)fd);
}

// Read up to n bytes at off into user memory ubuf.
static int64_t
doread(struct proc *p, int64_t fd, uint64_t ubuf, uint64_t n, int64_t off, int pos,
       const char *call)
{
	struct chan *c = fdget(p, fd);
	uint64_t got = 0, o;
	char why[ERRMAX];
	uint8_t *b;
	int64_t r = 0;

	if (c == NULL)
		return badfd(p, call, fd);
	if (!readable(c))
		return seterr(p, -EBADF, "%s: fd %lld (%s) is not open for reading", call,
		              (long long)fd, c->path);
	if (pos && off < 0)
		return seterr(p, -EINVAL, "%s %s: negative offset %lld", call, c->path,
		              (long long)off);
	if (!uaccess_ok(&p->as, ubuf, n, 1))
		return seterr(p, -EFAULT, "%s: bad address 0x%llx (length %llu)", call,
		              (unsigned long long)ubuf, (unsigned long long)n);
	if (n == 0)
		return 0;
	if ((b = kpage_alloc()) == NULL)
		return seterr(p, -ENOMEM, "%s %s: out of kernel memory", call, c->path);
	o = pos ? (uint64_t)off : c->off;
	chan_incref(c);
	while (got < n) {
		uint64_t chunk = n - got < IOCHUNK ? n - got : IOCHUNK;

		if (c->qid.type & QTDIR)
			r = ns_dirread(c, b, chunk, o + got, why);
		else if (c->dev->read == NULL)
			r = (fmt(why, ERRMAX, "cannot be read"), -EINVAL);
		else
			r = c->dev->read(c, b, chunk, o + got, why);
		if (r < 0)
			break;
		if (r > 0 && copyout(&p->as, ubuf + got, b, (uint64_t)r) < 0) {
			r = -EFAULT;
			fmt(why, ERRMAX, "bad address 0x%llx", (unsigned long long)(ubuf + got));
			break;
		}
		got += (uint64_t)r;
		if (c->dev->stream || (c->qid.type & QTDIR) || (uint64_t)r < chunk)
			break;
	}
	if (!pos)
		c->off = o + got;
	kpage_free(b);
	chan_put(c);
	if (got == 0 && r < 0)
		return seterr(p, r, "%s %s: %s", call, c->path, why);
	return (int64_t)got;
}

static int64_t
filelength(struct chan *c, uint64_t *len, char *why)
{
	struct kdir d;
	int r;

	memset(&d, 0, sizeof d);
	if (c->dev->stat == NULL)
		return fmt(why, ERRMAX, "has no length"), -ESPIPE;
	if ((r = c->dev->stat(c, &d, why)) < 0)
		return r;
	*len = d.length;
	return 0;
}

static int64_t
dowrite(struct proc *p, int64_t fd, uint64_t ubuf, uint64_t n, int64_t off, int pos,
        const char *call)
{
	struct chan *c = fdget(p, fd);
	uint64_t done = 0, o;
	char why[ERRMAX];
	uint8_t *b;
	int64_t r = 0;

	if (c == NULL)
		return badfd(p, call, fd);
	if (!writable(c))
		return seterr(p, -EBADF, "%s: fd %lld (%s) is not open for writing", call,
		              (long long)fd, c->path);
	if (pos && off < 0)
		return seterr(p, -EINVAL, "%s %s: negative offset %lld", call, c->path,
		              (long long)off);
	if (!uaccess_ok(&p->as, ubuf, n, 0))
		return seterr(p, -EFAULT, "%s: bad address 0x%llx (length %llu)", call,
		              (unsigned long long)ubuf, (unsigned long long)n);
	if (c->dev->write == NULL)
		return seterr(p, -EACCES, "%s %s: cannot be written", call, c->path);
	if (n == 0)
		return 0;
	if ((b = kpage_alloc()) == NULL)
		return seterr(p, -ENOMEM, "%s %s: out of kernel memory", call, c->path);
	o = pos ? (uint64_t)off : c->off;
	chan_incref(c);
	if (!pos && (c->flags & CAPPEND) && filelength(c, &o, why) < 0)
		o = c->off;
	while (done < n) {
		uint64_t chunk = n - done < IOCHUNK ? n - done : IOCHUNK;

		if (copyin(&p->as, b, ubuf + done, chunk) < 0) {
			r = -EFAULT;
			fmt(why, ERRMAX, "bad address 0x%llx", (unsigned long long)(ubuf + done));
			break;
		}
		r = c->dev->write(c, b, chunk, o + done, why);
		if (r < 0)
			break;
		done += (uint64_t)r;
		if ((uint64_t)r < chunk)
			break;
	}
	if (!pos)
		c->off = o + done;
	kpage_free(b);
	chan_put(c);
	if (done == 0 && r < 0)
		return seterr(p, r, "%s %s: %s", call, c->path, why);
	return (int64_t)done;
}

SYSCALL(sys_read)
{
	return doread(p, (int32_t)tf->rdi, tf->rsi, tf->rdx, 0, 0, "read");
}

SYSCALL(sys_pread)
{
	return doread(p, (int32_t)tf->rdi, tf->rsi, tf->rdx, (int64_t)tf->r10, 1, "pread");
}

SYSCALL(sys_write)
{
	return dowrite(p, (int32_t)tf->rdi, tf->rsi, tf->rdx, 0, 0, "write");
}

SYSCALL(sys_pwrite)
{
	return dowrite(p, (int32_t)tf->rdi, tf->rsi, tf->rdx, (int64_t)tf->r10, 1, "pwrite");
}

SYSCALL(sys_seek)
{
	int64_t fd = (int32_t)tf->rdi, off = (int64_t)tf->rsi, base;
	int whence = (int)tf->rdx;
	struct chan *c = fdget(p, fd);
	char why[ERRMAX];
	uint64_t len;
	int64_t r;

	if (c == NULL)
		return badfd(p, "seek", fd);
	if (c->dev->stream)
		return seterr(p, -ESPIPE, "seek %s: a stream has no position", c->path);
	if (c->qid.type & QTDIR) {
		if (whence != SEEK_SET || off != 0)
			return seterr(p, -ESPIPE, "seek %s: a directory can only be rewound to 0",
			              c->path);
		c->off = 0;
		return 0;
	}
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)c->off;
		break;
	case SEEK_END:
		if ((r = filelength(c, &len, why)) < 0)
			return seterr(p, r, "seek %s: %s", c->path, why);
		base = (int64_t)len;
		break;
	default:
		return seterr(p, -EINVAL, "seek %s: bad whence %d", c->path, whence);
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return seterr(p, -EINVAL, "seek %s: offset %lld from %lld is out of range", c->path,
		              (long long)off, (long long)base);
	c->off = (uint64_t)(base + off);
	return (int64_t)c->off;
}

// Stat c into the user buffer ubuf (n bytes): the entry's size, or the
// size needed (copying nothing) if n is too small.
static int64_t
dostat(struct proc *p, struct chan *c, uint64_t ubuf, uint64_t n, const char *call,
       const char *name)
{
	uint8_t buf[P9_STATFIXED + 4 * NSNAME];
	struct kdir d;
	char why[ERRMAX];
	int64_t r;

	memset(&d, 0, sizeof d);
	if (c->dev->stat == NULL)
		return seterr(p, -EACCES, "%s %s: cannot be examined", call, name);
	if ((r = c->dev->stat(c, &d, why)) < 0)
		return seterr(p, r, "%s %s: %s", call, name, why);
	d.qid.type = c->qid.type;
	r = kdir_pack(&d, buf, sizeof buf);
	if (r < 0)
		return seterr(p, r, "%s %s: cannot encode its stat entry", call, name);
	if ((uint64_t)r > n)
		return r;
	if (copyout(&p->as, ubuf, buf, (uint64_t)r) < 0)
		return seterr(p, -EFAULT, "%s: bad address 0x%llx (length %llu)", call,
		              (unsigned long long)ubuf, (unsigned long long)n);
	return r;
}

// What stat and wstat do to a chan, with the user buffer in rsi and rdx.
typedef int64_t (*statop)(struct proc *, struct chan *, uint64_t, uint64_t, const char *,
                          const char *);

// The path variant of a stat-like call: rdi names the file.
static int64_t
onpath(struct proc *p, struct trapframe *tf, const char *call, statop op)
{
	char path[NSPATH], why[ERRMAX];
	struct chan *c;
	int64_t r;

	if ((r = getpath(p, tf->rdi, path, call)) < 0)
		return r;
	if ((r = namec(p, path, 0, &c, NULL, why)) < 0)
		return seterr(p, r, "%s %s: %s", call, path, why);
	r = op(p, c, tf->rsi, tf->rdx, call, path);
	chan_put(c);
	return r;
}

// The fd variant of a stat-like call: rdi is the descriptor.
static int64_t
onfd(struct proc *p, struct trapframe *tf, const char *call, statop op)
{
	struct chan *c = fdget(p, (int32_t)tf->rdi);

	if (c == NULL)
		return badfd(p, call, (int32_t)tf->rdi);
	return op(p, c, tf->rsi, tf->rdx, call, c->path);
}

SYSCALL(sys_stat)
{
	return onpath(p, tf, "stat", dostat);
}

SYSCALL(sys_fstat)
{
	return onfd(p, tf, "fstat", dostat);
}

static int64_t
dowstat(struct proc *p, struct chan *c, uint64_t ubuf, uint64_t n, const char *call,
        const char *name)
{
	uint8_t buf[P9_STATFIXED + 4 * NSNAME + 1024];
	struct kdir d;
	char why[ERRMAX];
	int r;

	if (n > sizeof buf)
		return seterr(p, -EINVAL, "%s %s: stat entry of %llu bytes is too long", call, name,
		              (unsigned long long)n);
	if (copyin(&p->as, buf, ubuf, n) < 0)
		return seterr(p, -EFAULT, "%s: bad address 0x%llx (length %llu)", call,
		              (unsigned long long)ubuf, (unsigned long long)n);
	if ((r = kdir_unpack(buf, n, &d, why)) < 0)
		return seterr(p, r, "%s %s: %s", call, name, why);
	if (c->dev->wstat == NULL)
		return seterr(p, -EACCES, "%s %s: files of '#%c' cannot be changed", call, name,
		              c->dev->dc);
	if ((r = c->dev->wstat(c, &d, why)) < 0)
		return seterr(p, r, "%s %s: %s", call, name, why);
	return 0;
}

SYSCALL(sys_wstat)
{
	return onpath(p, tf, "wstat", dowstat);
}

SYSCALL(sys_fwstat)
{
	return onfd(p, tf, "fwstat", dowstat);
}

SYSCALL(sys_remove)
{
	char path[NSPATH], why[ERRMAX];
	struct chan *c;
	int64_t r;

	if ((r = getpath(p, tf->rdi, path, "remove")) < 0)
		return r;
	if ((r = namec(p, path, 0, &c, NULL, why)) < 0)
		return seterr(p, r, "remove %s: %s", path, why);
	if (c->dev->remove == NULL)
		r = (fmt(why, ERRMAX, "files of '#%c' cannot be removed", c->dev->dc), -EACCES);
	else
		r = c->dev->remove(c, why);
	chan_put(c);
	if (r < 0)
		return seterr(p, r, "remove %s: %s", path, why);
	return 0;
}

SYSCALL(sys_close)
{
	int64_t fd = (int32_t)tf->rdi;
	struct chan *c = fdget(p, fd);

	if (c == NULL)
		return badfd(p, "close", fd);
	p->fds->fd[fd] = NULL;
	p->fds->cloexec[fd] = 0;
	chan_put(c);
	return 0;
}

SYSCALL(sys_dup)
{
	int64_t fd = (int32_t)tf->rdi;
	struct chan *c = fdget(p, fd);
	int r;

	if (c == NULL)
		return badfd(p, "dup", fd);
	if ((r = fdalloc(p, c, 0)) < 0)
		return seterr(p, r, "dup: no free fd (%d are open)", NFD);
	chan_incref(c);
	return r;
}

SYSCALL(sys_dup2)
{
	int64_t fd = (int32_t)tf->rdi, nfd = (int32_t)tf->rsi;
	struct chan *c = fdget(p, fd), *old;

	if (c == NULL)
		return badfd(p, "dup2", fd);
	if (nfd < 0 || nfd >= NFD)
		return seterr(p, -EBADF, "dup2: fd %lld is out of range (0-%d)", (long long)nfd,
		              NFD - 1);
	if (nfd == fd)
		return nfd;
	old = p->fds->fd[nfd];
	chan_incref(c);
	p->fds->fd[nfd] = c;
	p->fds->cloexec[nfd] = 0;
	chan_put(old);
	return nfd;
}

SYSCALL(sys_chdir)
{
	char path[NSPATH], why[ERRMAX];
	struct chan *c;
	int64_t r;

	if ((r = getpath(p, tf->rdi, path, "chdir")) < 0)
		return r;
	if ((r = namec(p, path, 0, &c, NULL, why)) < 0)
		return seterr(p, r, "chdir %s: %s", path, why);
	if (!(c->qid.type & QTDIR)) {
		chan_put(c);
		return seterr(p, -ENOTDIR, "chdir %s: not a directory", path);
	}
	chan_put(p->dot);
	p->dot = c;
	return 0;
}

static int64_t
copyname(struct proc *p, const char *name, uint64_t ubuf, uint64_t n, const char *call)
{
	uint64_t len = strlen(name);

	if (n < len + 1)
		return seterr(p, -ERANGE, "%s: buffer of %llu bytes is too small (%llu needed)",
		              call, (unsigned long long)n, (unsigned long long)len + 1);
	if (copyout(&p->as, ubuf, name, len + 1) < 0)
		return seterr(p, -EFAULT, "%s: bad address 0x%llx (length %llu)", call,
		              (unsigned long long)ubuf, (unsigned long long)n);
	return (int64_t)len;
}

SYSCALL(sys_getcwd)
{
	return copyname(p, p->dot->path, tf->rdi, tf->rsi, "getcwd");
}

SYSCALL(sys_fd2path)
{
	struct chan *c = fdget(p, (int32_t)tf->rdi);
	int64_t r;

	if (c == NULL)
		return badfd(p, "fd2path", (int32_t)tf->rdi);
	r = copyname(p, c->path, tf->rsi, tf->rdx, "fd2path");
	return r < 0 ? r : 0;
}

SYSCALL(sys_pipe)
{
	struct chan *c[2];
	char why[ERRMAX];
	int32_t fds[2];
	int r;

	if (!uaccess_ok(&p->as, tf->rdi, sizeof fds, 1))
		return seterr(p, -EFAULT, "pipe: bad address 0x%llx", (unsigned long long)tf->rdi);
	if ((r = pipe_new(&c[0], &c[1], why)) < 0)
		return seterr(p, r, "pipe: %s", why);
	fds[0] = fdalloc(p, c[0], 0);
	fds[1] = fds[0] < 0 ? -EMFILE : fdalloc(p, c[1], 0);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			p->fds->fd[fds[0]] = NULL;
		chan_put(c[0]);
		chan_put(c[1]);
		return seterr(p, -EMFILE, "pipe: no free fds (%d are open)", NFD);
	}
	if (copyout(&p->as, tf->rdi, fds, sizeof fds) < 0) {
		p->fds->fd[fds[0]] = p->fds->fd[fds[1]] = NULL;
		chan_put(c[0]);
		chan_put(c[1]);
		return seterr(p, -EFAULT, "pipe: bad address 0x%llx", (unsigned long long)tf->rdi);
	}
	return 0;
}

static int
checkflags(struct proc *p, int flags, const char *call)
{
	if (flags & ~(MORDER | MCREATE) || (flags & MORDER) == MORDER)
		return (int)seterr(p, -EINVAL, "%s: bad flags 0x%x", call, flags);
	if (p->pgrp->nomnt)
		return (int)seterr(p, -EPERM,
		                   "%s: this process may not change its namespace (RFNOMNT)", call);
	return 0;
}

SYSCALL(sys_bind)
{
	char new[NSPATH], old[NSPATH], why[ERRMAX];
	int flags = (int)tf->rdx, r;

	if ((r = checkflags(p, flags, "bind")) < 0 || (r = getpath(p, tf->rdi, new, "bind")) < 0 ||
	    (r = getpath(p, tf->rsi, old, "bind")) < 0)
		return r;
	if ((r = ns_bindnames(p, new, old, flags, why)) < 0)
		return seterr(p, r, "bind %s %s: %s", new, old, why);
	return 0;
}

// mount(fd, afd, old, flags, aname): the 9P server on fd's other end
// serves the tree mounted at old (ns/devmnt.c). afd must be -1: there is
// no authentication.
SYSCALL(sys_mount)
{
	char old[NSPATH], aname[NSNAME] = "", why[ERRMAX];
	int flags = (int)tf->r10, r;
	struct chan *t = fdget(p, (int32_t)tf->rdi), *o, *root;

	if ((r = checkflags(p, flags, "mount")) < 0 || (r = getpath(p, tf->rdx, old, "mount")) < 0)
		return r;
	if (t == NULL)
		return seterr(p, -EBADF, "mount %s: fd %d is not open", old, (int32_t)tf->rdi);
	if ((t->mode & 3) != O_RDWR)
		return seterr(p, -EBADF, "mount %s: fd %d (%s) is not open for reading and writing",
		              old, (int32_t)tf->rdi, t->path);
	// Only a pipe can carry 9P for now: its reads honour the RPC deadline.
	if (t->dev->dc != '|')
		return seterr(p, -EINVAL, "mount %s: fd %d (%s) is not a pipe to a 9P server", old,
		              (int32_t)tf->rdi, t->path);
	if ((int32_t)tf->rsi != -1)
		return seterr(p, -EINVAL, "mount %s: afd must be -1 (no authentication)", old);
	if (tf->r8 && (r = copyinstr(&p->as, aname, tf->r8, sizeof aname)) < 0)
		return seterr(p, r == -ENAMETOOLONG ? r : -EFAULT, "mount %s: bad attach name",
		              old);
	if ((r = namec(p, old, NC_COVERED, &o, NULL, why)) < 0)
		return seterr(p, r, "mount %s: %s", old, why);
	r = mnt_attach(t, aname, o->path, &root, why);
	if (r < 0) {
		chan_put(o);
		return seterr(p, r, "mount %s on %s: %s", t->path, old, why);
	}
	strlcpy(root->path, o->path, NSPATH);
	r = ns_bind(p->pgrp, root, o, flags, why);
	chan_put(root);
	chan_put(o);
	if (r < 0)
		return seterr(p, r, "mount %s on %s: %s", t->path, old, why);
	return 0;
}

SYSCALL(sys_unmount)
{
	char new[NSPATH], old[NSPATH], why[ERRMAX];
	struct chan *n = NULL, *o;
	int r;

	if (p->pgrp->nomnt)
		return seterr(p, -EPERM,
		              "unmount: this process may not change its namespace (RFNOMNT)");
	if ((tf->rdi && (r = getpath(p, tf->rdi, new, "unmount")) < 0) ||
	    (r = getpath(p, tf->rsi, old, "unmount")) < 0)
		return r;
	if (tf->rdi && (r = namec(p, new, 0, &n, NULL, why)) < 0)
		return seterr(p, r, "unmount %s: %s", new, why);
	if ((r = namec(p, old, NC_COVERED, &o, NULL, why)) < 0) {
		chan_put(n);
		return seterr(p, r, "unmount %s: %s", old, why);
	}
	r = ns_unmount(p->pgrp, n, o, why);
	chan_put(n);
	chan_put(o);
	if (r < 0)
		return seterr(p, r, "unmount %s: %s", old, why);
	return 0;
}

SYSCALL(sys_sendto)
{
	(void)tf;
	return seterr(p, -ENOSYS, "sendto: no network until /net lands");
}

SYSCALL(sys_recvfrom)
{
	(void)tf;
	return seterr(p, -ENOSYS, "recvfrom: no network until /net lands");
}
