// kernel/ns/fd.c: file-descriptor tables. An fd holds a reference to an
// open chan; fork copies the table (the chans, and so their offsets, are
// shared, as in Plan 9); execve keeps every fd except close-on-exec ones.
#include "defs.h"

struct fdtab *
fdtab_new(void)
{
	struct fdtab *t = kzalloc(sizeof *t);

	if (t)
		t->ref = 1;
	return t;
}

struct fdtab *
fdtab_copy(struct fdtab *t)
{
	struct fdtab *n = fdtab_new();

	if (n == NULL)
		return NULL;
	for (int i = 0; i < NFD; i++) {
		n->fd[i] = t->fd[i];
		n->cloexec[i] = t->cloexec[i];
		if (n->fd[i])
			chan_incref(n->fd[i]);
	}
	return n;
}

void
fdtab_put(struct fdtab *t)
{
	if (t == NULL || --t->ref > 0)
		return;
	for (int i = 0; i < NFD; i++)
		chan_put(t->fd[i]);
	kfree(t);
}

// At execve: close the fds marked close-on-exec.
void
fdtab_cloexec(struct fdtab *t)
{
	for (int i = 0; i < NFD; i++) {
		if (t->fd[i] && t->cloexec[i]) {
			chan_put(t->fd[i]);
			t->fd[i] = NULL;
			t->cloexec[i] = 0;
		}
	}
}
