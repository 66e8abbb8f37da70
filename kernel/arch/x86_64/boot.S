// kernel/arch/x86_64/boot.S: the Multiboot 1 header and the 32-bit to
// 64-bit trampoline. The loader enters _start in 32-bit protected mode with
// paging off, eax = the Multiboot magic and ebx = the physical address of the
// Multiboot information. We build boot page tables that map the first 4 GiB
// three times (identity, the direct map at 0xffff800000000000 and the kernel
// image at 0xffffffff80000000) with 2 MiB pages, enable long mode and jump to
// kmain in the higher half.

#define KERNBASE 0xffffffff80000000
#define V2P(x) ((x) - KERNBASE)

#define MB_MAGIC 0x1badb002
#define MB_FLAGS 0x00000003 // page-aligned modules, memory information

	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	movl %eax, %edi
	movl %ebx, %esi
	movl $V2P(boot_stack_top), %esp

	// Long mode and NX need CPUID leaf 0x80000001.
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx
	jz no_long_mode
	movl %edx, %ebp

	// PD entries: 2048 2 MiB pages covering 0..4 GiB (present, writable, PS).
	movl $V2P(boot_pd), %ebx
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $0x83, %eax
	movl %eax, (%ebx, %ecx, 8)
	movl %ecx, %eax
	shrl $11, %eax
	movl %eax, 4(%ebx, %ecx, 8)
	incl %ecx
	cmpl $2048, %ecx
	jne 1b

	// PDPT of the direct map: four PDs; PDPT of the kernel: slot 510 -> PD 0.
	movl $V2P(boot_pdpt_direct), %ebx
	movl $V2P(boot_pd), %eax
	orl $3, %eax
	movl %eax, 0(%ebx)
	addl $4096, %eax
	movl %eax, 8(%ebx)
	addl $4096, %eax
	movl %eax, 16(%ebx)
	addl $4096, %eax
	movl %eax, 24(%ebx)
	movl $V2P(boot_pdpt_kernel), %ebx
	movl $V2P(boot_pd), %eax
	orl $3, %eax
	movl %eax, 510*8(%ebx)

	// PML4: 0 and 256 -> direct PDPT, 511 -> kernel PDPT.
	movl $V2P(boot_pml4), %ebx
	movl $V2P(boot_pdpt_direct), %eax
	orl $3, %eax
	movl %eax, 0(%ebx)
	movl %eax, 256*8(%ebx)
	movl $V2P(boot_pdpt_kernel), %eax
	orl $3, %eax
	movl %eax, 511*8(%ebx)

	// PAE + PGE, CR3, EFER.LME (+NXE when the CPU has NX), then paging.
	movl %cr4, %eax
	orl $0xa0, %eax
	movl %eax, %cr4
	movl $V2P(boot_pml4), %eax
	movl %eax, %cr3
	movl $0xc0000080, %ecx
	rdmsr
	orl $(1 << 8), %eax
	testl $(1 << 20), %ebp
	jz 2f
	orl $(1 << 11), %eax
2:	wrmsr
	movl %cr0, %eax
	orl $0x80010001, %eax
	movl %eax, %cr0

	lgdt boot_gdtr
	ljmp $0x08, $long_entry

no_long_mode:
	// Tell the serial line why we stop; COM1 is usable without setup in QEMU.
	movl $no_lm_msg, %esi
3:	movb (%esi), %al
	testb %al, %al
	jz 4f
	movw $0x3f8, %dx
	outb %al, %dx
	incl %esi
	jmp 3b
4:	hlt
	jmp 4b

	.code64
long_entry:
	movabsq $higher_half, %rax
	jmp *%rax

	.text
higher_half:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorl %eax, %eax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	// kmain(magic, mbinfo physical address); edi and esi survived from _start.
	call kmain
5:	cli
	hlt
	jmp 5b

	.section .boot.data, "a"
	.align 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff // 64-bit code
	.quad 0x00cf92000000ffff // data
boot_gdtr:
	.word boot_gdtr - boot_gdt - 1
	.long boot_gdt
no_lm_msg:
	.asciz "gremlin: this CPU has no 64-bit long mode; halting\r\n"

	.section .bss
	.align 4096
	.globl boot_pml4
boot_pml4:
	.space 4096
boot_pdpt_direct:
	.space 4096
	.globl boot_pdpt_kernel
boot_pdpt_kernel:
	.space 4096
boot_pd:
	.space 4 * 4096
	.globl boot_stack
boot_stack:
	.space 16384
	.globl boot_stack_top
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
