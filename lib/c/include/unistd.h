// lib/c/include/unistd.h: POSIX process and file-descriptor calls, thin
// wrappers over Gremlin's system calls (lib/c/unistd/). On failure they
// return -1 and set errno; errstr() (gremlin.h) says why in words.
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
pid_t getpid(void);
pid_t getppid(void);
_Noreturn void _exit(int status);
int brk(void *addr);
void *sbrk(intptr_t delta);
unsigned sleep(unsigned seconds);
int usleep(unsigned long usec);

#endif
