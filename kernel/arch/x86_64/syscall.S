// kernel/arch/x86_64/syscall.S: the SYSCALL entry. The CPU left the user
// rip in rcx and rflags in r11 and masked IF (FMASK). We switch to the
// process's kernel stack through the per-CPU struct at %gs (x86.h: offset 0
// kernel stack top, 8 saved user rsp), build a struct trapframe so fork,
// execve and kills see the same layout as interrupts, call
// syscall_dispatch and return with SYSRET using the frame's rip/rflags/rsp,
// or through trapret (iretq) when syscall_dispatch says every register must
// be restored.
	.text
	.globl syscall_entry
syscall_entry:
	swapgs
	movq %rsp, %gs:8
	movq %gs:0, %rsp
	pushq $0x1b      // ss
	pushq %gs:8      // rsp
	pushq %r11       // rflags
	pushq $0x23      // cs
	pushq %rcx       // rip
	pushq $0         // err
	pushq $256       // vector: T_SYSCALL
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
	movq %rsp, %rdi
	cld
	call syscall_dispatch
	// After noted the whole frame must come back, rcx and r11 included.
	testl %eax, %eax
	jnz trapret
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
	addq $16, %rsp
	popq %rcx        // rip
	addq $8, %rsp
	popq %r11        // rflags
	popq %rsp        // user rsp
	swapgs
	sysretq

	.section .note.GNU-stack, "", @progbits
