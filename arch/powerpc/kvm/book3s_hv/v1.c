// SPDX-License-Identifier: GPL-2.0-only
/*
 * The nested v1 API (H_ENTER_NESTED), for L0s without v2.
 *
 * The L0 keeps nothing about an L2 but the partition table the L1
 * registered at init: each entry of ours points at a guest's
 * partition-scoped tree and process table.  Every entry hands the L0 the
 * whole vCPU state (struct hv_guest_state and struct pt_regs, in the L1's
 * byte order) and every exit hands it back, so the state in vcpu->arch is
 * always current: there is nothing to cache.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/idr.h>
#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/reg.h>
#include <asm/switch_to.h>

#include "kvm_ppc_internal.h"

#include "nested.h"

/* Partition table entry, dword 0: radix, 52-bit tree, 2^13-entry root. */
#define PATE0_RTS	((2ULL << 61) | (5ULL << 5))	/* 52 - 31 = 21 */
#define PATE0_RPDS	13

/* H_TLB_INVALIDATE: RIC=2 (everything), PRS=0, R=1; RB: IS=2 (one LPID). */
#define TLBI_P1_ALL_PARTITION	((2UL << 18) | (1UL << 16))
#define TLBI_RB_LPID		(2UL << 10)

/* Facilities the guest may use without the L1 being asked. */
#define V1_HFSCR	(HFSCR_TAR | HFSCR_EBB | HFSCR_PM | HFSCR_BHRB | \
			 HFSCR_DSCR | HFSCR_VECVSX | HFSCR_FP | HFSCR_MSGP)

static DEFINE_IDA(lpids);

/**
 * kvmhv_v1_init_vm() - give a VM an LPID
 * @kvm: the VM
 *
 * Return: 0, or -ENOSPC when every LPID of our partition table is taken.
 */
int kvmhv_v1_init_vm(struct kvm *kvm)
{
	int lpid = ida_alloc_range(&lpids, 1, (1 << KVMHV_V1_PTB_ORDER) - 1,
				   GFP_KERNEL);

	if (lpid < 0)
		return -ENOSPC;
	to_hv_vm(kvm)->guest_id = lpid;
	to_hv_vm(kvm)->created = true;
	return 0;
}

static void flush_lpid(u64 lpid)
{
	long rc = plpar_hcall_norets(H_TLB_INVALIDATE, TLBI_P1_ALL_PARTITION,
				     lpid, TLBI_RB_LPID);

	if (rc != H_SUCCESS)
		pr_err_ratelimited("kvm-ppc: H_TLB_INVALIDATE of LPID %llu failed: rc=%ld\n",
				   lpid, rc);
}

/**
 * kvmhv_v1_destroy_vm() - clear a VM's partition table entry, free its LPID
 * @kvm: the VM
 */
void kvmhv_v1_destroy_vm(struct kvm *kvm)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);
	__be64 *pate;

	if (!hvm->created)
		return;
	pate = kvmhv_v1_pate(hvm->guest_id);
	WRITE_ONCE(pate[0], 0);
	WRITE_ONCE(pate[1], 0);
	flush_lpid(hvm->guest_id);
	ida_free(&lpids, hvm->guest_id);
	hvm->created = false;
}

/**
 * kvmhv_v1_flush_tlb() - make the L0 forget a guest's translations
 * @kvm: the VM
 */
void kvmhv_v1_flush_tlb(struct kvm *kvm)
{
	flush_lpid(to_hv_vm(kvm)->guest_id);
}

/* Point the VM's partition table entry at its trees. */
static void write_pate(struct kvm *kvm)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);
	__be64 *pate = kvmhv_v1_pate(hvm->guest_id);

	WRITE_ONCE(pate[0], cpu_to_be64(PATB_HR | PATE0_RTS | PATE0_RPDS |
					kvmhv_pgtable_root_pa(&hvm->pgt)));
	WRITE_ONCE(pate[1], cpu_to_be64(hvm->process_table));
	/* The L0 reads the entry from our memory at the next entry. */
	smp_mb();
}

