// lib/c/arch/x86_64/crt0.S: the program entry point.
//
// The kernel enters _start with %rsp pointing at argc, followed by argv[],
// a NULL, envp[], a NULL and the auxiliary vector (the SysV x86-64 process
// layout). _start clears the frame pointer (the end of backtraces), passes
// that stack pointer to __libc_start and aligns %rsp to 16 bytes before the
// call, as the ABI requires of every call site.
	.text
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp
	movq %rsp, %rdi
	andq $-16, %rsp
	call __libc_start
	ud2
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
