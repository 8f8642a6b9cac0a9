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
#include <linux/stddef.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc_gsb.h>
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
#define KVMPPC_REG_GUEST_R	BIT(5)	/* a trapped mfspr is emulated on the slot */
#define KVMPPC_REG_GUEST_W	BIT(6)	/* a trapped mtspr is emulated on the slot */
#define KVMPPC_REG_ISA31	BIT(7)	/* the SPR exists from ISA 3.1 (POWER10) on */
#define KVMPPC_REG_UNSET_0	BIT(8)	/* 0 means "not set": not sent to the L0 */
#define KVMPPC_REG_GUEST_TB	BIT(9)	/* a time in the guest's timebase */
#define KVMPPC_REG_VM_PRERUN	(KVMPPC_REG_VM | KVMPPC_REG_PRERUN)
/*
 * How the kernel handles a guest mtspr/mfspr of the row's SPR that traps:
 * GUEST_RW rows are registers the guest's privileged state may read and
 * write, GUEST_RO rows it may only read (the write is the hypervisor's).
 * A trapped access the row does not allow gets the architected interrupt
 * (or KVM_EXIT_SPR if user space asked for it); see arch/powerpc/kvm/spr.c.
 */
#define KVMPPC_GUEST_RW		(KVMPPC_REG_GUEST_R | KVMPPC_REG_GUEST_W)
#define KVMPPC_GUEST_RO		KVMPPC_REG_GUEST_R

/*
 * The rows are listed in asm/kvm_ppc_reg_table.h.  Each KVMPPC_REG row gets
 * a storage slot in vcpu->arch.spr[] (or kvm->arch.spr[] for guest-wide
 * rows) named after it: KVMPPC_SPR_DSCR, KVMPPC_SPR_LPCR, ...
 */

/* The base's asm/reg.h has no name for it (ISA 3.1, hypervisor's key). */
#define SPRN_HASHPKEYR		0x1d5

/*
 * Rows for state the hypervisor keeps that user space has no ONE_REG id
 * for (the AMOR, the PVR).  Their ids come from a range no uapi id uses,
 * above all of them, so they sort last; ONE_REG and KVM_GET_REG_LIST do
 * not see them (kvmppc_reg_internal()).
 */
#define KVMPPC_REG_INTERNAL_BASE	0xfff00000ULL
#define KVMPPC_REG_INTERNAL(size, n)	(KVM_REG_PPC | KVM_REG_SIZE_##size | \
					 (KVMPPC_REG_INTERNAL_BASE + (n)))

/* Where a register lives in the nested-v1 struct hv_guest_state. */
#define KVMPPC_V1_OFF(field)	offsetof(struct hv_guest_state, field)

/* LPCR bits a guest's owner may choose; the others are the host's. */
#define KVMPPC_LPCR_MASK	(LPCR_DPFD | LPCR_HAIL | LPCR_ILE | LPCR_AIL | \
				 LPCR_ONL | LPCR_LD | LPCR_MER | LPCR_GTSE | \
				 LPCR_TC | LPCR_LPES)
/* ... and the host's an HV guest runs with: radix, process tables. */
#define KVMPPC_LPCR_RUN		(LPCR_HR | LPCR_UPRT)
#define KVMPPC_PPR_RESET	0x0010000000000000ULL
/*
 * What user space writes for a software breakpoint (KVM_REG_PPC_DEBUG_INST):
 * an illegal instruction, so the guest stops with an emulation assist,
 * the same word upstream's HV uses.
 */
#define KVMPPC_INST_SW_BREAKPOINT	0x00dddd00
/* The MSR a vCPU starts with: 64-bit, machine checks enabled. */
#define KVMPPC_MSR_RESET	(MSR_SF | MSR_ME)

#define KVMPPC_REG(name, ...)	KVMPPC_SPR_##name,
#define KVMPPC_RANGE(...)
enum kvmppc_spr {
#include <asm/kvm_ppc_reg_table.h>
	KVMPPC_NR_SPRS
};

#undef KVMPPC_REG
#undef KVMPPC_RANGE

