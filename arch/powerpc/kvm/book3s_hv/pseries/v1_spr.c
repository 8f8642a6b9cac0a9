// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest SPRs under the nested v1 API.  H_ENTER_NESTED switches only what
 * struct hv_guest_state carries; the guest runs on the L1's own copy of
 * every other SPR it can reach (DSCR, AMR, TAR, the PMU, ...), and leaves
 * its values there.  So the L1 loads the guest's values just before the
 * call and puts its own back just after, as upstream's L1 does.
 *
 * Which SPRs: the register table's per-vCPU SPR rows the guest can write
 * (KVMPPC_REG_GUEST_W) that the processor has and hv_guest_state does not
 * carry (no v1_off).  mfspr and mtspr take the SPR number as
 * an immediate, so their accessors are generated from the same rows.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <asm/lppaca.h>
#include <asm/reg.h>

#include "pseries.h"

/*
 * The accessor of one row, given its SPR number and fields: an mtspr of
 * *@val, or with @val NULL an mfspr.  Rows the guest cannot write get an
 * empty one: the test folds away with the row's constants, and so does
 * the instruction.
 */
static __always_inline u64 access(unsigned int sprn, u16 flags, const u64 *val)
{
	u64 v = 0;

	if (!sprn || !(flags & KVMPPC_REG_GUEST_W))
		return 0;
	if (val)
		asm volatile("mtspr %0, %1" : : "n"(sprn), "r"(*val));
	else
		asm volatile("mfspr %0, %1" : "=r"(v) : "n"(sprn));
	return v;
}

#define ROW_FLAGS(...)	(((struct kvmppc_reg_desc){ __VA_ARGS__ }).flags)

#define KVMPPC_REG(_name, _sprn, ...)					\
static u64 access_##_name(const u64 *val)				\
{									\
	return access(_sprn, ROW_FLAGS(__VA_ARGS__), val);		\
}

#define KVMPPC_RANGE(...)
#include <asm/kvm_ppc_reg_table.h>
#undef KVMPPC_REG

#define KVMPPC_REG(_name, ...)	\
	[KVMPPC_SPR_##_name] = access_##_name,
static u64 (*const spr_access[KVMPPC_NR_SPRS])(const u64 *val) = {
#include <asm/kvm_ppc_reg_table.h>
};

#undef KVMPPC_REG
#undef KVMPPC_RANGE

static u16 switched[KVMPPC_NR_SPRS];
static unsigned int nr_switched;

/**
 * kvmhv_v1_spr_init() - choose the SPRs the L1 switches under v1
 *
 * Called once, when the v1 API is chosen; depends on the host processor.
 */
void kvmhv_v1_spr_init(void)
{
	unsigned int i;

	nr_switched = 0;
	for (i = 0; i < kvmppc_nr_regs; i++) {
		const struct kvmppc_reg_desc *rd = &kvmppc_regs[i];

		/* hv_guest_state carries v1 rows; MMCR0 goes first and last. */
		if (rd->get || !rd->sprn || !(rd->flags & KVMPPC_REG_GUEST_W) ||
		    !kvmppc_reg_on_host(rd, KVMPPC_HV) || rd->v1_off ||
		    rd->slot == KVMPPC_SPR_MMCR0)
			continue;
		switched[nr_switched++] = rd->slot;
	}
}

/*
 * Swap the values of the switched SPRs for those in @load, keeping the
 * old ones in @keep.  The performance monitor is frozen while its
 * registers change; the isync makes the new AMR/IAMR apply before the
 * caller goes on.
 */
static void swap_sprs(const u64 *load, u64 *keep)
{
	u64 mmcr0 = mfspr(SPRN_MMCR0);
	unsigned int i;

	keep[KVMPPC_SPR_MMCR0] = mmcr0;
	if (!(mmcr0 & MMCR0_FC)) {
		mmcr0 = MMCR0_FC;
		mtspr(SPRN_MMCR0, mmcr0);
		isync();
	}
	/* Most values are the same on both sides: writes cost more. */
	for (i = 0; i < nr_switched; i++) {
		u16 slot = switched[i];
		u64 old = spr_access[slot](NULL);

		keep[slot] = old;
		if (old != load[slot])
			spr_access[slot](&load[slot]);
	}
	if (mmcr0 != load[KVMPPC_SPR_MMCR0])
		mtspr(SPRN_MMCR0, load[KVMPPC_SPR_MMCR0]);
	isync();
}

/**
 * kvmhv_v1_load_sprs() - load the guest's SPRs before H_ENTER_NESTED
 * @vcpu: the vCPU, with interrupts hard-disabled
 * @st: its v1 state; the L1's values are kept in it
 *
 * The L1 also says it uses the performance monitor (lppaca
 * pmcregs_in_use): an L0 that sees it clear need not keep PMU values
 * across the call, and the guest's would be lost.
 */
void kvmhv_v1_load_sprs(struct kvm_vcpu *vcpu, struct kvmhv_v1_state *st)
{
	st->host_pmu_inuse = get_lppaca()->pmcregs_in_use;
	get_lppaca()->pmcregs_in_use = 1;
	swap_sprs(vcpu->arch.spr, st->host_spr);
}

/**
 * kvmhv_v1_put_sprs() - keep the guest's SPRs and restore the L1's after
 *	H_ENTER_NESTED
 * @vcpu: the vCPU, with interrupts still hard-disabled
 * @st: its v1 state, with the L1's values kvmhv_v1_load_sprs() kept
 */
void kvmhv_v1_put_sprs(struct kvm_vcpu *vcpu, struct kvmhv_v1_state *st)
{
	swap_sprs(st->host_spr, vcpu->arch.spr);
	get_lppaca()->pmcregs_in_use = st->host_pmu_inuse;
}
