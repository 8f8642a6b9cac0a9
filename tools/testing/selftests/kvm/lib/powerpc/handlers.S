/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * powerpc selftests: the guest side of C interrupt handlers.
 *
 * A vector with a handler holds a three-instruction stub (written by
 * vm_install_exception_handler()): r3 to SPRG0, r3 = the vector, branch
 * to the trampoline in the same page.  The trampoline below is copied
 * to guest real address PPC_VEC_TRAMP; it turns translation on where it
 * stands (guest virtual page 0 maps guest real page 0), saves CTR and
 * jumps to ppc_exception_entry, ordinary code of the test binary.  That
 * builds a struct ex_regs on the interrupted stack, calls
 * route_exception() and returns to the interrupted code with rfid.
 * See vectors.h for the layout of page 0.
 */
#include "vectors.h"

	.machine power9
	.abiversion 2

#define SPRN_DSISR	18
#define SPRN_DAR	19
#define SPRN_SPRG0	272
#define SPRN_SPRG1	273
#define SPRN_SPRG2	274

/* The ELFv2 stack frame header: back chain, CR, LR and TOC save words. */
#define FRAME_HDR	32
/* Leaf code may use these bytes below the stack pointer: step over them. */
#define RED_ZONE	288
#define FRAME_REGS	FRAME_HDR
#define FRAME_VSR(n)	(FRAME_REGS + PPC_EX_SIZE + (n) * 16)
#define FRAME_FPSCR	FRAME_VSR(64)
#define FRAME_VSCR	(FRAME_FPSCR + 16)
#define FRAME_SIZE	(FRAME_VSCR + 16)

#define REG(n)		(FRAME_REGS + PPC_EX_GPR(n))
#define SLOT(name)	(FRAME_REGS + PPC_EX_##name)

/*
 * Real mode, at PPC_VEC_TRAMP, entered from a vector stub with r3 = the
 * vector and the interrupted r3 in SPRG0.  Position independent: it is
 * run from its copy in page 0, never from here.  "(0)" in a load is
 * the absolute address: the slots at the start of page 0, which are at
 * the same address with translation on.
 */
	.section .rodata
	.balign 4
	.globl ppc_vector_tramp
	.globl ppc_vector_tramp_end
ppc_vector_tramp:
	mtspr	SPRN_SPRG1, %r4
	ld	%r4, PPC_VEC_SLOT_MSR(0)
	mtmsrd	%r4
	isync
	mfctr	%r4
	mtspr	SPRN_SPRG2, %r4
	ld	%r4, PPC_VEC_SLOT_ENTRY(0)
	mtctr	%r4
	bctr
ppc_vector_tramp_end:

	.text
	.balign 16
	.globl ppc_exception_entry
	.type ppc_exception_entry, @function
ppc_exception_entry:
	addi	%r1, %r1, -(RED_ZONE + FRAME_SIZE)
	std	%r0, REG(0)(%r1)
	addi	%r0, %r1, RED_ZONE + FRAME_SIZE
	std	%r0, REG(1)(%r1)
	std	%r0, 0(%r1)		/* back chain, for backtraces */
	std	%r2, REG(2)(%r1)
	.irp n, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, \
		21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	std	%r\n, REG(\n)(%r1)
	.endr
	std	%r3, SLOT(VECTOR)(%r1)
	mfspr	%r0, SPRN_SPRG0
	std	%r0, REG(3)(%r1)
	mfspr	%r0, SPRN_SPRG1
	std	%r0, REG(4)(%r1)
	mfspr	%r0, SPRN_SPRG2
	std	%r0, SLOT(CTR)(%r1)
	mflr	%r0
	std	%r0, SLOT(LR)(%r1)
	mfcr	%r0
	std	%r0, SLOT(CR)(%r1)
	mfxer	%r0
	std	%r0, SLOT(XER)(%r1)
	mfsrr0	%r0
	std	%r0, SLOT(NIP)(%r1)
	mfsrr1	%r0
	std	%r0, SLOT(MSR)(%r1)
	mfspr	%r0, SPRN_DAR
	std	%r0, SLOT(DAR)(%r1)
	mfspr	%r0, SPRN_DSISR
	std	%r0, SLOT(DSISR)(%r1)

	/* FP and vector state: the handler is compiled code, and may use it. */
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
		16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, \
		32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, \
		48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63
	stxv	\n, FRAME_VSR(\n)(%r1)
	.endr
	mffs	0
	stfd	0, FRAME_FPSCR(%r1)
	mfvscr	0
	stxv	32, FRAME_VSCR(%r1)

	/* ELFv2 global entry: r12 is the callee, which derives its TOC. */
	addi	%r3, %r1, FRAME_REGS
	lis	%r12, route_exception@highest
	ori	%r12, %r12, route_exception@higher
	rldicr	%r12, %r12, 32, 31
	oris	%r12, %r12, route_exception@h
	ori	%r12, %r12, route_exception@l
	mtctr	%r12
	bctrl

	/* SRR0/1 are about to hold the return state: not recoverable now. */
	li	%r0, 0
	mtmsrd	%r0, 1
	lxv	32, FRAME_VSCR(%r1)
	mtvscr	0
	lfd	0, FRAME_FPSCR(%r1)
	mtfsf	0xff, 0, 1, 0
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
		16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, \
		32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, \
		48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63
	lxv	\n, FRAME_VSR(\n)(%r1)
	.endr
	ld	%r0, SLOT(NIP)(%r1)
	mtsrr0	%r0
	ld	%r0, SLOT(MSR)(%r1)
	mtsrr1	%r0
	ld	%r0, SLOT(LR)(%r1)
	mtlr	%r0
	ld	%r0, SLOT(CTR)(%r1)
	mtctr	%r0
	ld	%r0, SLOT(CR)(%r1)
	mtcrf	0xff, %r0
	ld	%r0, SLOT(XER)(%r1)
	mtxer	%r0
	.irp n, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, \
		18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	%r\n, REG(\n)(%r1)
	.endr
	ld	%r1, REG(1)(%r1)
	rfid
	.size ppc_exception_entry, . - ppc_exception_entry

	.section .note.GNU-stack, "", @progbits
