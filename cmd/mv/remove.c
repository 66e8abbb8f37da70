// cmd/mv/remove.c: rm's remove.c, compiled into mv too (each command is built
// from its own directory).
#include "../rm/remove.c"
