// sys/ramfs/ramfs_test.c: tests of ramfs over a socketpair, driven by the
// client in sys/testclient.h: every 9P request, the error paths with their
// exact Rerror strings, holes, truncation, wstat's rules, DMEXCL, DMAPPEND,
// ORCLOSE, qid versions, the size limit, times and permissions, and large
// and many files. The server's clock is a variable the test sets.
#include "../testclient.h"
#include "ramfs.h"

static Ramfs fs;
static P9Srv srv;
static Client cl, *c = &cl;
static uint32_t clockval;

static uint32_t
tick(void)
{
	return clockval;
}

static int
serve(uint64_t limit)
{
	if (ramfs_init(&fs, "adm", 0777, limit) < 0)
		return -1;
	fs.now = tick;
	p9_srv_init(&srv, &ramfs_ops, &fs);
	if (tc_start(c, &srv) < 0 || tc_version(c, 8192 + P9_IOHDRSZ) != P9_RVERSION)
		return -1;
	return 0;
}

static uint64_t
treebytes(RamNode *x)
{
	uint64_t n = x->length;

	for (size_t i = 0; i < x->nchild; i++)
		n += treebytes(x->child[i]);
	return n;
}

static void
unserve(void)
{
	tap_ok(tc_stop(c) == 0, "server ends cleanly when the client hangs up");
	tap_ok(fs.used == treebytes(fs.root),
	       "with every fid gone, used is the sum of the tree's file lengths (%llu)",
	       (unsigned long long)fs.used);
	ramfs_free(&fs);
}

// A fid is destroyed after its Rclunk is sent; one more round trip makes
// sure the server has finished with it before the test looks at fs.
static int
synced(void)
{
	return tc_stat(c, 0) == P9_RSTAT;
}

static P9Dir st;
static char stname[256], stuid[64], stgid[64], stmuid[64];

static int
statof(uint32_t fid)
{
	if (tc_stat(c, fid) != P9_RSTAT)
		return 0;
	st = c->rx.dir;
	p9_strcpy(stname, sizeof stname, st.name);
	p9_strcpy(stuid, sizeof stuid, st.uid);
	p9_strcpy(stgid, sizeof stgid, st.gid);
	p9_strcpy(stmuid, sizeof stmuid, st.muid);
	return 1;
}

// Create name in the directory of dirfid as newfid (dirfid stays).
static int
createf(uint32_t dirfid, uint32_t newfid, const char *name, uint32_t perm, uint8_t mode)
{
	if (tc_walk(c, dirfid, newfid, "") != P9_RWALK)
		return 0;
	if (tc_create(c, newfid, name, perm, mode) == P9_RCREATE)
		return P9_RCREATE;
	// Clunk newfid but keep the error reply in c->rx.
	{
		static uint8_t save[sizeof c->buf];
		P9Fcall rx = c->rx;

		memcpy(save, c->buf, sizeof save);
		tc_clunk(c, newfid);
		memcpy(c->buf, save, sizeof save);
		c->rx = rx;
	}
	return P9_RERROR;
}

// Make directory name under dirfid and leave newfid on it, not open.
static int
mkdirf(uint32_t dirfid, uint32_t newfid, const char *name, uint32_t perm)
{
	if (createf(dirfid, newfid, name, P9_DMDIR | perm, P9_OREAD) != P9_RCREATE)
		return 0;
	tc_clunk(c, newfid);
	return tc_walk(c, dirfid, newfid, name) == P9_RWALK;
}

// Walk from fid 0 to newfid and open it.
static int
openf(uint32_t newfid, const char *path, uint8_t mode)
{
	if (tc_walk(c, 0, newfid, path) != P9_RWALK)
		return c->rx.type;
	return tc_open(c, newfid, mode);
}

