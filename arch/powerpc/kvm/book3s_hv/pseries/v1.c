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
#include <asm/mmu.h>
#include <asm/reg.h>
#include <asm/switch_to.h>
#include <asm/time.h>

#include "kvm_ppc_internal.h"
#include "pseries.h"

#define PTB_BYTES	(16UL << KVMHV_V1_PTB_ORDER)

/* Partition table entry, dword 0: radix, 52-bit tree, 2^13-entry root. */
#define PATE0_RTS	((2ULL << RTS1_SHIFT) | (5ULL << RTS2_SHIFT))	/* 52 - 31 */
#define PATE0_RPDS	KVMHV_PGT_ROOT_BITS

/* H_TLB_INVALIDATE: RIC=2 (everything), PRS=0, R=1; RB: IS=2 (one LPID). */
#define TLBI_P1_ALL_PARTITION	((2UL << 18) | (1UL << 16))
#define TLBI_RB_LPID		(2UL << 10)

/* Facilities the guest may use without the L1 being asked. */
#define V1_HFSCR	(HFSCR_TAR | HFSCR_EBB | HFSCR_PM | HFSCR_BHRB | \
			 HFSCR_DSCR | HFSCR_VECVSX | HFSCR_FP | HFSCR_MSGP)

static DEFINE_IDA(lpids);
/* Our partition table, registered with the L0 at probe. */
static __be64 *ptbl;

/*
 * The register table's rows that hv_guest_state carries (v1_off), one
 * entry per register, made once at probe: where vcpu->arch keeps it, where
 * hv_guest_state has it, and whether it comes back (the guest can change
 * it; the others are the host's).
 */
struct hs_reg {
	u16 vcpu_off;
	u16 hs_off;
	bool back;
	u64 mask;
};

static struct hs_reg hs_regs[32];
static unsigned int nr_hs_regs;
/* The rows whose run value (kvmppc_reg_run_value()) fill() applies. */
static const struct kvmppc_reg_desc *lpcr_rd, *msr_rd;

static int hs_regs_init(void)
{
	unsigned int i, k;

	lpcr_rd = kvmppc_find_reg(KVM_REG_PPC_LPCR_64);
	msr_rd = kvmppc_find_reg(KVM_REG_PPC_MSR);
	if (!lpcr_rd || !msr_rd)
		return -EINVAL;
	nr_hs_regs = 0;
	for (i = 0; i < kvmppc_nr_regs; i++) {
		const struct kvmppc_reg_desc *rd = &kvmppc_regs[i];

		if (!rd->v1_off || !kvmppc_reg_on_host(rd, KVMPPC_HV))
			continue;
		for (k = 0; k < kvmppc_reg_count(rd); k++) {
			struct hs_reg *h = &hs_regs[nr_hs_regs];

			if (nr_hs_regs++ == ARRAY_SIZE(hs_regs))
				return -E2BIG;
			h->vcpu_off = rd->get ? rd->off + k * rd->stride :
				      offsetof(struct kvm_vcpu, arch.spr) +
				      rd->slot * sizeof(u64);
			h->hs_off = rd->v1_off + k * sizeof(u64);
			h->back = rd->get || (rd->flags & KVMPPC_REG_GUEST_R);
			h->mask = rd->mask;
		}
	}
	return 0;
}

static void rows_to_hs(struct kvm_vcpu *vcpu, struct hv_guest_state *hs)
{
	unsigned int i;

	for (i = 0; i < nr_hs_regs; i++)
		*(u64 *)((u8 *)hs + hs_regs[i].hs_off) =
			*(u64 *)((u8 *)vcpu + hs_regs[i].vcpu_off);
}

static void rows_from_hs(struct kvm_vcpu *vcpu, const struct hv_guest_state *hs)
{
	unsigned int i;

	for (i = 0; i < nr_hs_regs; i++)
		if (hs_regs[i].back)
			*(u64 *)((u8 *)vcpu + hs_regs[i].vcpu_off) =
				*(const u64 *)((const u8 *)hs + hs_regs[i].hs_off) &
				hs_regs[i].mask;
}

