// sys/tarfs/tar_fuzz.c: libFuzzer target for tarfs_load. Any input must be
// either refused with a message or give a consistent tree: every node's
// data inside the input, every child findable by name under its parent,
// names that are single non-empty path elements, and a stat entry for
// every node that lib/9p's codec accepts (so replies are well-formed).
// The same input loaded from a file (tarfs_loadfd, pread) must give the
// same message or the same tree.
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tarfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(Tarfs *t, size_t size)
{
	uint8_t buf[1024];
	size_t i, j;

	for (i = 0; i < t->nnodes; i++) {
		TarNode *x = t->nodes[i];
		P9Dir d = {0};
		P9Error err;

		if (x->length > 0 && (x->length > size || x->dataoff > size - x->length))
			abort();
		if (i > 0 &&
		    (x->name[0] == '\0' || strchr(x->name, '/') != NULL ||
		     strcmp(x->name, ".") == 0 || strcmp(x->name, "..") == 0 ||
		     tarfs_lookup(t, x->parent, x->name) != x || !(x->parent->mode & P9_DMDIR)))
			abort();
		for (j = 0; j < x->nchild; j++)
			if (x->child[j]->parent != x)
				abort();
		d.qid = x->qid;
		d.mode = x->mode;
		d.length = x->length;
		d.name = p9_str(x->name);
		d.uid = p9_str(x->uid);
		d.gid = p9_str(x->gid);
		d.muid = p9_str(x->uid);
		if (p9_dir_pack(&d, buf, sizeof buf, &err) < 0)
			abort();
	}
}

// Load data from a memory file: the outcome must match the load from
// memory (rc, err, t).
static void
samefromfile(const uint8_t *data, size_t size, int rc, const char *err, Tarfs *t)
{
	int fd = memfd_create("tar_fuzz", 0);
	char ferr[512];
	Tarfs f;
	int frc;
	size_t i;

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	ferr[0] = '\0';
	frc = tarfs_loadfd(&f, fd, size, ferr, sizeof ferr);
	close(fd);
	if (frc != rc || (rc < 0 && strcmp(err, ferr) != 0))
		abort();
	if (rc < 0)
		return;
	if (f.nnodes != t->nnodes)
		abort();
	for (i = 0; i < t->nnodes; i++) {
		TarNode *x = t->nodes[i], *y = f.nodes[i];

		if (strcmp(x->name, y->name) != 0 || x->qid.path != y->qid.path ||
		    x->dataoff != y->dataoff || x->length != y->length || x->mode != y->mode)
			abort();
	}
	tarfs_free(&f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Tarfs t;
	char err[512];
	int rc;

	err[0] = '\0';
	rc = tarfs_load(&t, data, size, err, sizeof err);
	if (rc < 0 && strncmp(err, "tar: ", 5) != 0)
		abort();
	if (rc == 0)
		check(&t, size);
	samefromfile(data, size, rc, err, &t);
	if (rc == 0)
		tarfs_free(&t);
	return 0;
}
