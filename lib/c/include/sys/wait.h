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

// POSIX-shaped forms: *status receives the Gremlin status as is.
pid_t waitpid(pid_t pid, int *status, int flags);
pid_t wait(int *status);

#endif
