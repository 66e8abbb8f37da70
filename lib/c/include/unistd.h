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

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
off_t lseek(int fd, off_t off, int whence);
int dup(int fd);
int dup2(int fd, int newfd);
int pipe(int fd[2]);
int chdir(const char *path);
char *getcwd(char *buf, size_t n);
int unlink(const char *path);
int rmdir(const char *path);
// Writes are synchronous on Gremlin: fsync checks that fd is open, and that is all.
int fsync(int fd);
int isatty(int fd);
int access(const char *path, int mode);
int execvp(const char *file, char *const argv[]);
int execl(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
long sysconf(int name);
#define _SC_PAGESIZE 30
#define _SC_PAGE_SIZE _SC_PAGESIZE
#define _SC_CLK_TCK 2
int getpagesize(void);

// getopt (POSIX): optarg, optind, opterr, optopt.
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *opts);
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
