// kernel/ns/ns.c: namespaces. A pgrp maps mount points (chans) to ordered
// lists of chans; name resolution walks a cleaned path from the root (or a
// '#' device), replacing each mount point by its first member and trying
// the members of a union in order for the next element. ".." is resolved
// lexically on the name before walking, so a process cannot climb out of a
// bound subtree. Directory reads of a union merge the members in order,
// dropping names an earlier member already has.
#include "defs.h"

struct pgrp *
pgrp_new(void)
{
	struct pgrp *g = kzalloc(sizeof *g);

	if (g)
		g->ref = 1;
	return g;
}

static void
mh_free(struct mhead *h)
{
	chan_put(h->from);
	for (int i = 0; i < h->n; i++)
		chan_put(h->m[i].to);
	kfree(h);
}

void
pgrp_put(struct pgrp *g)
{
	if (g == NULL || --g->ref > 0)
		return;
	for (int i = 0; i < NMOUNTS; i++)
		if (g->mh[i])
			mh_free(g->mh[i]);
	kfree(g);
}

// A copy of g's mount table (RFNAMEG); NULL when out of memory.
struct pgrp *
pgrp_copy(struct pgrp *g)
{
	struct pgrp *n = pgrp_new();

	if (n == NULL)
		return NULL;
	n->nomnt = g->nomnt;
	for (int i = 0; i < NMOUNTS; i++) {
		struct mhead *h = g->mh[i];

		if (h == NULL)
			continue;
		n->mh[i] = kmalloc(sizeof *h);
		if (n->mh[i] == NULL) {
			pgrp_put(n);
			return NULL;
		}
		*n->mh[i] = *h;
		chan_incref(h->from);
		for (int j = 0; j < h->n; j++)
			chan_incref(h->m[j].to);
	}
	return n;
}

static struct mhead *
mh_lookup(struct pgrp *g, struct chan *c)
{
	for (int i = 0; i < NMOUNTS; i++)
		if (g->mh[i] && chan_same(g->mh[i]->from, c))
			return g->mh[i];
	return NULL;
}

// If c is a mount point, replace it by (a clone of) its first member,
// keeping the name; *mh is the mount point or NULL.
static int
domount(struct pgrp *g, struct chan **c, struct mhead **mh, char *why)
{
	struct mhead *h = mh_lookup(g, *c);
	struct chan *n;

	*mh = h;
	if (h == NULL)
		return 0;
	n = chan_clone(h->m[0].to);
	if (n == NULL)
		return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
	memcpy(n->path, (*c)->path, sizeof n->path);
	chan_put(*c);
	*c = n;
	return 0;
}

// Walk a clone of c to elem; NULL if it does not exist there.
static struct chan *
walk1(struct chan *c, const char *elem, int *err, char *why)
{
	struct chan *n = chan_clone(c);

	if (n == NULL) {
		*err = -ENOMEM;
		fmt(why, ERRMAX, "out of kernel memory");
		return NULL;
	}
	*err = c->dev->walk(n, elem, why);
	if (*err < 0) {
		chan_put(n);
		return NULL;
	}
	return n;
}

static void
appendpath(char *path, const char *elem)
{
	size_t l = strlen(path);

	if (l > 0 && path[l - 1] != '/')
		path[l++] = '/';
	strlcpy(path + l, elem, NSPATH - l);
}

// The cleaned absolute (or '#') form of name for p, in out.
int
ns_fullname(struct proc *p, const char *name, char *out, char *why)
{
	size_t need;

	if (name[0] == '\0') {
		fmt(why, ERRMAX, "empty path");
		return -ENOENT;
	}
	if (name[0] == '/' || name[0] == '#')
		need = strlen(name);
	else
		need = strlen(p->dot->path) + 1 + strlen(name);
	if (need >= NSPATH) {
		fmt(why, ERRMAX, "path longer than %d bytes", NSPATH - 1);
		return -ENAMETOOLONG;
	}
	if (name[0] == '/' || name[0] == '#')
		strlcpy(out, name, NSPATH);
	else {
		strlcpy(out, p->dot->path, NSPATH);
		appendpath(out, name);
	}
	cleanname(out);
	return 0;
}

