// kernel/arch/x86_64/switch.S: swtch(save, new) saves the callee-saved
// registers on the current kernel stack, stores rsp in *save, loads new and
// restores what that stack saved. A fresh stack starts at its return address.
	.text
	.globl swtch
swtch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	.section .note.GNU-stack, "", @progbits