static void
test_basic(void)
{
	P9Qid q;

	clockval = 100;
	tap_ok(tc_attach(c, 0, "glenda", "x") == P9_RERROR &&
	               tc_erris(c, "no such file tree (ramfs serves one tree, aname \"\")"),
	       "attach with an aname is refused");
	tap_ok(tc_attach(c, 0, "glenda", "") == P9_RATTACH && c->rx.qid.type == P9_QTDIR, "attach");
	tap_ok(statof(0) && strcmp(stname, "/") == 0 && st.mode == (P9_DMDIR | 0777) &&
	               strcmp(stuid, "adm") == 0 && strcmp(stgid, "adm") == 0,
	       "the root: \"/\", mode 0777, owned by adm");
	tap_ok(createf(0, 1, "hello", 0666, P9_ORDWR) == P9_RCREATE && c->rx.qid.type == P9_QTFILE,
	       "create hello");
	q = c->rx.qid;
	tap_ok(statof(1) && strcmp(stname, "hello") == 0 && st.mode == 0666 && st.length == 0 &&
	               strcmp(stuid, "glenda") == 0 && strcmp(stgid, "adm") == 0 &&
	               strcmp(stmuid, "glenda") == 0 && st.atime == 100 && st.mtime == 100,
	       "new file: owner is the creator, group is the directory's, times are now");
	clockval = 200;
	tap_ok(tc_writestr(c, 1, 0, "hello, world") == P9_RWRITE && c->rx.count == 12,
	       "write 12 bytes");
	tap_ok(statof(1) && st.length == 12 && st.mtime == 200 && st.atime == 100 &&
	               st.qid.vers == q.vers + 1,
	       "write sets mtime and bumps the qid version");
	clockval = 300;
	tap_ok(tc_read(c, 1, 7, 100) == P9_RREAD && tc_datais(c, "world", 5), "read at offset 7");
	tap_ok(statof(1) && st.atime == 300 && st.mtime == 200, "read sets atime only");
	tap_ok(tc_writestr(c, 1, 7, "there!") == P9_RWRITE && tc_read(c, 1, 0, 100) == P9_RREAD &&
	               tc_datais(c, "hello, there!", 13),
	       "overwrite in the middle extends the file");
	tap_ok(statof(1) && st.qid.vers == q.vers + 2, "each write bumps the version");
	tap_ok(createf(0, 2, "hello", 0666, P9_OREAD) == P9_RERROR &&
	               tc_erris(c, "file already exists"),
	       "create an existing name: file already exists");
	tap_ok(createf(0, 2, "bad", P9_DMMOUNT | 0666, P9_OREAD) == P9_RERROR &&
	               tc_erris(c, "unsupported permission bits in create"),
	       "create with DMMOUNT is refused");
	tap_ok(tc_walk(c, 0, 2, "..") == P9_RWALK && c->rx.wqid[0].path == 0 &&
	               tc_walk(c, 0, 3, "../../hello") == P9_RWALK && c->rx.nwqid == 3 &&
	               c->rx.wqid[2].path == q.path,
	       "\"..\" at the root stays at the root");
	tap_ok(tc_open(c, 3, P9_OREAD) == P9_ROPEN && tc_read(c, 3, 0, 5) == P9_RREAD &&
	               tc_datais(c, "hello", 5),
	       "a second fid reads what the first wrote");
	tap_ok(tc_walk(c, 0, 4, "nothere") == P9_RERROR && tc_erris(c, "file does not exist"),
	       "walk to a missing name");
	tc_clunk(c, 1);
	tc_clunk(c, 2);
	tc_clunk(c, 3);
}

