// cmd/sh/intr.c: interrupts. The only file that knows signals; on Gremlin
// it becomes the handling of the "interrupt" note.
//
// An interactive shell catches the interrupt (Ctrl-C) and only records
// it: a foreground command dies of it, the shell abandons what it was
// running and prompts again. Children start with the default action (a
// background child of a non-interactive shell ignores it, as POSIX says).
// Where the C library has no sigaction (Gremlin's lib/c, which has notes
// and maps SIGINT to the "interrupt" note), signal() catches it. Ctrl-C at
// the prompt cancels the line either way (the editor reads it as a byte).
#include <signal.h>
#include <stddef.h>

#include "sh.h"

static volatile sig_atomic_t pending;

static void
on_interrupt(int sig)
{
	(void)sig;
	pending = 1;
}

void
intr_init(int interactive)
{
	if (!interactive)
		return;
#ifdef SA_RESTART
	struct sigaction sa;

	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; // no SA_RESTART: a blocked wait or read returns
	sigaction(SIGINT, &sa, NULL);
#else
	if (signal(SIGINT, on_interrupt) == SIG_ERR)
		signal(SIGINT, SIG_IGN);
#endif
	signal(SIGQUIT, SIG_IGN);
}

void
intr_child(int background)
{
	pending = 0;
	if (background && !sh.interactive) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		return;
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
}

int
intr_pending(void)
{
	return pending;
}

void
intr_clear(void)
{
	pending = 0;
}

const char *
intr_signame(int sig)
{
	static const char *names[] = {
	        [1] = "hangup",       [2] = "interrupt",
	        [3] = "quit",         [4] = "illegal instruction",
	        [5] = "trap",         [6] = "aborted",
	        [7] = "bus error",    [8] = "arithmetic exception",
	        [9] = "killed",       [11] = "segmentation fault",
	        [13] = "broken pipe", [14] = "alarm",
	        [15] = "terminated",
	};

	if (sig > 0 && sig < (int)(sizeof names / sizeof names[0]))
		return names[sig];
	return NULL;
}
