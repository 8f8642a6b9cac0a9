/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one register table: every piece of vCPU state that is visible to user
 * space or to the L0 is one row here.  ONE_REG, the register list, reset,
 * guest state buffer encoding and SPR emulation are all derived from it.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#ifndef _ASM_POWERPC_KVM_PPC_REGS_H
#define _ASM_POWERPC_KVM_PPC_REGS_H

#include <linux/types.h>
#include <linux/bits.h>
#include <asm/reg.h>

struct kvm_vcpu;

/* Backends a row applies to (struct kvmppc_reg_desc.flavours). */
#define KVMPPC_HV	BIT(0)
#define KVMPPC_PR	BIT(1)
#define KVMPPC_BOOKE	BIT(2)
#define KVMPPC_BOOK3S	(KVMPPC_HV | KVMPPC_PR)

/* Row flags (struct kvmppc_reg_desc.flags). */
#define KVMPPC_REG_VM		BIT(0)	/* guest-wide, not per thread */
#define KVMPPC_REG_RO		BIT(1)	/* user space cannot set it */
#define KVMPPC_REG_PRERUN	BIT(2)	/* settable only before the first run */
#define KVMPPC_REG_ALIAS32	BIT(3)	/* the 32-bit id reaches the low word */
#define KVMPPC_REG_MASKED	BIT(4)	/* bits outside the mask are dropped */
#define KVMPPC_REG_VM_PRERUN	(KVMPPC_REG_VM | KVMPPC_REG_PRERUN)

/* An sprn of 0 means the state has no mtspr/mfspr (SPR 0 is MQ, never ours). */

/*
 * KVMPPC_SPR_TABLE(X) lists the SPRs and SPR-like state a vCPU keeps in
 * vcpu->arch.spr[], sorted by ONE_REG register number (the id without its
 * size field):
 *
 *   X(name, sprn, one_reg_id, gsid, flavours, flags, mask, reset)
 *
 * @mask is the set of bits user space may write; @reset must lie inside it.
 * @gsid is the nested-v2 guest state element id (0 when there is none).
 * Guest-wide rows (KVMPPC_REG_VM) live in kvm->arch.spr[] instead.
 * The slots it generates: KVMPPC_SPR_DSCR, KVMPPC_SPR_PURR,
 * KVMPPC_SPR_SPURR, KVMPPC_SPR_DAR, KVMPPC_SPR_DSISR, KVMPPC_SPR_AMR,
 * KVMPPC_SPR_UAMOR, KVMPPC_SPR_TB_OFFSET, KVMPPC_SPR_IAMR, KVMPPC_SPR_FSCR,
 * KVMPPC_SPR_PSPB, KVMPPC_SPR_EBBHR, KVMPPC_SPR_EBBRR, KVMPPC_SPR_BESCR,
 * KVMPPC_SPR_TAR, KVMPPC_SPR_DPDES, KVMPPC_SPR_DAWR0, KVMPPC_SPR_DAWRX0,
 * KVMPPC_SPR_CIABR, KVMPPC_SPR_IC, KVMPPC_SPR_VTB, KVMPPC_SPR_PID,
 * KVMPPC_SPR_VRSAVE, KVMPPC_SPR_LPCR, KVMPPC_SPR_PPR,
 * KVMPPC_SPR_ARCH_COMPAT, KVMPPC_SPR_WORT, KVMPPC_SPR_DEXCR,
 * KVMPPC_SPR_HASHKEYR, KVMPPC_SPR_HASHPKEYR.
 */
/* LPCR bits a guest's owner may choose; the others are the host's. */
#define KVMPPC_LPCR_MASK	(LPCR_DPFD | LPCR_HAIL | LPCR_ILE | LPCR_AIL | \
				 LPCR_ONL | LPCR_LD | LPCR_MER | LPCR_GTSE | \
				 LPCR_TC | LPCR_LPES)
#define KVMPPC_PPR_RESET	0x0010000000000000ULL

