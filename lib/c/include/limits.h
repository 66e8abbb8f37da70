// lib/c/include/limits.h: the POSIX limits Gremlin adds to the compiler's own
// limits.h (which supplies CHAR_BIT, INT_MAX, LONG_MAX, ...: the compiler's
// header includes this one with #include_next).
#ifndef _GREMLIN_LIMITS_H
#define _GREMLIN_LIMITS_H

#define PATH_MAX 4096
#define NAME_MAX 255
#define PAGE_SIZE 4096
#define ARG_MAX 131072
#define SSIZE_MAX __LONG_MAX__
#define LINE_MAX 2048
#define HOST_NAME_MAX 64
#define OPEN_MAX 64
#define IOV_MAX 1024

#endif