/*
 * The PCR for a compatibility level: each architecture bit turns off what
 * came after that version, so a level sets its own bit and all older ones.
 * (Under v2 the L0 takes the logical PVR itself.)
 */
static u64 level_pcr(u32 level)
{
	switch (level) {
	case PVR_ARCH_300:
		return PCR_ARCH_300;
	case PVR_ARCH_207:
		return PCR_ARCH_300 | PCR_ARCH_207;
	case PVR_ARCH_206:
	case PVR_ARCH_206p:
		return PCR_ARCH_300 | PCR_ARCH_207 | PCR_ARCH_206;
	case PVR_ARCH_205:
		return PCR_LOW_BITS;
	default:
		return 0;	/* none, or the host's own level */
	}
}

static u64 compat_pcr(u32 level)
{
	/* Bits for the host's own level or newer do not exist on it. */
	u64 host = cpu_has_feature(CPU_FTR_ARCH_31) ? PCR_LOW_BITS :
		   PCR_LOW_BITS & ~PCR_ARCH_300;

	return host & level_pcr(level);
}

static void fill(struct kvm_vcpu *vcpu, struct hv_guest_state *hs,
		 struct pt_regs *regs)
{
	struct kvmppc_core_regs *c = &vcpu->arch.regs;
	u64 *spr = vcpu->arch.spr;

	memset(hs, 0, sizeof(*hs));
	hs->version = HV_GUEST_STATE_VERSION;
	hs->lpid = to_hv_vm(vcpu->kvm)->guest_id;
	hs->vcpu_token = vcpu->vcpu_idx;
	hs->lpcr = spr[KVMPPC_SPR_LPCR] | LPCR_HR | LPCR_UPRT;
	hs->pcr = compat_pcr(READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_ARCH_COMPAT]));
	hs->hfscr = V1_HFSCR | (cpu_has_feature(CPU_FTR_ARCH_31) ? HFSCR_PREFIX : 0);
	hs->amor = ~0UL;
	hs->tb_offset = READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_TB_OFFSET]);
	hs->hdec_expiry = mftb() + tb_ticks_per_usec * 10000;
	hs->dawr0 = spr[KVMPPC_SPR_DAWR0];
	hs->dawrx0 = spr[KVMPPC_SPR_DAWRX0];
	hs->dawr1 = spr[KVMPPC_SPR_DAWR1];
	hs->dawrx1 = spr[KVMPPC_SPR_DAWRX1];
	hs->ciabr = spr[KVMPPC_SPR_CIABR];
	hs->purr = spr[KVMPPC_SPR_PURR];
	hs->spurr = spr[KVMPPC_SPR_SPURR];
	hs->ic = spr[KVMPPC_SPR_IC];
	hs->vtb = spr[KVMPPC_SPR_VTB];
	hs->dpdes = spr[KVMPPC_SPR_DPDES];
	hs->srr0 = c->srr0;
	hs->srr1 = c->srr1;
	memcpy(hs->sprg, c->sprg, sizeof(hs->sprg));
	hs->pidr = spr[KVMPPC_SPR_PID];
	hs->ppr = spr[KVMPPC_SPR_PPR];
	hs->heir = KVMHV_NO_HEIR;

	memset(regs, 0, sizeof(*regs));
	memcpy(regs->gpr, c->gpr, sizeof(regs->gpr));
	regs->nip = c->nip;
	/* Never a hypervisor-state guest; machine checks always on. */
	regs->msr = (c->msr & ~MSR_HV) | MSR_ME;
	regs->ctr = c->ctr;
	regs->link = c->lr;
	regs->xer = c->xer;
	regs->ccr = c->cr;
}

