// cmd/init/snap.h: init's snap supervisor (snap.c) and its control
// requests (control.c). docs/snaps.md describes both.
#ifndef CMD_INIT_SNAP_H
#define CMD_INIT_SNAP_H

#include <abi/syscall.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "config/config.h"
#include "config/gen.h"
#include "config/plan.h"

#define SNAPRUN "/bin/snaprun"
#define LOG_DIR "/writable/var/log"
#define GEN_ROOT "/writable/system"
#define DEFAULT_CONFIG "/base/system/config.toml"
#define APPS_DIR "/apps"
#define MAXSNAPS 32
// A log keeps at most LOG_MAX bytes; the previous ones are in NAME.log.1.
#define LOG_MAX (256 * 1024)
// Restart backoff: BACKOFF_MS, doubling with each failure within QUICK_MS
// of starting; MAXFAILS such failures in a row and init gives up.
#define BACKOFF_MS 250
#define QUICK_MS 10000
#define MAXFAILS 5
// How long stop waits for a snap to end after posting it "kill".
#define STOP_MS 2000

struct snap {
	char name[SNAPNAME_LEN];
	pid_t pid;     // snaprun, then the entry; 0 when not running
	pid_t logger;  // the process writing its log; 0 when none
	int logw;      // init's end of the log pipe; -1 when none
	int want;      // it should be running (restart when it ends)
	int failed;    // gave up restarting it
	int restarts;  // since boot
	int fails;     // failures in a row, each within QUICK_MS of starting
	int64_t started, delay; // ms (monotonic) of the last start; its backoff
	int status;             // the last exit
	char msg[ERRMAX];
	struct config_snap own; // its manifest, when the generation has no description
	int hasown;
};

extern struct snap snaps[MAXSNAPS];
extern int nsnaps;
extern struct generation current;

int64_t now_ms(void);
struct snap *snap_find(const char *name);
const struct config_snap *snap_desc(struct snap *s);
const char *snap_state(const struct snap *s);
void snap_log(struct snap *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snap_start(const char *name, char *err, size_t n);
int snap_stop(const char *name, char *err, size_t n);
int snap_reap(int hang);
// A reply being built (control.c).
struct reply {
	char *p;
	size_t n, cap;
};
void reply_printf(struct reply *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snap_apply(const struct plan *p, struct reply *out);
int snap_boot(int argc, char **argv);
_Noreturn void snap_supervise(void);

int snap_filter_self(const char *name, char *err, size_t n);
void snap_shutdown(void);

// control.c: answer every control request waiting in /srv.
void snap_control(void);

#endif
