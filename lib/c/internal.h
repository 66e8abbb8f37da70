// lib/c/internal.h: what the parts of lib/c share with each other and with
// nothing else: the start-up state, the TLS block layout, the heap hooks and
// the formatted-output engine.
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

// Turn a raw system-call result into the C convention: -1 and errno.
int64_t __sysret(int64_t r);

// Start-up (arch/x86_64/start.c): the auxiliary vector the kernel passed.
extern uint64_t *__auxv;

// TLS (arch/x86_64/tls.c). The thread control block sits at %fs:0 with the
// layout x86-64 compilers expect: a self pointer at 0 and the stack-protector
// canary at 0x28. Static TLS data (PT_TLS) lies just below it.
struct tcb {
	struct tcb *self;       // 0x00: %fs:0 reads the TCB address
	void *dtv;              // 0x08: dynamic thread vector (unused: static only)
	struct tcb *self2;      // 0x10
	uint32_t multithreaded; // 0x18
	uint32_t gscope;        // 0x1c
	uint64_t sysinfo;       // 0x20
	uint64_t stack_guard;   // 0x28: the -fstack-protector canary
	uint64_t pointer_guard; // 0x30
	int errno_value;        // 0x38: errno of this thread
	int pad;
};
void __tls_init(void);
struct tcb *__tcb(void);

// stdio: flush every stream (called by exit).
void __stdio_flush_all(void);

// _FORTIFY_SOURCE entry points (string/chk.c, stdio/printf.c): the glibc
// names and signatures, for objects compiled against glibc's headers.
_Noreturn void __chk_fail(void);
void *__memcpy_chk(void *restrict dst, const void *restrict src, size_t n, size_t dstlen);
void *__memmove_chk(void *dst, const void *src, size_t n, size_t dstlen);
void *__memset_chk(void *dst, int c, size_t n, size_t dstlen);
struct FILE;
int __fprintf_chk(struct FILE *f, int flag, const char *fmt, ...);
int __vfprintf_chk(struct FILE *f, int flag, const char *fmt, va_list ap);
int __printf_chk(int flag, const char *fmt, ...);
int __vsnprintf_chk(char *buf, size_t n, int flag, size_t buflen, const char *fmt, va_list ap);
int __snprintf_chk(char *buf, size_t n, int flag, size_t buflen, const char *fmt, ...);
int __sprintf_chk(char *buf, int flag, size_t buflen, const char *fmt, ...);

#endif
