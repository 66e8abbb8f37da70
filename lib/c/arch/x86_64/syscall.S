// lib/c/arch/x86_64/syscall.S: the one path into the kernel.
//
// int64_t rawsyscall(n, a1, a2, a3, a4, a5, a6): moves the SysV C argument
// registers (rdi rsi rdx rcx r8 r9, 7th on the stack) into Gremlin's
// syscall registers (number in rax; rdi rsi rdx r10 r8 r9) and returns rax.
// The kernel clobbers rcx and r11 only.
	.text
	.globl rawsyscall
	.type rawsyscall, @function
rawsyscall:
	movq %rdi, %rax
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %rdx
	movq %r8, %r10
	movq %r9, %r8
	movq 8(%rsp), %r9
	syscall
	ret
	.size rawsyscall, . - rawsyscall
	.section .note.GNU-stack, "", @progbits
