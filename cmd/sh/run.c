// cmd/sh/run.c: the read-parse-run loop over one input: parse a complete
// command, run it, free it, repeat. Used for the terminal, scripts, -c,
// ".", eval and $(...).
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static void
report(struct input *in, struct parser *p)
{
	if (in->name)
		sh_error("%s: %s", in->name, p->lx.err);
	else
		sh_error("%s", p->lx.err);
}

// Returns the status of the last command, or -1 after a syntax error in a
// non-interactive input (the caller decides whether that ends the shell).
int
run_source(struct input *in)
{
	struct parser p;

	memset(&p, 0, sizeof p);
	p.lx.in = in;
	p.lx.line = 1;
	for (;;) {
		struct arena *a = arena_new();
		struct node *n;
		int r;

		p.lx.arena = a;
		p.lx.have = 0;
		in->cont = 0;
		r = parse_line(&p, &n);
		if (in->cancel) {
			arena_release(a);
			input_discard(in);
			intr_clear();
			sh.status = 130;
			continue;
		}
		if (r <= 0) {
			arena_release(a);
			if (r == 0)
				break;
			p.lx.nheredocs = 0;
			report(in, &p);
			sh.status = 2;
			if (!in->interactive)
				return -1;
			input_discard(in);
			if (in->eof)
				break;
			continue;
		}
		exec_node(n, 0);
		arena_release(a);
		// An interrupt abandons everything up to the terminal's loop.
		if (sh.jump == J_INTR) {
			if (!in->interactive)
				break;
			sh.jump = J_NONE;
			fd_puts(2, "\n");
		}
		if ((sh.jump == J_BREAK || sh.jump == J_CONTINUE) && !sh.loops)
			sh.jump = J_NONE;
		if (in->interactive)
			intr_clear();
		if (sh.jump == J_RETURN)
			break;
		if (in->pos >= in->len)
			input_discard(in);
	}
	return sh.status;
}

int
run_string(const char *s, const char *name)
{
	struct input in;
	int st;

	input_string(&in, s, name);
	st = run_source(&in);
	input_free(&in);
	return st < 0 ? 2 : st;
}