static void
test_holes(void)
{
	uint8_t buf[8192], zero[8192];
	RamNode *x;
	int ok;

	memset(zero, 0, sizeof zero);
	tap_ok(createf(0, 1, "sparse", 0644, P9_ORDWR) == P9_RCREATE, "create sparse");
	tap_ok(tc_writestr(c, 1, 3 * RAM_BLOCK + 10, "end") == P9_RWRITE, "write past a hole");
	x = fs.root->child[fs.root->nchild - 1];
	tap_ok(x->length == 3 * RAM_BLOCK + 13 && x->nblk == 4 && x->blk[0] == NULL &&
	               x->blk[1] == NULL && x->blk[2] == NULL && x->blk[3] != NULL,
	       "the hole takes no blocks: only the last of 4 is allocated");
	ok = tc_read(c, 1, 0, 8192) == P9_RREAD && tc_datais(c, zero, 8192);
	tap_ok(ok, "the hole reads as zeros");
	tap_ok(tc_read(c, 1, 3 * RAM_BLOCK + 8, 100) == P9_RREAD && tc_datais(c, "\0\0end", 5),
	       "the data after the hole");
	memset(buf, 'a', sizeof buf);
	tc_write(c, 1, 0, buf, 6000);
	tc_clunk(c, 1);
	tap_ok(openf(1, "sparse", P9_ORDWR | P9_OTRUNC) == P9_ROPEN && statof(1) &&
	               st.length == 0 && x->nblk == 0,
	       "OTRUNC empties the file and frees its blocks");
	tc_write(c, 1, 0, buf, 6000);
	{
		P9Dir d;

		tc_nulldir(&d);
		d.length = 100;
		tap_ok(tc_wstat(c, 1, &d) == P9_RWSTAT && statof(1) && st.length == 100,
		       "wstat length 100 truncates");
		d.length = 5000;
		tap_ok(tc_wstat(c, 1, &d) == P9_RWSTAT && statof(1) && st.length == 5000,
		       "wstat length 5000 grows");
	}
	ok = tc_read(c, 1, 0, 8192) == P9_RREAD && c->rx.count == 5000 &&
	     memcmp(c->rx.data, buf, 100) == 0 && memcmp(c->rx.data + 100, zero, 4900) == 0;
	tap_ok(ok, "after shrinking and growing, the old bytes past 100 read as zeros");
	tap_ok(fs.used == 5000 + 13, "used counts file lengths (%llu)",
	       (unsigned long long)fs.used);
	tc_clunk(c, 1);
}

static void
test_dirs(void)
{
	tap_ok(createf(0, 1, "d", P9_DMDIR | 0755, P9_OREAD) == P9_RCREATE &&
	               c->rx.qid.type == P9_QTDIR,
	       "create a directory");
	tc_clunk(c, 1);
	tc_walk(c, 0, 1, "d");
	tap_ok(createf(1, 2, "f", 0644, P9_OWRITE) == P9_RCREATE, "create d/f");
	tap_ok(createf(0, 3, "d2", P9_DMDIR | 0755, P9_OWRITE) == P9_RERROR &&
	               tc_erris(c, "is a directory"),
	       "create a directory open for writing is refused");
	tap_ok(tc_walk(c, 0, 3, "d") == P9_RWALK && tc_remove(c, 3) == P9_RERROR &&
	               tc_erris(c, "directory not empty"),
	       "remove a non-empty directory: directory not empty");
	tap_ok(tc_remove(c, 2) == P9_RREMOVE, "remove d/f");
	tap_ok(tc_stat(c, 2) == P9_RERROR && tc_erris(c, "unknown fid"), "remove clunks the fid");
	tap_ok(tc_walk(c, 0, 3, "d/f") == P9_RWALK && c->rx.nwqid == 1, "d/f is gone");
	tap_ok(tc_walk(c, 0, 3, "d") == P9_RWALK && tc_remove(c, 3) == P9_RREMOVE,
	       "remove the empty directory");
	tap_ok(tc_walk(c, 1, 6, "") == P9_RWALK && tc_open(c, 6, P9_OREAD) == P9_RERROR &&
	               tc_erris(c, "file has been removed"),
	       "open of a removed directory: file has been removed");
	tc_clunk(c, 6);
	tap_ok(createf(1, 4, "x", 0644, P9_OWRITE) == P9_RERROR &&
	               tc_erris(c, "file has been removed"),
	       "create in a removed directory: file has been removed");
	tc_clunk(c, 1);
	tc_walk(c, 0, 5, "");
	tap_ok(tc_remove(c, 5) == P9_RERROR && tc_erris(c, "cannot remove the root"),
	       "remove the root is refused");
}

