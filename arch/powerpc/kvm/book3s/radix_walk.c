// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading guest instructions: translate a guest effective address through
 * the guest's own (process-scoped) radix tree, found through the process
 * table user space registered, then read guest real memory.  The L1 reads
 * it directly: no call to the L0.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <asm/mmu.h>
#include <asm/reg.h>

#include "book3s.h"

#define MAX_LEVELS	5

static int read_be64(struct kvm *kvm, u64 gpa, u64 *v)
{
	__be64 b;
	int r = kvm_read_guest(kvm, gpa, &b, sizeof(b));

	*v = be64_to_cpu(b);
	return r;
}

/* Walk one radix tree of @bits address bits rooted at @root (@nls bits). */
static int walk_tree(struct kvm *kvm, u64 root, unsigned int nls,
		     unsigned int bits, u64 ea, u64 *gpa)
{
	unsigned int shift = bits, level;
	u64 table = root, pte;

	if (bits < 32 || bits > 63 || (ea >> bits))
		return -EFAULT;
	for (level = 0; level < MAX_LEVELS; level++) {
		if (!nls || nls > shift)
			return -EFAULT;
		shift -= nls;
		if (read_be64(kvm, table + ((ea >> shift) & ((1ULL << nls) - 1)) * 8,
			      &pte))
			return -EFAULT;
		if (!(pte & RPTE_VALID))
			return -EFAULT;
		if (pte & RPTE_LEAF) {
			u64 mask = (1ULL << shift) - 1;

			*gpa = (pte & RPTE_RPN & ~mask) | (ea & mask);
			return 0;
		}
		table = pte & RPTE_NLB;
		nls = pte & RPTE_NLS;
	}
	return -EFAULT;
}

/**
 * kvmppc_radix_xlate() - guest effective address to guest real address
 * @vcpu: the vCPU; MSR (and PIDR for quadrant 0) must be current
 * @prtb: the guest's process table (PATB1: base | PRTS), 0 for none
 * @ea: the address
 * @gpa: set to the guest real address
 *
 * Return: 0, or -EFAULT if the guest's tables do not map @ea.
 */
int kvmppc_radix_xlate(struct kvm_vcpu *vcpu, u64 prtb, u64 ea, u64 *gpa)
{
	struct kvm *kvm = vcpu->kvm;
	u64 dw0, pid;
	unsigned int rts;

	if (!(vcpu->arch.regs.msr & MSR_IR)) {
		*gpa = ea & ~(0xfULL << 60);
		return 0;
	}
	switch (ea >> 62) {
	case 0:
		pid = vcpu->arch.spr[KVMPPC_SPR_PID];
		break;
	case 3:
		pid = 0;
		break;
	default:
		return -EFAULT;
	}
	if (!prtb || pid >= (1ULL << ((prtb & PRTS_MASK) + 12)) / 16)
		return -EFAULT;
	if (read_be64(kvm, (prtb & PRTB_MASK) + pid * 16, &dw0))
		return -EFAULT;
	rts = ((dw0 & RTS1_MASK) >> RTS1_SHIFT) << 3 | (dw0 & RTS2_MASK) >> RTS2_SHIFT;
	return walk_tree(kvm, dw0 & RPDB_MASK, dw0 & RPDS_MASK, rts + 31,
			 ea & ~(3ULL << 62), gpa);
}

/**
 * kvmppc_radix_fetch_insn() - read the instruction at a guest address
 * @vcpu: the vCPU; MSR (and PIDR for quadrant 0) must be current
 * @prtb: the guest's process table, as for kvmppc_radix_xlate()
 * @ea: guest effective address of the instruction
 * @insn: set to the instruction, with its suffix if it is prefixed
 *
 * Return: 0, or -EFAULT if it cannot be read.
 */
int kvmppc_radix_fetch_insn(struct kvm_vcpu *vcpu, u64 prtb, u64 ea,
			    ppc_inst_t *insn)
{
	bool le = vcpu->arch.regs.msr & MSR_LE;
	u32 w[2];
	u64 gpa;
	int i;

	for (i = 0; i < 2; i++) {
		if (kvmppc_radix_xlate(vcpu, prtb, ea + 4 * i, &gpa) ||
		    kvm_read_guest(vcpu->kvm, gpa, &w[i], 4))
			return -EFAULT;
		w[i] = le ? le32_to_cpu((__force __le32)w[i]) :
			    be32_to_cpu((__force __be32)w[i]);
		if (i == 0 && (w[0] >> 26) != OP_PREFIX) {
			*insn = ppc_inst(w[0]);
			return 0;
		}
	}
	*insn = ppc_inst_prefix(w[0], w[1]);
	return 0;
}
EXPORT_SYMBOL_GPL(kvmppc_radix_fetch_insn);