#define KVMPPC_SPR_TABLE(X)	\
	X(DSCR, 17, KVM_REG_PPC_DSCR, 0x104c, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(PURR, 309, KVM_REG_PPC_PURR, 0x1033, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(SPURR, 308, KVM_REG_PPC_SPURR, 0x1034, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(DAR, 19, KVM_REG_PPC_DAR, 0x1029, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(DSISR, 18, KVM_REG_PPC_DSISR, 0x2002, KVMPPC_BOOK3S, 0, U32_MAX, 0) \
	X(AMR, 13, KVM_REG_PPC_AMR, 0x1046, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(UAMOR, 157, KVM_REG_PPC_UAMOR, 0x1049, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(TB_OFFSET, 0, KVM_REG_PPC_TB_OFFSET, 0x4, KVMPPC_BOOK3S, KVMPPC_REG_VM, ~0ULL, 0) \
	X(IAMR, 61, KVM_REG_PPC_IAMR, 0x1047, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(FSCR, 153, KVM_REG_PPC_FSCR, 0x102e, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(PSPB, 159, KVM_REG_PPC_PSPB, 0x200e, KVMPPC_BOOK3S, 0, U32_MAX, 0) \
	X(EBBHR, 804, KVM_REG_PPC_EBBHR, 0x1044, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(EBBRR, 805, KVM_REG_PPC_EBBRR, 0x1045, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(BESCR, 806, KVM_REG_PPC_BESCR, 0x1043, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(TAR, 815, KVM_REG_PPC_TAR, 0x104d, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(DPDES, 176, KVM_REG_PPC_DPDES, 0x1053, KVMPPC_HV, 0, ~0ULL, 0) \
	X(DAWR0, 180, KVM_REG_PPC_DAWR, 0x1030, KVMPPC_HV, 0, ~0ULL, 0) \
	X(DAWRX0, 188, KVM_REG_PPC_DAWRX, 0x2005, KVMPPC_HV, 0, U32_MAX, 0) \
	X(CIABR, 187, KVM_REG_PPC_CIABR, 0x1032, KVMPPC_HV, 0, ~0ULL, 0) \
	X(IC, 848, KVM_REG_PPC_IC, 0x1035, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(VTB, 351, KVM_REG_PPC_VTB, 0x102b, KVMPPC_BOOK3S, 0, ~0ULL, 0) \
	X(PID, 48, KVM_REG_PPC_PID, 0x2001, KVMPPC_BOOK3S, 0, U32_MAX, 0) \
	X(VRSAVE, 256, KVM_REG_PPC_VRSAVE, 0x2004, KVMPPC_BOOK3S, 0, U32_MAX, 0) \
	X(LPCR, 318, KVM_REG_PPC_LPCR_64, 0x102c, KVMPPC_HV,			\
	  KVMPPC_REG_ALIAS32 | KVMPPC_REG_MASKED, KVMPPC_LPCR_MASK, 0)	\
	X(PPR, 896, KVM_REG_PPC_PPR, 0x103a, KVMPPC_BOOK3S, 0, ~0ULL, KVMPPC_PPR_RESET) \
	X(ARCH_COMPAT, 0, KVM_REG_PPC_ARCH_COMPAT, 0x3, KVMPPC_BOOK3S, KVMPPC_REG_VM_PRERUN, U32_MAX, 0) \
	X(WORT, 895, KVM_REG_PPC_WORT, 0x200d, KVMPPC_HV, 0, U32_MAX, 0) \
	X(DEXCR, 828, KVM_REG_PPC_DEXCR, 0x104e, KVMPPC_HV, 0, ~0ULL, 0) \
	X(HASHKEYR, 468, KVM_REG_PPC_HASHKEYR, 0x1050, KVMPPC_HV, 0, ~0ULL, 0) \
	X(HASHPKEYR, 469, KVM_REG_PPC_HASHPKEYR, 0x1051, KVMPPC_HV, 0, ~0ULL, 0)

#define KVMPPC_SPR_SLOT(name, ...)	KVMPPC_SPR_##name,
enum kvmppc_spr {
	KVMPPC_SPR_TABLE(KVMPPC_SPR_SLOT)
	KVMPPC_NR_SPRS
};
#undef KVMPPC_SPR_SLOT

/**
 * struct kvmppc_reg_desc - one row of the register table
 * @id: ONE_REG id; the table is sorted by it and the size comes from it
 * @name: register name, for messages and KUnit
 * @sprn: SPR number for mtspr/mfspr, or 0 for none
 * @gsid: nested-v2 guest state buffer element id, 0 for none
 * @slot: index into vcpu->arch.spr[] (rows without @get/@set)
 * @flavours: KVMPPC_HV, KVMPPC_PR and/or KVMPPC_BOOKE
 * @flags: KVMPPC_REG_* flags
 * @mask: bits user space may set; anything else is -EINVAL
 * @reset: value at vCPU creation
 * @get: read accessor, for state that is not in vcpu->arch.spr[]
 * @set: write accessor, paired with @get; returns 0 or a negative errno
 */
struct kvmppc_reg_desc {
	u64 id;
	const char *name;
	u16 sprn;
	u16 gsid;
	u16 slot;
	u8 flavours;
	u8 flags;
	u64 mask;
	u64 reset;
	int (*get)(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		   u64 *val);
	int (*set)(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		   u64 val);
};

extern const struct kvmppc_reg_desc kvmppc_regs[];
extern const unsigned int kvmppc_nr_regs;

int kvmppc_regs_check(const struct kvmppc_reg_desc *table, unsigned int n);
const struct kvmppc_reg_desc *kvmppc_find_reg(u64 id);
const struct kvmppc_reg_desc *kvmppc_find_reg_in(const struct kvmppc_reg_desc *table,
						 unsigned int n, u64 id);
bool kvmppc_reg_visible(const struct kvm_vcpu *vcpu,
			const struct kvmppc_reg_desc *rd);
void kvmppc_regs_reset(struct kvm_vcpu *vcpu);
int kvmppc_get_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);
int kvmppc_set_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);

#endif /* _ASM_POWERPC_KVM_PPC_REGS_H */
