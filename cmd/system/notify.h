// cmd/system/notify.h: how `system` asks init (pid 1) to apply a generation
// that a switch or rollback made current, so the running system changes
// without a reboot. The protocol is init's (a pipe end posted as
// /srv/snapctl.<pid>, the request line written, note "snapctl" to pid 1,
// init answers on the pipe and closes it); notify.c implements it.
#ifndef CMD_SYSTEM_NOTIFY_H
#define CMD_SYSTEM_NOTIFY_H

#include <stdio.h>

// Send request (one line without its newline: "apply", after the store's
// current generation changed) to init and copy its answer to out. Returns 0 if init
// applied it; otherwise says why on out or stderr and returns non-zero (the
// generation stays stored and current, and applies at the next boot).
int system_notify_init(const char *request, FILE *out);

#endif
