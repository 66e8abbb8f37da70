// cmd/init/init.h: what the parts of init share.
#ifndef CMD_INIT_INIT_H
#define CMD_INIT_INIT_H

#include <sys/types.h>
#include <sys/wait.h>

// The exec-mode status line; tools/gremlin matches the same text.
#define EXEC_TRAILER "init: exec status "

// Decode %XX escapes in place (the host encodes spaces, '%' and anything
// unusual); a word that is exactly "%" stands for the empty string.
void percent_decode(char *s);

pid_t spawn(char **argv);
int await_child(pid_t pid, struct waitmsg *w);
int console(void);

// power.c: act on a poweroff/reboot request posted to init, if one waits.
extern int init_exec_mode;
void check_request(void);
void boot_namespace(int verbose);

#endif
