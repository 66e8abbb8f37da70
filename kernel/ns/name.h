// kernel/ns/name.h: lexical path cleaning (pure; host-tested).
#ifndef NS_NAME_H
#define NS_NAME_H

#define NSPATH 256 // longest path name, NUL included

// Clean a path in place, Plan 9 cleanname style: collapse "//", drop ".",
// let ".." remove the element before it; ".." at "/" or at a "#x" device
// root stays there. A relative path keeps leading ".."s; an empty result
// is "." (or "/" when rooted). s holds at most NSPATH bytes.
void cleanname(char *s);

#endif