/**
 * struct kvmppc_reg_desc - one row of the register table
 * @id: ONE_REG id (the first, for a row of several registers); the table is
 *	sorted by it and the size comes from it
 * @count: how many consecutive register numbers the row covers (0 means 1)
 * @name: register name, for messages and KUnit
 * @sprn: SPR number for mtspr/mfspr, or 0 for none
 * @gsid: nested-v2 guest state buffer element id (of the first register),
 *	0 for none
 * @slot: index into vcpu->arch.spr[] (rows without @get/@set)
 * @flavours: KVMPPC_HV, KVMPPC_PR and/or KVMPPC_BOOKE
 * @flags: KVMPPC_REG_* flags
 * @mask: bits user space may set; anything else is -EINVAL
 * @reset: value at vCPU creation
 * @reset_fn: if set, gives the value at vCPU creation instead (a value read
 *	off the host, such as the PVR)
 * @off: for a row with accessors, where its first register lives in struct
 *	kvm_vcpu (the nested-v2 state cache works on it directly)
 * @stride: bytes from one register of the row to the next
 * @v1_off: where the (first) register lives in the nested-v1 struct
 *	hv_guest_state (KVMPPC_V1_OFF()), 0 for none: such rows travel with
 *	H_ENTER_NESTED, into the guest and, if the guest can read them
 *	(KVMPPC_REG_GUEST_R, or a row with accessors), back
 * @check: a check of a value user space writes, beyond @mask: 0 or
 *	-EINVAL, and may put the value in the form the register keeps
 * @run_set: bits the value the guest runs with always has, whatever
 *	user space or the guest chose (kvmppc_reg_run_value())
 * @run_clear: bits it never has
 * @get: read accessor, for state that is not in vcpu->arch.spr[]: puts
 *	register @idx of the row in @val (u64[2]: the value, or for a 128-bit
 *	register the 16 bytes of the ONE_REG buffer); returns 0 or an errno
 * @set: write accessor, paired with @get; returns 0 or a negative errno
 */
struct kvmppc_reg_desc {
	u64 id;
	const char *name;
	u8 count;
	u16 sprn;
	u16 gsid;
	u16 slot;
	u8 flavours;
	u16 flags;
	u64 mask;
	u64 reset;
	u64 (*reset_fn)(void);
	u16 off;
	u8 stride;
	u16 v1_off;
	int (*check)(u64 *val);
	u64 run_set;
	u64 run_clear;
	int (*get)(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		   unsigned int idx, u64 *val);
	int (*set)(struct kvm_vcpu *vcpu, const struct kvmppc_reg_desc *rd,
		   unsigned int idx, const u64 *val);
};

/*
 * The value a register has while the guest runs, as the backend hands it
 * to whoever runs the guest: the row's fixed bits applied.  What comes
 * back is masked with @mask.
 */
static inline u64 kvmppc_reg_run_value(const struct kvmppc_reg_desc *rd, u64 v)
{
	return (v & ~rd->run_clear) | rd->run_set;
}

/* Whether a row is the hypervisor's own, out of user space's reach. */
static inline bool kvmppc_reg_internal(const struct kvmppc_reg_desc *rd)
{
	return (rd->id & KVMPPC_REG_INTERNAL_BASE) == KVMPPC_REG_INTERNAL_BASE;
}

/* The number of registers a row covers. */
static inline unsigned int kvmppc_reg_count(const struct kvmppc_reg_desc *rd)
{
	return rd->count ?: 1;
}

extern const struct kvmppc_reg_desc kvmppc_regs[];
extern const unsigned int kvmppc_nr_regs;

int kvmppc_regs_check(const struct kvmppc_reg_desc *table, unsigned int n,
		      unsigned int *bad_row, const char **why);
void kvmppc_regs_init(void);
const struct kvmppc_reg_desc *kvmppc_find_reg(u64 id);
const struct kvmppc_reg_desc *kvmppc_find_reg_in(const struct kvmppc_reg_desc *table,
						 unsigned int n, u64 id);
bool kvmppc_reg_visible(const struct kvm_vcpu *vcpu,
			const struct kvmppc_reg_desc *rd);
bool kvmppc_reg_on_host(const struct kvmppc_reg_desc *rd, u8 flavour);
int kvmppc_round_tb_offset(u64 *val);
int kvmppc_check_arch_compat(u64 *val);
u64 kvmppc_host_pvr(void);
void kvmppc_regs_reset(struct kvm_vcpu *vcpu);
u16 kvmppc_reg_gsid(const struct kvmppc_reg_desc *rd, u64 id);
int kvmppc_get_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);
int kvmppc_set_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);

#endif /* _ASM_POWERPC_KVM_PPC_REGS_H */