/* VSR doubleword d of VR n, in the layout stvx leaves in memory. */
static u64 *vr_dword(struct thread_vr_state *vr, int n, int d)
{
	u64 *p = (u64 *)&vr->vr[n];

	return &p[IS_ENABLED(CONFIG_CPU_LITTLE_ENDIAN) ? 1 - d : d];
}

/* vcpu->arch's FP/VMX/VSX state into the layout load_*_state() wants. */
static void fill_math(struct kvm_vcpu *vcpu, struct kvmhv_v1_state *st)
{
	int i;

	for (i = 0; i < 32; i++) {
		st->fp.fpr[i][TS_FPROFFSET] = vcpu->arch.vsr[i][0];
		st->fp.fpr[i][TS_VSRLOWOFFSET] = vcpu->arch.vsr[i][1];
		*vr_dword(&st->vr, i, 0) = vcpu->arch.vsr[32 + i][0];
		*vr_dword(&st->vr, i, 1) = vcpu->arch.vsr[32 + i][1];
	}
	st->fp.fpscr = vcpu->arch.fpscr;
	st->vr.vscr.u[IS_ENABLED(CONFIG_CPU_LITTLE_ENDIAN) ? 0 : 3] = vcpu->arch.vscr;
}

static void take_math(struct kvm_vcpu *vcpu, struct kvmhv_v1_state *st)
{
	int i;

	for (i = 0; i < 32; i++) {
		vcpu->arch.vsr[i][0] = st->fp.fpr[i][TS_FPROFFSET];
		vcpu->arch.vsr[i][1] = st->fp.fpr[i][TS_VSRLOWOFFSET];
		vcpu->arch.vsr[32 + i][0] = *vr_dword(&st->vr, i, 0);
		vcpu->arch.vsr[32 + i][1] = *vr_dword(&st->vr, i, 1);
	}
	vcpu->arch.fpscr = st->fp.fpscr;
	vcpu->arch.vscr = st->vr.vscr.u[IS_ENABLED(CONFIG_CPU_LITTLE_ENDIAN) ? 0 : 3];
}

static void take(struct kvm_vcpu *vcpu, const struct hv_guest_state *hs,
		 const struct pt_regs *regs)
{
	struct kvmppc_core_regs *c = &vcpu->arch.regs;
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	u64 *spr = vcpu->arch.spr;

	memcpy(c->gpr, regs->gpr, sizeof(c->gpr));
	c->nip = regs->nip;
	c->msr = regs->msr;
	c->ctr = regs->ctr;
	c->lr = regs->link;
	c->xer = regs->xer;
	c->cr = regs->ccr;
	c->srr0 = hs->srr0;
	c->srr1 = hs->srr1;
	memcpy(c->sprg, hs->sprg, sizeof(hs->sprg));
	spr[KVMPPC_SPR_PID] = (u32)hs->pidr;
	spr[KVMPPC_SPR_PPR] = hs->ppr;
	spr[KVMPPC_SPR_DPDES] = hs->dpdes;
	spr[KVMPPC_SPR_PURR] = hs->purr;
	spr[KVMPPC_SPR_SPURR] = hs->spurr;
	spr[KVMPPC_SPR_IC] = hs->ic;
	spr[KVMPPC_SPR_VTB] = hs->vtb;
	hv->hdar = hs->hdar;
	hv->hdsisr = hs->hdsisr;
	hv->asdr = hs->asdr;
	hv->heir = hs->heir;
}

/**
 * kvmhv_v1_enter() - run a vCPU once with H_ENTER_NESTED
 * @vcpu: the vCPU
 * @trap: set to the exit vector
 *
 * Return: 1 when the guest ran and exited (*@trap set), 0 with
 * KVM_EXIT_FAIL_ENTRY when the L0 refused, or a negative errno.
 */