static void
test_wstat(void)
{
	P9Dir d;
	uint32_t vers;

	createf(0, 1, "w", 0640, P9_OWRITE);
	tc_writestr(c, 1, 0, "data");
	statof(1);
	vers = st.qid.vers;
	tc_nulldir(&d);
	tap_ok(tc_wstat(c, 1, &d) == P9_RWSTAT && statof(1) && st.qid.vers == vers &&
	               st.mode == 0640 && st.length == 4 && strcmp(stname, "w") == 0,
	       "a wstat of don't-touch values changes nothing");
	d.name = p9_str("renamed");
	tap_ok(tc_wstat(c, 1, &d) == P9_RWSTAT && statof(1) && strcmp(stname, "renamed") == 0,
	       "rename");
	tap_ok(tc_walk(c, 0, 2, "w") == P9_RERROR && tc_walk(c, 0, 2, "renamed") == P9_RWALK,
	       "the new name walks, the old does not");
	createf(0, 3, "other", 0644, P9_OREAD);
	d.name = p9_str("other");
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "file already exists"),
	       "rename onto an existing name: file already exists");
	d.name = p9_str("a/b");
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "wstat: bad file name"),
	       "rename to a name with '/': bad file name");
	d.name = p9_str("..");
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "wstat: bad file name"),
	       "rename to \"..\": bad file name");
	tc_nulldir(&d);
	d.name = p9_str("root2");
	tap_ok(tc_wstat(c, 0, &d) == P9_RERROR && tc_erris(c, "wstat: cannot rename the root"),
	       "rename the root is refused");

	tc_nulldir(&d);
	d.mode = 0600 | P9_DMAPPEND;
	d.mtime = 12345;
	tap_ok(tc_wstat(c, 1, &d) == P9_RWSTAT && statof(1) && st.mode == (0600 | P9_DMAPPEND) &&
	               st.qid.type == P9_QTAPPEND && st.mtime == 12345,
	       "the owner changes mode (qid type follows) and mtime");
	tc_nulldir(&d);
	d.mode = P9_DMDIR | 0600;
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR &&
	               tc_erris(c, "wstat: cannot change the directory bit"),
	       "the directory bit cannot change");
	tc_nulldir(&d);
	d.uid = p9_str("someone");
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "wstat: cannot change owner"),
	       "the owner cannot change");
	tc_nulldir(&d);
	d.atime = 5;
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "wstat: cannot change atime"),
	       "atime cannot be set");
	tc_nulldir(&d);
	d.muid = p9_str("x");
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "wstat: cannot change muid"),
	       "muid cannot be set");
	tc_nulldir(&d);
	d.qid.path = 999;
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "wstat: cannot change qid"),
	       "the qid cannot change");
	statof(1);
	d = st;
	d.name = p9_str("again");
	d.mode = 0644;
	tap_ok(tc_wstat(c, 1, &d) == P9_RWSTAT && statof(1) && strcmp(stname, "again") == 0 &&
	               st.mode == 0644,
	       "a wstat repeating the current fixed fields is accepted");
	tc_nulldir(&d);
	d.name = p9_str("never");
	d.uid = p9_str("someone");
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && statof(1) && strcmp(stname, "again") == 0,
	       "all or nothing: a refused wstat does not rename");
	tc_nulldir(&d);
	d.gid = p9_str("glenda");
	tap_ok(tc_wstat(c, 1, &d) == P9_RWSTAT && statof(1) && strcmp(stgid, "glenda") == 0,
	       "the owner may change the group to its own");
	d.gid = p9_str("sys");
	tap_ok(tc_wstat(c, 1, &d) == P9_RERROR && tc_erris(c, "permission denied"),
	       "but not to another group");
	tc_nulldir(&d);
	d.length = 10;
	tc_walk(c, 0, 4, "");
	tap_ok(tc_wstat(c, 4, &d) == P9_RERROR &&
	               tc_erris(c, "wstat: cannot set the length of a directory"),
	       "a directory's length cannot be set");

	// Another user.
	tc_attach(c, 10, "eve", "");
	tc_walk(c, 10, 11, "again");
	tc_nulldir(&d);
	d.mode = 0666;
	tap_ok(tc_wstat(c, 11, &d) == P9_RERROR && tc_erris(c, "permission denied"),
	       "another user cannot change the mode");
	tc_nulldir(&d);
	d.mtime = 1;
	tap_ok(tc_wstat(c, 11, &d) == P9_RERROR && tc_erris(c, "permission denied"),
	       "nor the mtime");
	tc_nulldir(&d);
	d.length = 0;
	tap_ok(tc_wstat(c, 11, &d) == P9_RERROR && tc_erris(c, "permission denied"),
	       "nor the length of a file it cannot write");
	tc_nulldir(&d);
	d.name = p9_str("eves");
	tap_ok(tc_wstat(c, 11, &d) == P9_RWSTAT,
	       "but may rename it: the directory is writable by all");
	for (uint32_t f = 1; f <= 11; f++)
		tc_clunk(c, f);
}

