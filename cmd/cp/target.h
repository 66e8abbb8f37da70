// cmd/cp/target.h: where cp and mv put each source: "a b" means b, "a b
// dir" means dir/a and dir/b.
#ifndef TARGET_H
#define TARGET_H

#include <stddef.h>

// Whether path names an existing directory.
int isdir(const char *path);

// The destination for src when the last operand is the directory dir: dir
// joined with src's last element, in buf. Returns buf, or NULL if it does
// not fit.
char *target_in(const char *dir, const char *src, char *buf, size_t n);

#endif
