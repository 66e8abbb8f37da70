// cmd/mv/target.c: cp's target.c, compiled into mv too (each command is built
// from its own directory).
#include "../cp/target.c"
