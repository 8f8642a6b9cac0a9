/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * powerpc selftests: guest model and helpers.
 *
 * Guests are 64-bit little-endian Book3S (ISA 3.0+) partitions using the
 * radix MMU: the library builds a four-level radix tree with 64K pages
 * and a process table in guest memory, registers both with
 * KVM_PPC_CONFIGURE_V3_MMU, and starts each vCPU with translation on.
 */
#ifndef SELFTEST_KVM_PROCESSOR_H
#define SELFTEST_KVM_PROCESSOR_H

#include <linux/const.h>
#include <linux/stringify.h>

#include "kvm_util.h"
#include "hcall.h"

/* MSR bits (Power ISA numbering is big-endian; these are masks). */
#define MSR_SF		_BITULL(63)	/* 64-bit mode */
#define MSR_VEC		_BITULL(25)	/* VMX available */
#define MSR_VSX		_BITULL(23)	/* VSX available */
#define MSR_EE		_BITULL(15)	/* external interrupts */
#define MSR_PR		_BITULL(14)	/* problem state */
#define MSR_FP		_BITULL(13)	/* FP available */
#define MSR_ME		_BITULL(12)	/* machine check enable */
#define MSR_IR		_BITULL(5)	/* instruction relocation */
#define MSR_DR		_BITULL(4)	/* data relocation */
#define MSR_RI		_BITULL(1)	/* recoverable interrupt */
#define MSR_LE		_BITULL(0)	/* little-endian */

/*
 * Initial guest MSR.  FP/VMX/VSX are on because the compiler may use
 * them in any guest function (memcpy, vectorised loops).
 */
#define PPC_GUEST_MSR	(MSR_SF | MSR_VEC | MSR_VSX | MSR_FP | MSR_ME | \
			 MSR_IR | MSR_DR | MSR_RI | MSR_LE)

/* LPCR: take interrupts little-endian. */
#define LPCR_ILE	_BITULL(25)

/* SPR numbers used by the library and guest helpers. */
#define SPRN_DSISR	18
#define SPRN_DAR	19
#define SPRN_SRR0	26
#define SPRN_SRR1	27
#define SPRN_SPRG3	275

#define mfspr(sprn)						\
({								\
	uint64_t __val;						\
								\
	asm volatile("mfspr %0, " __stringify(sprn)		\
		     : "=r"(__val));				\
	__val;							\
})

static inline uint64_t mftb(void)
{
	uint64_t tb;

	asm volatile("mftb %0" : "=r"(tb));
	return tb;
}

/*
 * Radix tree geometry for 64K pages, as Linux uses it: a 52-bit
 * effective address split 13/9/9/5 over the four levels above the
 * 16-bit page offset.  The root is 64K, the two middle levels 4K and
 * the last level 256 bytes; every table is aligned to its size.
 */
#define RADIX_LEVELS		4
#define RADIX_TREE_BITS		52

/* Page directory / page table entry bits. */
#define RADIX_PTE_VALID		_BITULL(63)
#define RADIX_PTE_LEAF		_BITULL(62)
#define RADIX_PDE_NLB_MASK	0x0fffffffffffff00ULL	/* next level base */
#define RADIX_PDE_NLS_MASK	0x1fULL			/* next level size */
#define RADIX_PTE_RPN_MASK	0x01fffffffffff000ULL	/* real page number */
#define RADIX_PTE_R		_BITULL(8)	/* referenced */
#define RADIX_PTE_C		_BITULL(7)	/* changed */
#define RADIX_PTE_PRIV		_BITULL(3)	/* EAA: privileged only */
#define RADIX_PTE_READ		_BITULL(2)
#define RADIX_PTE_WRITE		_BITULL(1)
#define RADIX_PTE_EXEC		_BITULL(0)
#define RADIX_PTE_KERNEL_RWX	(RADIX_PTE_R | RADIX_PTE_C | RADIX_PTE_PRIV | \
				 RADIX_PTE_READ | RADIX_PTE_WRITE | \
				 RADIX_PTE_EXEC)

/*
 * Process table entry, doubleword 0: radix tree size (RTS, the tree
 * covers 2^(RTS + 31) bytes, split in two fields), root page directory
 * base (RPDB) and root size (RPDS, the root has 2^RPDS entries).
 */
#define PRTE_RTS1_SHIFT		61
#define PRTE_RTS2_SHIFT		5
#define PRTE_RPDB_MASK		0x0fffffffffffff00ULL
#define PRTE_RPDS_MASK		0x1fULL
#define PRTB_ENTRY_SIZE		16
/* PRTS = 0: a 4K process table, 256 entries; only PID 0 is used. */
#define PRTB_SIZE		0x1000
#define PRTB_PRTS		0
/* KVM_PPC_CONFIGURE_V3_MMU: the Guest Radix bit of the partition table entry. */
#define PATB_GR			(1ULL << 63)

/*
 * Interrupt vectors a guest may take (not HV-only ones).  The library
 * puts a stub at each that reports the interrupt with
 * PPC_HCALL_UNHANDLED, so an unexpected interrupt fails the test.
 */
#define PPC_VECTOR_STUB_SIZE	0x20

uint32_t guest_get_vcpuid(void);

/* Host side: whether this processor implements ISA 3.1 (POWER10 on). */
bool ppc_host_has_isa31(void);

/* Host side: the count of a non-blocking eventfd (reading resets it). */
uint64_t eventfd_count(int fd);

#endif /* SELFTEST_KVM_PROCESSOR_H */