static void
test_modes(void)
{
	tap_ok(createf(0, 1, "excl", P9_DMEXCL | 0666, P9_ORDWR) == P9_RCREATE &&
	               c->rx.qid.type == P9_QTEXCL,
	       "create an exclusive-use file (it is open)");
	tap_ok(openf(2, "excl", P9_OREAD) == P9_RERROR &&
	               tc_erris(c, "exclusive use file already open"),
	       "a second open: exclusive use file already open");
	tc_clunk(c, 1);
	tc_clunk(c, 2);
	tap_ok(openf(2, "excl", P9_OREAD) == P9_ROPEN, "after the clunk it opens again");
	tc_clunk(c, 2);

	tap_ok(createf(0, 1, "log", P9_DMAPPEND | 0666, P9_OWRITE) == P9_RCREATE &&
	               c->rx.qid.type == P9_QTAPPEND,
	       "create an append-only file");
	tc_writestr(c, 1, 0, "abc");
	tap_ok(tc_writestr(c, 1, 0, "def") == P9_RWRITE && tc_writestr(c, 1, 100, "g") == P9_RWRITE,
	       "writes at offsets 0 and 100");
	tap_ok(openf(2, "log", P9_OREAD) == P9_ROPEN && tc_read(c, 2, 0, 100) == P9_RREAD &&
	               tc_datais(c, "abcdefg", 7),
	       "append-only: every write went to the end");
	tc_clunk(c, 1);
	tc_clunk(c, 2);

	tap_ok(createf(0, 1, "scratch", 0666, P9_OWRITE | P9_ORCLOSE) == P9_RCREATE,
	       "create with ORCLOSE");
	tc_writestr(c, 1, 0, "temporary");
	tap_ok(tc_walk(c, 0, 2, "scratch") == P9_RWALK, "it exists while open");
	tc_clunk(c, 2);
	tap_ok(tc_clunk(c, 1) == P9_RCLUNK && tc_walk(c, 0, 2, "scratch") == P9_RERROR &&
	               tc_erris(c, "file does not exist"),
	       "clunk removes it");
	createf(0, 1, "keep", 0666, P9_OWRITE);
	tc_clunk(c, 1);
	tap_ok(openf(1, "keep", P9_OREAD | P9_ORCLOSE) == P9_ROPEN && tc_clunk(c, 1) == P9_RCLUNK &&
	               tc_walk(c, 0, 2, "keep") == P9_RERROR,
	       "open of an existing file with ORCLOSE removes it at clunk");
	mkdirf(0, 1, "ro", 0755);
	createf(1, 2, "in", 0666, P9_OREAD);
	tc_clunk(c, 1);
	tc_clunk(c, 2);
	tc_attach(c, 10, "eve", "");
	tap_ok(tc_walk(c, 10, 11, "ro/in") == P9_RWALK &&
	               tc_open(c, 11, P9_OREAD | P9_ORCLOSE) == P9_RERROR &&
	               tc_erris(c, "permission denied"),
	       "ORCLOSE needs write permission in the directory");
	tc_clunk(c, 11);
	tc_clunk(c, 10);
}

