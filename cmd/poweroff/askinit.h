// cmd/poweroff/askinit.h: how poweroff and reboot ask init (process 1) to
// end or restart the machine: they post it a note, "poweroff [status]" or
// "reboot" (docs/cmd.md, "Asking init"). Only init may call SYS_reboot.
#ifndef ASKINIT_H
#define ASKINIT_H

#include <stddef.h>

enum { ASKINIT_NOTEMAX = 32 };

// Build the note for command prog ("poweroff" or "reboot") and its
// arguments into note. Returns 0, or -1 with a message in err.
int askinit_note(const char *prog, int argc, char **argv, char *note, size_t n, char *err,
                 size_t errlen);

// Post the note to init; on failure say why on standard error, with what
// init must learn. Returns the exit status. Defined in askinit_post.c (it
// needs the system call, so the host tests leave it out).
int askinit_post(const char *prog, const char *note);

#endif
