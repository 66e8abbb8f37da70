// cmd/mv/copy.c: cp's copy.c, compiled into mv too (each command is built
// from its own directory).
#include "../cp/copy.c"