int kvmhv_v1_enter(struct kvm_vcpu *vcpu, unsigned long *trap)
{
	struct kvmhv_vcpu *hv = to_hv_vcpu(vcpu);
	struct kvmhv_v1_state *st = hv->v1;
	u64 l1_dec, now;
	s64 guest_dec = 0;
	long rc;

	if (!st) {
		st = kzalloc(sizeof(*st), GFP_KERNEL_ACCOUNT);
		if (!st)
			return -ENOMEM;
		hv->v1 = st;
	}
	if (READ_ONCE(to_hv_vm(vcpu->kvm)->wide_dirty)) {
		struct kvmhv_vm *hvm = to_hv_vm(vcpu->kvm);

		mutex_lock(&hvm->lock);
		if (kvmhv_wide_take(hvm))
			write_pate(vcpu->kvm);
		mutex_unlock(&hvm->lock);
	}
	for (;;) {
		if (kvm_check_request(KVM_REQ_TLB_FLUSH, vcpu))
			vcpu->kvm->arch.ops->flush_tlb(vcpu);
		fill(vcpu, &st->hs, &st->regs);
		fill_math(vcpu, st);
		/*
		 * Hard-disabled: a soft-masked performance monitor interrupt
		 * would run perf's handler on the guest's PMU registers, and a
		 * soft-masked decrementer would reload the guest's DEC.  What
		 * arrived while soft-masked is taken first.
		 */
		local_irq_disable();
		hard_irq_disable();
		/* Pairs with kvm_vcpu_kick(), as in the v2 entry. */
		smp_store_mb(vcpu->mode, IN_GUEST_MODE);
		if (kvm_request_pending(vcpu) || lazy_irq_pending()) {
			vcpu->mode = OUTSIDE_GUEST_MODE;
			local_irq_enable();
			continue;
		}
		/*
		 * Under v1 the guest runs on the L1's DEC: load the guest's,
		 * put ours back (less the time spent) on the way out.
		 */
		l1_dec = mftb() + (s32)mfspr(SPRN_DEC);
		mtspr(SPRN_DEC, (s64)(kvmhv_dec_expiry_l1(vcpu) - mftb()));
		/*
		 * Nor does v1 carry FP, VMX or VSX state: the guest runs on
		 * the L1's registers.  Put the task's own away, load the
		 * guest's, and keep what the guest left.
		 */
		enable_kernel_vsx();
		load_fp_state(&st->fp);
		load_vr_state(&st->vr);
		kvmhv_v1_load_sprs(vcpu, st);
		kvmppc_guest_enter_irqoff(vcpu);
		rc = plpar_hcall_norets(H_ENTER_NESTED, __pa(&st->hs), __pa(&st->regs));
		guest_state_exit_irqoff();
		kvmhv_v1_put_sprs(vcpu, st);
		store_fp_state(&st->fp);
		store_vr_state(&st->vr);
		disable_kernel_vsx();
		now = mftb();
		guest_dec = (s32)mfspr(SPRN_DEC);
		mtspr(SPRN_DEC, (s64)(l1_dec - now) > 0 ? l1_dec - now : 1);
		vcpu->mode = OUTSIDE_GUEST_MODE;
		kvmppc_guest_exit(vcpu);
		kvmhv_l0_count(vcpu, H_ENTER_NESTED);
		if (rc != H_BUSY)
			break;
	}
	if (rc <= 0) {
		pr_err_ratelimited("kvm-ppc: H_ENTER_NESTED failed: rc=%ld\n", rc);
		vcpu->run->exit_reason = KVM_EXIT_FAIL_ENTRY;
		vcpu->run->fail_entry.hardware_entry_failure_reason = rc;
		vcpu->run->fail_entry.cpu = raw_smp_processor_id();
		return 0;
	}
	take(vcpu, &st->hs, &st->regs);
	take_math(vcpu, st);
	/* What is left of the guest's DEC, as an expiry in its timebase. */
	vcpu->arch.spr[KVMPPC_SPR_DEC_EXPIRY] = now + guest_dec +
		READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_TB_OFFSET]);
	*trap = rc;
	return 1;
}
