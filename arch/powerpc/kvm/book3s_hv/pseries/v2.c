// SPDX-License-Identifier: GPL-2.0-only
/*
 * HV guests through the PAPR nested v2 API (H_GUEST_*): the L0 keeps each
 * guest and its vCPUs; the L1 creates them, runs a vCPU with one
 * H_GUEST_RUN_VCPU per exit, and moves vCPU state through the state cache
 * (v2_state.c) in the run input and output buffers.
 *
 *   probe: H_GUEST_GET_CAPABILITIES, then H_GUEST_SET_CAPABILITIES with
 *          the best mode both sides share.
 *
 * Copyright The kvm-ppc clean-room authors.
 */
#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <asm/cputable.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc_backend.h>
#include <asm/kvm_ppc_gsb.h>

#include "kvm_ppc_internal.h"
#include "pseries.h"

/* Room for the few elements sent when a vCPU is created at the L0. */
#define CREATE_BUF_SIZE	64
/*
 * The run buffers: a page, but no more than 16 KiB, which QEMU as the L0
 * asserts on (a 64K-page host's page is more).  The state of a vCPU,
 * every element at once, takes under 4 KiB.
 */
#define RUN_BUF_SIZE	min_t(unsigned long, PAGE_SIZE, SZ_16K)

/* The L0 answered H_RPT_INVALIDATE with H_FUNCTION once: do not ask again. */
static bool rpt_unsupported;

/* The capability bit matching the CPU we run on, best first. */
static u64 wanted_mode(void)
{
	if (cpu_has_feature(CPU_FTR_ARCH_31))
		return H_GUEST_CAP_POWER10;
	return H_GUEST_CAP_POWER9;
}

static int v2_probe(void)
{
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	u64 mode;
	long rc;

	kvmhv_l0_probe();
	if (kvmhv_state_init())
		return -EINVAL;
	rc = plpar_hcall(H_GUEST_GET_CAPABILITIES, ret, 0);
	if (rc != H_SUCCESS)
		return kvmhv_errno(rc);
	mode = wanted_mode();
	if (!(ret[0] & mode))
		mode = ret[0] & H_GUEST_CAP_POWER9;
	if (!mode)
		return -EOPNOTSUPP;
	rc = plpar_hcall(H_GUEST_SET_CAPABILITIES, ret, 0, mode);
	/* H_STATE: set already, by an earlier load of this module. */
	if (rc != H_SUCCESS && rc != H_STATE)
		return kvmhv_errno(rc);
	pr_info("kvm-ppc: nested v2 mode %s\n",
		mode == H_GUEST_CAP_POWER10 ? "Power10" : "Power9");
	return 0;
}

static void v2_remove(void)
{
	/* The L0 keeps nothing of ours between guests. */
}

static int v2_init_vm(struct kvm *kvm)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	long rc;

	rc = kvmhv_l0_call(NULL, H_GUEST_CREATE, ret, 0, -1UL, 0, 0, 0);
	if (rc != H_SUCCESS) {
		pr_info_ratelimited("kvm-ppc: H_GUEST_CREATE failed: rc=%ld\n", rc);
		return kvmhv_errno(rc);
	}
	hvm->guest_id = ret[0];
	hvm->created = true;
	return 0;
}

static void v2_destroy_vm(struct kvm *kvm)
{
	struct kvmhv_vm *hvm = to_hv_vm(kvm);
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	long rc;

	if (!hvm->created)
		return;
	/* The L0 forgets the guest, its vCPUs and its translations. */
	rc = kvmhv_l0_call(NULL, H_GUEST_DELETE, ret, 0, hvm->guest_id, 0, 0, 0);
	if (rc != H_SUCCESS)
		pr_err("kvm-ppc: H_GUEST_DELETE of guest %llu failed: rc=%ld\n",
		       hvm->guest_id, rc);
	hvm->created = false;
}

static void v2_vcpu_free(struct kvmhv_v2_vcpu *v2)
{
	free_page((unsigned long)v2->run_in);
	free_page((unsigned long)v2->run_out);
	kfree(v2);
}

static int v2_vcpu_create(struct kvm_vcpu *vcpu)
{
	struct kvmhv_v2_vcpu *v2;

	v2 = kzalloc(sizeof(*v2), GFP_KERNEL_ACCOUNT);
	if (!v2)
		return -ENOMEM;
	v2->run_in_size = RUN_BUF_SIZE;
	v2->run_out_size = RUN_BUF_SIZE;
	v2->run_in = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	v2->run_out = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	if (!v2->run_in || !v2->run_out) {
		v2_vcpu_free(v2);
		return -ENOMEM;
	}
	to_hv_vcpu(vcpu)->plat = v2;
	kvmhv_state_all_dirty(vcpu);
	return 0;
}

