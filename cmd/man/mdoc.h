// cmd/man/mdoc.h: a minimal mdoc(7) renderer to plain text, for man.
#ifndef MDOC_H
#define MDOC_H

#include <stddef.h>
#include <stdio.h>

// Render the n bytes of an mdoc page to out, filled to width columns.
// Unknown macros are rendered as their arguments; returns the number of
// unknown macro lines met (they are also noted once each on err, if given).
int mdoc_render(const char *src, size_t n, int width, FILE *out, FILE *err);

#endif
