// cmd/reboot/askinit.c: poweroff's note builder, shared (see reboot.c).
#include "../poweroff/askinit.c"