static void v2_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	/* The L0 frees its vCPUs with the guest (H_GUEST_DELETE). */
	v2_vcpu_free(to_v2_vcpu(vcpu));
}

/* Create the vCPU at the L0, in order, and register its run buffers. */
static int create_l0_vcpu(struct kvm_vcpu *vcpu)
{
	struct kvmhv_v2_vcpu *v2 = to_v2_vcpu(vcpu);
	struct kvmhv_vm *hvm = to_hv_vm(vcpu->kvm);
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	u64 in[2] = { __pa(v2->run_in), v2->run_in_size };
	u64 out[2] = { __pa(v2->run_out), v2->run_out_size };
	struct kvmppc_gsb gsb;
	void *buf;
	long rc;
	int r;

	buf = kzalloc(CREATE_BUF_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&hvm->lock);
	rc = kvmhv_l0_call(vcpu, H_GUEST_CREATE_VCPU, ret, 0, hvm->guest_id,
			   hvm->next_l0_id, 0, 0);
	r = kvmhv_errno(rc);
	if (r) {
		pr_info_ratelimited("kvm-ppc: H_GUEST_CREATE_VCPU failed: rc=%ld\n", rc);
		goto out;
	}
	v2->l0_id = hvm->next_l0_id++;
	v2->created = true;
	kvmppc_gsb_init(&gsb, buf, CREATE_BUF_SIZE);
	kvmppc_gsb_put_u64s(&gsb, KVMPPC_GSID_RUN_INPUT, in, 2);
	r = kvmppc_gsb_put_u64s(&gsb, KVMPPC_GSID_RUN_OUTPUT, out, 2);
	if (WARN_ON_ONCE(r))
		goto out;
	rc = kvmhv_l0_call(vcpu, H_GUEST_SET_STATE, ret, 0, hvm->guest_id,
			   v2->l0_id, __pa(buf), CREATE_BUF_SIZE);
	r = kvmhv_errno(rc);
	if (r)
		pr_info_ratelimited("kvm-ppc: registering run buffers failed: rc=%ld element %lu\n",
				    rc, ret[0]);
out:
	mutex_unlock(&hvm->lock);
	kfree(buf);
	return r;
}

/*
 * The L0 caches translations of our partition-scoped tree.  PowerVM is told
 * with H_RPT_INVALIDATE; QEMU has no such call (H_FUNCTION) but drops its
 * cached translations at every L1/L2 switch, so the vCPU's exit and
 * re-entry is the invalidation there.
 */
static void v2_flush_tlb(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vm *hvm = to_hv_vm(vcpu->kvm);
	long rc;

	if (!hvm->created || READ_ONCE(rpt_unsupported))
		return;
	rc = plpar_hcall_norets(H_RPT_INVALIDATE, hvm->guest_id,
				H_RPTI_TARGET_CMMU, H_RPTI_TYPE_NESTED |
				H_RPTI_TYPE_TLB | H_RPTI_TYPE_PWC,
				H_RPTI_PAGE_ALL, 0, -1UL);
	kvmhv_l0_count(vcpu, H_RPT_INVALIDATE);
	if (rc == H_FUNCTION)
		WRITE_ONCE(rpt_unsupported, true);
	else if (rc != H_SUCCESS)
		pr_err_ratelimited("kvm-ppc: H_RPT_INVALIDATE failed: rc=%ld\n", rc);
}

/* The vCPU's first run creates it at the L0; guest-wide changes go first. */
static int prepare(struct kvm_vcpu *vcpu)
{
	struct kvmhv_vm *hvm = to_hv_vm(vcpu->kvm);
	int r;

	if (!to_v2_vcpu(vcpu)->created) {
		r = create_l0_vcpu(vcpu);
		if (r)
			return r;
	}
	if (!READ_ONCE(hvm->wide_dirty))
		return 0;
	mutex_lock(&hvm->lock);
	r = kvmhv_wide_take(hvm) ? kvmhv_push_wide_state(vcpu->kvm) : 0;
	mutex_unlock(&hvm->lock);
	return r;
}