static int v1_probe(void)
{
	long rc;

	if (hs_regs_init())
		return -EINVAL;
	kvmhv_l0_probe();
	ptbl = kzalloc(PTB_BYTES, GFP_KERNEL);
	if (!ptbl)
		return -ENOMEM;
	rc = plpar_hcall_norets(H_SET_PARTITION_TABLE,
				__pa(ptbl) | (KVMHV_V1_PTB_ORDER - 8));
	if (rc != H_SUCCESS) {
		kfree(ptbl);
		ptbl = NULL;
		return kvmhv_errno(rc);
	}
	kvmhv_v1_spr_init();
	return 0;
}

/* The partition table is deregistered before it is freed. */
static void v1_remove(void)
{
	if (!ptbl)
		return;
	plpar_hcall_norets(H_SET_PARTITION_TABLE, 0);
	kfree(ptbl);
	ptbl = NULL;
}

/* An entry of the partition table: two big-endian doublewords. */
static __be64 *pate(u64 lpid)
{
	return ptbl + 2 * lpid;
}

/* A VM gets an LPID; -ENOSPC when every LPID of our table is taken. */
static int v1_init_vm(struct kvm *kvm)
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

/* Clear the VM's partition table entry, free its LPID. */
static void v1_destroy_vm(struct kvm *kvm)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);
	__be64 *e;

	if (!hvm->created)
		return;
	e = pate(hvm->guest_id);
	WRITE_ONCE(e[0], 0);
	WRITE_ONCE(e[1], 0);
	flush_lpid(hvm->guest_id);
	ida_free(&lpids, hvm->guest_id);
	hvm->created = false;
}

static int v1_vcpu_create(struct kvm_vcpu *vcpu)
{
	struct kvmhv_v1_state *st = kzalloc(sizeof(*st), GFP_KERNEL_ACCOUNT);

	if (!st)
		return -ENOMEM;
	to_hv_vcpu(vcpu)->plat = st;
	return 0;
}

static void v1_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	kfree(to_v1_vcpu(vcpu));
}

/* Point the VM's partition table entry at its trees. */
static void write_pate(struct kvm *kvm)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);
	__be64 *e = pate(hvm->guest_id);

	WRITE_ONCE(e[0], cpu_to_be64(PATB_HR | PATE0_RTS | PATE0_RPDS |
				     kvmhv_pgtable_root_pa(&hvm->pgt)));
	WRITE_ONCE(e[1], cpu_to_be64(hvm->process_table));
	/* The L0 reads the entry from our memory at the next entry. */
	smp_mb();
}

/* Guest-wide changes: the partition table entry; the rest rides in fill(). */
static void prepare(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vm *hvm = to_hv_vm(vcpu->kvm);

	if (!READ_ONCE(hvm->wide_dirty))
		return;
	mutex_lock(&hvm->lock);
	if (kvmhv_wide_take(hvm))
		write_pate(vcpu->kvm);
	mutex_unlock(&hvm->lock);
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
	hs->lpcr = kvmppc_reg_run_value(lpcr_rd, spr[KVMPPC_SPR_LPCR]);
	hs->pcr = compat_pcr(READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_ARCH_COMPAT]));
	hs->hfscr = V1_HFSCR | (cpu_has_feature(CPU_FTR_ARCH_31) ? HFSCR_PREFIX : 0);
	hs->tb_offset = READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_TB_OFFSET]);
	hs->hdec_expiry = kvmhv_slice_end();
	hs->heir = KVMHV_NO_HEIR;
	rows_to_hs(vcpu, hs);

	memset(regs, 0, sizeof(*regs));
	memcpy(regs->gpr, c->gpr, sizeof(regs->gpr));
	regs->nip = c->nip;
	regs->msr = kvmppc_reg_run_value(msr_rd, c->msr);
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

	memcpy(c->gpr, regs->gpr, sizeof(c->gpr));
	c->nip = regs->nip;
	c->msr = regs->msr;
	c->ctr = regs->ctr;
	c->lr = regs->link;
	c->xer = regs->xer;
	c->cr = regs->ccr;
	rows_from_hs(vcpu, hs);
	hv->hdar = hs->hdar;
	hv->hdsisr = hs->hdsisr;
	hv->asdr = hs->asdr;
	hv->heir = hs->heir;
}

/*
 * DEC as a signed value: 32 bits, or 56 with the large decrementer, which
 * a guest under QEMU has by default and sets far ahead when it idles.
 */
static s64 read_dec(void)
{
	return sign_extend64(mfspr(SPRN_DEC), fls64(decrementer_max));
}

