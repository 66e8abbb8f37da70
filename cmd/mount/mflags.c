// cmd/mount/mflags.c: bind's flag parser, shared (see ../bind/mflags.c).
#include "../bind/mflags.c"
