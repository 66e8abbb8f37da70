// lib/c/include/sys/wait.h: waiting for children. A Gremlin exit status is a
// plain number: 0..255 from exit(), or 128 + a signal number when the kernel
// killed the process (KILLSTATUS_* in abi/syscall.h); struct waitmsg also
// carries the reason in words.
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <abi/syscall.h>
#include <sys/types.h>

// Wait for child pid (-1: any) and fill *w (pid, status, message).
pid_t waitmsg(pid_t pid, struct waitmsg *w, int flags);

// POSIX forms: *status is encoded for the W* macros below. A child that
// exited has WIFEXITED and WEXITSTATUS 0..255. One the kernel killed
// (KILLSTATUS_*, 128 + N with a reason in the message), or that called
// abort (134, "abort"), has WIFSIGNALED and WTERMSIG N. An exit status
// above 128 with an empty message is an ordinary exit.
pid_t waitpid(pid_t pid, int *status, int flags);
pid_t wait(int *status);

#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WTERMSIG(s) ((s)&0x7f)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (WTERMSIG(s) != 0)
#define WIFSTOPPED(s) 0
#define WCOREDUMP(s) 0

// The POSIX status of a Gremlin wait message (what waitpid stores).
int __wait_status(const struct waitmsg *w);

#endif
