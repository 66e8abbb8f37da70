// lib/c/unistd/signal.c: the minimal, notes-based signal.h (see its header
// comment). Three signals have notes behind them: SIGINT is the note
// "interrupt" (Ctrl-C), SIGHUP "hangup", SIGPIPE "sys: write on closed
// pipe". signal() takes a handler for those by registering one note handler
// (notify) that maps the note back to the signal; any other signal accepts
// only SIG_DFL and SIG_IGN. kill posts the note of the signal ("kill" for
// SIGKILL and SIGTERM); raise posts it to the process itself or, for
// signals without a note, ends the process as the signal would.
#include <errno.h>
#include <gremlin.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../internal.h"

static const char *const signotes[NSIG] = {
        [SIGHUP] = "hangup",
        [SIGINT] = "interrupt",
        [SIGPIPE] = "sys: write on closed pipe",
};

static sighandler_t handlers[NSIG];
static int registered;

static int
notesig(const char *note)
{
	for (int s = 1; s < NSIG; s++)
		if (signotes[s] && strcmp(signotes[s], note) == 0)
			return s;
	return 0;
}

// The note handler: run the signal's handler and resume, ignore, or fall
// back to the default action (death).
static void
onnote(void *ureg, char *note)
{
	int sig = notesig(note), e = errno;
	sighandler_t h = sig ? handlers[sig] : SIG_DFL;

	(void)ureg;
	if (h == SIG_DFL)
		noted(NDFLT);
	if (h != SIG_IGN)
		h(sig);
	errno = e;
	noted(NCONT);
}

sighandler_t
signal(int sig, sighandler_t handler)
{
	sighandler_t old;
	int any = 0;

	if (sig <= 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP) {
		errno = EINVAL;
		return SIG_ERR;
	}
	if (signotes[sig] == NULL) {
		if (handler != SIG_DFL && handler != SIG_IGN) {
			errno = ENOTSUP; // no note carries this signal
			return SIG_ERR;
		}
		return SIG_DFL;
	}
	old = handlers[sig];
	handlers[sig] = handler;
	for (int s = 1; s < NSIG; s++)
		any |= handlers[s] != SIG_DFL;
	if (any != registered && notify(any ? onnote : NULL) < 0) {
		handlers[sig] = old;
		return SIG_ERR;
	}
	registered = any;
	return old;
}

int
kill(pid_t pid, int sig)
{
	if (sig == SIGKILL || sig == SIGTERM)
		return postnote(pid, "kill");
	if (sig > 0 && sig < NSIG && signotes[sig])
		return postnote(pid, signotes[sig]);
	errno = ENOTSUP; // sig 0 too: no way to probe a pid without a note yet
	return -1;
}

int
raise(int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	if (signotes[sig])
		return postnote(getpid(), signotes[sig]);
	if (sig == SIGABRT)
		abort();
	if (sig == SIGCHLD || sig == SIGCONT || sig == SIGSTOP || sig == SIGTSTP)
		return 0; // default action: nothing (there is no job control)
	__stdio_flush_all();
	exits(128 + sig, "raise");
}