static void
test_perms(void)
{
	createf(0, 1, "priv", 0600, P9_OWRITE);
	tc_writestr(c, 1, 0, "mine");
	tc_clunk(c, 1);
	mkdirf(0, 1, "pd", 0750);
	tap_ok(createf(1, 2, "f", 0666, P9_OREAD) == P9_RCREATE && statof(2) && st.mode == 0640,
	       "create masks a file's bits with the directory's (0666 in 0750: 0640)");
	tap_ok(createf(1, 3, "sd", P9_DMDIR | 0777, P9_OREAD) == P9_RCREATE && statof(3) &&
	               st.mode == (P9_DMDIR | 0750),
	       "and a directory's (0777 in 0750: 0750)");
	tc_clunk(c, 1);
	tc_clunk(c, 2);
	tc_clunk(c, 3);
	tc_attach(c, 10, "eve", "");
	tap_ok(tc_walk(c, 10, 11, "priv") == P9_RWALK && tc_open(c, 11, P9_OREAD) == P9_RERROR &&
	               tc_erris(c, "permission denied"),
	       "another user cannot open a 0600 file");
	tap_ok(tc_walk(c, 10, 12, "pd") == P9_RWALK &&
	               tc_create(c, 12, "x", 0666, P9_OREAD) == P9_RERROR &&
	               tc_erris(c, "permission denied"),
	       "nor create in a 0750 directory");
	tap_ok(tc_walk(c, 10, 13, "pd/f") == P9_RWALK && c->rx.nwqid == 1, "nor walk into it");
	tap_ok(tc_walk(c, 10, 14, "priv") == P9_RWALK && tc_remove(c, 14) == P9_RREMOVE,
	       "but may remove a file in a directory writable by all");
	tap_ok(tc_attach(c, 15, "glenda", "") == P9_RATTACH &&
	               tc_walk(c, 15, 16, "pd") == P9_RWALK && tc_remove(c, 16) == P9_RERROR &&
	               tc_erris(c, "directory not empty"),
	       "removing pd: directory not empty");
	for (uint32_t f = 10; f <= 16; f++)
		tc_clunk(c, f);
}

// A file removed while open stays readable through its open fid.
static void
test_removed_open(void)
{
	uint64_t before;

	createf(0, 1, "ghost", 0666, P9_ORDWR);
	tc_writestr(c, 1, 0, "boo");
	before = fs.used;
	tap_ok(tc_walk(c, 0, 2, "ghost") == P9_RWALK && tc_remove(c, 2) == P9_RREMOVE,
	       "remove a file another fid has open");
	tap_ok(tc_read(c, 1, 0, 10) == P9_RREAD && tc_datais(c, "boo", 3) &&
	               tc_writestr(c, 1, 3, "!") == P9_RWRITE,
	       "the open fid still reads and writes it");
	tap_ok(tc_walk(c, 0, 2, "ghost") == P9_RERROR, "the name is gone");
	tap_ok(tc_clunk(c, 1) == P9_RCLUNK && synced() && fs.used == before - 3,
	       "its space is freed at the last clunk");
}

static void
test_limit(void)
{
	uint8_t buf[8000];
	P9Dir d;

	memset(buf, 'L', sizeof buf);
	if (!tap_ok(serve(10000) == 0, "a ramfs limited to 10000 bytes"))
		return;
	tc_attach(c, 0, "glenda", "");
	createf(0, 1, "a", 0666, P9_ORDWR);
	tap_ok(tc_write(c, 1, 0, buf, 8000) == P9_RWRITE, "write 8000 bytes");
	tap_ok(tc_write(c, 1, 8000, buf, 2001) == P9_RERROR && tc_erris(c, "file system full"),
	       "2001 more: file system full");
	tap_ok(statof(1) && st.length == 8000, "and the file did not change");
	tap_ok(tc_write(c, 1, 8000, buf, 2000) == P9_RWRITE, "exactly up to the limit is fine");
	createf(0, 2, "b", 0666, P9_ORDWR);
	tap_ok(tc_write(c, 2, 0, buf, 1) == P9_RERROR && tc_erris(c, "file system full"),
	       "a second file cannot grow");
	tc_nulldir(&d);
	d.length = 1;
	tap_ok(tc_wstat(c, 2, &d) == P9_RERROR && tc_erris(c, "file system full"), "nor by wstat");
	tap_ok(tc_write(c, 1, 1ull << 40, "x", 1) == P9_RERROR && tc_erris(c, "file system full"),
	       "a write at 2^40 would make a 1 TiB file: file system full");
	tap_ok(tc_write(c, 1, ~0ull - 1, "xyz", 3) == P9_RERROR && tc_erris(c, "file system full"),
	       "a write whose end overflows 64 bits: file system full");
	tap_ok(statof(1) && tc_write(c, 1, 1ull << 40, "", 0) == P9_RWRITE && c->rx.count == 0,
	       "an empty write at 2^40 succeeds");
	{
		uint32_t vers = st.qid.vers;

		tap_ok(statof(1) && st.length == 10000 && st.qid.vers == vers,
		       "and changes neither the length nor the version");
	}
	tc_walk(c, 0, 3, "a");
	tc_remove(c, 3);
	tap_ok(tc_clunk(c, 1) == P9_RCLUNK && synced() && fs.used == 0,
	       "removing the first file frees its space");
	tap_ok(tc_write(c, 2, 0, buf, 8000) == P9_RWRITE, "so the second file can grow");
	tc_clunk(c, 2);
	unserve();
}

