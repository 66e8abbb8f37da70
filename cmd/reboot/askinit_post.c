// cmd/reboot/askinit_post.c: poweroff's request poster, shared (see reboot.c).
#include "../poweroff/askinit_post.c"
