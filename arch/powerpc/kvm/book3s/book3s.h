/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Book3S architecture facts the Book3S backends share (HV on any platform,
 * later PR): the radix tree entry format and the guest radix walk.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _KVM_PPC_BOOK3S_H
#define _KVM_PPC_BOOK3S_H

#include <linux/bits.h>
#include <linux/types.h>
#include <asm/inst.h>

struct kvm_vcpu;

/* Radix tree entries (Power ISA 3.0 Book III 6.7.10), in CPU byte order. */
#define RPTE_VALID	BIT_ULL(63)
#define RPTE_LEAF	BIT_ULL(62)
#define RPTE_RPN	0x01fffffffffff000ULL	/* leaf: real page number */
#define RPTE_NLB	0x0fffffffffffff00ULL	/* directory: next level base */
#define RPTE_NLS	0x1fULL			/* directory: next level size */
#define RPTE_ACCESSED	0x100ULL
#define RPTE_DIRTY	0x080ULL
#define RPTE_PRIV	0x008ULL
#define RPTE_READ	0x004ULL
#define RPTE_WRITE	0x002ULL
#define RPTE_EXEC	0x001ULL

/* radix_walk.c */
int kvmppc_radix_xlate(struct kvm_vcpu *vcpu, u64 prtb, u64 ea, u64 *gpa);
int kvmppc_radix_fetch_insn(struct kvm_vcpu *vcpu, u64 prtb, u64 ea,
			    ppc_inst_t *insn);

#endif /* _KVM_PPC_BOOK3S_H */
