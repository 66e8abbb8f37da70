// lib/c/include/setjmp.h: non-local jumps (lib/c/arch/x86_64/setjmp.S).
// The buffer holds the callee-saved registers, the stack pointer and the
// return address. No signal masks exist, so sigsetjmp is setjmp.
#ifndef _SETJMP_H
#define _SETJMP_H

typedef unsigned long jmp_buf[8];
typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
#define _setjmp setjmp
#define _longjmp longjmp
#define sigsetjmp(env, save) setjmp(env)
#define siglongjmp longjmp

#endif