/*
 * One H_ENTER_NESTED, with interrupts hard-disabled and the vCPU in guest
 * mode; returns with interrupts enabled and the guest's DEC and timebase
 * at exit in *@guest_dec and *@now.  The SRCU read lock is dropped while
 * the guest runs.
 */
static long enter_nested(struct kvm_vcpu *vcpu, struct kvmhv_v1_state *st,
			 u64 *now, s64 *guest_dec)
	__must_hold(&vcpu->kvm->srcu)
{
	u64 l1_dec, guest_exp;
	long rc;

	/*
	 * Under v1 the guest runs on the L1's DEC: load the guest's,
	 * put ours back (less the time spent) on the way out.
	 */
	guest_exp = kvmhv_tb_to_l1(vcpu, vcpu->arch.spr[KVMPPC_SPR_DEC_EXPIRY]);
	l1_dec = mftb() + read_dec();
	mtspr(SPRN_DEC, (s64)(guest_exp - mftb()));
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
	*now = mftb();
	*guest_dec = read_dec();
	/*
	 * Expired: soon, so that whatever it was for is looked at (a due
	 * tick is taken at once by kvmppc_guest_exit()); never further,
	 * or the CPU's timers would wait for the next exit.
	 */
	mtspr(SPRN_DEC, (s64)(l1_dec - *now) > 0 ? l1_dec - *now : 1);
	vcpu->mode = OUTSIDE_GUEST_MODE;
	kvmppc_guest_exit(vcpu);
	return rc;
}

/* Run a vCPU once with H_ENTER_NESTED: 1 with *@trap set, or see hv.h. */
static int v1_enter(struct kvm_vcpu *vcpu, unsigned long *trap)
{
	struct kvmhv_v1_state *st = to_v1_vcpu(vcpu);
	s64 guest_dec = 0;
	u64 now = 0;
	long rc;

	prepare(vcpu);
	do {
		if (kvm_check_request(KVM_REQ_TLB_FLUSH, vcpu))
			flush_lpid(to_hv_vm(vcpu->kvm)->guest_id);
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
		if (kvm_request_pending(vcpu) || lazy_irq_pending() ||
		    kvmhv_timer_due()) {
			vcpu->mode = OUTSIDE_GUEST_MODE;
			local_irq_enable();
			rc = H_BUSY;
			continue;
		}
		rc = enter_nested(vcpu, st, &now, &guest_dec);
		kvmhv_l0_count(vcpu, H_ENTER_NESTED);
	} while (rc == H_BUSY);
	if (rc <= 0) {
		pr_err_ratelimited("kvm-ppc: H_ENTER_NESTED failed: rc=%ld\n", rc);
		return kvmhv_fail_entry(vcpu, rc);
	}
	take(vcpu, &st->hs, &st->regs);
	take_math(vcpu, st);
	/* What is left of the guest's DEC, as an expiry in its timebase. */
	vcpu->arch.spr[KVMPPC_SPR_DEC_EXPIRY] = now + guest_dec +
		READ_ONCE(vcpu->kvm->arch.spr[KVMPPC_SPR_TB_OFFSET]);
	*trap = rc;
	return 1;
}

/* The L0 hands back the whole state at every exit: vcpu->arch is current. */
static int v1_regs_load(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	return 0;
}

/* Everything goes to the L0 at every entry; guest-wide rows need a mark. */
static void v1_regs_changed(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	const struct kvmppc_reg_desc *rd;
	unsigned int i;

	for (i = 0; i < n; i++) {
		rd = kvmppc_find_reg(ids[i]);
		if (rd && (rd->flags & KVMPPC_REG_VM)) {
			kvmhv_wide_changed(to_hv_vm(vcpu->kvm));
			return;
		}
	}
}

const struct kvmhv_platform_ops kvmhv_v1_platform = {
	.name = "nested v1 (H_ENTER_NESTED)",
	.nested_api = 1,
	.probe = v1_probe,
	.remove = v1_remove,
	.init_vm = v1_init_vm,
	.destroy_vm = v1_destroy_vm,
	.vcpu_create = v1_vcpu_create,
	.vcpu_destroy = v1_vcpu_destroy,
	.enter = v1_enter,
	.regs_load = v1_regs_load,
	.regs_changed = v1_regs_changed,
	.get_cpu_char = kvmhv_pseries_cpu_char,
};
