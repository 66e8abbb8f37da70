// lib/c/include/errno.h: errno and the error numbers (Linux values, shared
// with the kernel through abi/errno.h). errno lives in the thread control
// block behind %fs (see lib/c/arch/x86_64/tls.c), so it is per thread once
// threads exist.
#ifndef _ERRNO_H
#define _ERRNO_H

#include <abi/errno.h>

// Error numbers the kernel never returns but ported code names (Linux
// values); strerror knows them too.
#ifndef ENXIO
#define ENXIO 6
#endif
#ifndef EXDEV
#define EXDEV 18
#endif
#ifndef ENODEV
#define ENODEV 19
#endif
#ifndef ETXTBSY
#define ETXTBSY 26
#endif
#ifndef EMLINK
#define EMLINK 31
#endif
#ifndef EDOM
#define EDOM 33
#endif
#ifndef EDEADLK
#define EDEADLK 35
#endif
#ifndef ENOLCK
#define ENOLCK 37
#endif
#ifndef ELOOP
#define ELOOP 40
#endif
#ifndef EPROTO
#define EPROTO 71
#endif
#ifndef EBADMSG
#define EBADMSG 74
#endif
#ifndef EOVERFLOW
#define EOVERFLOW 75
#endif
#ifndef EILSEQ
#define EILSEQ 84
#endif
#ifndef ENOTSUP
#define ENOTSUP 95
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP ENOTSUP
#endif
#ifndef ECANCELED
#define ECANCELED 125
#endif
#ifndef EWOULDBLOCK
#define EWOULDBLOCK EAGAIN
#endif

int *__errno_location(void);
#define errno (*__errno_location())

#endif
