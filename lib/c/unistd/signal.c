// lib/c/unistd/signal.c: the minimal, notes-based signal.h (see its header
// comment): kill posts the note "kill" for SIGKILL and SIGTERM; signal
// accepts only SIG_DFL and SIG_IGN; raise ends the process as the signal
// would.
#include <errno.h>
#include <gremlin.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "../internal.h"

int
kill(pid_t pid, int sig)
{
	if (sig == 0) {
		errno = ENOTSUP; // no way to probe a pid without a note yet
		return -1;
	}
	if (sig != SIGKILL && sig != SIGTERM) {
		errno = ENOTSUP;
		return -1;
	}
	return postnote(pid, "kill");
}

sighandler_t
signal(int sig, sighandler_t handler)
{
	if (sig <= 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP) {
		errno = EINVAL;
		return SIG_ERR;
	}
	if (handler != SIG_DFL && handler != SIG_IGN) {
		errno = ENOTSUP;
		return SIG_ERR;
	}
	return SIG_DFL;
}

int
raise(int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	if (sig == SIGABRT)
		abort();
	if (sig == SIGCHLD || sig == SIGCONT || sig == SIGSTOP || sig == SIGTSTP)
		return 0; // default action: nothing (there is no job control)
	__stdio_flush_all();
	exits(128 + sig, "raise");
}