// The start of a walk: the namespace root, or the device a '#' name names.
// Returns the number of bytes of full consumed.
static int
walkstart(struct proc *p, const char *full, struct chan **c, char *why)
{
	char spec[NSNAME];
	int i = 2, r;

	if (full[0] != '#') {
		r = chan_attach('/', "", c, why);
		if (r == 0)
			strlcpy((*c)->path, "/", NSPATH);
		return r < 0 ? r : 1;
	}
	if (p->pgrp->nomnt) {
		fmt(why, ERRMAX, "'#' device names are not available (RFNOMNT)");
		return -ENOENT;
	}
	if (full[1] == '\0') {
		fmt(why, ERRMAX, "'#' without a device letter");
		return -ENOENT;
	}
	while (full[i] && full[i] != '/' && i - 2 < NSNAME - 1)
		i++;
	memcpy(spec, full + 2, (size_t)(i - 2));
	spec[i - 2] = '\0';
	r = chan_attach(full[1], spec, c, why);
	if (r < 0)
		return r;
	memcpy((*c)->path, full, (size_t)i);
	(*c)->path[i] = '\0';
	return i;
}

// Resolve name in p's namespace. On success *cp is the file's chan (for a
// mount point, its first member) named by the cleaned full path, and *mhp
// (if not NULL) the mount point when the file is one. With NC_COVERED the
// last element is not replaced by what is mounted on it (bind, mount and
// unmount name the mount point itself).
int
namec(struct proc *p, const char *name, int flags, struct chan **cp, struct mhead **mhp, char *why)
{
	char full[NSPATH], elem[NSNAME];
	struct chan *c;
	struct mhead *mh;
	int r, i;

	if ((r = ns_fullname(p, name, full, why)) < 0)
		return r;
	if ((i = walkstart(p, full, &c, why)) < 0)
		return i;
	mh = NULL;
	if (!(flags & NC_COVERED) || full[i] != '\0')
		if ((r = domount(p->pgrp, &c, &mh, why)) < 0)
			goto fail;
	while (full[i]) {
		struct chan *n = NULL;
		int j = 0;

		while (full[i] == '/')
			i++;
		if (full[i] == '\0')
			break;
		while (full[i] && full[i] != '/') {
			if (j == NSNAME - 1) {
				fmt(why, ERRMAX, "a name in the path is longer than %d bytes",
				    NSNAME - 1);
				r = -ENAMETOOLONG;
				goto fail;
			}
			elem[j++] = full[i++];
		}
		elem[j] = '\0';
		if (!(c->qid.type & QTDIR)) {
			fmt(why, ERRMAX, "'%s' is not a directory", c->path);
			r = -ENOTDIR;
			goto fail;
		}
		if (mh) {
			for (int k = 0; k < mh->n && n == NULL; k++)
				n = walk1(mh->m[k].to, elem, &r, why);
		} else
			n = walk1(c, elem, &r, why);
		if (n == NULL) {
			if (r == -ENOENT)
				fmt(why, ERRMAX, "'%s' does not exist in %s", elem, c->path);
			goto fail;
		}
		memcpy(n->path, c->path, sizeof n->path);
		appendpath(n->path, elem);
		chan_put(c);
		c = n;
		mh = NULL;
		while (full[i] == '/')
			i++;
		if (full[i] == '\0' && (flags & NC_COVERED))
			break;
		if ((r = domount(p->pgrp, &c, &mh, why)) < 0)
			goto fail;
	}
	*cp = c;
	if (mhp)
		*mhp = mh;
	return 0;
fail:
	chan_put(c);
	return r;
}

// Add new at the mount point old (flags MREPL, MBEFORE, MAFTER | MCREATE).
// Both chans are borrowed.
int
ns_bind(struct pgrp *g, struct chan *new, struct chan *old, int flags, char *why)
{
	struct mhead *h = mh_lookup(g, old);
	int slot = -1;

	if ((old->qid.type & QTDIR) != (new->qid.type &QTDIR)) {
		fmt(why, ERRMAX, "%s and %s are not both directories or both files", new->path,
		    old->path);
		return -EINVAL;
	}
	if ((flags & MORDER) != MREPL && !(old->qid.type & QTDIR)) {
		fmt(why, ERRMAX, "a union needs directories");
		return -EINVAL;
	}
	if (h == NULL || (flags & MORDER) == MREPL) {
		// Replacing a mount point reuses its slot; a new one takes a free one.
		for (int i = 0; i < NMOUNTS && slot < 0; i++)
			if (h ? g->mh[i] == h : g->mh[i] == NULL)
				slot = i;
		if (slot < 0) {
			fmt(why, ERRMAX, "mount table full (%d mount points)", NMOUNTS);
			return -ENOSPC;
		}
		struct mhead *n = kzalloc(sizeof *n);

		if (n == NULL)
			return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
		n->from = chan_clone(old);
		if (n->from == NULL) {
			kfree(n);
			return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
		}
		// The covered file itself stays a member behind a union.
		n->m[0].to = new;
		n->m[0].flags = flags & MCREATE;
		n->n = 1;
		chan_incref(new);
		if ((flags & MORDER) != MREPL) {
			n->m[1].to = chan_clone(old);
			if (n->m[1].to == NULL) {
				mh_free(n);
				return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
			}
			n->n = 2;
			if ((flags & MORDER) == MAFTER) {
				struct mount t = n->m[0];

				n->m[0] = n->m[1];
				n->m[1] = t;
			}
		}
		if (h)
			mh_free(h);
		g->mh[slot] = n;
		return 0;
	}
	if (h->n == NUNION) {
		fmt(why, ERRMAX, "union at %s full (%d members)", old->path, NUNION);
		return -ENOSPC;
	}
	if ((flags & MORDER) == MBEFORE) {
		memmove(&h->m[1], &h->m[0], (size_t)h->n * sizeof h->m[0]);
		h->m[0].to = new;
		h->m[0].flags = flags & MCREATE;
	} else {
		h->m[h->n].to = new;
		h->m[h->n].flags = flags & MCREATE;
	}
	h->n++;
	chan_incref(new);
	return 0;
}

