/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * powerpc selftests: the layout shared by the guest interrupt code in
 * lib/powerpc/handlers.S and the C side in lib/powerpc/processor.c.
 * Plain numbers only, so the assembler can read it too.
 *
 * Guest real page 0 holds the interrupt vectors (LPCR[AIL] = 0, so the
 * guest takes every interrupt there, in real mode).  Its first bytes
 * hold two doublewords the library fills in and the trampoline that a
 * vector with a C handler branches to:
 *
 *	0x00	address of ppc_exception_entry (a guest virtual address)
 *	0x08	MSR the handler runs with (translation on)
 *	0x10	trampoline, copied from handlers.S
 *
 * The trampoline turns translation on in place, which works because the
 * library maps guest virtual page 0 onto guest real page 0.
 */
#ifndef SELFTEST_KVM_PPC_VECTORS_H
#define SELFTEST_KVM_PPC_VECTORS_H

#define PPC_VEC_SLOT_ENTRY	0x00
#define PPC_VEC_SLOT_MSR	0x08
#define PPC_VEC_TRAMP		0x10
/* The trampoline must end before the first vector. */
#define PPC_VEC_TRAMP_MAX	(0x100 - PPC_VEC_TRAMP)
/* Vectors are 0x20-aligned; their handler table is indexed by vector / 0x20. */
#define PPC_VEC_ALIGN		0x20
#define PPC_VEC_LIMIT		0x1000
#define PPC_VEC_SLOTS		(PPC_VEC_LIMIT / PPC_VEC_ALIGN)

/*
 * Scratch SPRs of the interrupt path: the vector stub leaves r3 in
 * SPRG0, the trampoline r4 in SPRG1 and CTR in SPRG2.  SPRG3 is not
 * touched: it holds the vCPU id (guest_get_vcpuid()).
 */

/* struct ex_regs, in bytes. */
#define PPC_EX_GPR(n)		((n) * 8)
#define PPC_EX_NIP		256
#define PPC_EX_MSR		264
#define PPC_EX_LR		272
#define PPC_EX_CTR		280
#define PPC_EX_CR		288
#define PPC_EX_XER		296
#define PPC_EX_DAR		304
#define PPC_EX_DSISR		312
#define PPC_EX_VECTOR		320
#define PPC_EX_SIZE		336

#endif /* SELFTEST_KVM_PPC_VECTORS_H */