static void
test_many(void)
{
	char names[1000][16], want[16], path[32];
	size_t big = 2 * 1024 * 1024 + 5, off;
	uint8_t *data = malloc(big);
	int ok = 1, i;
	long n;

	if (!tap_ok(serve(64ull << 20) == 0, "a fresh ramfs"))
		return;
	tc_attach(c, 0, "glenda", "");
	mkdirf(0, 1, "many", 0777);
	for (i = 0; ok && i < 1000; i++) {
		snprintf(want, sizeof want, "f%04d", i);
		ok = createf(1, 2, want, 0644, P9_OWRITE) == P9_RCREATE &&
		     tc_writestr(c, 2, 0, want) == P9_RWRITE && tc_clunk(c, 2) == P9_RCLUNK;
	}
	tap_ok(ok, "create and write 1000 files");
	tc_open(c, 1, P9_OREAD);
	n = tc_readdir(c, 1, 150, &names[0][0], sizeof names[0], 1000);
	ok = n == 1000;
	for (i = 0; ok && i < 1000; i++) {
		snprintf(want, sizeof want, "f%04d", i);
		ok = strcmp(names[i], want) == 0;
	}
	tap_ok(ok, "read the directory 150 bytes at a time: 1000 whole entries in order (%ld)", n);
	tap_ok(tc_read(c, 1, 0, 50) == P9_RERROR &&
	               tc_erris(c, "read count too small for a directory entry"),
	       "a count smaller than an entry is an error");
	tc_clunk(c, 1);
	for (i = 0; ok && i < 1000; i += 2) {
		snprintf(path, sizeof path, "many/f%04d", i);
		ok = tc_walk(c, 0, 2, path) == P9_RWALK && tc_remove(c, 2) == P9_RREMOVE;
	}
	tap_ok(ok, "remove every second file");
	tc_walk(c, 0, 1, "many");
	tc_open(c, 1, P9_OREAD);
	n = tc_readdir(c, 1, 8192, &names[0][0], sizeof names[0], 1000);
	tap_ok(n == 500 && strcmp(names[0], "f0001") == 0 && strcmp(names[499], "f0999") == 0,
	       "500 remain");
	tc_clunk(c, 1);

	for (off = 0; off < big; off++)
		data[off] = (uint8_t)(off * 7 + off / 4096);
	createf(0, 1, "big", 0644, P9_ORDWR);
	for (off = 0; ok && off < big; off += 8192) {
		uint32_t k = (uint32_t)(big - off < 8192 ? big - off : 8192);

		ok = tc_write(c, 1, off, data + off, k) == P9_RWRITE && c->rx.count == k;
	}
	tap_ok(ok, "write a 2 MiB file in 8 KiB pieces");
	for (off = 0; ok && off < big; off += 5000) {
		size_t k = big - off < 5000 ? big - off : 5000;

		ok = tc_read(c, 1, off, 5000) == P9_RREAD && tc_datais(c, data + off, k);
	}
	tap_ok(ok, "it reads back exactly in 5000-byte pieces");
	tc_clunk(c, 1);
	free(data);
	unserve();
}

int
main(void)
{
	if (!tap_ok(serve(64ull << 20) == 0, "serve ramfs"))
		return tap_done();
	test_basic();
	test_holes();
	test_dirs();
	test_wstat();
	test_modes();
	test_perms();
	test_removed_open();
	unserve();
	test_limit();
	test_many();
	return tap_done();
}