// Remove new (or, if new is NULL, everything) from the mount point
// oldfrom (resolved with NC_COVERED).
int
ns_unmount(struct pgrp *g, struct chan *new, struct chan *oldfrom, char *why)
{
	struct mhead *h = NULL;
	int slot;

	for (slot = 0; slot < NMOUNTS; slot++)
		if (g->mh[slot] && chan_same(g->mh[slot]->from, oldfrom)) {
			h = g->mh[slot];
			break;
		}
	if (h == NULL) {
		fmt(why, ERRMAX, "%s is not a mount point", oldfrom->path);
		return -EINVAL;
	}
	if (new == NULL) {
		mh_free(h);
		g->mh[slot] = NULL;
		return 0;
	}
	for (int i = 0; i < h->n; i++) {
		if (!chan_same(h->m[i].to, new))
			continue;
		chan_put(h->m[i].to);
		memmove(&h->m[i], &h->m[i + 1], (size_t)(h->n - i - 1) * sizeof h->m[0]);
		if (--h->n == 0) {
			mh_free(h);
			g->mh[slot] = NULL;
		}
		return 0;
	}
	fmt(why, ERRMAX, "%s is not mounted on %s", new->path, oldfrom->path);
	return -ENOENT;
}

// Open directory c for reading; a union gets its members (opened clones).
int
ns_opendir(struct chan *c, struct mhead *mh, char *why)
{
	if (mh == NULL || mh->n < 2)
		return 0;
	for (int i = 0; i < mh->n; i++) {
		struct chan *m = chan_clone(mh->m[i].to);

		if (m == NULL)
			return fmt(why, ERRMAX, "out of kernel memory"), -ENOMEM;
		c->umem[c->nmem++] = m;
	}
	return 0;
}

// Whether name exists in one of the first k members of c's union.
static int
inearlier(struct chan *c, int k, const char *name)
{
	char why[ERRMAX];
	int err;

	for (int i = 0; i < k; i++) {
		struct chan *n = walk1(c->umem[i], name, &err, why);

		if (n) {
			chan_put(n);
			return 1;
		}
	}
	return 0;
}

// Read whole 9P stat entries of directory c into buf.
int64_t
ns_dirread(struct chan *c, uint8_t *buf, uint64_t n, uint64_t off, char *why)
{
	uint64_t out = 0;

	if (off == 0) {
		c->curmem = 0;
		c->dirindex = 0;
	} else if (off != c->off) {
		fmt(why, ERRMAX, "directories are read in sequence (offset %llu, expected %llu)",
		    (unsigned long long)off, (unsigned long long)c->off);
		return -ESPIPE;
	}
	for (;;) {
		struct chan *m = c->nmem ? c->umem[c->curmem] : c;
		struct kdir d;
		int64_t sz;

		memset(&d, 0, sizeof d);
		if (m->dev->gen == NULL || m->dev->gen(m, c->dirindex, &d) <= 0) {
			if (c->nmem && c->curmem + 1 < c->nmem) {
				c->curmem++;
				c->dirindex = 0;
				continue;
			}
			break;
		}
		if (c->nmem && c->curmem > 0 && inearlier(c, c->curmem, d.name)) {
			c->dirindex++;
			continue;
		}
		sz = kdir_pack(&d, buf + out, n - out);
		if (sz < 0) {
			fmt(why, ERRMAX, "cannot encode the entry '%s'", d.name);
			return sz;
		}
		if ((uint64_t)sz > n - out) {
			if (out > 0)
				break;
			fmt(why, ERRMAX,
			    "buffer of %llu bytes is too small for the next entry (%lld)",
			    (unsigned long long)n, (long long)sz);
			return -EINVAL;
		}
		out += (uint64_t)sz;
		c->dirindex++;
	}
	return (int64_t)out;
}

