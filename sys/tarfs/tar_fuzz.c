// sys/tarfs/tar_fuzz.c: libFuzzer target for tarfs_load. Any input must be
// either refused with a message or give a consistent tree: every node's
// data inside the input, every child findable by name under its parent,
// names that are single non-empty path elements, and a stat entry for
// every node that lib/9p's codec accepts (so replies are well-formed).
#include <stdlib.h>
#include <string.h>

#include "tarfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(Tarfs *t, const uint8_t *data, size_t size)
{
	uint8_t buf[1024];
	size_t i, j;

	for (i = 0; i < t->nnodes; i++) {
		TarNode *x = t->nodes[i];
		P9Dir d = {0};
		P9Error err;

		if (x->length > 0 && (x->data < data || x->length > size ||
		                      (size_t)(x->data - data) > size - x->length))
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Tarfs t;
	char err[512];

	err[0] = '\0';
	if (tarfs_load(&t, data, size, err, sizeof err) < 0) {
		if (strncmp(err, "tar: ", 5) != 0)
			abort();
		return 0;
	}
	check(&t, data, size);
	tarfs_free(&t);
	return 0;
}
