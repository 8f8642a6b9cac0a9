/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * powerpc selftests: guest model and helpers.
 *
 * Guests are 64-bit little-endian Book3S (ISA 3.0+) partitions using the
 * radix MMU: the library builds a four-level radix tree with 64K or 4K
 * pages (VM_MODE_P52V48_64K, the default, or VM_MODE_P52V48_4K) and a
 * process table in guest memory, registers both with
 * KVM_PPC_CONFIGURE_V3_MMU, and starts each vCPU with translation on.
 */
#ifndef SELFTEST_KVM_PROCESSOR_H
#define SELFTEST_KVM_PROCESSOR_H

#include <linux/const.h>
#include <linux/stringify.h>

#include "kvm_util.h"
#include "hcall.h"
#include "ucall_common.h"
#include "vectors.h"

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
#define SPRN_DEC	22
#define SPRN_SRR0	26
#define SPRN_SRR1	27
#define SPRN_SPRG0	272
#define SPRN_SPRG1	273
#define SPRN_SPRG2	274
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
 * Radix tree geometry, as Linux uses it: a 52-bit effective address
 * split 13/9/9 over the top three levels, then 5 bits above a 16-bit
 * offset for 64K pages or 9 bits above a 12-bit offset for 4K pages.
 * The root is 64K, the two middle levels 4K and the last level 256
 * bytes (64K pages) or 4K (4K pages); every table is aligned to its
 * size.  These are the only sizes the POWER9 and POWER10 radix walk
 * takes.
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
 * PPC_HCALL_UNHANDLED, so an unexpected interrupt fails the test;
 * vm_install_exception_handler() replaces the stub of one vector with a
 * call of a C function in the guest.
 */
#define PPC_VECTOR_STUB_SIZE	0x20

/*
 * The interrupted state, as a guest handler sees it.  @nip and @msr are
 * SRR0 and SRR1: the handler may change them (e.g. nip += 4 to skip the
 * instruction that trapped), and every field but @dar, @dsisr and
 * @vector is loaded back on return.  FP, VMX and VSX registers are saved
 * and restored around the handler as well, so it may use them.
 */
struct ex_regs {
	uint64_t gprs[32];
	uint64_t nip;
	uint64_t msr;
	uint64_t lr;
	uint64_t ctr;
	uint64_t cr;
	uint64_t xer;
	uint64_t dar;
	uint64_t dsisr;
	uint64_t vector;
	uint64_t pad;
};

typedef void (*handler_fn)(struct ex_regs *regs);

/*
 * Guest interrupt handlers in C.  vm_init_descriptor_tables() sets up
 * the VM's handler table (vm_install_exception_handler() does it too if
 * needed); vcpu_init_descriptor_tables() is there for the generic tests'
 * sake: interrupts go to guest real address 0 on every vCPU already.
 * @vector is the vector's offset, e.g. 0x700 for a program interrupt.
 * A handler runs with translation on, external interrupts off, on the
 * interrupted stack (below its 288-byte protected zone).
 */
void vm_init_descriptor_tables(struct kvm_vm *vm);
/* Library internals: lib/powerpc/handlers.S and its C side. */
extern const uint32_t ppc_vector_tramp[], ppc_vector_tramp_end[];
void ppc_exception_entry(void);
void route_exception(struct ex_regs *regs);

void vcpu_init_descriptor_tables(struct kvm_vcpu *vcpu);
void vm_install_exception_handler(struct kvm_vm *vm, int vector,
				  handler_fn handler);

uint32_t guest_get_vcpuid(void);

/* Host side: whether this processor implements ISA 3.1 (POWER10 on). */
bool ppc_host_has_isa31(void);

/* Host side: the count of a non-blocking eventfd (reading resets it). */
uint64_t eventfd_count(int fd);

#endif /* SELFTEST_KVM_PROCESSOR_H */
