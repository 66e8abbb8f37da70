// kernel/arch/x86_64/trapasm.S: interrupt and exception entry. Each vector
// stub pushes an error code (0 when the CPU gives none) and its number, then
// alltraps saves the registers as a struct trapframe (x86.h) and calls
// trap(). swapgs when coming from or returning to user mode.

.macro PUSHREGS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro POPREGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
.endm

.macro VEC n
	.align 16
vec\n:
	.if !(\n == 8 || \n == 10 || \n == 11 || \n == 12 || \n == 13 || \n == 14 || \n == 17 || \n == 21 || \n == 29 || \n == 30)
	pushq $0
	.endif
	pushq $\n
	jmp alltraps
.endm

	.text
	.globl alltraps
alltraps:
	testb $3, 24(%rsp)
	jz 1f
	swapgs
1:	PUSHREGS
	movq %rsp, %rdi
	cld
	call trap
	.globl trapret
trapret:
	POPREGS
	addq $16, %rsp
	testb $3, 8(%rsp)
	jz 2f
	swapgs
2:	iretq

	// A new process's first return to user mode: its kernel stack holds a
	// trap frame just above this return address.
	.globl forkret
forkret:
	jmp trapret

	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	VEC \n
	.endr

	.section .rodata
	.globl trap_vectors
	.align 8
trap_vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.quad vec\n
	.endr
	.section .note.GNU-stack, "", @progbits