static const char *
flagstr(int flags)
{
	static const char *const s[] = {"", "-b ", "-a ", "", "-c ", "-bc ", "-ac ", ""};

	return s[flags & 7];
}

static uint64_t
nsline(char *buf, uint64_t o, uint64_t n, int fl, struct chan *to, struct chan *from)
{
	if (o >= n)
		return o;
	if (to->dev->dc == 'M')
		return o + (uint64_t)fmt(buf + o, n - o, "mount %s'%s' '%s'\n", flagstr(fl),
		                         mnt_srcname(to), from->path);
	return o + (uint64_t)fmt(buf + o, n - o, "bind %s'%s' '%s'\n", flagstr(fl), to->path,
	                         from->path);
}

// The mount table in Plan 9 ns(1) form, one command a line, into buf. A
// union that holds the covered directory is members bound before it (-b,
// innermost first) and after it (-a); one that does not is its last member
// bound in place (MREPL) and the others before it.
int64_t
ns_text(struct pgrp *g, char *buf, uint64_t n)
{
	uint64_t o = 0;

	for (int i = 0; i < NMOUNTS; i++) {
		struct mhead *h = g->mh[i];
		int k = -1;

		if (h == NULL)
			continue;
		for (int j = 0; j < h->n; j++)
			if (chan_same(h->m[j].to, h->from))
				k = j;
		if (k < 0) {
			o = nsline(buf, o, n, h->m[h->n - 1].flags | MREPL, h->m[h->n - 1].to,
			           h->from);
			for (int j = h->n - 2; j >= 0; j--)
				o = nsline(buf, o, n, h->m[j].flags | MBEFORE, h->m[j].to, h->from);
			continue;
		}
		for (int j = k - 1; j >= 0; j--)
			o = nsline(buf, o, n, h->m[j].flags | MBEFORE, h->m[j].to, h->from);
		for (int j = k + 1; j < h->n; j++)
			o = nsline(buf, o, n, h->m[j].flags | MAFTER, h->m[j].to, h->from);
	}
	return (int64_t)(o < n ? o : n);
}

// Bind the file named new onto the one named old in p's namespace.
int
ns_bindnames(struct proc *p, const char *new, const char *old, int flags, char *why)
{
	struct chan *n, *o;
	int r;

	if ((r = namec(p, new, 0, &n, NULL, why)) < 0)
		return r;
	if ((r = namec(p, old, NC_COVERED, &o, NULL, why)) < 0) {
		chan_put(n);
		return r;
	}
	r = ns_bind(p->pgrp, n, o, flags, why);
	chan_put(n);
	chan_put(o);
	return r;
}

// init's namespace (docs/namespaces.md): the '#/' root with the boot
// archive's top level after it, the archive's bin on /bin and the whole
// archive on /base, the console on /dev, processes on /proc, the service
// registry on /srv; current directory /, fds 0, 1 and 2 the console.
int
ns_init(struct proc *p)
{
	static const struct {
		const char *new, *old;
		int flags;
	} binds[] = {
	        {"#b", "/", MAFTER},   {"#b/bin", "/bin", MREPL}, {"#b", "/base", MREPL},
	        {"#c", "/dev", MREPL}, {"#p", "/proc", MREPL},    {"#s", "/srv", MREPL},
	};
	char why[ERRMAX];
	struct chan *c;
	int r;

	p->pgrp = pgrp_new();
	if (p->pgrp == NULL)
		return seterr(p, -ENOMEM, "out of memory");
	proc_resetdot(p);
	if (p->dot == NULL)
		return seterr(p, -ENOMEM, "out of memory");
	for (unsigned i = 0; i < NELEM(binds); i++)
		if ((r = ns_bindnames(p, binds[i].new, binds[i].old, binds[i].flags, why)) < 0)
			return seterr(p, r, "bind %s %s: %s", binds[i].new, binds[i].old, why);
	if ((r = namec(p, "#c/cons", 0, &c, NULL, why)) < 0)
		return seterr(p, r, "#c/cons: %s", why);
	c->mode = O_RDWR;
	c->flags |= COPEN;
	for (int fd = 0; fd < 3; fd++) {
		p->fds->fd[fd] = c;
		chan_incref(c);
	}
	chan_put(c);
	return 0;
}