static int v2_enter(struct kvm_vcpu *vcpu, unsigned long *trap)
{
	struct kvmhv_v2_vcpu *v2 = to_v2_vcpu(vcpu);
	unsigned long ret[PLPAR_HCALL_BUFSIZE];
	long rc;
	int r;

	r = prepare(vcpu);
	if (!r)
		r = kvmhv_state_fix_dec(vcpu);
	if (!r)
		r = kvmhv_state_fill_run_input(vcpu);
	if (r)
		return r;
	do {
		if (kvm_check_request(KVM_REQ_TLB_FLUSH, vcpu))
			v2_flush_tlb(vcpu);
		local_irq_disable();
		hard_irq_disable();
		/*
		 * Pairs with kvm_vcpu_kick(): either it sees IN_GUEST_MODE and
		 * sends the IPI that makes the L0 hand the vCPU back, or we see
		 * its request after the store.  Interrupts that came while
		 * soft-masked, and a timer due, are taken first.
		 */
		smp_store_mb(vcpu->mode, IN_GUEST_MODE);
		if (kvm_request_pending(vcpu) || lazy_irq_pending() ||
		    kvmhv_timer_due()) {
			vcpu->mode = OUTSIDE_GUEST_MODE;
			local_irq_enable();
			rc = H_BUSY;
			continue;
		}
		kvmppc_guest_enter_irqoff(vcpu);
		kvmhv_state_slice(vcpu);
		kvmhv_state_preflip_host_dec();
		rc = plpar_hcall(H_GUEST_RUN_VCPU, ret, 0,
				 to_hv_vm(vcpu->kvm)->guest_id, v2->l0_id);
		v2->exit_tb = mftb();
		guest_state_exit_irqoff();
		vcpu->mode = OUTSIDE_GUEST_MODE;
		kvmppc_guest_exit(vcpu);
		kvmhv_l0_count(vcpu, H_GUEST_RUN_VCPU);
	} while (rc == H_BUSY);
	if (rc != H_SUCCESS) {
		pr_err_ratelimited("kvm-ppc: H_GUEST_RUN_VCPU failed: rc=%ld element %lu\n",
				   rc, ret[0]);
		return kvmhv_fail_entry(vcpu, rc);
	}
	*trap = ret[0];
	r = kvmhv_state_take_run_output(vcpu);
	return r ? r : 1;
}

/* The nested-v2 elements behind @n ONE_REG ids; the guest-wide ones aside. */
static unsigned int to_gsids(const u64 *ids, unsigned int n, u16 *gsids,
			     bool *wide)
{
	const struct kvmppc_reg_desc *rd;
	unsigned int i, k = 0;

	for (i = 0; i < n; i++) {
		rd = kvmppc_find_reg(ids[i]);
		if (!rd)
			continue;
		if (rd->flags & KVMPPC_REG_VM)
			*wide = true;
		else if (rd->gsid)
			gsids[k++] = kvmppc_reg_gsid(rd, ids[i]);
	}
	return k;
}

/* Several registers, in one H_GUEST_GET_STATE at most. */
static int v2_regs_load(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	u16 gsids[KVMPPC_REGS_MAX_BATCH];
	bool wide = false;
	unsigned int k;

	if (WARN_ON_ONCE(n > ARRAY_SIZE(gsids)))
		return -EINVAL;
	/* Guest-wide values are in kvm->arch: the L0 only ever gets them. */
	k = to_gsids(ids, n, gsids, &wide);
	return k ? kvmhv_state_load(vcpu, gsids, k) : 0;
}

static void v2_regs_changed(struct kvm_vcpu *vcpu, const u64 *ids, unsigned int n)
{
	u16 gsids[KVMPPC_REGS_MAX_BATCH];
	bool wide = false;
	unsigned int k;

	if (WARN_ON_ONCE(n > ARRAY_SIZE(gsids)))
		return;
	k = to_gsids(ids, n, gsids, &wide);
	if (wide)
		kvmhv_wide_changed(to_hv_vm(vcpu->kvm));
	kvmhv_state_dirty(vcpu, gsids, k);
}

const struct kvmhv_platform_ops kvmhv_v2_platform = {
	.name = "nested v2 (H_GUEST_*)",
	.nested_api = 2,
	.probe = v2_probe,
	.remove = v2_remove,
	.init_vm = v2_init_vm,
	.destroy_vm = v2_destroy_vm,
	.vcpu_create = v2_vcpu_create,
	.vcpu_destroy = v2_vcpu_destroy,
	.enter = v2_enter,
	.regs_load = v2_regs_load,
	.regs_changed = v2_regs_changed,
	.get_cpu_char = kvmhv_pseries_cpu_char,
};
