// lib/c/include/signal.h: signals, minimally, over Plan 9 notes (notify and
// noted in <gremlin.h>). Gremlin has notes, not signals. Three signals map
// to notes and can be caught, ignored or sent: SIGINT = "interrupt"
// (Ctrl-C), SIGHUP = "hangup", SIGPIPE = "sys: write on closed pipe".
// kill(pid, SIGKILL or SIGTERM) posts "kill", which cannot be caught.
// signal() for any other signal accepts SIG_DFL and SIG_IGN and refuses a
// handler (SIG_ERR, errno ENOTSUP), so a program that depends on catching
// it learns at run time that it cannot; kill() with it is ENOTSUP. raise()
// posts the note of a signal that has one (a handler runs before raise
// returns); of another fatal signal it ends the process with 128 + sig.
// Handlers keep their disposition (BSD semantics); there is no sigaction,
// no mask, and SIG_IGN does not survive exec.
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define NSIG 32

typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

sighandler_t signal(int sig, sighandler_t handler);
int kill(pid_t pid, int sig);
int raise(int sig);

#endif
